"""AG117 vpn-static-routing: a Site-to-Site VPN connection with static routing.

What it flags
-------------
A ``vpn`` with ``routing: static`` (CloudFormation ``StaticRoutesOnly: true``; Terraform
``static_routes_only = true``).

Why it matters
--------------
AWS recommends BGP-capable customer gateway devices: BGP's liveness detection moves traffic to
the second tunnel when the first goes down. With static routes, failover from AWS's side
rests on the tunnel's own state, and the customer gateway needs its own health checks to stop
sending into a tunnel that is down — a failover that is slower, or that does not happen.

Failing spec
------------

```yaml
version: 1
name: vpn-static
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: branch, type: users}
  - {id: tunnel, type: vpn, region: us-east-1, routing: static}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: branch, to: tunnel}
  - {from: tunnel, to: app}
```

Expected finding: AG117 at line 7 on tunnel

Passing spec
------------

```yaml
version: 1
name: vpn-bgp
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: branch, type: users}
  - {id: tunnel, type: vpn, region: us-east-1, routing: bgp}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: branch, to: tunnel}
  - {from: tunnel, to: app}
```

Fix
---
Use dynamic (BGP) routing when the customer gateway device supports it; otherwise configure
health checks on the device so it fails over to the second tunnel.

Source
------
AWS Site-to-Site VPN User Guide, "Site-to-Site VPN routing options" (static and dynamic
routing: "we recommend that you use BGP-capable devices, when available") —
https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.vpn import VpnConnection

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG117", name="vpn-static-routing", severity="warning",
    summary="Site-to-Site VPN connection with static routing: no BGP liveness detection to fail over tunnels",
    source="AWS Site-to-Site VPN User Guide, Site-to-Site VPN routing options — "
           "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html",
)


def check(ctx):
    for vpn in ctx.of_class(VpnConnection):
        if vpn.routing == "static":
            yield RULE.finding(
                f"VPN connection '{vpn.id}' uses static routing: without BGP's liveness detection, traffic keeps going "
                "to a tunnel that is down unless the customer gateway checks it itself",
                [vpn.id], location=vpn.location, fix="use routing: bgp (a BGP-capable customer gateway)",
                details={"routing": vpn.routing})
