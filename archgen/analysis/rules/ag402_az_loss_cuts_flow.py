"""AG402 az-loss-cuts-flow: losing one AZ cuts a flow although no single component does.

What it flags
-------------
archgen removes each declared AZ in turn and checks which flows (entry → data store) still
reach their data over the surviving components, standby paths included. This rule reports a
flow cut by an AZ loss when none of the components that go down with the AZ is, on its own,
a single point of failure of that flow (AG401 reports those): the failure is *correlated* —
separate components that look redundant to each other all live in the same AZ.

Why it matters
--------------
Two components, two paths, one AZ: it reads like redundancy in a diagram and fails like a
single box. Per-component checks cannot see it; only a simulation of the AZ as a whole can.

Failing spec
------------

```yaml
version: 1
name: same-az-pair
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: public-b, az: us-east-1b, kind: public}
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: visitors, type: users}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: web-1, type: ec2, subnets: [app-a]}
  - {id: web-2, type: ec2, subnets: [app-a]}
  - {id: sessions, type: dynamodb, region: us-east-1, partition_key: {name: id}, capacity: {mode: on-demand}}
connections:
  - {from: visitors, to: alb}
  - {from: alb, to: web-1}
  - {from: alb, to: web-2}
  - {from: web-1, to: sessions}
  - {from: web-2, to: sessions}
```

Expected finding: AG402 at line 18 on web-1, web-2

Passing spec
------------

```yaml
version: 1
name: split-pair
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: public-b, az: us-east-1b, kind: public}
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: visitors, type: users}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: web-1, type: ec2, subnets: [app-a]}
  - {id: web-2, type: ec2, subnets: [app-b]}
  - {id: sessions, type: dynamodb, region: us-east-1, partition_key: {name: id}, capacity: {mode: on-demand}}
connections:
  - {from: visitors, to: alb}
  - {from: alb, to: web-1}
  - {from: alb, to: web-2}
  - {from: web-1, to: sessions}
  - {from: web-2, to: sessions}
```

Fix
---
Spread the alternatives over different AZs (or make each of them multi-AZ).

Source
------
AWS Well-Architected Reliability Pillar REL10-BP01 "Deploy the workload to multiple
locations" — https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import REGION
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.REQUEST_GRAPH,
    id="AG402", name="az-loss-cuts-flow", severity="error",
    summary="losing one AZ cuts a flow through components that each look redundant (correlated failure)",
    source="AWS Well-Architected Reliability Pillar REL10-BP01 — "
           "https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html",
)


def check(ctx):
    spec = ctx.spec
    graph = ctx.graph
    spofs = {(s.component, f) for s in graph.single_points_of_failure if s.domain != REGION for f in s.flows}
    for outcome in ctx.failure_domains.azs:
        pinned = dict(outcome.pinned)
        for flow in outcome.cut:
            on_paths = graph.paths_through(flow)
            down = outcome.down_on(on_paths)
            if any((cid, flow) in spofs for cid in down):
                continue  # explained by a single point of failure (AG401)
            location = spec.component(down[0]).location if down else spec.component(flow.entry).location
            if flow in pinned:
                message = (f"losing {outcome.name} cuts {flow.label} for the requests routed to "
                           f"{', '.join(pinned[flow])}: no health check, so the router keeps sending them there")
                fix = "health-check every record of the set so the router avoids the failed target"
            else:
                message = (f"losing {outcome.name} cuts {flow.label}: {', '.join(down)} all go down with it although "
                           "none is a single point of failure on its own")
                fix = "spread the alternatives over different AZs"
            yield RULE.finding(
                message, down, location=location, fix=fix,
                details={"az": outcome.name, "flow": {"entry": flow.entry, "target": flow.target}, "down": down,
                         "pinned_to": list(pinned.get(flow, ()))})
