"""The traffic model's result types: immutable, JSON-friendly, shared by reports and rules."""

from __future__ import annotations

from collections import abc
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple

from archgen.collector import collector_paused
from archgen.traffic import facts


def _empty() -> Mapping:
    return MappingProxyType({})


class Load(NamedTuple):
    """One operating point (average or peak) of a tier or an edge (a tuple: cheap to make by the 10,000)."""

    rps: float = 0.0
    reads: float = 0.0  # reads/s
    writes: float = 0.0  # writes/s
    request_bytes: float = 0.0  # bytes/s sent to the tier
    response_bytes: float = 0.0  # bytes/s returned by the tier
    in_flight: float | None = None  # Little's law L = λ × W, None when the tier's latency is unknown

    @property
    def bytes_per_s(self) -> float:
        return self.request_bytes + self.response_bytes

    @property
    def mb_per_s(self) -> float:
        return self.bytes_per_s / facts.MB

    @property
    def gb_per_month(self) -> float:
        """GB moved in a month if this rate held all month (730 h, decimal GB)."""
        return self.bytes_per_s * facts.SECONDS_PER_MONTH / facts.GB


ZERO = Load()


class Limit(NamedTuple):
    """One ceiling a tier can hit, compared with its demand at peak, in the limit's own unit (a tuple: ~17,000
    per 10,000 components)."""

    name: str  # e.g. "instances at 100%", "table WCU", "GSI by-sku WCU", "hot partition RCU"
    demand: float
    capacity: float
    unit: str  # rps, RCU, WCU, concurrent executions, ...
    source: str  # where the ceiling comes from (spec field or AWS page)

    @property
    def utilization(self) -> float:
        if self.capacity <= 0:
            return float("inf") if self.demand > 0 else 0.0
        return self.demand / self.capacity


@dataclass(frozen=True)
class CostLine:
    item: str
    quantity: float  # per month
    unit: str
    unit_price: float  # USD
    monthly: float  # USD
    source: str  # price source URL


@dataclass(frozen=True)
class TierCost:
    monthly: float  # USD, sum of the lines
    lines: tuple[CostLine, ...] = ()
    unpriced: tuple[str, ...] = ()  # what could not be priced for this tier (e.g. unknown instance type)


class Rates:
    """Requests/s of something with an average and a peak ``Load``."""

    __slots__ = ()  # adds no instance dict to the EdgeLoad tuple
    avg: Load
    peak: Load

    @property
    def avg_rps(self) -> float:
        return self.avg.rps

    @property
    def peak_rps(self) -> float:
        return self.peak.rps


class LazyMapping(abc.Mapping):
    """A read-only mapping made by ``make()`` when first read (what the analysis never reads costs nothing)."""

    __slots__ = ("_make", "_values")

    def __init__(self, make: Callable[[], dict]) -> None:
        self._make: Callable[[], dict] | None = make
        self._values: dict | None = None

    def _read(self) -> dict:
        if self._values is None:
            self._values = self._fill()
            self._make = None  # drop what it was made from
        return self._values

    def _fill(self) -> dict:
        return self._make()

    def __getitem__(self, key):
        return self._read()[key]

    def __iter__(self):
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def __contains__(self, key) -> bool:
        return key in self._read()

    def get(self, key, default=None):
        return self._read().get(key, default)

    def keys(self):
        return self._read().keys()

    def values(self):
        return self._read().values()

    def items(self):
        return self._read().items()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._read()!r})"


class LazySizing(LazyMapping):
    """A tier's type-specific numbers (``TierLoad.sizing``) worked out when first read, for the types whose numbers
    the analysis never reads (load balancers' capacity units, DynamoDB's units, DNS queries): the traffic reports
    and the cost estimate read them all."""

    __slots__ = ()


@dataclass(frozen=True)
class TierLoad(Rates):
    """Load, capacity and cost of one component at average and peak."""

    id: str
    type: str
    label: str
    avg: Load
    peak: Load
    capacity_rps: float | None = None  # rps served at 100% with the current (desired) instances
    max_capacity_rps: float | None = None  # rps served at 100% at the most it can scale to
    limits: tuple[Limit, ...] = ()
    sizing: Mapping = field(default_factory=_empty)  # type-specific numbers (docs/traffic-json.md)
    notes: tuple[str, ...] = ()
    pricing: Callable[[], TierCost | None] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, id: str, type: str, label: str, avg: Load, peak: Load, capacity_rps: float | None,
           max_capacity_rps: float | None, limits: tuple[Limit, ...], sizing: Mapping, notes: tuple[str, ...],
           pricing: Callable[[], TierCost | None] | None) -> TierLoad:
        """``TierLoad(...)`` with every field given, filled in directly: the frozen dataclass's ``__init__`` sets
        each field through ``object.__setattr__`` (3 µs a tier, 10,000 tiers). As immutable afterwards."""
        tier = object.__new__(cls)
        tier.__dict__.update(id=id, type=type, label=label, avg=avg, peak=peak, capacity_rps=capacity_rps,
                             max_capacity_rps=max_capacity_rps, limits=limits, sizing=sizing, notes=notes,
                             pricing=pricing)
        return tier

    @cached_property
    def cost(self) -> TierCost | None:
        """Monthly cost estimate, computed on first use (rules and the diagram never need it)."""
        return self.pricing() if self.pricing is not None else None

    @property
    def binding(self) -> Limit | None:
        """The limit closest to (or furthest past) saturation."""
        if not self.limits:
            return None
        return max(self.limits, key=lambda lim: (lim.utilization, lim.name))

    @property
    def utilization(self) -> float | None:
        """Peak demand over the binding ceiling (1.0 = saturated); None when the tier has no known ceiling."""
        binding = self.binding
        return binding.utilization if binding is not None else None

    @property
    def saturated(self) -> bool:
        util = self.utilization
        return util is not None and util > 1.0 + 1e-9


class _EdgeFields(NamedTuple):
    id: str
    source: str
    target: str
    kind: str
    avg: Load
    peak: Load


class EdgeLoad(_EdgeFields, Rates):
    """Load of one connection at average and peak (a tuple: one per connection)."""

    __slots__ = ()


class EdgeLoads(LazyMapping):
    """Connection id -> EdgeLoad, in spec order, made when first read: the analysis reads none of them (the
    traffic reports and the diagram's edge labels read them all), and 11,000 of them take ~15 ms."""

    __slots__ = ()

    def _fill(self) -> dict[str, EdgeLoad]:
        with collector_paused(freeze=False):  # 33,000 small acyclic objects at 10,000 components, as in the model
            return self._make()

@dataclass(frozen=True)
class TrafficModel:
    """Requests, capacity and cost of every tier and edge of one spec at one traffic scale."""

    spec: str  # spec name
    scale: float
    tiers: Mapping[str, TierLoad]  # component id -> load, in spec order
    edges: Mapping[str, EdgeLoad]  # connection id -> load, in spec order
    entry: Load = ZERO  # sum of every entry point at peak ...
    entry_avg: Load = ZERO  # ... and on average
    has_traffic: bool = False  # some users component declares a traffic profile
    not_priced: tuple[str, ...] = ()  # what the cost estimate leaves out
    prices_as_of: str = ""
    assumptions: tuple[str, ...] = ()  # traffic defaults the spec leaves in force (each also noted on its tiers)
    priced_elsewhere: tuple[str, ...] = ()  # tiers outside the price table's Region, priced at its rates

    @cached_property
    def monthly_cost(self) -> float:
        """Sum of the tiers' monthly estimates (USD)."""
        return sum(t.cost.monthly for t in self.tiers.values() if t.cost is not None)

    def saturation_scale(self, tier_id: str) -> float | None:
        """Multiple of the SPEC's traffic (scale 1) at which the tier reaches 100% (linear model)."""
        util = self.tiers[tier_id].utilization
        if util is None or util <= 0:
            return None
        return self.scale / util

    def saturation_order(self) -> list[tuple[str, float]]:
        """Tiers with a ceiling, in the order they saturate as traffic grows: (id, scale factor)."""
        order = [(tid, s) for tid in self.tiers if (s := self.saturation_scale(tid)) is not None]
        return sorted(order, key=lambda item: (item[1], item[0]))

    @property
    def saturated(self) -> tuple[TierLoad, ...]:
        return tuple(t for t in self.tiers.values() if t.saturated)
