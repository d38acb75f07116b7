"""Failure-domain simulation: lose one AZ, or one Region, and see which flows still reach their data.

A component is down when the lost domain takes all of it (``redundancy.state_after``); it is
"failover" when it serves again after an automatic switch-over (RDS Multi-AZ, replica
promotion, an Auto Scaling group relaunching in its other AZs, a global table replica).
A flow survives when a path made of up/failover components — standby paths included, as a
Route 53 failover secondary or a CloudFront origin-group secondary takes over — still reaches
a holder of its data.

A route that keeps sending requests to a failed target (a latency or weighted record without
a health check: ``archgen.analysis.routing``) offers those requests no alternative: a flow whose
paths cross such a target that the loss takes down is cut for the requests routed there, even
when other routes still reach its data (``pinned``).

When the traffic model is available, each tier that lost instances is also checked for
N+1 capacity: can what is left serve the peak? (``capacity`` stays "unknown" otherwise.) A
Region loss checks the tiers of the Regions left against the peak they must then carry
(``archgen.analysis.region_capacity``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from typing import NamedTuple

from archgen.analysis.graph import Flow, RequestGraph
from archgen import catalogue
from archgen.analysis.redundancy import (
    DOWN, FAILOVER, UP, placed_in_azs, state_after_az_loss, state_after_region_loss, zonal_state_azs,
)
from archgen.catalogue.base import Placement, Recovery, Redundancy
from archgen.formatting import rate
from archgen.model import Component, Spec


class TierCapacity(NamedTuple):
    """Capacity left in one tier after the loss, against its peak demand (a named tuple: every AZ scenario
    of a large spec makes thousands)."""

    component: str
    instances_left: int
    instances_before: int
    capacity_rps: float | None  # requests/s the surviving instances serve (None: unknown)
    peak_rps: float | None  # peak demand on the tier (None: no traffic model)

    @property
    def enough(self) -> bool | None:
        if self.capacity_rps is None or self.peak_rps is None:
            return None
        return self.capacity_rps >= self.peak_rps

    def to_json(self) -> dict:
        return {"component": self.component, "instances_left": self.instances_left,
                "instances_before": self.instances_before, "capacity_rps": self.capacity_rps,
                "peak_rps": self.peak_rps, "enough": self.enough}


@dataclass(frozen=True)
class RegionTierCapacity:
    """A tier of a Region left after losing another: the peak it must then carry, against what it serves
    at its current size and at its largest (100% utilisation, like the AZ check)."""

    component: str
    region: str
    peak_before_rps: float  # its peak with every Region up
    peak_rps: float  # its peak once the lost Region's requests move to it
    capacity_rps: float | None  # at its current (desired) size; None: unknown
    max_capacity_rps: float | None  # at the most it can scale to; None: unknown or unbounded
    scale_out: Recovery | None = None  # how it grows to the peak (None: it need not)

    @property
    def enough(self) -> bool | None:
        """Serves the peak at its current size (None: unknown)."""
        return None if self.capacity_rps is None else self.capacity_rps >= self.peak_rps - 1e-9

    @property
    def enough_at_max(self) -> bool | None:
        return None if self.max_capacity_rps is None else self.max_capacity_rps >= self.peak_rps - 1e-9

    def describe(self) -> str:
        """'a peak of 140 rps (was 0 rps); it serves 100 rps at its current size, 400 rps at its largest'."""
        at_max = f", {rate(self.max_capacity_rps)} at its largest" if self.max_capacity_rps is not None else ""
        return (f"a peak of {rate(self.peak_rps)} (was {rate(self.peak_before_rps)}); it serves "
                f"{rate(self.capacity_rps)} at its current size{at_max}")

    def verdict(self) -> str:
        """'enough', 'short by 1,300 rps until it scales out', 'short by 35 rps even at its largest'."""
        if self.enough_at_max is False:
            return f"short by {rate(self.peak_rps - self.max_capacity_rps)} even at its largest"
        if self.enough is False:
            return f"short by {rate(self.peak_rps - self.capacity_rps)} until it scales out"
        return "capacity unknown" if self.enough is None else "enough"

    def to_json(self) -> dict:
        return {"component": self.component, "region": self.region, "peak_before_rps": self.peak_before_rps,
                "peak_rps": self.peak_rps, "capacity_rps": self.capacity_rps,
                "max_capacity_rps": self.max_capacity_rps, "enough": self.enough, "enough_at_max": self.enough_at_max,
                "scale_out": None if self.scale_out is None else {
                    "how": self.scale_out.how, "seconds": self.scale_out.seconds, "source": self.scale_out.source}}


@dataclass(frozen=True)
class FailureOutcome:
    """What losing one AZ or one Region does."""

    kind: str  # "AZ" | "Region"
    name: str  # us-east-1a | us-east-1
    down: tuple[str, ...]  # components that stop serving
    failover: tuple[str, ...]  # components that serve again after an automatic switch-over
    served: tuple[Flow, ...]  # flows that still reach their data
    cut: tuple[Flow, ...]  # flows that do not
    via_standby: tuple[Flow, ...] = ()  # served flows that need a standby (failover) path
    capacity: tuple = ()  # TierCapacity per tier that lost instances (AZ); RegionTierCapacity (Region)
    capacity_status: str = "unknown"  # ok | short | unknown
    capacity_note: str = ""
    pinned: tuple[tuple[Flow, tuple[str, ...]], ...] = ()  # cut flows whose other paths still reach the data,
    # with the failed targets their routes keep sending requests to (no health check)

    @cached_property
    def _down_position(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.down)}

    def down_on(self, components) -> list[str]:
        """The components of ``down`` among ``components`` (a flow's paths), in the order of ``down``.

        Looks up the (few) components on the paths instead of scanning ``down``, which holds a whole
        Region's components when one is lost.
        """
        position = self._down_position
        return sorted((c for c in components if c in position), key=position.__getitem__)

    def region_capacity_lines(self) -> list[str]:
        """Region-level N+1 in words, one line per tier of the Regions left whose peak grows (Region scenarios)."""
        tiers = [t for t in self.capacity if isinstance(t, RegionTierCapacity)]
        if tiers:
            return [f"{t.component} ({t.region}): {t.describe()}: {t.verdict()}" for t in tiers]
        if self.capacity_status == "unknown":
            return [f"capacity of the Regions left unknown: {self.capacity_note or 'no capacity model'}"]
        return [f"no tier of the Regions left has a higher peak ({self.capacity_note})"
                if self.capacity_note == "nothing runs in this Region" else
                "no tier of the Regions left with a known ceiling has a higher peak"]

    def to_json(self) -> dict:
        pinned = dict(self.pinned)

        def flows(items):
            return [{"entry": f.entry, "target": f.target, **({"pinned_to": list(pinned[f])} if f in pinned else {})}
                    for f in items]

        # served flows are counted, not listed: they are every flow but the cut ones, and listing
        # them again for each AZ and Region was most of a large spec's JSON
        return {"kind": self.kind, "name": self.name, "down": list(self.down), "failover": list(self.failover),
                "served_count": len(self.served), "cut": flows(self.cut), "via_standby": flows(self.via_standby),
                "capacity": {"status": self.capacity_status, "note": self.capacity_note,
                             "tiers": [t.to_json() for t in self.capacity]}}


class LossStates:
    """Which components stop serving, or fail over, after losing some AZs or Regions.

    ``state_after`` only looks at a component's own Region and the AZs ``azs_state_depends_on``
    names; any other loss leaves it in its nothing-lost state (UP, unless it has no instance
    at all). So each scenario evaluates only the components that use the lost AZ or Region: on
    a large spec that is a few hundred of thousands, for each of two dozen scenarios. Each is
    indexed with its spec position and its type's redundancy facts, looked up once.
    """

    def __init__(self, spec: Spec, graph: RequestGraph | None = None):
        """``graph``: the spec's request graph, whose instances per AZ are reused (computed once per component)."""
        self.zonal: list[tuple[Component, dict[str, int]]] = []  # with instances_per_az, in spec order
        self.per_az: dict[str, dict[str, int]] = {}  # the same by id
        # (position, component, its type's redundancy[, instances per AZ]), in spec order
        self.by_az: dict[str, list[tuple[int, Component, Redundancy, dict[str, int]]]] = {}
        self.by_region: dict[str, list[tuple[int, Component, Redundancy]]] = {}
        self.unchanged: dict[int, tuple[str, str]] = {}  # position -> (id, state) of those not UP when nothing is lost
        kinds = catalogue.by_name()
        facts: dict[str, tuple[Redundancy, Placement]] = {}  # type -> its redundancy and placement, looked up once
        by_region, by_az, zonal_placement, nothing_lost = self.by_region, self.by_az, Placement.ZONAL, frozenset()
        for position, c in enumerate(spec.components):
            fact = facts.get(c.type)
            if fact is None:
                kind = kinds[c.type]
                fact = facts[c.type] = (kind.redundancy, kind.placement)
            redundancy, placement = fact
            zonal = placement is zonal_placement or placed_in_azs(placement, c)
            if zonal:  # instances_per_az
                self.per_az[c.id] = per_az = redundancy.instances_per_az(c) if graph is None else \
                    graph.instances_per_az(c, redundancy)
                self.zonal.append((c, per_az))
            if c.region is None:
                continue  # global services: always UP
            # get, not setdefault: setdefault makes (and drops) a new list for every component
            in_region = by_region.get(c.region)
            if in_region is None:
                by_region[c.region] = in_region = []
            in_region.append((position, c, redundancy))
            if not zonal:
                continue  # regional services: only a Region loss changes them
            entry = (position, c, redundancy, per_az)
            for az in zonal_state_azs(redundancy, c, per_az):
                in_az = by_az.get(az)
                if in_az is None:
                    by_az[az] = in_az = []
                in_az.append(entry)
            if (state := state_after_az_loss(redundancy, c, per_az, nothing_lost)) != UP:
                self.unchanged[position] = (c.id, state)

    def after(self, lost_azs: frozenset[str], lost_regions: frozenset[str]) -> dict[str, str]:
        """Component id -> state, for every component not UP after the loss, in spec order."""
        if len(lost_azs) + len(lost_regions) == 1 and not self.unchanged:  # each scenario of simulate_all
            # one list in spec order, each component once: no positions to merge or sort
            if lost_regions:  # a lost Region's components are all DOWN or FAILOVER
                (region,) = lost_regions
                return {c.id: state_after_region_loss(redundancy, c, lost_regions)
                        for _, c, redundancy in self.by_region.get(region, ())}
            (az,) = lost_azs
            return {c.id: state for _, c, redundancy, per_az in self.by_az.get(az, ())
                    if (state := state_after_az_loss(redundancy, c, per_az, lost_azs)) != UP}
        states: dict[int, tuple[str, str]] = {}  # position -> (id, state) of every component the loss touches
        for region in lost_regions:
            for position, c, redundancy in self.by_region.get(region, ()):
                states[position] = (c.id, state_after_region_loss(redundancy, c, lost_regions))
        for az in lost_azs:
            for position, c, redundancy, per_az in self.by_az.get(az, ()):
                if position not in states:  # not already lost with its Region, or with another AZ
                    states[position] = (c.id, state_after_az_loss(redundancy, c, per_az, lost_azs))
        for position, entry in self.unchanged.items():
            states.setdefault(position, entry)  # untouched: as with nothing lost
        return {cid: state for _, (cid, state) in sorted(states.items()) if state != UP}


def simulate(spec: Spec, graph: RequestGraph, *, lost_azs: frozenset[str] = frozenset(),
             lost_regions: frozenset[str] = frozenset(), kind: str, name: str,
             capacity=None, states: LossStates | None = None, switched_on: frozenset[str] = frozenset(),
             region_capacity=None) -> FailureOutcome:
    """One scenario; pass ``states`` (one ``LossStates`` for every scenario of a spec) to share its index.

    ``switched_on``: Regions whose switched-off components (no instances: a pilot light's fleets at
    desired 0) count as up, the DR plan switching them on. ``region_capacity(outcome, changed)``
    adds the Region-level N+1 check to a Region scenario.
    """
    states = states or LossStates(spec)
    changed = states.after(lost_azs, lost_regions)
    if switched_on:
        changed = {cid: state for cid, state in changed.items()
                   if not (state == DOWN and spec.component(cid).region in switched_on)}
    lost, failover = [], []  # DOWN and FAILOVER, in spec order
    for cid, state in changed.items():
        if state == DOWN:
            lost.append(cid)
        elif state == FAILOVER:
            failover.append(cid)
    removed = frozenset(lost)
    flows = graph.flows
    reaching = graph.flows_reaching(removed, standby=True)
    reaching_normally = graph.flows_reaching(removed, standby=False)
    pinned = _pinned_cuts(graph, removed, reaching)
    if all(reaching_normally) and not pinned:  # the common case, without a loop over every flow
        served, cut, via_standby = flows, (), ()
    else:
        # by position: hashing each Flow, for each scenario, was a good part of a large spec's simulation
        kept = [reaches and i not in pinned for i, reaches in enumerate(reaching)] if pinned else reaching
        served = tuple(compress(flows, kept))
        cut = tuple(flow for flow, keeps in zip(flows, kept) if not keeps)
        via_standby = tuple(flow for flow, keeps, normally in zip(flows, kept, reaching_normally)
                            if keeps and not normally)
    down = lost  # without lost AZs or components down with nothing lost, all are in a lost Region: all affected
    if lost_azs or states.unchanged:
        component, per_az = spec.component, states.per_az
        down = [cid for cid in lost if _affected(component(cid), per_az.get(cid, {}), lost_azs, lost_regions)]
    outcome = FailureOutcome(
        kind=kind, name=name,
        down=tuple(down),
        failover=tuple(failover),
        served=served, cut=cut, via_standby=via_standby,
        pinned=tuple((flows[i], targets) for i, targets in pinned.items()))
    if kind == "AZ" and capacity is not None:
        outcome = capacity(outcome, lost_azs)
    if kind == "Region" and region_capacity is not None:
        outcome = region_capacity(outcome, changed)
    return outcome


def _pinned_cuts(graph: RequestGraph, removed: frozenset[str], reaching) -> dict[int, tuple[str, ...]]:
    """Flows (their positions in ``graph.flows``) that still reach their data, but whose requests routed to a
    removed, pinned target fail, with those targets."""
    pinned = graph.routing.pinned
    if pinned.keys().isdisjoint(removed):  # the common case, in a look-up per removed component
        return {}
    lost = [cid for cid in pinned if cid in removed]
    through = graph.flows_through(frozenset(pinned))
    out: dict[int, list[str]] = {}
    for cid in lost:
        for i in through.get(cid, ()):
            if reaching[i]:
                out.setdefault(i, []).append(cid)
    return {i: tuple(targets) for i, targets in out.items()}


def _affected(c: Component, per_az: dict[str, int], lost_azs, lost_regions) -> bool:
    """The loss takes some of ``c`` (``per_az``: its ``instances_per_az``)."""
    return c.region in lost_regions or not lost_azs.isdisjoint(c.azs) or not lost_azs.isdisjoint(per_az)


@dataclass(frozen=True)
class FailureDomainReport:
    azs: tuple[FailureOutcome, ...] = field(default_factory=tuple)
    regions: tuple[FailureOutcome, ...] = field(default_factory=tuple)
    capacity_available: bool = False
    capacity_note: str = ""

    def to_json(self) -> dict:
        return {"azs": [o.to_json() for o in self.azs], "regions": [o.to_json() for o in self.regions],
                "capacity_model": {"available": self.capacity_available, "note": self.capacity_note}}


def simulate_all(spec: Spec, graph: RequestGraph, capacity=None, capacity_note: str = "",
                 states: LossStates | None = None, region_capacity=None) -> FailureDomainReport:
    """Lose each declared AZ in turn, then each declared Region.

    Under a pilot light, losing the primary Region switches on what the recovery Region keeps
    switched off (AWS DR whitepaper, "Pilot light"): its fleets without instances count as up.
    """
    states = states or LossStates(spec)
    azs = tuple(simulate(spec, graph, lost_azs=frozenset({az}), kind="AZ", name=az, capacity=capacity, states=states)
                for region in spec.regions for az in region.azs)
    dr = spec.dr
    pilot = dr is not None and dr.strategy == "pilot-light" and dr.secondary_region
    regions = tuple(simulate(spec, graph, lost_regions=frozenset({r.name}), kind="Region", name=r.name, states=states,
                             switched_on=frozenset({dr.secondary_region}) if pilot and r.name == dr.primary_region
                             else frozenset(), region_capacity=region_capacity)
                    for r in spec.regions)
    return FailureDomainReport(azs, regions, capacity is not None, capacity_note)


__all__ = ["FailureOutcome", "FailureDomainReport", "LossStates", "RegionTierCapacity", "TierCapacity", "simulate",
           "simulate_all", "UP"]
