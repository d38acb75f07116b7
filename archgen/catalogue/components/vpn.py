"""vpn: an AWS Site-to-Site VPN connection — two IPsec tunnels from a customer gateway, ending in
different AZs of the Region."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
)
from archgen.catalogue.components import _links
from archgen.formatting import number
from archgen.spec.schema_parts import count, prop

TUNNELS = ('AWS Site-to-Site VPN User Guide, "Tunnel options for your Site-to-Site VPN connection" — '
           "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html")
PRICING = "https://aws.amazon.com/vpn/pricing/"
CONNECTION_HOUR_USD = 0.05  # per Site-to-Site VPN connection-hour, US East (N. Virginia) (PRICING)
TUNNEL_GBPS = {"standard": 1.25, "large": 5.0}  # per tunnel (TUNNELS); large only on a transit gateway or Cloud WAN

PROPERTIES = {
    "tunnels": count("Tunnels the customer gateway brings up (AWS provisions two, in different AZs; default 2).", 1, 2),
    "routing": prop("string", "bgp (dynamic, default) or static routing.", enum=["bgp", "static"]),
    "tunnel_bandwidth": prop("string", "standard (up to 1.25 Gbps per tunnel, default) or large (up to 5 Gbps, on a "
                                       "transit gateway or Cloud WAN only).", enum=list(TUNNEL_GBPS)),
}


@dataclass(unsafe_hash=True, kw_only=True)
class VpnConnection(m.Component):
    """A Site-to-Site VPN connection."""

    tunnels: int = 2
    routing: str = "bgp"
    tunnel_bandwidth: str = "standard"


def build(builder, index: int, c: dict, common: dict) -> VpnConnection:
    return VpnConnection(**common, tunnels=c.get("tunnels", 2), routing=c.get("routing", "bgp"),
                         tunnel_bandwidth=c.get("tunnel_bandwidth", "standard"))


def single_instance(c: VpnConnection) -> bool:
    return c.tunnels < 2


def assess(c: VpnConnection, avg, peak, view):
    """AWS sends to the on-premises network over one tunnel at a time: one tunnel's bandwidth."""
    gbps = TUNNEL_GBPS[c.tunnel_bandwidth]
    out = _links.carried(avg, peak, tunnel_gbps=gbps, tunnels=c.tunnels)
    out.limits.append(_links.bandwidth_limit(f"{c.tunnel_bandwidth} tunnel", peak, gbps,
                                             f"{gbps:g} Gbps per tunnel; traffic from AWS prefers one tunnel; {TUNNELS}"))
    return out


def price(c: VpnConnection, avg, sizing, spec, bill) -> None:
    _links.hours(bill, "Site-to-Site VPN connection hours", CONNECTION_HOUR_USD, PRICING)
    bill.missing("data transfer out over the VPN (internet rates)")


def needs(sizing) -> str:
    return f"{number(sizing['gbps_peak'])} of {number(sizing['tunnel_gbps'])} Gbps"


def details(c: VpnConnection) -> list[str]:
    return [f"{c.tunnels} tunnel{'s' if c.tunnels != 1 else ''}, {c.routing}"]


SLA = SlaFigure("site-to-site-vpn", "AWS Site-to-Site VPN", "VPN connection", 99.95,
                "AWS Site-to-Site VPN Service Level Agreement", "https://aws.amazon.com/vpn/site-to-site-vpn-sla/",
                "2026-11-29")

TYPE = ComponentType(
    name="vpn", title="Site-to-Site VPN connection", article="a",
    description="AWS Site-to-Site VPN connection: two IPsec tunnels from a customer gateway to a virtual private "
                "gateway or transit gateway, ending in different AZs.",
    model=VpnConnection, properties=PROPERTIES, required=("region",), build=build,
    placement=Placement.REGIONAL, role=Role.ROUTER, tier=Tier.NETWORK, state=State.STATELESS,
    icon=("diagrams.aws.network", "SiteToSiteVpn"),
    redundancy=Redundancy("two tunnels, each ending in a different AZ; the customer gateway must bring both up",
                          single_instance=single_instance),
    recovery=Recovery("traffic moves to the other tunnel when one is down (maintenance, an AZ); dead peer detection "
                      "times out after 30 s by default; AWS publishes no failover time", None, TUNNELS),
    sla=one_figure(SLA),
    traffic=Traffic(f"one tunnel's bandwidth: 1.25 Gbps standard, 5 Gbps large ({TUNNELS}); priced "
                    f"${CONNECTION_HOUR_USD} per connection-hour ({PRICING}); data transfer out not priced",
                    assess=assess, cost=price, needs=needs),
    details=details,
)
