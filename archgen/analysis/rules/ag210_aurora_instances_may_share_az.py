"""AG210 aurora-instances-may-share-az: Aurora instances whose AZ RDS chooses, so they may share one.

What it flags
-------------
An ``aurora`` cluster with two or more DB instances where at least one leaves ``az`` out
(RDS chooses an AZ of the cluster's subnets for it) and the pinned ones do not already cover
two AZs. Nothing then keeps the writer and its readers apart. (All instances pinned to one
AZ is AG202.)

Why it matters
--------------
A reader is the failover target of the writer only if it survives what took the writer down.
When RDS places an instance it may pick the writer's AZ, and one AZ failure then stops every
instance: the cluster waits for Aurora to create a new one. CloudFormation templates often
leave ``AvailabilityZone`` out of ``AWS::RDS::DBInstance``.

Failing spec
------------

```yaml
version: 1
name: aurora-unpinned
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - id: db
    type: aurora
    engine: aurora-mysql
    subnets: [data-a, data-b]
    instances:
      - {name: a}
      - {name: b}
```

Expected finding: AG210 at line 13 on db

Passing spec
------------

```yaml
version: 1
name: aurora-pinned
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - id: db
    type: aurora
    engine: aurora-mysql
    subnets: [data-a, data-b]
    instances:
      - {name: a, az: us-east-1a}
      - {name: b, az: us-east-1b}
```

Fix
---
Give each instance an ``az`` (``AvailabilityZone``), the writer and at least one reader in
different AZs.

Source
------
AWS CloudFormation Template Reference, ``AWS::RDS::DBInstance`` ``AvailabilityZone`` (default:
a random, system-chosen Availability Zone) —
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html ;
Amazon Aurora User Guide, "High availability for Amazon Aurora"
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG210", name="aurora-instances-may-share-az", severity="warning",
    summary="Aurora instances without a pinned AZ (RDS chooses) that may all share one AZ",
    source="AWS CloudFormation, AWS::RDS::DBInstance AvailabilityZone — "
           "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html",
)


def check(ctx):
    for cluster in ctx.of_class(m.AuroraCluster):
        unpinned = [i.name for i in cluster.instances if i.az is None]
        pinned = sorted({i.az for i in cluster.instances if i.az})
        if len(cluster.instances) < 2 or not unpinned or len(pinned) >= 2:
            continue
        chosen = "the AZ of " + ", ".join(unpinned)
        yield RULE.finding(
            f"Aurora cluster '{cluster.id}' lets RDS choose {chosen}: all {len(cluster.instances)} DB instances may "
            "end up in one AZ and fail with it",
            [cluster.id], location=cluster.location,
            fix="set az on every instance, the writer and at least one reader in different AZs",
            details={"unpinned": unpinned, "pinned_azs": pinned})
