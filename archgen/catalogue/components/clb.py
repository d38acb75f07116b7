"""clb: a Classic Load Balancer (the previous generation of Elastic Load Balancing)."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import Capability, ComponentType, Placement, Role, State, Tier, Traffic
from archgen.catalogue.components import _elb, _links
from archgen.spec.schema_parts import prop

PRICING = "https://aws.amazon.com/elasticloadbalancing/pricing/"
HOUR_USD = 0.025  # per Classic Load Balancer-hour, US East (N. Virginia) (PRICING)
GB_USD = 0.008  # per GB of data processed by a Classic Load Balancer, US East (N. Virginia) (PRICING)


@dataclass(unsafe_hash=True, kw_only=True)
class ClassicLoadBalancer(m.LoadBalancer):
    """A Classic Load Balancer."""

    connection_draining: bool = False


PROPERTIES = {
    "internal": _elb.PROPERTIES["internal"],
    "health_check": _elb.HEALTH_CHECK,
    "cross_zone": prop("boolean", "Cross-zone load balancing. Default false: off unless set, as CloudFormation "
                                  "(CrossZone), the API and the CLI create a Classic Load Balancer; the console "
                                  "turns it on."),
    "connection_draining": prop("boolean", "Connection draining: in-flight requests finish before an instance is "
                                           "deregistered or fails its health check. Default false (CloudFormation "
                                           "ConnectionDrainingPolicy)."),
}


def build(builder, index: int, c: dict, common: dict) -> ClassicLoadBalancer:
    return _elb.build_load_balancer(builder, ClassicLoadBalancer, c, common, cross_zone_default=False,
                                    connection_draining=bool(c.get("connection_draining", False)))


def assess(c: ClassicLoadBalancer, avg, peak, view):
    out = _links.carried(avg, peak)
    out.notes.append("AWS publishes no capacity figure for a Classic Load Balancer: capacity unknown")
    return out


def price(c: ClassicLoadBalancer, avg, sizing, spec, bill) -> None:
    _links.hours(bill, "Classic Load Balancer hours", HOUR_USD, PRICING)
    _links.per_gb(bill, "data processed", avg, GB_USD, PRICING)


def details(c: ClassicLoadBalancer) -> list[str]:
    return [*_elb.details(c), *([] if c.cross_zone else ["cross-zone off"])]


TYPE = ComponentType(
    name="clb", title="Classic Load Balancer", article="a",
    description="Classic Load Balancer (previous-generation Elastic Load Balancing; cross-zone off unless set).",
    model=ClassicLoadBalancer, properties=PROPERTIES, required=(), build=build,
    placement=Placement.ZONAL, role=Role.ROUTER, tier=Tier.LOAD_BALANCING, state=State.STATELESS,
    icon=("diagrams.aws.network", "ElbClassicLoadBalancer"),
    redundancy=_elb.REDUNDANCY, recovery=_elb.RECOVERY, sla=_elb.SLA,
    traffic=Traffic(f"AWS publishes no capacity figure: unknown; priced ${HOUR_USD} per hour and ${GB_USD} per GB "
                    f"processed (US East, {PRICING})",
                    assess=assess, cost=price, needs=_links.data_needs),
    details=details,
    capabilities=frozenset({Capability.ALIAS_TARGET}),
)
