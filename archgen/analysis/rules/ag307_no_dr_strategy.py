"""AG307 no-dr-strategy: the objectives ask to survive a Region, the design lives in one.

What it flags
-------------
A spec with ``objectives.survive: region`` and no ``dr`` block, or whose components all run in
a single Region — unless the strategy is backup & restore with backups copied to the recovery
Region (``dr.backup_interval``): AWS describes that as a DR strategy whose recovery Region holds
only backups until the workload is redeployed there.

Why it matters
--------------
Multi-AZ designs survive an AZ; a Region-wide event (a control-plane failure, a bad
regional deployment of a dependency) takes all AZs at once. Surviving it needs a second
Region prepared ahead of time — backups there at least (backup & restore), some
infrastructure (pilot light, warm standby) or a live copy (active/active) — and a tested way
to move traffic. No scanner checks a Region-level objective against the design.

Failing spec
------------

```yaml
version: 1
name: one-region
objectives: {availability: 99.99, rto: 15m, rpo: 1m, survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
components:
  - {id: clients, type: users}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 40}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, point_in_time_recovery: true}
connections:
  - {from: clients, to: api}
  - {from: api, to: fn}
  - {from: fn, to: table}
```

Expected finding: AG307 at line 3

Passing spec
------------

```yaml
version: 1
name: two-regions
objectives: {availability: 99.99, rto: 15m, rpo: 1m, survive: region}
dr: {strategy: active-active, primary_region: us-east-1, secondary_region: us-west-2}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b, us-west-2c]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: latency, region: us-east-1, set_identifier: east, health_check: east}
      - {name: api, type: A, alias: true, target: api-west, routing: latency, region: us-west-2, set_identifier: west, health_check: west}
    health_checks:
      - {id: east, target: api-east, interval: 10, failure_threshold: 2}
      - {id: west, target: api-west, interval: 10, failure_threshold: 2}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 40}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 40}
  - {id: table-east, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, point_in_time_recovery: true, global_table_regions: [us-west-2]}
  - {id: table-west, type: dynamodb, region: us-west-2, partition_key: {name: pk}, capacity: {mode: on-demand}, point_in_time_recovery: true, global_table_regions: [us-east-1]}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: table-east}
  - {from: fn-west, to: table-west}
  - {from: table-east, to: table-west, kind: replication, bidirectional: true}
```

Fix
---
Choose a DR strategy whose recovery time and recovery point fit the objectives, declare it
in ``dr`` (strategy, primary and secondary Region), and build the secondary Region's part
of the design; or, if a Region-wide outage is acceptable, set ``survive: az``.

Source
------
AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud" —
https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html ;
Well-Architected REL13-BP02
"""

from __future__ import annotations

from archgen.analysis.dr import backups_in_recovery_region
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG307", name="no-dr-strategy", severity="error",
    summary="objectives ask to survive a Region but there is no DR strategy or no second Region",
    source="AWS whitepaper Disaster Recovery of Workloads on AWS — "
           "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
)


def check(ctx):
    spec = ctx.spec
    if spec.objectives.survive != "region":
        return
    used = sorted({c.region for c in spec.components if c.region})
    if spec.dr is None:
        problem = "there is no dr strategy"
    elif len(used) < 2 and not backups_in_recovery_region(spec):
        problem = f"every component runs in {used[0] if used else 'one Region'}"
    else:
        return
    yield RULE.finding(
        f"the objectives ask to survive a Region (survive: region) but {problem}: a Region-wide outage stops "
        "everything", [], location=spec.objectives.location,
        fix="declare a dr strategy with a secondary Region and build that Region's part of the design, "
            "or set survive: az", details={"regions_used": used})
