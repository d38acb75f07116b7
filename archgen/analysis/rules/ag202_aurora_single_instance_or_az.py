"""AG202 aurora-single-instance-or-az: an Aurora cluster with one instance, or all in one AZ.

What it flags
-------------
An ``aurora`` cluster whose ``instances`` list holds a single DB instance, or whose instances
all run in the same Availability Zone. Judged at cluster level: an Aurora member instance has
no Multi-AZ flag of its own.

Why it matters
--------------
Aurora keeps six copies of the data across three AZs whatever the instances do, but only
instances serve queries. With one instance, a failure means Aurora creates a new one (about
10 minutes); with a reader in another AZ it promotes the reader, typically in under a
minute. Instances all in one AZ fail together with it. SLA: 99.99% Multi-AZ, 99.9% otherwise.
prowler and Trusted Advisor check this.

Failing spec
------------

```yaml
version: 1
name: aurora-one-writer
regions:
  - {name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
components:
  - id: ledger
    type: aurora
    engine: aurora-mysql
    region: eu-west-1
    instances:
      - {name: ledger-writer, az: eu-west-1a, instance_class: db.r6g.large}
```

Expected finding: AG202 at line 6 on ledger

Passing spec
------------

```yaml
version: 1
name: aurora-two-azs
regions:
  - {name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
components:
  - id: ledger
    type: aurora
    engine: aurora-mysql
    region: eu-west-1
    instances:
      - {name: ledger-a, az: eu-west-1a, role: writer, instance_class: db.r6g.large}
      - {name: ledger-b, az: eu-west-1b, role: reader, instance_class: db.r6g.large}
```

Fix
---
Add at least one reader in another AZ (it doubles as the failover target).

Source
------
Amazon Aurora User Guide, "High availability for Amazon Aurora" —
https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html ;
Amazon Aurora SLA — https://aws.amazon.com/rds/aurora/sla/
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG202", name="aurora-single-instance-or-az", severity="error",
    summary="Aurora cluster with one DB instance, or all its instances in one AZ",
    source="Amazon Aurora User Guide, High availability for Amazon Aurora — "
           "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
)


def check(ctx):
    for cluster in ctx.of_class(m.AuroraCluster):
        azs = sorted({i.az for i in cluster.instances if i.az})
        if len(cluster.instances) < 2:
            where = cluster.instances[0].az or "an AZ RDS chooses"
            problem = f"has a single DB instance ({cluster.instances[0].name} in {where}): a failure means waiting " \
                      "for Aurora to create a new one"
        elif any(i.az is None for i in cluster.instances):
            continue  # where RDS places them is AG210's question
        elif len(azs) < 2:
            problem = f"runs all {len(cluster.instances)} DB instances in {azs[0]}: they fail together with that AZ"
        else:
            continue
        yield RULE.finding(
            f"Aurora cluster '{cluster.id}' {problem}", [cluster.id], location=cluster.location,
            fix="add a reader instance in another AZ (it becomes the failover target)",
            details={"instances": [i.name for i in cluster.instances], "azs": azs})
