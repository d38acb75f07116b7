"""cloudfront: a CloudFront distribution (a global service); its origins are its connections' targets."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
)
from archgen.formatting import number, percent
from archgen.spec.schema_parts import array, id_ref, obj, prop, ratio
from archgen.traffic.capacity import assess_cloudfront
from archgen.traffic.cost import price_cloudfront

PROPERTIES = {
    "cache_hit_ratio": ratio("Share of cacheable (read) requests served from the edge cache"),
    "origin_group": obj("Origin group for origin failover.", {
        "primary": id_ref("Primary origin (component id)."),
        "secondary": id_ref("Secondary origin used when the primary fails (component id)."),
        "failover_status_codes": array("Origin status codes that trigger failover.",
                                       prop("integer", "HTTP status code.", enum=[403, 404, 500, 502, 503, 504]),
                                       uniqueItems=True),
    }, required=("primary", "secondary")),
    "price_class": prop("string", "Edge locations used.", enum=["PriceClass_All", "PriceClass_200", "PriceClass_100"]),
}


def build(builder, index: int, c: dict, common: dict) -> m.CloudFront:
    group = c.get("origin_group")
    origin_group = None
    if group is not None:
        origin_group = m.OriginGroup(group["primary"], group["secondary"],
                                     tuple(group.get("failover_status_codes", (500, 502, 503, 504))))
    return m.CloudFront(**common, cache_hit_ratio=float(c.get("cache_hit_ratio", 0.0)),
                        origin_group=origin_group, price_class=c.get("price_class", "PriceClass_All"))


def check(checker, path: tuple, c: dict) -> None:
    """Both origins of an origin group are origins of the distribution, and differ."""
    group = c.get("origin_group")
    if not isinstance(group, dict):
        return
    origins = checker.targets_of(c.get("id"))
    for key in ("primary", "secondary"):
        if checker.ref(path + ("origin_group", key), group.get(key)) is not None and group.get(key) not in origins:
            checker.error(path + ("origin_group", key), f"origin '{group.get(key)}' has no connection from '{c.get('id')}'",
                          "add a connection from the distribution to each origin")
    if group.get("primary") == group.get("secondary"):
        checker.error(path + ("origin_group",), "primary and secondary origins must differ")


def needs(sizing) -> str:
    return f"origin {number(sizing['origin_rps_peak'])} rps (hit {percent(sizing['cache_hit_ratio'])})"


def passes_reads(c: m.CloudFront) -> float:
    """Cache misses go on to the origin (CloudFront Developer Guide, "Cache hit ratio")."""
    return 1.0 - c.cache_hit_ratio


SLA = SlaFigure("cloudfront", "Amazon CloudFront", "distribution", 99.9,
                "Amazon CloudFront Service Level Agreement", "https://aws.amazon.com/cloudfront/sla/", "2026-11-26")

TYPE = ComponentType(
    name="cloudfront", title="CloudFront distribution", article="a",
    description="CloudFront distribution (a global service). Its origins are the targets of its connections.",
    model=m.CloudFront, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.GLOBAL, role=Role.ROUTER, tier=Tier.EDGE, state=State.STATELESS,
    icon=("diagrams.aws.network", "CloudFront"),
    redundancy=Redundancy("a global service AWS runs at its edge locations; an origin group gives origin failover"),
    recovery=Recovery("origin failover to the origin group's secondary on the listed status codes; "
                      "AWS publishes no failover time", None,
                      'Amazon CloudFront Developer Guide, "Optimize high availability with CloudFront origin failover"'),
    sla=one_figure(SLA),
    traffic=Traffic("no ceiling modelled; origin requests = reads × (1 − hit ratio) + writes (derived); "
                    "priced per GB out and per 10,000 HTTPS requests",
                    assess=assess_cloudfront, cost=price_cloudfront, needs=needs, passes_reads=passes_reads),
    capabilities=frozenset({Capability.ALIAS_TARGET, Capability.WEB_ACL_TARGET}),
)
