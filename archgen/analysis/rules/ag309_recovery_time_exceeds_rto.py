"""AG309 recovery-time-exceeds-rto: the design cannot recover within the RTO.

What it flags
-------------
The recovery-time estimate in the scope of the objectives is longer than
``objectives.rto``, or has no bound:

* ``survive: az`` — losing the worst AZ: RDS Multi-AZ failover (typically 60–120 s),
  load-balancer health checks taking lost targets out (interval × unhealthy threshold,
  derived); a flow that losing the AZ cuts has to be rebuilt by hand: no bound;
* ``survive: region`` — the DR strategy's recovery time (the AWS DR whitepaper: backup &
  restore in hours, pilot light in tens of minutes, warm standby in minutes, active/active
  near zero; the smallest value of each order is used as a floor) and the DNS failover
  time (health-check interval × failure threshold + TTL, derived). A one-Region design is
  AG307's business.

Why it matters
--------------
An RTO the design cannot physically meet is a promise that fails on the first bad day.
The estimate is a lower bound: manual decisions, data promotion and scaling the recovery
Region add to it.

Failing spec
------------

```yaml
version: 1
name: pilot-light-fast-rto
objectives: {rto: 5m, rpo: 15m, survive: region}
dr: {strategy: pilot-light, primary_region: us-east-1, secondary_region: us-west-2, failover: automatic}
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
      - {id: east, target: api-east, interval: 30, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 40}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 40}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: table}
  - {from: fn-west, to: table}
```

Expected finding: AG309 at line 3

Passing spec
------------

```yaml
version: 1
name: warm-standby-fast-rto
objectives: {rto: 5m, rpo: 15m, survive: region}
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
      - {id: east, target: api-east, interval: 30, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 40}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 40}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: table}
  - {from: fn-west, to: table}
```

Fix
---
Choose a DR strategy whose recovery time fits (warm standby or active/active for minutes),
automate failover with health-checked DNS, and remove the single points of failure whose
loss needs a manual rebuild.

Source
------
AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud" —
https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html ;
Amazon RDS User Guide, "Failing over a Multi-AZ DB instance"
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.formatting import duration

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG309", name="recovery-time-exceeds-rto", severity="error",
    summary="estimated recovery time (DR strategy, failover timing, manual rebuilds) longer than the RTO",
    source="AWS whitepaper Disaster Recovery of Workloads on AWS — "
           "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
)


def check(ctx):
    spec = ctx.spec
    rto = spec.objectives.rto_s
    if rto is None:
        return
    if spec.objectives.survive == "region" and (spec.dr is None or len({c.region for c in spec.components if c.region}) < 2):
        return  # AG307 reports the missing second Region
    recovery = ctx.recovery
    if recovery.meets_rto:
        return
    scope = "losing an AZ" if recovery.scope == "az" else "losing the primary Region"
    if recovery.rto_s is None:
        unbounded = [s for s in recovery.rto_steps if not s.bounded]
        message = f"after {scope} recovery has no bound ({unbounded[0].what}), against an RTO of {duration(rto)}"
        worst = unbounded
    else:
        worst = [max((s for s in recovery.rto_steps if s.seconds is not None), key=lambda s: s.seconds)]
        message = f"after {scope} recovery takes at least {duration(recovery.rto_s)} ({worst[0].what}), longer than " \
                  f"the RTO of {duration(rto)}"
    outcomes = ctx.failure_domains.azs if recovery.scope == "az" else ctx.failure_domains.regions
    involved = sorted({cid for o in outcomes for flow in o.cut for cid in o.down_on(ctx.graph.paths_through(flow))})
    yield RULE.finding(message, involved, location=spec.objectives.location,
                       fix="automate recovery: remove manual rebuilds, pick a DR strategy and DNS failover "
                           "timing that fit the RTO",
                       details={"scope": recovery.scope, "rto_seconds": rto, "estimate_seconds": recovery.rto_s,
                                "steps": [s.to_json() for s in recovery.rto_steps]})
