"""external: a dependency outside AWS — a payment provider, a SaaS API, an on-premises system — with the
SLA and rate limit its provider publishes (declared in the spec, not AWS figures)."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import ComponentType, Placement, Recovery, Redundancy, Role, Sla, State, Tier, Traffic
from archgen.catalogue.components import _declared
from archgen.spec.schema_parts import id_ref, positive

PROPERTIES = {
    **_declared.SLA_KEYS,
    "rate_limit": positive("Requests per second its provider accepts from this workload; above it, requests are "
                           "refused or throttled.", 1e12),
    "fallback": id_ref("Component that takes over when it fails or throttles (a second provider, a queue that retries "
                       "later); its callers connect to it too."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class ExternalService(m.Component):
    """A dependency outside AWS, with the SLA its spec declares."""

    sla_percent: float | None = None
    sla_source: str = ""
    rate_limit_rps: float | None = None
    fallback: str | None = None


def build(builder, index: int, c: dict, common: dict) -> ExternalService:
    return ExternalService(**common, sla_percent=c.get("sla"), sla_source=c.get("sla_source", ""),
                           rate_limit_rps=c.get("rate_limit"), fallback=c.get("fallback"))


def check(checker, path: tuple, c: dict) -> None:
    """The fallback exists, is another component, and the callers reach it."""
    if "sla_source" in c and "sla" not in c:
        checker.error(path + ("sla_source",), "sla_source without sla", "add the sla figure it is the source of")
    fallback = c.get("fallback")
    if checker.ref(path + ("fallback",), fallback) is None:
        return
    if fallback == c.get("id"):
        checker.error(path + ("fallback",), "a dependency cannot be its own fallback")
        return
    callers = [x.get("from") for _, x in checker.connections_to(c.get("id"))]
    if callers and not any(fallback in checker.targets_of(caller) for caller in callers):
        checker.error(path + ("fallback",), f"no caller of '{c.get('id')}' connects to its fallback '{fallback}'",
                      f"add a connection from {callers[0]} to {fallback} (standby: true if it only takes over)")


def stand_ins(c: ExternalService) -> tuple[str, ...]:
    return (c.fallback,) if c.fallback else ()


def sla(c: ExternalService):
    return _declared.sla_figure(c, "declared in the spec (outside AWS)")


def assess(c: ExternalService, avg, peak, view):
    return _declared.assess_ceiling(c, c.rate_limit_rps, "rate limit", "its provider's", peak)


def surviving(c: ExternalService, spec, surviving_azs) -> float | None:
    return c.rate_limit_rps  # outside AWS: no AZ of ours takes it down


def details(c: ExternalService) -> list[str]:
    return ["outside AWS", *([f"SLA {c.sla_percent:g}%"] if c.sla_percent is not None else [])]


TYPE = ComponentType(
    name="external", title="external dependency", article="an",
    description="A dependency outside AWS (a payment provider, a SaaS API, an on-premises system), with the SLA and "
                "rate limit its provider publishes.",
    model=ExternalService, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.EXTERNAL, role=Role.EXTERNAL, tier=Tier.INTEGRATION, state=State.STATELESS,
    icon=("diagrams.aws.general", "TraditionalServer"),
    redundancy=Redundancy("outside AWS: the spec's redundancy for it is its fallback (fallback:), which answers in "
                          "its place", stand_ins=stand_ins),
    recovery=Recovery("outside AWS: its provider's; not modelled", None, "not an AWS service"),
    sla=Sla((), lambda c: None, note="not an AWS service: the figure its provider publishes; without one it counts "
                                     "as always available", declared=sla),
    traffic=Traffic("its declared rate limit (requests/s) is its capacity; outside AWS: not priced",
                    assess=assess, surviving_capacity=surviving, needs=_declared.needs),
    details=details,
)
