"""global_accelerator: an AWS Global Accelerator standard accelerator (a global service); its endpoints
are its connections' targets."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, either,
)
from archgen.catalogue.components import _links
from archgen.formatting import number
from archgen.spec.schema_parts import count, obj, prop
from archgen.traffic import facts
from archgen.traffic.flow import AVG, RQ, RS

PRICING = "https://aws.amazon.com/global-accelerator/pricing/"
HOUR_USD = 0.025  # fixed fee per accelerator-hour (PRICING)
# Data Transfer-Premium per GB in the dominant direction, by the serving Region's geography, for
# users at edge locations in the same geography (PRICING's table: NA→NA, EU→EU, APAC→APAC)
DT_PREMIUM_USD = {"NA": 0.015, "EU": 0.015, "APAC": 0.010}
GEOGRAPHY = {"us": "NA", "ca": "NA", "eu": "EU", "ap": "APAC"}  # Region name prefix -> DT-Premium geography

HEALTH_CHECK = obj("Endpoint-group health check (EC2 instance and Elastic IP endpoints; an ALB or NLB endpoint "
                   "is judged by its own health checks).", {
    "interval": prop("integer", "Seconds between checks: 10 or 30 (default 30).", enum=[10, 30]),
    "threshold": count("Consecutive checks before an endpoint changes state (1-10, default 3).", 1, 10),
})
PROPERTIES = {"health_check": HEALTH_CHECK}


@dataclass(unsafe_hash=True, kw_only=True)
class GlobalAccelerator(m.Component):
    """A Global Accelerator and its health checks."""

    health_check_interval_s: int = 30
    threshold_count: int = 3
    endpoint_azs: tuple[str, ...] = ()  # AZs its endpoints run in (the SLA counts them)


def endpoint_azs(builder, accelerator_id: str) -> tuple[str, ...]:
    """AZs of the endpoints (connection targets) of an accelerator, read from the validated spec."""
    targets = {x["to"] for x in builder.data.get("connections", []) if x["from"] == accelerator_id}
    azs: set[str] = set()
    for raw in builder.data.get("components", []):
        if raw["id"] in targets and builder.kinds[raw["type"]].placement.has_region:
            azs.update(builder.placement(raw)["azs"])
    return tuple(sorted(azs))


def build(builder, index: int, c: dict, common: dict) -> GlobalAccelerator:
    hc = c.get("health_check", {})
    return GlobalAccelerator(**common, health_check_interval_s=hc.get("interval", 30),
                             threshold_count=hc.get("threshold", 3), endpoint_azs=endpoint_azs(builder, c["id"]))


def check(checker, path: tuple, c: dict) -> None:
    """Its endpoints are load balancers or EC2 instances (AWS Global Accelerator Developer Guide, "Endpoints")."""
    _links.check_targets(checker, c, Capability.ACCELERATOR_ENDPOINT)


def geography(region: str | None) -> str | None:
    return GEOGRAPHY.get((region or "").split("-")[0])


def assess(c: GlobalAccelerator, avg, peak, view):
    """Data in the dominant direction per serving Region (DT-Premium is billed on it); no ceiling published."""
    inbound: dict[str, float] = {}
    outbound: dict[str, float] = {}
    for conn in view.spec.outgoing(c.id):
        if conn.carries_requests:
            region = view.spec.component(conn.target).region or ""
            inbound[region] = inbound.get(region, 0.0) + view.edges[conn.id][AVG + RQ]
            outbound[region] = outbound.get(region, 0.0) + view.edges[conn.id][AVG + RS]
    month_gb = facts.SECONDS_PER_MONTH / facts.GB
    dominant = {region: max(inbound[region], outbound[region]) * month_gb for region in sorted(inbound)}
    out = _links.carried(avg, peak, dominant_gb_per_month_by_region=dominant)
    out.notes.append("AWS publishes no throughput ceiling for an accelerator: capacity unknown")
    return out


def price(c: GlobalAccelerator, avg, sizing, spec, bill) -> None:
    _links.hours(bill, "accelerator fixed fee", HOUR_USD, PRICING)
    for region, gb in sizing["dominant_gb_per_month_by_region"].items():
        where = geography(region)
        if where is None:
            bill.missing(f"Data Transfer-Premium from {region} (not in the bundled table)")
            continue
        bill.add(f"Data Transfer-Premium from {region} ({where} edge locations)", gb, "GB", DT_PREMIUM_USD[where], PRICING)


def needs(sizing) -> str:
    return f"{number(sum(sizing['dominant_gb_per_month_by_region'].values()))} GB/month in the dominant direction"


MULTI_AZ = SlaFigure("global-accelerator-multi-az", "AWS Global Accelerator", "endpoints in two or more AZs", 99.99,
                     "AWS Global Accelerator Service Level Agreement", "https://aws.amazon.com/global-accelerator/sla/",
                     "2026-11-29")
SINGLE_AZ = SlaFigure("global-accelerator-single-az", "AWS Global Accelerator", "endpoints in one AZ", 99.5,
                      "AWS Global Accelerator Service Level Agreement", "https://aws.amazon.com/global-accelerator/sla/",
                      "2026-11-29")


def details(c: GlobalAccelerator) -> list[str]:
    return ["static anycast IPs"]


TYPE = ComponentType(
    name="global_accelerator", title="Global Accelerator", article="a",
    description="AWS Global Accelerator standard accelerator (a global service). Its endpoints (load balancers, "
                "EC2 instances) are the targets of its connections; one endpoint group per Region.",
    model=GlobalAccelerator, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.GLOBAL, role=Role.ROUTER, tier=Tier.EDGE, state=State.STATELESS,
    icon=("diagrams.aws.network", "GlobalAccelerator"),
    redundancy=Redundancy("a global service AWS runs at its edge locations (two static anycast IPs served from "
                          "independent network zones); its endpoint groups decide which Regions serve"),
    recovery=Recovery("traffic moves to healthy endpoints, in other Regions when every endpoint of a Region fails "
                      "its health checks (interval × threshold, derived); AWS publishes no failover time", None,
                      'AWS Global Accelerator Developer Guide, "Health checks for AWS Global Accelerator"'),
    sla=either(MULTI_AZ, SINGLE_AZ, lambda c: len(c.endpoint_azs) >= 2),
    traffic=Traffic(f"AWS publishes no throughput ceiling: unknown; priced ${HOUR_USD} per accelerator-hour plus "
                    "Data Transfer-Premium per GB in the dominant direction, at the rate for users in the serving "
                    f"Region's geography ({PRICING})",
                    assess=assess, cost=price, needs=needs),
    details=details,
    capabilities=frozenset({Capability.ALIAS_TARGET}),
)
