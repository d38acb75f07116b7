"""waf: an AWS WAF web ACL in front of the resources it protects (its connections' targets)."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
)
from archgen.catalogue.components import _links
from archgen.formatting import rate
from archgen.spec.schema_parts import count
from archgen.traffic import facts

PRICING = "https://aws.amazon.com/waf/pricing/"
WEB_ACL_MONTH_USD = 5.00  # per web ACL per month, prorated hourly; the same in every Region (PRICING)
RULE_MONTH_USD = 1.00  # per rule or rule group per web ACL per month (PRICING)
MILLION_REQUESTS_USD = 0.60  # per million requests inspected, up to 1,500 WCU per web ACL (PRICING)
DEFAULT_WCU = 1_500  # web ACL capacity units included in the request price (AWS WAF Developer Guide, "Web ACL capacity units")

PROPERTIES = {
    "rules": count("Rules and rule groups in the web ACL (each is billed monthly).", 0, 10_000),
    "capacity_units": count("Web ACL capacity units (WCU) its rules use; above 1,500 AWS charges more per request.",
                            1, 5_000),
}


@dataclass(unsafe_hash=True, kw_only=True)
class WebAcl(m.Component):
    """An AWS WAF web ACL."""

    rules: int | None = None
    capacity_units: int | None = None

    @property
    def cloudfront_scope(self) -> bool:
        """A CloudFront web ACL is global; the others live in the Region of what they protect."""
        return self.region is None


def build(builder, index: int, c: dict, common: dict) -> WebAcl:
    return WebAcl(**common, rules=c.get("rules"), capacity_units=c.get("capacity_units"))


def check(checker, path: tuple, c: dict) -> None:
    """It protects what WAF can protect; a CloudFront web ACL is global, a regional one in its resources' Region."""
    for target in _links.check_targets(checker, c, Capability.WEB_ACL_TARGET):
        region, _ = checker.placement(target)
        if region is None and c.get("region") is not None:
            checker.error(path + ("region",), f"web ACL '{c.get('id')}' protects '{target.get('id')}', a global "
                          "resource: a CloudFront web ACL has no region", "remove region")
        elif region is not None and c.get("region") != region:
            checker.error(path, f"web ACL '{c.get('id')}' protects '{target.get('id')}' in {region}: a regional web "
                          f"ACL lives in the Region of the resources it protects", f"set region: {region}")


def assess(c: WebAcl, avg, peak, view):
    out = _links.carried(avg, peak, requests_per_month_avg=avg.rps * facts.SECONDS_PER_MONTH,
                         requests_per_s_peak=peak.rps)
    out.notes.append("AWS publishes no request-rate ceiling for a web ACL: it inspects what its resources receive")
    return out


def price(c: WebAcl, avg, sizing, spec, bill) -> None:
    bill.add("web ACL", 1, "web ACL-months", WEB_ACL_MONTH_USD, PRICING)
    if c.rules is None:
        bill.missing("rules (set rules to price them)")
    else:
        bill.add(f"{c.rules} rules and rule groups", c.rules, "rule-months", RULE_MONTH_USD, PRICING)
    bill.add("requests inspected", sizing["requests_per_month_avg"] / 1e6, "million requests", MILLION_REQUESTS_USD,
             PRICING)
    if c.capacity_units is not None and c.capacity_units > DEFAULT_WCU:
        bill.missing(f"requests above {DEFAULT_WCU:,} WCU ({c.capacity_units:,} WCU) cost more per request")


def needs(sizing) -> str:
    return f"inspects {rate(sizing['requests_per_s_peak'])} (no ceiling published)"


def details(c: WebAcl) -> list[str]:
    return ["CloudFront scope" if c.cloudfront_scope else "regional"]


SLA = SlaFigure("waf", "AWS WAF", "web ACL", 99.95, "AWS WAF Service Level Agreement", "https://aws.amazon.com/waf/sla/",
                "2026-11-29")

TYPE = ComponentType(
    name="waf", title="WAF web ACL", article="a",
    description="AWS WAF web ACL, in front of the resources it protects (its connections' targets: CloudFront, "
                "ALB, API Gateway, ...). Without region: a CloudFront (global) web ACL.",
    model=WebAcl, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.ROUTER, tier=Tier.EDGE, state=State.STATELESS,
    icon=("diagrams.aws.security", "WAF"),
    redundancy=Redundancy("AWS runs it with the resources it protects (at CloudFront's edge locations, or across the "
                          "AZs of their Region); nothing in the spec makes it more or less redundant"),
    recovery=Recovery("nothing to fail over; AWS publishes no recovery time", None,
                      'AWS WAF Developer Guide, "Resilience in AWS WAF"'),
    sla=one_figure(SLA),
    traffic=Traffic(f"no request-rate ceiling published; priced ${WEB_ACL_MONTH_USD:.2f} per web ACL-month, "
                    f"${RULE_MONTH_USD:.2f} per rule-month and ${MILLION_REQUESTS_USD:.2f} per million requests "
                    f"({PRICING})",
                    assess=assess, cost=price, needs=needs),
    details=details,
)
