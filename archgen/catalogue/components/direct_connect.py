"""direct_connect: AWS Direct Connect — dedicated links from on premises to AWS, each connection at a
Direct Connect location; how many connections at how many locations decides its resiliency."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, Redundancy, Role, Sla, SlaFigure, State, Tier, Traffic,
)
from archgen.catalogue.components import _links
from archgen.formatting import number
from archgen.spec.schema_parts import array, obj, prop, ref

RESILIENCY = "https://aws.amazon.com/directconnect/resiliency-recommendation/"
PRICING = "https://aws.amazon.com/directconnect/pricing/"
# dedicated connection port-hours at US Direct Connect locations (PRICING); other speeds and hosted
# connections (priced by the partner's port) are not in the table
PORT_HOUR_USD = {"1Gbps": 0.30, "10Gbps": 2.25, "100Gbps": 22.50}
BANDWIDTHS = ["50Mbps", "100Mbps", "200Mbps", "300Mbps", "400Mbps", "500Mbps", "1Gbps", "2Gbps", "5Gbps", "10Gbps",
              "25Gbps", "100Gbps", "400Gbps"]  # AWS Direct Connect User Guide, "Connections" (dedicated and hosted)

CONNECTION = obj("One Direct Connect connection (a port at a Direct Connect location).", {
    "location": prop("string", "Direct Connect location code, e.g. EqDC2 (connections at one location share its "
                               "building, power and fibre).", minLength=1, maxLength=64),
    "bandwidth": prop("string", "Port speed (default 1Gbps).", enum=BANDWIDTHS),
    "hosted": prop("boolean", "A hosted connection, provisioned by a Direct Connect partner."),
}, required=("location",))
PROPERTIES = {
    "connections": array("Its connections; AWS recommends two locations at least, two connections at each for "
                         "maximum resiliency.", ref("dx_connection", "A Direct Connect connection."), minItems=1),
}


@dataclass(unsafe_hash=True)
class DxConnection:
    """One Direct Connect connection: a port at a Direct Connect location."""

    location: str
    bandwidth: str = "1Gbps"
    hosted: bool = False

    @property
    def gbps(self) -> float:
        value, unit = (self.bandwidth[:-4], self.bandwidth[-4:])
        return float(value) / (1000 if unit == "Mbps" else 1)


@dataclass(unsafe_hash=True, kw_only=True)
class DirectConnect(m.Component):
    """Direct Connect: the connections that link a data centre to AWS."""

    connections: tuple[DxConnection, ...]

    @property
    def locations(self) -> dict[str, int]:
        """Connections per location, in the order the spec lists them."""
        out: dict[str, int] = {}
        for connection in self.connections:
            out[connection.location] = out.get(connection.location, 0) + 1
        return out


def build(builder, index: int, c: dict, common: dict) -> DirectConnect:
    return DirectConnect(**common, connections=tuple(
        DxConnection(x["location"], x.get("bandwidth", "1Gbps"), bool(x.get("hosted", False)))
        for x in c["connections"]))


def single_instance(c: DirectConnect) -> bool:
    return len(c.connections) == 1


def assess(c: DirectConnect, avg, peak, view):
    total = sum(x.gbps for x in c.connections)
    out = _links.carried(avg, peak, connections=len(c.connections), locations=len(c.locations), gbps_total=total)
    source = "the connections' port speeds"
    out.limits.append(_links.bandwidth_limit(f"bandwidth of {len(c.connections)} connection"
                                             f"{'s' if len(c.connections) != 1 else ''}", peak, total, source))
    if len(c.connections) > 1:
        out.limits.append(_links.bandwidth_limit(
            "bandwidth with its largest connection down", peak, total - max(x.gbps for x in c.connections),
            f"{source}; AWS: provision enough capacity that one failed connection does not overwhelm the others "
            f"({RESILIENCY})"))
    return out


def price(c: DirectConnect, avg, sizing, spec, bill) -> None:
    for x in c.connections:
        rate = None if x.hosted else PORT_HOUR_USD.get(x.bandwidth)
        if rate is None:
            bill.missing(f"{'hosted ' if x.hosted else ''}{x.bandwidth} connection at {x.location} (not in the table)")
        else:
            _links.hours(bill, f"{x.bandwidth} dedicated port at {x.location}", rate, PRICING)
    bill.missing("data transfer out over Direct Connect (per GB, by location)")


def needs(sizing) -> str:
    return f"{number(sizing['gbps_peak'])} of {number(sizing['gbps_total'])} Gbps"


def details(c: DirectConnect) -> list[str]:
    return [f"{len(c.connections)} × at {len(c.locations)} location{'s' if len(c.locations) != 1 else ''}"]


MAXIMUM = SlaFigure("direct-connect-maximum", "AWS Direct Connect",
                    "maximum resiliency: two connections or more at each of two locations or more", 99.99,
                    "AWS Direct Connect Service Level Agreement (Multi-Site Redundant)",
                    "https://aws.amazon.com/directconnect/sla/", "2026-11-29")
HIGH = SlaFigure("direct-connect-high", "AWS Direct Connect", "high resiliency: connections at two locations or more",
                 99.9, "AWS Direct Connect Service Level Agreement (Multi-Site Non-Redundant)",
                 "https://aws.amazon.com/directconnect/sla/", "2026-11-29")


def sla_key(c: DirectConnect) -> str | None:
    """No figure for one location: AWS's development-and-test layouts carry no SLA."""
    per_location = c.locations
    if len(per_location) < 2:
        return None
    return MAXIMUM.key if all(n >= 2 for n in per_location.values()) else HIGH.key


TYPE = ComponentType(
    name="direct_connect", title="Direct Connect link", article="a",
    description="AWS Direct Connect: dedicated connections from on premises to AWS at Direct Connect locations "
                "(region: the Region they reach).",
    model=DirectConnect, properties=PROPERTIES, required=("region", "connections"), build=build,
    placement=Placement.REGIONAL, role=Role.ROUTER, tier=Tier.NETWORK, state=State.STATELESS,
    icon=("diagrams.aws.network", "DirectConnect"),
    redundancy=Redundancy("its connections; each location is one building, so redundancy comes from connections at "
                          "two locations at least (AWS Direct Connect Resiliency Recommendations)",
                          single_instance=single_instance),
    recovery=Recovery("BGP moves traffic to the surviving connections: after the 90 s hold time by default, under a "
                      "second with Bidirectional Forwarding Detection (300 ms × 3); AWS publishes no end-to-end "
                      "failover time", None, f'AWS Direct Connect Resiliency Recommendations — {RESILIENCY}'),
    sla=Sla((MAXIMUM, HIGH), sla_key, note="connections at one location carry no SLA"),
    traffic=Traffic("bandwidth: the sum of its port speeds, and what is left with one connection down (AWS Direct "
                    f"Connect Resiliency Recommendations); priced per dedicated port-hour ({PRICING}); data "
                    "transfer out not priced",
                    assess=assess, cost=price, needs=needs),
    details=details,
    definitions={"dx_connection": CONNECTION},
)
