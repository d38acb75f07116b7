"""What the network types share: the data they carry, a bandwidth ceiling, hourly and per-GB prices.

Not a type (its name starts with ``_``). Bandwidth is in decimal units, as AWS states it
(1 Gbps = 10^9 bits/s; 1 GB = 10^9 bytes, ``archgen.traffic.facts``).
"""

from __future__ import annotations

from archgen import catalogue
from archgen.catalogue.base import Capability
from archgen.formatting import number
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit, Load

BITS_PER_GBPS = 1e9


def gbps(load: Load) -> float:
    """Bits per second the load moves (requests and responses), in Gbps."""
    return load.bytes_per_s * 8 / BITS_PER_GBPS


def bandwidth_limit(name: str, peak: Load, capacity_gbps: float, source: str) -> Limit:
    return Limit(name, gbps(peak), capacity_gbps, "Gbps", source)


def carried(avg: Load, peak: Load, **more) -> Assessment:
    """An assessment that only reports the data carried (no ceiling)."""
    return Assessment(sizing={"gb_per_month_avg": avg.gb_per_month, "gbps_peak": gbps(peak), **more})


def data_needs(sizing) -> str:
    """The traffic table's text for a tier that carries data: its peak bandwidth."""
    return f"{number(sizing['gbps_peak'])} Gbps at peak"


def hours(bill, item: str, price_per_hour: float, source: str, count: float = 1) -> None:
    """``count`` of something billed by the hour, for a 730-hour month."""
    bill.add(item, count * facts.HOURS_PER_MONTH, "hours", price_per_hour, source)


def per_gb(bill, item: str, avg: Load, price_per_gb: float, source: str) -> None:
    """Data processed at the average load over a month, billed per GB."""
    bill.add(item, avg.gb_per_month, "GB", price_per_gb, source)


def check_targets(checker, c: dict, capability: Capability) -> list[dict]:
    """The components ``c`` connects to, each reported at its connection when its type lacks ``capability``."""
    allowed = catalogue.with_capability(capability)
    targets = [checker.components[t][1] for t in sorted(checker.targets_of(c.get("id"))) if t in checker.components]
    if all(t.get("type") in allowed for t in targets):
        return targets
    for i, connection in checker.connections_from(c.get("id")):  # only when one is wrong: find its connection
        if connection.get("to") in checker.components:
            checker.ref(("connections", i, "to"), connection.get("to"), *sorted(allowed))
    return [t for t in targets if t.get("type") in allowed]
