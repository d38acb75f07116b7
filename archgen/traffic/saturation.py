"""Helpers the AG5xx saturation rules share: which tiers are over a ceiling at peak, in words."""

from __future__ import annotations

from typing import Iterator

from archgen.traffic.types import Limit, TierLoad


HUGE = 1e15  # beyond this, numbers are shown in scientific notation


def fmt(value: float) -> str:
    """Readable number: 1,234 / 12.5 / 0.125."""
    if value is None:
        return "-"
    if value == float("inf"):
        return "∞"
    if abs(value) >= HUGE:
        return f"{value:.3g}"  # 1e+300, not a 300-digit number
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def over(tier: TierLoad) -> list[Limit]:
    """Limits of ``tier`` whose peak demand exceeds the ceiling, worst first."""
    return sorted((lim for lim in tier.limits if lim.utilization > 1.0 + 1e-9),
                  key=lambda lim: (-lim.utilization, lim.name))


def describe(limit: Limit) -> str:
    """'table writes 375 WCU > 150 (250%)'."""
    pct = "∞" if limit.utilization == float("inf") else f"{limit.utilization:.0%}"
    return f"{limit.name} {fmt(limit.demand)} {limit.unit} > {fmt(limit.capacity)} ({pct})"


def saturated(ctx, types: frozenset[str] | set[str]) -> Iterator[tuple[object, TierLoad, list[Limit]]]:
    """(component, tier, limits over) for each tier of ``types`` over a ceiling at peak."""
    model = getattr(ctx, "traffic", None)
    if model is None:
        return
    for tier in model.tiers.values():
        if tier.type in types:
            limits = over(tier)
            if limits:
                yield ctx.spec.component(tier.id), tier, limits


def details(tier: TierLoad, limits: list[Limit], scale: float) -> dict:
    """JSON-serialisable extras every AG5xx finding carries."""
    return {
        "peak_rps": tier.peak_rps,
        "scale": scale,
        "utilization": tier.utilization if tier.utilization != float("inf") else None,
        "limits": [{"name": lim.name, "demand": lim.demand, "capacity": lim.capacity, "unit": lim.unit,
                    "source": lim.source} for lim in limits],
    }


def scale_note(ctx) -> str:
    scale = getattr(getattr(ctx, "traffic", None), "scale", 1.0)
    return "" if scale == 1.0 else f" at {scale:g}× traffic"
