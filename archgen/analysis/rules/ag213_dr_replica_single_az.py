"""AG213 dr-replica-single-az: a cross-Region read replica, kept for a Region failover, that is Single-AZ.

What it flags
-------------
An RDS DB instance's read replica in another Region (listed in ``read_replicas`` or named as a
component with ``replica_of``) without its own ``multi_az``, when that Region is where the
design recovers: the ``dr.secondary_region``, or any other Region under ``survive: region``.

Why it matters
--------------
In a Region failover the replica is promoted and becomes the database. A Single-AZ replica
becomes a Single-AZ database: the recovery Region then depends on one instance in one AZ,
with no standby to fail over to, just when the primary Region is gone.

Failing spec
------------

```yaml
version: 1
name: dr-replica-single-az
objectives: {survive: region}
dr: {strategy: pilot-light, primary_region: us-east-1, secondary_region: us-west-2}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - id: db
    type: rds
    engine: postgres
    azs: [us-east-1a, us-east-1b]
    multi_az: true
    read_replicas:
      - {region: us-west-2, az: us-west-2a}
```

Expected finding: AG213 at line 9 on db

Passing spec
------------

```yaml
version: 1
name: dr-replica-multi-az
objectives: {survive: region}
dr: {strategy: pilot-light, primary_region: us-east-1, secondary_region: us-west-2}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - id: db
    type: rds
    engine: postgres
    azs: [us-east-1a, us-east-1b]
    multi_az: true
    read_replicas:
      - {region: us-west-2, az: us-west-2a, multi_az: true}
```

Fix
---
Make the replica Multi-AZ (``multi_az: true`` on the replica), so the database stays
Multi-AZ after promotion.

Source
------
Amazon RDS User Guide, "Working with DB instance read replicas" (a read replica can be a
Multi-AZ DB instance; promotion) —
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG213", name="dr-replica-single-az", severity="warning",
    summary="cross-Region RDS read replica kept for Region failover is Single-AZ (so is the database after promotion)",
    source="Amazon RDS User Guide, Working with DB instance read replicas — "
           "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html",
)


def recovery_regions(spec) -> set[str]:
    """Regions a Region failover moves to: the DR plan's, or every Region under ``survive: region``."""
    regions = {r.name for r in spec.regions} if spec.objectives.survive == "region" else set()
    if spec.dr is not None and spec.dr.secondary_region:
        regions.add(spec.dr.secondary_region)
    return regions


def check(ctx):
    spec = ctx.spec
    recovery = recovery_regions(spec)
    if not recovery:
        return
    for db in ctx.of_class(m.RdsInstance):
        for replica in db.read_replicas:
            if replica.region in (None, db.region) or replica.region not in recovery or replica.multi_az:
                continue
            named = f"replica '{replica.component}'" if replica.component else "read replica"
            target = spec.get(replica.component) or db
            yield RULE.finding(
                f"'{db.id}' has a Single-AZ {named} in {replica.region}: promoted in a Region failover, the database "
                "runs there on one instance in one AZ",
                [db.id] + ([replica.component] if replica.component else []), location=target.location,
                regions=(replica.region,),
                fix="set multi_az: true on the replica",
                details={"replica_region": replica.region, "replica_az": replica.az})
