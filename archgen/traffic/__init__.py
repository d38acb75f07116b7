"""Traffic model: request flow, capacity, saturation and cost per tier.

``model_traffic(spec, scale=1.0)`` is pure and deterministic, and linear in the spec's size
(one topological pass over the connections); everything downstream — the ``traffic``
command, the AG5xx saturation rules, the diagram's edge labels — reads its TrafficModel.
"""

from __future__ import annotations

import math
from functools import partial
from types import MappingProxyType

from archgen import catalogue
from archgen import model as m
from archgen.collector import collector_paused
from archgen.traffic.assumptions import default_notes, region_note
from archgen.traffic.capacity import (
    Assessment, FlowView, capacity_rps, draws_on_region_pool, lambda_concurrency_needed, per_spec,
)
from archgen.traffic.cost import not_included, prices, tier_cost
from archgen.traffic.flow import PEAK, R, W, TrafficCycleError, entry_load, propagate
from archgen.traffic.types import EdgeLoad, EdgeLoads, LazySizing, Limit, Load, TierCost, TierLoad, TrafficModel

__all__ = [
    "model_traffic", "edge_peak_rps", "capacity_rps", "TrafficModel", "TierLoad", "EdgeLoad", "Load", "Limit",
    "TierCost", "TrafficCycleError",
]


_new_load = partial(tuple.__new__, Load)  # Load(...) without its keyword handling: ~60,000 per 10,000 components
_new_edge = partial(tuple.__new__, EdgeLoad)  # the same for the ~11,000 EdgeLoads


def _loads(values, in_flight_s: float | None) -> tuple[Load, Load]:
    """(average, peak) Load of 8 flow floats: reads, writes, request and response bytes per second at AVG (0-3),
    then at PEAK (4-7); in flight by Little's law when the service time is known. Literal offsets: 21,000 calls."""
    reads, writes, peak_reads, peak_writes = values[0], values[1], values[4], values[5]
    rps, peak_rps = reads + writes, peak_reads + peak_writes
    if in_flight_s is None:
        return (_new_load((rps, reads, writes, values[2], values[3], None)),
                _new_load((peak_rps, peak_reads, peak_writes, values[6], values[7], None)))
    return (_new_load((rps, reads, writes, values[2], values[3], rps * in_flight_s)),
            _new_load((peak_rps, peak_reads, peak_writes, values[6], values[7], peak_rps * in_flight_s)))


def model_traffic(spec: m.Spec, *, scale: float = 1.0) -> TrafficModel:
    """Requests, capacity and monthly cost of every tier and connection of ``spec`` at ``scale`` × its traffic."""
    if scale == 1.0:  # the model every reader asks for (the analysis, capacity_rps, the traffic report): once per spec
        return per_spec(spec, "model", _unshared)  # asked ~3,300 times at 10,000 components by the AZ capacity hooks
    if not scale > 0 or scale == math.inf:
        raise ValueError(f"scale must be a positive number, not {scale!r}")
    return _unshared(spec, scale)


def _unshared(spec: m.Spec, scale: float = 1.0) -> TrafficModel:
    # tens of thousands of small acyclic objects: without the collector, half the time
    with collector_paused(freeze=False):
        return _model(spec, scale)


def _model(spec: m.Spec, scale: float) -> TrafficModel:
    components, connections, entry_points = spec.components, spec.connections, spec.entry_points
    node, edge = propagate(spec, scale, entry_points)
    pools: dict[str | None, float] = {}
    for fn, values in zip(components, node):
        if isinstance(fn, m.LambdaFunction) and draws_on_region_pool(fn):
            rps = values[PEAK + R] + values[PEAK + W]
            pools[fn.region] = pools.get(fn.region, 0.0) + lambda_concurrency_needed(rps, fn.duration_ms)
    view = FlowView(spec, dict(zip([conn.id for conn in connections], edge)), pools, entry_points)
    # each type's assess hook and whether it is priced, looked up once per run instead of once per component
    hooks = {name: (kind.traffic.assess, kind.traffic.cost is not None) for name, kind in catalogue.by_name().items()}
    tiers: dict[str, TierLoad] = {}
    assumed, priced_region, priced_elsewhere = default_notes(spec, entry_points), prices()["region"], []
    region_notes: dict[str | None, str | None] = {}  # Region -> its note on priced tiers: a few Regions, 10,000 tiers
    for component, values in zip(components, node):
        # W in Little's law, in ms: a Lambda function's duration, else the declared latency_ms
        service_ms = component.duration_ms if isinstance(component, m.LambdaFunction) else component.latency_ms
        avg, peak = _loads(values, service_ms / 1000 if service_ms is not None else None)
        handler, priced = hooks[component.type]
        found = handler(component, avg, peak, view) if handler is not None else Assessment()
        sizing = found.sizing  # a LazySizing is read-only already; a dict gets a read-only view
        if sizing.__class__ is not LazySizing:  # not isinstance: an ABC's instance check costs ~1 µs
            sizing = MappingProxyType(sizing)
        notes = [*found.notes, *assumed.get(component.id, ())]
        if priced:
            region = component.region
            if region not in region_notes:
                region_notes[region] = region_note(region, priced_region)
            priced_at = region_notes[region]
            if priced_at is not None:
                notes.append(priced_at)
                priced_elsewhere.append(component.id)
        tiers[component.id] = TierLoad.of(
            id=component.id, type=component.type, label=component.label, avg=avg, peak=peak,
            capacity_rps=found.capacity_rps, max_capacity_rps=found.max_capacity_rps, limits=tuple(found.limits),
            sizing=sizing, notes=tuple(notes), pricing=partial(tier_cost, component, avg, sizing, spec))
    entries = [entry_load(u, scale) for u in entry_points]
    return TrafficModel(
        spec=spec.name, scale=scale, tiers=MappingProxyType(tiers), edges=EdgeLoads(partial(_edge_loads, connections, edge)),
        entry=_sum(e[1] for e in entries), entry_avg=_sum(e[0] for e in entries),
        has_traffic=any(u.traffic is not None for u in entry_points),
        not_priced=not_included(), prices_as_of=prices()["as_of"],
        assumptions=tuple(dict.fromkeys(note for notes in assumed.values() for note in notes)),
        priced_elsewhere=tuple(priced_elsewhere))


def _edge_loads(connections: tuple[m.Connection, ...], edge: list[tuple[float, ...]]) -> dict[str, EdgeLoad]:
    """Connection id -> EdgeLoad from each connection's 8 flow floats (TrafficModel.edges, when first read)."""
    return {conn.id: _new_edge((conn.id, conn.source, conn.target, conn.kind, *_loads(values, None)))
            for conn, values in zip(connections, edge)}


def _sum(loads) -> Load:
    total = [0.0] * 5
    for load in loads:
        for i, v in enumerate((load.rps, load.reads, load.writes, load.request_bytes, load.response_bytes)):
            total[i] += v
    return Load(*total)


def edge_peak_rps(model: TrafficModel) -> dict[str, float]:
    """Connection id -> peak requests/s: what `archgen render` prints on each edge."""
    return {cid: e.peak_rps for cid, e in model.edges.items()}
