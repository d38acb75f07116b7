"""AG201 rds-single-az: an RDS DB instance without Multi-AZ.

What it flags
-------------
An ``rds`` component with ``multi_az: false`` (the default). Aurora clusters are a different
component type, judged at cluster level by AG202 — never instance by instance, which is
how checkov's Terraform check wrongly fails Aurora members.

Why it matters
--------------
A Single-AZ DB instance is down during an instance failure, an AZ outage, and engine
patching that needs a restart; recovery is a restore from backup (minutes to hours, losing
up to 5 minutes of writes). Multi-AZ keeps a synchronous standby in another AZ and fails
over in typically 60–120 seconds. SLA: 99.95% Multi-AZ, 99.5% Single-AZ. checkov
CKV_AWS_157 and prowler check it. Corpus templates ``RDS_PIOPS`` and
``RDS_MySQL_With_Read_Replica`` (MultiAZ parameter defaulting to false) are examples.

Failing spec
------------

```yaml
version: 1
name: rds-single-az
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
  - {id: db, type: rds, engine: mysql, instance_class: db.m5.large, subnets: [data-a, data-b], backup_retention_days: 7}
```

Expected finding: AG201 at line 13 on db

Passing spec
------------

```yaml
version: 1
name: rds-multi-az
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
  - {id: db, type: rds, engine: mysql, instance_class: db.m5.large, subnets: [data-a, data-b], multi_az: true, backup_retention_days: 7}
  - id: cluster
    type: aurora
    engine: aurora-postgresql
    subnets: [data-a, data-b]
    instances: [{az: us-east-1a}, {az: us-east-1b}]
```

Fix
---
Set ``multi_az: true`` (DB subnet group over at least two AZs).

Source
------
Amazon RDS User Guide, "Multi-AZ DB instance deployments" —
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html ;
Amazon RDS SLA — https://aws.amazon.com/rds/sla/
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG201", name="rds-single-az", severity="error",
    summary="RDS DB instance without Multi-AZ (Aurora is judged at cluster level by AG202)",
    source="Amazon RDS User Guide, Multi-AZ DB instance deployments — "
           "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html",
)


def check(ctx):
    for db in ctx.of_class(m.RdsInstance):
        if db.multi_az or db.replica_of:  # a named read replica is judged as the copy it is (AG213)
            continue
        yield RULE.finding(
            f"RDS instance '{db.id}' ({db.engine}) is Single-AZ {where(db)}: an instance or AZ "
            "failure stops it until it is restored from backup",
            [db.id], location=db.location, fix="set multi_az: true (a synchronous standby in a second AZ)",
            details={"primary_az": db.primary_az if len(db.azs) <= 1 else None, "candidate_azs": list(db.azs)})


def where(db: m.RdsInstance) -> str:
    """The AZ the spec gives it; with subnets in several AZs RDS chooses one of them, which the spec
    does not say (CloudFormation ``AvailabilityZone`` left out), so none is named."""
    if len(db.azs) > 1:
        return f"in one AZ RDS chooses among its subnet group's {len(db.azs)} ({', '.join(db.azs)})"
    return f"in {db.azs[0] if db.azs else db.region}"
