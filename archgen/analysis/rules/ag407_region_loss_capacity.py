"""AG407 region-loss-capacity: after losing a Region, the Regions left cannot carry the peak (no Region N+1).

What it flags
-------------
Under ``objectives.survive: region``, for each Region the DR plan must survive losing (the
primary; every Region for active/active), the tiers of the Regions left whose peak grows once
the lost Region's requests move to them (failover records, health-checked latency sets, origin
groups; archgen.analysis.region_capacity reruns the traffic model on the rerouted design), when
what they serve at 100% utilisation is below that peak:

* at their largest size (``max`` of an Auto Scaling group or ECS service, provisioned
  capacity, reserved concurrency): an error — the recovery Region cannot serve the peak at all;
* at their current size (``desired``): a warning — they must scale out first, and that time
  counts in the RTO (AG309): Lambda's published scaling rate, else ``dr.scale_out_time``, else
  unknown.

Tiers without a known ceiling (a load balancer scales itself) are left out, like in AG405.
Backup & restore rebuilds the recovery Region, whose size the spec does not give.

Why it matters
--------------
A recovery Region is only a recovery if it can take the load. A warm standby sized at half
the peak passes every drill with test traffic and falls over on the day it takes production's
(AWS DR whitepaper: "Can the other Region(s) handle all the traffic?"). Scaling out during a
Regional event relies on the Auto Scaling control plane and on capacity being available.

Failing spec
------------

```yaml
version: 1
name: standby-too-small
objectives: {rto: 30m, rpo: 5m, survive: region}
dr: {strategy: warm-standby, primary_region: us-east-1, secondary_region: us-west-2, failover: automatic}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: shoppers, type: users, traffic: {peak_rps: 140}}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: alb-east, routing: failover, failover: primary, health_check: east}
      - {name: api, type: A, alias: true, target: alb-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: alb-east, interval: 10, failure_threshold: 3}
  - {id: alb-east, type: alb, azs: [us-east-1a, us-east-1b], health_check: {path: /health}}
  - {id: web-east, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 4, desired: 4, max: 8, capacity_rps: 40}
  - {id: alb-west, type: alb, azs: [us-west-2a, us-west-2b], health_check: {path: /health}}
  - {id: web-west, type: autoscaling, azs: [us-west-2a, us-west-2b], min: 2, desired: 2, max: 3, capacity_rps: 25}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
connections:
  - {from: shoppers, to: dns}
  - {from: dns, to: alb-east}
  - {from: dns, to: alb-west}
  - {from: alb-east, to: web-east}
  - {from: alb-west, to: web-west}
  - {from: web-east, to: orders}
  - {from: web-west, to: orders}
```

Expected finding: AG407 at line 21 on web-west

Passing spec
------------

```yaml
version: 1
name: standby-sized-for-the-peak
objectives: {rto: 30m, rpo: 5m, survive: region}
dr: {strategy: warm-standby, primary_region: us-east-1, secondary_region: us-west-2, failover: automatic}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: shoppers, type: users, traffic: {peak_rps: 140}}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: alb-east, routing: failover, failover: primary, health_check: east}
      - {name: api, type: A, alias: true, target: alb-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: alb-east, interval: 10, failure_threshold: 3}
  - {id: alb-east, type: alb, azs: [us-east-1a, us-east-1b], health_check: {path: /health}}
  - {id: web-east, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 4, desired: 4, max: 8, capacity_rps: 40}
  - {id: alb-west, type: alb, azs: [us-west-2a, us-west-2b], health_check: {path: /health}}
  - {id: web-west, type: autoscaling, azs: [us-west-2a, us-west-2b], min: 4, desired: 4, max: 8, capacity_rps: 40}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
connections:
  - {from: shoppers, to: dns}
  - {from: dns, to: alb-east}
  - {from: dns, to: alb-west}
  - {from: alb-east, to: web-east}
  - {from: alb-west, to: web-west}
  - {from: web-east, to: orders}
  - {from: web-west, to: orders}
```

Fix
---
Size each tier of the recovery Region so it serves the peak it takes over — at its current
size for a static-stable (hot) standby, or at least at its largest, with a measured
``dr.scale_out_time`` that fits the RTO — and raise the service quotas there to match.

Source
------
AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud" ("Warm standby":
scale out to production capacity with Auto Scaling; "Multi-site active/active": can the other
Regions handle all the traffic?) —
https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
"""

from __future__ import annotations

from archgen.analysis.failure_domains import RegionTierCapacity
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import region_losses_to_survive
from archgen.formatting import duration

RULE = Rule(
    family=RuleFamily.REQUEST_GRAPH,
    id="AG407", name="region-loss-capacity", severity="error",
    summary="after losing a Region, a tier of the Regions left cannot serve the peak it takes over (at its largest: "
            "error; at its current size: warning, it must scale out first)",
    source="AWS whitepaper Disaster Recovery of Workloads on AWS — "
           "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
)


def check(ctx):
    spec = ctx.spec
    for outcome in region_losses_to_survive(ctx):
        for tier in outcome.capacity:
            if not isinstance(tier, RegionTierCapacity) or tier.enough is not False and tier.enough_at_max is not False:
                continue
            c = spec.component(tier.component)
            details = {"region": outcome.name, **tier.to_json()}
            if tier.enough_at_max is False:
                yield RULE.finding(
                    f"losing {outcome.name} sends '{c.id}' ({c.region}) {tier.describe()}: {tier.verdict()}",
                    [c.id], location=c.location,
                    fix=f"raise the largest size of '{c.id}' (and the service quotas in {c.region}) to serve the peak",
                    details=details)
                continue
            timing = _scale_out_timing(tier, spec.dr)
            yield RULE.finding(
                f"losing {outcome.name} sends '{c.id}' ({c.region}) {tier.describe()}: {tier.verdict()} "
                f"({timing}, a step of the RTO)",
                [c.id], location=c.location, severity="warning",
                fix=f"run '{c.id}' at a size that serves the peak it takes over, or measure its scale-out time "
                    "(dr.scale_out_time) and check it fits the RTO",
                details=details)


def _scale_out_timing(tier: RegionTierCapacity, dr) -> str:
    if tier.scale_out is not None and tier.scale_out.seconds is not None:
        return f"{duration(tier.scale_out.seconds)} by AWS's published rate"
    if dr is not None and dr.scale_out_time_s is not None:
        return f"{duration(dr.scale_out_time_s)} as dr.scale_out_time declares"
    return "AWS publishes no time for it and dr.scale_out_time declares none"
