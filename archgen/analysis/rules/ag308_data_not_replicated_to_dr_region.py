"""AG308 data-not-replicated-to-dr-region: a store whose data never reaches the recovery Region.

What it flags
-------------
With a ``dr`` strategy across two Regions, a data store written by the workload in the
primary Region (in any Region for active/active) without a copy in the recovery Region:
no DynamoDB global table replica, Aurora Global Database secondary, RDS cross-Region read
replica, S3 replication, or replication connection to a store there. For ``backup-restore``
the backups copied every ``dr.backup_interval`` count as the copy, and so do the copies a
``backup_plan`` makes to the recovery Region (its ``copy_to`` rules) of the stores it protects;
pilot light, warm standby and active/active rely on continuous replication.

Why it matters
--------------
Compute can be rebuilt in another Region in minutes; data cannot be conjured. A recovery
Region without the data serves empty tables. checkov CKV_AWS_144 checks S3 replication
only; no tool checks the data stores against the DR plan.

Failing spec
------------

```yaml
version: 1
name: standby-without-data
objectives: {rto: 30m, rpo: 5m, survive: region}
dr: {strategy: warm-standby, primary_region: us-east-1, secondary_region: us-west-2}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
network:
  vpcs:
    - id: east
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - {id: shoppers, type: users}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 50}
  - {id: orders-db, type: rds, engine: postgres, subnets: [data-a, data-b], multi_az: true, backup_retention_days: 14}
connections:
  - {from: shoppers, to: api}
  - {from: api, to: fn}
  - {from: fn, to: orders-db}
```

Expected finding: AG308 at line 19 on orders-db

Passing spec
------------

```yaml
version: 1
name: standby-with-replica
objectives: {rto: 30m, rpo: 5m, survive: region}
dr: {strategy: warm-standby, primary_region: us-east-1, secondary_region: us-west-2}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
network:
  vpcs:
    - id: east
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - {id: shoppers, type: users}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 50}
  - id: orders-db
    type: rds
    engine: postgres
    subnets: [data-a, data-b]
    multi_az: true
    backup_retention_days: 14
    read_replicas: [{region: us-west-2}]
connections:
  - {from: shoppers, to: api}
  - {from: api, to: fn}
  - {from: fn, to: orders-db}
```

Fix
---
Replicate each store to the recovery Region continuously (global tables, Aurora Global
Database, a cross-Region read replica, S3 replication), or — for backup & restore — copy
its backups there on a schedule shorter than the RPO.

Source
------
AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud" (pilot light
and warm standby keep data live in the recovery Region) —
https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import backup_copy_regions, data_copy_regions, written_stores
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG308", name="data-not-replicated-to-dr-region", severity="error",
    summary="a store written in the primary Region has no copy in the DR Region",
    source="AWS whitepaper Disaster Recovery of Workloads on AWS — "
           "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
)


def check(ctx):
    spec = ctx.spec
    dr = spec.dr
    if dr is None or not dr.secondary_region or len(spec.regions) < 2:
        return
    if dr.strategy == "backup-restore" and dr.backup_interval_s is not None:
        return  # backups copied to the recovery Region are the copy; AG206 judges their interval
    backups = backup_copy_regions(spec, ctx.backup_plans) if dr.strategy == "backup-restore" else {}
    for c in written_stores(spec):
        if dr.strategy == "active-active":
            wanted = [r.name for r in spec.regions if r.name != c.region]
        elif c.region == dr.primary_region:
            wanted = [dr.secondary_region]
        else:
            continue
        copies = (*data_copy_regions(spec, c), *backups.get(c.id, ()))
        missing = [r for r in wanted if r not in copies]
        if missing:
            yield RULE.finding(
                f"'{c.id}' in {c.region} has no copy in {', '.join(missing)}: after failing over, the "
                f"{dr.strategy} Region has no data", [c.id], location=c.location,
                fix=("copy its backups to the recovery Region (a backup plan's copy_to rule) or " if backups else "")
                + "replicate it continuously to the recovery Region (global table, Global Database, "
                  "cross-Region read replica, S3 replication)",
                details={"region": c.region, "copies_in": list(copies), "missing_in": missing})
