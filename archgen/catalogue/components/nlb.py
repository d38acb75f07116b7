"""nlb: a Network Load Balancer (layer 4)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import Capability, ComponentType, Placement, Role, State, Tier, Traffic
from archgen.catalogue.components import _elb
from archgen.spec.schema_parts import prop
from archgen.traffic.capacity import assess_nlb
from archgen.traffic.cost import price_nlb

PROPERTIES = {
    **_elb.PROPERTIES,
    "cross_zone": prop("boolean", "Cross-zone load balancing (off by default on NLB)."),
}


def build(builder, index: int, c: dict, common: dict) -> m.NetworkLoadBalancer:
    return _elb.build_load_balancer(builder, m.NetworkLoadBalancer, c, common, cross_zone_default=False)


TYPE = ComponentType(
    name="nlb", title="Network Load Balancer", article="a",
    description="Network Load Balancer (layer 4).",
    model=m.NetworkLoadBalancer, properties=PROPERTIES, required=(), build=build,
    placement=Placement.ZONAL, role=Role.ROUTER, tier=Tier.LOAD_BALANCING, state=State.STATELESS,
    icon=("diagrams.aws.network", "NLB"),
    redundancy=_elb.REDUNDANCY, recovery=_elb.RECOVERY, sla=_elb.SLA,
    traffic=Traffic("scales automatically (no fixed ceiling); NLCUs from new connections, active connections "
                    "and processed bytes (Elastic Load Balancing pricing)",
                    assess=assess_nlb, cost=price_nlb, needs=_elb.capacity_units_needs("NLCU")),
    details=_elb.details,
    capabilities=frozenset({Capability.ALIAS_TARGET, Capability.ACCELERATOR_ENDPOINT}),
)
