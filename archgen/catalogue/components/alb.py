"""alb: an Application Load Balancer (layer 7)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import Capability, ComponentType, Placement, Role, State, Tier, Traffic
from archgen.catalogue.components import _elb
from archgen.spec.schema_parts import count, prop
from archgen.traffic.capacity import assess_alb
from archgen.traffic.cost import price_alb

PROPERTIES = {
    **_elb.PROPERTIES,
    "cross_zone": prop("boolean", "Cross-zone load balancing (always on at the ALB level; may be turned off per target group). Default true."),
    "rules": count("Listener rules evaluated per request (first 10 are free in LCU terms).", 0, 100),
}


def build(builder, index: int, c: dict, common: dict) -> m.ApplicationLoadBalancer:
    return _elb.build_load_balancer(builder, m.ApplicationLoadBalancer, c, common, cross_zone_default=True)


TYPE = ComponentType(
    name="alb", title="Application Load Balancer", article="an",
    description="Application Load Balancer (layer 7).",
    model=m.ApplicationLoadBalancer, properties=PROPERTIES, required=(), build=build,
    placement=Placement.ZONAL, role=Role.ROUTER, tier=Tier.LOAD_BALANCING, state=State.STATELESS,
    icon=("diagrams.aws.network", "ALB"),
    redundancy=_elb.REDUNDANCY, recovery=_elb.RECOVERY, sla=_elb.SLA,
    traffic=Traffic("scales automatically (no fixed ceiling); LCUs from new connections, active connections, "
                    "processed bytes and rule evaluations (Elastic Load Balancing pricing)",
                    assess=assess_alb, cost=price_alb, needs=_elb.capacity_units_needs("LCU")),
    details=_elb.details,
    capabilities=frozenset({Capability.ALIAS_TARGET, Capability.WEB_ACL_TARGET, Capability.ACCELERATOR_ENDPOINT}),
)
