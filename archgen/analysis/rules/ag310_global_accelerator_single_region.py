"""AG310 global-accelerator-single-region: a Global Accelerator whose endpoints are all in one Region.

What it flags
-------------
A ``global_accelerator`` whose endpoints (the targets of its connections, standby ones
included) all live in one Region. A warning when the objectives ask to survive a Region
(``survive: region``), information otherwise.

Why it matters
--------------
An accelerator has one endpoint group per Region. When every endpoint of a group fails its
health checks, Global Accelerator sends the traffic to the endpoint groups of other Regions —
if there are any. With a single Region, the static IP addresses keep answering and the
requests have nowhere to go: the accelerator adds no Regional failover, only the anycast
entry point.

Failing spec
------------

```yaml
version: 1
name: accelerator-one-region
objectives: {survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: players, type: users}
  - {id: edge, type: global_accelerator}
  - {id: lb, type: nlb, region: us-east-1, azs: [us-east-1a, us-east-1b], cross_zone: true, health_check: {protocol: TCP}}
  - {id: game, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: players, to: edge}
  - {from: edge, to: lb}
  - {from: lb, to: game}
```

Expected finding: AG310 at line 8 on edge, lb

Passing spec
------------

```yaml
version: 1
name: accelerator-two-regions
objectives: {survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
components:
  - {id: players, type: users}
  - {id: edge, type: global_accelerator}
  - {id: use1-lb, type: nlb, region: us-east-1, azs: [us-east-1a, us-east-1b], cross_zone: true, health_check: {protocol: TCP}}
  - {id: euw1-lb, type: nlb, region: eu-west-1, azs: [eu-west-1a, eu-west-1b], cross_zone: true, health_check: {protocol: TCP}}
  - {id: use1-game, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
  - {id: euw1-game, type: ecs, region: eu-west-1, azs: [eu-west-1a, eu-west-1b], desired: 2, health_check: true}
connections:
  - {from: players, to: edge}
  - {from: edge, to: use1-lb}
  - {from: edge, to: euw1-lb, standby: true}
  - {from: use1-lb, to: use1-game}
  - {from: euw1-lb, to: euw1-game}
```

Fix
---
Add an endpoint group in a second Region (a connection from the accelerator to a load
balancer there; ``standby: true`` with a traffic dial of 0 for a failover-only Region).

Source
------
AWS Global Accelerator Developer Guide, "How AWS Global Accelerator works" (endpoint groups,
failover to other Regions) — https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-how-it-works.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import region_loss_severity, single_region_targets
from archgen.catalogue.components.global_accelerator import GlobalAccelerator

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG310", name="global-accelerator-single-region", severity="warning",
    summary="Global Accelerator whose endpoints are all in one Region: no Regional failover",
    source="AWS Global Accelerator Developer Guide, How AWS Global Accelerator works — "
           "https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-how-it-works.html",
)


def check(ctx):
    spec = ctx.spec
    severity = region_loss_severity(spec)
    for accelerator in ctx.of_class(GlobalAccelerator):
        endpoints, region = single_region_targets(spec, accelerator)
        if region is None:
            continue
        yield RULE.finding(
            f"Global Accelerator '{accelerator.id}' has endpoints in {region} only: when they fail their health "
            "checks, its traffic has no other Region to go to",
            [accelerator.id, *sorted(e.id for e in endpoints)], location=accelerator.location, severity=severity,
            fix="add an endpoint group (a load balancer) in another Region",
            details={"endpoint_region": region})
