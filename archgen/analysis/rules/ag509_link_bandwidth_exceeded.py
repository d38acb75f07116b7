"""AG509 link-bandwidth-exceeded: a Direct Connect link, VPN connection or interface endpoint carries more than its bandwidth at peak

What it flags
-------------
``direct_connect``, ``vpn`` and interface ``vpc_endpoint`` components whose peak data rate
(request and response sizes × requests/s) exceeds their bandwidth: the sum of a Direct Connect
link's port speeds — or what is left of it with its largest connection down —, one tunnel of
a VPN connection (1.25 Gbps standard, 5 Gbps large), 100 Gbps per AZ of an interface endpoint.

Why it matters
--------------
Above its bandwidth a link drops packets: requests time out and retries add to the load. AWS
asks for Direct Connect capacity such that the failure of one connection does not overwhelm
the others; a VPN connection sends from AWS over one tunnel at a time, so its second tunnel
adds redundancy, not bandwidth.

Failing spec
------------
```yaml
version: 1
name: ag509-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: office
    type: users
    traffic: {peak_rps: 1000, request_size: 1KB, response_size: 200KB}
  - {id: tunnel, type: vpn, region: us-east-1}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: office, to: tunnel}
  - {from: tunnel, to: app}
```

Expected finding: AG509 at line 9 on tunnel

Passing spec
------------
```yaml
version: 1
name: ag509-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: office
    type: users
    traffic: {peak_rps: 1000, request_size: 1KB, response_size: 20KB}
  - {id: tunnel, type: vpn, region: us-east-1}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: office, to: tunnel}
  - {from: tunnel, to: app}
```

Fix
---
Add or widen Direct Connect connections; use large tunnels or several VPN connections with
ECMP on a transit gateway; move bulk transfers off the request path.

Source
------
AWS Site-to-Site VPN User Guide, "Tunnel options for your Site-to-Site VPN connection" —
https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html ; AWS Direct Connect
Resiliency Recommendations — https://aws.amazon.com/directconnect/resiliency-recommendation/ ;
AWS PrivateLink quotas — https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.direct_connect import DirectConnect
from archgen.catalogue.components.vpc_endpoint import VpcEndpoint
from archgen.catalogue.components.vpn import VpnConnection
from archgen.analysis.rules._saturation import describe, over_ceiling, saturated, scale_note

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG509",
    name="link-bandwidth-exceeded",
    severity="error",
    summary="Direct Connect link, VPN connection or interface endpoint carries more than its bandwidth at peak",
    source="AWS Site-to-Site VPN User Guide, Tunnel options "
           "(https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html); AWS Direct Connect Resiliency "
           "Recommendations (https://aws.amazon.com/directconnect/resiliency-recommendation/)",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (DirectConnect, VpnConnection, VpcEndpoint)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"'{tier.id}' carries more at peak{scale_note(ctx)} than its bandwidth ({describe(limits[0])}): "
            "packets are dropped and requests time out",
            fix="add bandwidth (connections, large tunnels, AZs) or move bulk data off the request path")
