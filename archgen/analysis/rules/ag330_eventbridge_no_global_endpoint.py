"""AG330 eventbridge-no-global-endpoint: an event bus in a design that must survive a Region, without a global endpoint.

What it flags
-------------
In a spec that must survive the loss of a Region (``objectives.survive: region``, or a ``dr``
section with a secondary Region), an ``eventbridge`` event bus that receives events and has no
global endpoint (``secondary_region``) — or whose global endpoint fails over to a Region where
the spec has no event bus.

Why it matters
--------------
Producers put events on one Region's event bus. When that Region fails, every PutEvents call
fails with it, and the events are lost or pile up in the producers, whatever the rest of the DR
design does. A global endpoint sends custom events to the event bus of the same name in a
secondary Region when its Route 53 health check fails — within about 360 seconds with AWS's
alarm guidance — but only if that bus exists there, with the same rules.

Failing spec
------------

```yaml
version: 1
name: bus-one-region
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
objectives: {survive: region}
components:
  - {id: services, type: users}
  - {id: orders-bus, type: eventbridge, region: us-east-1}
  - {id: dr-bus, type: eventbridge, region: us-west-2}
  - {id: fulfil, type: lambda, region: us-east-1, duration_ms: 100}
connections:
  - {from: services, to: orders-bus, kind: async}
  - {from: orders-bus, to: fulfil, kind: async}
```

Expected finding: AG330 at line 9 on orders-bus

Passing spec
------------

```yaml
version: 1
name: bus-global-endpoint
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
objectives: {survive: region}
components:
  - {id: services, type: users}
  - {id: orders-bus, type: eventbridge, region: us-east-1, secondary_region: us-west-2}
  - {id: dr-bus, type: eventbridge, region: us-west-2}
  - {id: fulfil, type: lambda, region: us-east-1, duration_ms: 100}
connections:
  - {from: services, to: orders-bus, kind: async}
  - {from: orders-bus, to: fulfil, kind: async}
```

Fix
---
Create the event bus (same name, same rules) in a secondary Region and a global endpoint with a
Route 53 health check in front of both; set ``secondary_region``. Turn on event replication so
the endpoint fails back on its own.

Source
------
Amazon EventBridge User Guide, "Making applications Regional-fault tolerant with global
endpoints and event replication" —
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import serves_requests
from archgen.catalogue.components.eventbridge import EventBus

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG330", name="eventbridge-no-global-endpoint", severity="warning",
    summary="event bus without a working global endpoint in a design that must survive a Region",
    source="Amazon EventBridge User Guide, global endpoints — "
           "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html",
)


def check(ctx):
    spec = ctx.spec
    dr_region = spec.dr.secondary_region if spec.dr is not None else None
    if spec.objectives.survive != "region" and dr_region is None:
        return
    buses = ctx.of_class(EventBus)
    regions_with_a_bus = {bus.region for bus in buses}
    for bus in buses:
        if bus.region == dr_region or not serves_requests(ctx, bus):
            continue  # the recovery Region's bus is the failover target, not the one producers use
        if bus.secondary_region is None:
            message = f"event bus '{bus.id}' has no global endpoint: when {bus.region} fails, every event put on it " \
                      "fails too"
            fix = "add a global endpoint failing over to an event bus of the same name in another Region " \
                  "(secondary_region)"
        elif bus.secondary_region not in regions_with_a_bus:
            message = f"event bus '{bus.id}''s global endpoint fails over to {bus.secondary_region}, where the spec has " \
                      "no event bus: failed-over events have nowhere to go"
            fix = f"create the event bus, with the same name and rules, in {bus.secondary_region}"
        else:
            continue
        yield RULE.finding(message, [bus.id], location=bus.location, fix=fix,
                           details={"region": bus.region, "secondary_region": bus.secondary_region})
