"""AG311 no-cross-region-copy: data that must survive a Region loss has no copy in another Region.

What it flags
-------------
Under ``objectives.survive: region`` and without a ``dr`` plan (AG308 judges the stores against
a DR plan), a store written by the workload whose data nothing copies to another Region: no S3
replication, DynamoDB global table, Aurora Global Database, cross-Region read replica,
replication connection, nor a backup copy to another Region (AWS Backup copy rules, from any
component type that declares the ``backup copy`` capability).

Why it matters
--------------
The objective says the system survives losing a Region. Compute can be redeployed
elsewhere; data with every copy in the lost Region cannot be, and everything written
since the store was created is lost until the Region returns.

Failing spec
------------

```yaml
version: 1
name: single-region-table
objectives: {survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 50}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
connections:
  - {from: fn, to: orders}
```

Expected finding: AG311 at line 9 on orders

Passing spec
------------

```yaml
version: 1
name: global-table
objectives: {survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 50}
  - id: orders
    type: dynamodb
    region: us-east-1
    partition_key: {name: pk}
    capacity: {mode: on-demand}
    global_table_regions: [us-west-2]
connections:
  - {from: fn, to: orders}
```

Fix
---
Replicate the store to another Region (S3 replication, a global table, an Aurora Global
Database, a cross-Region read replica), or copy its backups there (an AWS Backup copy rule),
and write the recovery down as a ``dr`` plan.

Source
------
AWS Well-Architected Reliability Pillar, REL13-BP02 "Use defined recovery strategies to meet
the recovery objectives" — https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_planning_for_recovery_disaster_recovery.html ;
AWS whitepaper "Disaster Recovery of Workloads on AWS"
"""

from __future__ import annotations

from archgen.analysis.redundancy import backup_copy_regions, data_copy_regions, written_stores
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG311", name="no-cross-region-copy", severity="error",
    summary="under survive: region, a store written by the workload has no copy (replica or backup) in another Region",
    source="AWS Well-Architected Reliability Pillar REL13-BP02 — "
           "https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_planning_for_recovery_disaster_recovery.html",
)


def check(ctx):
    spec = ctx.spec
    if spec.objectives.survive != "region" or spec.dr is not None:
        return
    backups = backup_copy_regions(spec, ctx.backup_plans)
    for c in written_stores(spec):
        elsewhere = [r for r in (*data_copy_regions(spec, c), *backups.get(c.id, ())) if r != c.region]
        if elsewhere:
            continue
        yield RULE.finding(
            f"'{c.id}' keeps every copy of its data in {c.region}: the objectives ask to survive losing a Region, "
            "and nothing replicates it or copies its backups to another Region",
            [c.id], location=c.location,
            fix="replicate it to another Region (S3 replication, global table, Global Database, cross-Region "
                "read replica) or copy its backups there (AWS Backup copy rule)",
            details={"region": c.region})
