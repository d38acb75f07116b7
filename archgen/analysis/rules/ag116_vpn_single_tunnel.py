"""AG116 vpn-single-tunnel: a Site-to-Site VPN connection whose customer gateway uses one tunnel.

What it flags
-------------
A ``vpn`` with ``tunnels: 1``: the customer gateway brings up only one of the two tunnels AWS
provisions.

Why it matters
--------------
AWS ends the two tunnels of a VPN connection in different AZs and asks for both to be
configured: when one becomes unavailable — AWS takes tunnels down one at a time for
maintenance — traffic moves to the other. With one tunnel, every such event (and the loss of
its AZ) cuts the on-premises network off.

Failing spec
------------

```yaml
version: 1
name: vpn-one-tunnel
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: branch, type: users}
  - {id: tunnel, type: vpn, region: us-east-1, tunnels: 1}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: branch, to: tunnel}
  - {from: tunnel, to: app}
```

Expected finding: AG116 at line 7 on tunnel

Passing spec
------------

```yaml
version: 1
name: vpn-two-tunnels
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: branch, type: users}
  - {id: tunnel, type: vpn, region: us-east-1, tunnels: 2}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: branch, to: tunnel}
  - {from: tunnel, to: app}
```

Fix
---
Configure both tunnels on the customer gateway device (preferably with BGP, so failover is
dynamic), and set ``tunnels: 2``.

Source
------
AWS Site-to-Site VPN User Guide, "Tunnel options for your Site-to-Site VPN connection" ("It is
important to configure both tunnels for redundancy") —
https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.vpn import VpnConnection

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG116", name="vpn-single-tunnel", severity="warning",
    summary="Site-to-Site VPN connection using one of its two tunnels",
    source="AWS Site-to-Site VPN User Guide, Tunnel options — https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html",
)


def check(ctx):
    for vpn in ctx.of_class(VpnConnection):
        if vpn.tunnels < 2:
            yield RULE.finding(
                f"VPN connection '{vpn.id}' uses one tunnel: AWS maintenance of that tunnel's endpoint, or the loss of "
                "its AZ, cuts the on-premises network off",
                [vpn.id], location=vpn.location, fix="configure both tunnels on the customer gateway (tunnels: 2)",
                details={"tunnels": vpn.tunnels})
