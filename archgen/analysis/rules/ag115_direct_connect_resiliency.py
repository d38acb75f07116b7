"""AG115 direct-connect-resiliency: Direct Connect with one connection, or with every connection at one location.

What it flags
-------------
A ``direct_connect`` with a single connection (an error), or whose connections all terminate at
one Direct Connect location (a warning).

Why it matters
--------------
AWS Direct Connect Resiliency Recommendations: for critical production workloads use
connections at two locations at least (high resiliency), two connections at each for maximum
resiliency. One connection fails with one fibre, one device or the planned maintenance of
either — AWS maintains one router at a time, and a second connection at the same location is
kept on another router. Connections at one location all fail with the building (power, a
fibre cut outside it), and AWS recommends that layout for non-critical workloads only. The
Direct Connect SLA covers only the multi-location layouts (99.9% and 99.99%): archgen has no
figure for the others, and the availability estimate counts them as always up.

Failing spec
------------

```yaml
version: 1
name: dx-one-connection
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: office, type: users}
  - id: dx
    type: direct_connect
    region: us-east-1
    connections:
      - {location: EqDC2, bandwidth: 10Gbps}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: office, to: dx}
  - {from: dx, to: app}
```

Expected finding: AG115 at line 7 on dx

Passing spec
------------

```yaml
version: 1
name: dx-two-locations
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: office, type: users}
  - id: dx
    type: direct_connect
    region: us-east-1
    connections:
      - {location: EqDC2, bandwidth: 10Gbps}
      - {location: CSVA1, bandwidth: 10Gbps}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: office, to: dx}
  - {from: dx, to: app}
```

Fix
---
Add a connection at a second Direct Connect location (two at each for maximum resiliency), or
at least a Site-to-Site VPN as a backup path for non-critical workloads.

Source
------
AWS Direct Connect Resiliency Recommendations — https://aws.amazon.com/directconnect/resiliency-recommendation/ ;
AWS Direct Connect SLA — https://aws.amazon.com/directconnect/sla/
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.direct_connect import DirectConnect

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG115", name="direct-connect-resiliency", severity="error",
    summary="Direct Connect with one connection, or all its connections at one location",
    source="AWS Direct Connect Resiliency Recommendations — https://aws.amazon.com/directconnect/resiliency-recommendation/",
)


def check(ctx):
    for dx in ctx.of_class(DirectConnect):
        locations = dx.locations
        if len(dx.connections) == 1:
            location = dx.connections[0].location
            yield RULE.finding(
                f"Direct Connect '{dx.id}' has one connection (at {location}): it fails with one fibre, one device or "
                "their maintenance, and no Direct Connect SLA covers it",
                [dx.id], location=dx.location, fix="add a connection at a second Direct Connect location",
                details={"connections": 1, "locations": [location]})
        elif len(locations) == 1:
            location = next(iter(locations))
            yield RULE.finding(
                f"Direct Connect '{dx.id}' has all {len(dx.connections)} connections at {location}: they fail together "
                "with that location, and no Direct Connect SLA covers one location",
                [dx.id], location=dx.location, severity="warning",
                fix="move a connection to a second Direct Connect location",
                details={"connections": len(dx.connections), "locations": [location]})
