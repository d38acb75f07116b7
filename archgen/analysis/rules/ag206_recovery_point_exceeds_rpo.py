"""AG206 recovery-point-exceeds-rpo: a store can lose more recent data than the RPO allows.

What it flags
-------------
A data store written by the workload whose estimated data-loss window, in the scope of the
objectives (``survive: az`` — losing an AZ; ``survive: region`` — losing a Region), is
longer than ``objectives.rpo``, or unbounded because no copy survives. The estimate comes
from the replication and backups the spec declares (see ``archgen analyze`` → recovery):
synchronous Multi-AZ copies lose nothing; a Single-AZ RDS instance restores to within
5 minutes; a DynamoDB global table lags about a second; S3 replication up to 15 minutes;
backups copied to the DR Region lose up to one ``dr.backup_interval``.

Why it matters
--------------
A backup interval or replication lag longer than the RPO means the objective is broken by
design: the data written since the last copy is gone when the primary is.

Failing spec
------------

```yaml
version: 1
name: nightly-copies
objectives: {rto: 24h, rpo: 1h, survive: region}
dr: {strategy: backup-restore, primary_region: us-east-1, secondary_region: us-west-2, backup_interval: 24h}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: shoppers, type: users}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: orders-fn, type: lambda, region: us-east-1, duration_ms: 60}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: order_id}, capacity: {mode: on-demand}, point_in_time_recovery: true}
connections:
  - {from: shoppers, to: api}
  - {from: api, to: orders-fn}
  - {from: orders-fn, to: orders, read_ratio: 0.5}
```

Expected finding: AG206 at line 12 on orders

Passing spec
------------

```yaml
version: 1
name: frequent-copies
objectives: {rto: 24h, rpo: 1h, survive: region}
dr: {strategy: backup-restore, primary_region: us-east-1, secondary_region: us-west-2, backup_interval: 30m}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: shoppers, type: users}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: orders-fn, type: lambda, region: us-east-1, duration_ms: 60}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: order_id}, capacity: {mode: on-demand}, point_in_time_recovery: true}
connections:
  - {from: shoppers, to: api}
  - {from: api, to: orders-fn}
  - {from: orders-fn, to: orders, read_ratio: 0.5}
```

Fix
---
Copy data more often than the RPO: shorten ``dr.backup_interval``, or replicate
continuously (DynamoDB global tables, Aurora Global Database, a cross-Region read replica,
S3 replication); for a Single-AZ database, enable Multi-AZ.

Source
------
AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud" —
https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-workloads-on-aws.html ;
Well-Architected REL13-BP01/BP02
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.formatting import duration

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG206", name="recovery-point-exceeds-rpo", severity="error",
    summary="a store's estimated data-loss window (backups, replication) is longer than the RPO",
    source="AWS whitepaper Disaster Recovery of Workloads on AWS — "
           "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-workloads-on-aws.html",
)


def check(ctx):
    spec = ctx.spec
    rpo = spec.objectives.rpo_s
    if rpo is None:
        return
    recovery = ctx.recovery
    scope = "an AZ" if recovery.scope == "az" else "a Region"
    for store in recovery.stores:
        c = spec.component(store.component)
        if store.lost:
            message = f"'{c.id}' has no copy that survives losing {scope} ({store.mechanism}): its data can be lost " \
                      f"entirely, against an RPO of {duration(rpo)}"
        elif store.high_s is not None and store.high_s > rpo:
            message = f"'{c.id}' can lose up to {duration(store.high_s)} of writes ({store.mechanism}) when losing " \
                      f"{scope}, more than the RPO of {duration(rpo)}"
        else:
            continue  # within the RPO, or a lag AWS does not publish (the RPO estimate then says unknown)
        yield RULE.finding(message, [c.id], location=c.location,
                           fix="copy its data more often than the RPO (continuous replication, or a shorter "
                               "backup interval)",
                           details={"scope": recovery.scope, "rpo_seconds": rpo, "estimate_seconds": store.high_s,
                                    "unbounded": store.lost, "mechanism": store.mechanism, "basis": store.source})
