"""What the types whose figures the spec declares share (a dependency outside AWS, a custom node): their
SLA keys, the SLA figure they give, and a declared request-rate ceiling.

Not a type (its name starts with ``_``).
"""

from __future__ import annotations

from archgen.catalogue.base import SlaFigure
from archgen.formatting import EMPTY, number, rate
from archgen.spec.schema_parts import prop
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

SLA_KEYS = {
    "sla": prop("number", "Availability its provider publishes or contracts, in percent (e.g. 99.95); the "
                          "availability estimate uses it.", exclusiveMinimum=0, maximum=100),
    "sla_source": prop("string", "Where the SLA figure comes from (a URL, a contract).", minLength=1, maxLength=500),
}


def sla_figure(c, configuration: str) -> SlaFigure | None:
    """The SLA the spec declares for ``c`` (its ``sla`` and ``sla_source``), or None when it declares none."""
    if c.sla_percent is None:
        return None
    return SlaFigure(f"declared:{c.id}", c.label, configuration, c.sla_percent,
                     c.sla_source or "declared in the spec", "", "")


def assess_ceiling(c, value: float | None, name: str, source: str, peak) -> Assessment:
    """The limit a declared requests-per-second ceiling puts on a tier (none when it declares none)."""
    out = Assessment(sizing={"declared_rps": value, "peak_rps": peak.rps})
    if value is None:
        out.notes.append(f"no {name} declared: capacity unknown")
        return out
    out.capacity_rps = out.max_capacity_rps = value
    out.limits.append(Limit(name, peak.rps, value, "rps", f"declared {name} {number(value)} rps ({source})"))
    return out


def needs(sizing) -> str:
    value = sizing["declared_rps"]
    return f"{number(sizing['peak_rps'])} of {rate(value)} declared" if value is not None else EMPTY
