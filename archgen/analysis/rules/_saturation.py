"""Helpers the saturation rules (RuleFamily.SATURATION) share: which tiers are over a ceiling at peak, in words.

Not a rule: the registry loads ``ag*`` modules only.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Iterator

from archgen import catalogue
from archgen.analysis.rule import Rule, RuleContext
from archgen.findings import Finding
from archgen.formatting import number, percent
from archgen.model import Component
from archgen.traffic.types import Limit, TierLoad


def over(tier: TierLoad, *, at_ceiling: bool = False) -> list[Limit]:
    """Limits of ``tier`` whose peak demand exceeds the ceiling (``at_ceiling``: or reaches it), worst first."""
    threshold = 1.0 - 1e-9 if at_ceiling else 1.0 + 1e-9
    found = [lim for lim in tier.limits if lim.demand > 0 and lim.utilization >= threshold]
    if len(found) > 1:  # most tiers are over none (the rules ask about thousands of them)
        found.sort(key=lambda lim: (-lim.utilization, lim.name))
    return found


def describe(limit: Limit) -> str:
    """'table writes 375 WCU > 150 (250%)'; '= 50' when demand is exactly the ceiling."""
    relation = ">" if limit.utilization > 1.0 + 1e-9 else "="
    return f"{limit.name} {number(limit.demand)} {limit.unit} {relation} {number(limit.capacity)} " \
           f"({percent(limit.utilization)})"


def describe_all(limits: list[Limit]) -> str:
    """Every limit described, separated by '; '."""
    return "; ".join(describe(limit) for limit in limits)


def saturated(ctx: RuleContext, classes: tuple[type, ...], *,
              at_ceiling: bool = False) -> Iterator[tuple[Component, TierLoad, list[Limit]]]:
    """(component, tier, limits over) for each tier whose model is one of ``classes``, over a ceiling at peak
    (``at_ceiling``: or exactly at it, for a ceiling that throttles the first request beyond it)."""
    for tier in tiers_of(ctx, classes):
        limits = over(tier, at_ceiling=at_ceiling)
        if limits:
            yield ctx.spec.component(tier.id), tier, limits


def tiers_of(ctx: RuleContext, classes: tuple[type, ...]) -> list[TierLoad]:
    """The tiers whose model is one of ``classes``, in the traffic model's order, from the index by type."""
    index = _tiers_by_type(ctx)
    found = [item for name in types_of(classes) for item in index.get(name, ())]
    found.sort(key=itemgetter(0))  # in the model's order, as if every tier were scanned
    return [tier for _, tier in found]


def _tiers_by_type(ctx: RuleContext) -> dict[str, list[tuple[int, TierLoad]]]:
    """Type name -> (position in the traffic model, tier) of its tiers: built once for the saturation rules, which
    each scanned every tier of a large spec for its few types."""
    index = ctx.cache.get("tiers by type")
    if index is None:
        index = ctx.cache["tiers by type"] = {}
        for position, tier in enumerate(ctx.traffic.tiers.values()):
            index.setdefault(tier.type, []).append((position, tier))
    return index


def types_of(classes: tuple[type, ...]) -> frozenset[str]:
    """Names of the component types whose model is one of ``classes`` (or a subclass)."""
    return frozenset(catalogue.names_where(lambda kind: issubclass(kind.model, classes)))


def over_ceiling(rule: Rule, ctx: RuleContext, component: Component, tier: TierLoad, limits: list[Limit],
                 message: str, fix: str, *, severity: str | None = None) -> Finding:
    """The finding of a saturation rule about ``tier``: at its component's line, with the limits it is over
    (``severity``: other than the rule's)."""
    return rule.finding(message, (tier.id,), location=component.location, fix=fix, severity=severity,
                        details=details(tier, limits, ctx.traffic.scale))


def details(tier: TierLoad, limits: list[Limit], scale: float) -> dict:
    """JSON-serialisable extras every AG5xx finding carries."""
    return {
        "peak_rps": tier.peak_rps,
        "scale": scale,
        "utilization": tier.utilization if tier.utilization != float("inf") else None,
        "limits": [{"name": lim.name, "demand": lim.demand, "capacity": lim.capacity, "unit": lim.unit,
                    "source": lim.source} for lim in limits],
    }


def scale_note(ctx: RuleContext) -> str:
    scale = ctx.traffic.scale
    return "" if scale == 1.0 else f" at {scale:g}× traffic"
