"""AG403 region-loss-cuts-flow: losing a Region cuts a flow the objectives say must survive it.

What it flags
-------------
With ``objectives.survive: region`` and components in two or more Regions, archgen removes
each Region the DR plan must survive (the primary; every Region for active/active) and checks
which flows still reach their data: global services (Route 53, CloudFront) keep working,
standby paths take over (Route 53 failover secondaries, CloudFront origin groups), and a
store replicated to a surviving Region (DynamoDB global table, Aurora Global Database, RDS
cross-Region read replica) is promoted there. A flow that no longer reaches its data is
reported with the components that fail with the Region on its paths. A flow whose requests a
router keeps sending to the lost Region (a latency or weighted record without a health check:
AG301) is cut for those requests even when another path reaches its data. Backup & restore is
left out: it redeploys the workload in the recovery Region (the rebuild is a step of its RTO).

Why it matters
--------------
A second Region is only a DR plan if every flow has a way to it: a recovery Region without
a path to the orders table — or without the table — restores half a service.

Failing spec
------------

```yaml
version: 1
name: standby-missing-data
objectives: {rto: 30m, rpo: 5m, survive: region}
dr: {strategy: warm-standby, primary_region: us-east-1, secondary_region: us-west-2, failover: automatic}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: failover, failover: primary, health_check: east}
      - {name: api, type: A, alias: true, target: api-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: api-east, interval: 10, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 40}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 40}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, point_in_time_recovery: true}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: orders}
  - {from: fn-west, to: orders}
```

Expected finding: AG403 at line 22 on api-east, fn-east, orders

Passing spec
------------

```yaml
version: 1
name: standby-with-data
objectives: {rto: 30m, rpo: 5m, survive: region}
dr: {strategy: warm-standby, primary_region: us-east-1, secondary_region: us-west-2, failover: automatic}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: failover, failover: primary, health_check: east}
      - {name: api, type: A, alias: true, target: api-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: api-east, interval: 10, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 40}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 40}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, point_in_time_recovery: true, global_table_regions: [us-west-2]}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: orders}
  - {from: fn-west, to: orders}
```

Fix
---
Give the recovery Region a path for every flow and a copy of every store it needs (global
tables, Aurora Global Database, cross-Region read replicas), with DNS or CloudFront
failover pointing at it.

Source
------
AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud" —
https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html ;
Well-Architected REL13-BP02
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import region_losses_to_survive

RULE = Rule(
    family=RuleFamily.REQUEST_GRAPH,
    id="AG403", name="region-loss-cuts-flow", severity="error",
    summary="losing the primary Region (any Region for active/active) cuts a flow under survive: region",
    source="AWS whitepaper Disaster Recovery of Workloads on AWS — "
           "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
)


def check(ctx):
    spec = ctx.spec
    if spec.objectives.survive != "region" or len({c.region for c in spec.components if c.region}) < 2:
        return  # one Region: AG307
    if spec.dr is not None and spec.dr.strategy == "backup-restore":
        return  # backup & restore redeploys the workload in the recovery Region: its rebuild step is in the RTO
    graph = ctx.graph
    for outcome in region_losses_to_survive(ctx):
        pinned = dict(outcome.pinned)
        for flow in outcome.cut:
            on_paths = graph.paths_through(flow)
            down = outcome.down_on(on_paths)
            location = spec.component(flow.target).location
            if flow in pinned:
                message = (f"losing {outcome.name} cuts {flow.label} for the requests routed to "
                           f"{', '.join(pinned[flow])}: no health check, so the router keeps sending them there")
                fix = "health-check every record of the set so Route 53 routes around the failed Region"
            else:
                message = (f"losing {outcome.name} cuts {flow.label}: no path through the surviving Region reaches "
                           f"its data (down: {', '.join(down) or 'none'})")
                fix = "give the recovery Region a path to a replica of the data"
            yield RULE.finding(
                message, down, location=location, fix=fix,
                details={"region": outcome.name, "flow": {"entry": flow.entry, "target": flow.target}, "down": down,
                         "pinned_to": list(pinned.get(flow, ()))})
