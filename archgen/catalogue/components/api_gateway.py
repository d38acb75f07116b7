"""api_gateway: an API Gateway API (regional, multi-AZ by design)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
    regional_recovery,
)
from archgen.spec.schema_parts import BIG, count, positive, prop
from archgen.traffic.capacity import assess_api_gateway, surviving_api_gateway
from archgen.traffic.cost import price_api_gateway

PROPERTIES = {
    "api_type": prop("string", "API flavour.", enum=["rest", "http", "websocket"]),
    "endpoint_type": prop("string", "Endpoint type.", enum=["edge", "regional", "private"]),
    "throttle_rps": positive("Steady-state throttle in requests/s (account default 10,000 per Region)."),
    "burst": count("Burst limit in requests (account default 5,000).", 0, BIG),
}


def build(builder, index: int, c: dict, common: dict) -> m.ApiGateway:
    return m.ApiGateway(**common, api_type=c.get("api_type", "rest"), endpoint_type=c.get("endpoint_type", "regional"),
                        throttle_rps=float(c.get("throttle_rps", 10_000)), burst=c.get("burst", 5_000))


SLA = SlaFigure("api-gateway", "Amazon API Gateway", "API", 99.95,
                "Amazon API Gateway Service Level Agreement", "https://aws.amazon.com/api-gateway/sla/", "2026-11-26")

TYPE = ComponentType(
    name="api_gateway", title="API Gateway API", article="an",
    description="API Gateway API (regional, multi-AZ by design).",
    model=m.ApiGateway, properties=PROPERTIES, required=("region",), build=build,
    placement=Placement.REGIONAL, role=Role.ROUTER, tier=Tier.LOAD_BALANCING, state=State.STATELESS,
    icon=("diagrams.aws.network", "APIGateway"),
    redundancy=Redundancy("AWS runs it across the AZs of its Region"),
    recovery=regional_recovery('Amazon API Gateway Developer Guide, "Resilience in Amazon API Gateway"'),
    sla=one_figure(SLA),
    traffic=Traffic("throttle_rps (account default 10,000 rps per Region; Amazon API Gateway quotas); "
                    "priced per million requests",
                    assess=assess_api_gateway, surviving_capacity=surviving_api_gateway, cost=price_api_gateway),
    capabilities=frozenset({Capability.ALIAS_TARGET, Capability.WEB_ACL_TARGET}),
)
