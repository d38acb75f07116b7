"""Composite availability of each flow from AWS SLA figures, compared with the spec's target.

Rules of composition (AWS Well-Architected Reliability Pillar, "Availability"):

* in series, every component is needed: A = A₁ × A₂ × … (three 99.99% components ≈ 99.97%);
* redundant, independent alternatives: A = 1 − (1 − A₁)(1 − A₂)… (two 99.9% ≈ 99.9999%).

The parallel rule assumes failures are independent and failover is instant; neither is true
of real systems, and SLA figures are service-credit thresholds rather than measured
availability. The result is an estimate to compare designs with, not a prediction.

A flow's paths are decomposed into series and parallel parts: the components every path
crosses (dominators) are in series; between two consecutive ones, disjoint groups of
alternative paths are in parallel. A group that is neither (a "bridge") is computed exactly
by the factoring theorem: A(G) = aᵥ·A(G | v up) + (1 − aᵥ)·A(G | v down).

Targets of a router are alternatives only when the router routes around a failed one: a
health-checked Route 53 record set (``archgen.analysis.routing``). The requests a record
without a health check receives stay pinned to its target when it fails (AG301), so for them
the router's other targets are no alternative: the flow's availability is that of its least
available pinned route — its paths with the router's other targets of that record set removed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from archgen import catalogue, formatting
from archgen.analysis.graph import SINK, Flow, RequestGraph, immediate_dominators
from archgen.catalogue.base import SlaFigure
from archgen.model import Component, Spec

MAX_FACTORED_NODES = 12  # exact factoring is exponential; beyond this a lower bound is given
MAX_PINNED_COMBINATIONS = 64  # pinned routes of several routers on one flow: beyond this, each router's worst alone
INDEPENDENCE_NOTE = ("Series: A = ∏ Aᵢ; redundant alternatives: A = 1 − ∏(1 − Aᵢ). Assumes independent failures and "
                     "instant failover; SLA figures are service-credit thresholds, not measured availability "
                     "(AWS Well-Architected Reliability Pillar, 'Availability').")


SlaRow = SlaFigure  # one dated, sourced SLA figure (declared by its component type in the catalogue)


def sla_figure(c: Component) -> SlaFigure | None:
    """The SLA figure that describes this component as configured: its type's, or the one the spec
    declares for it (a dependency outside AWS); None when no SLA applies (it counts as always up)."""
    return catalogue.by_name()[c.type].sla.figure(c)


def sla_key(c: Component) -> str | None:
    figure = sla_figure(c)
    return figure.key if figure is not None else None


def component_availability(c: Component) -> float:
    figure = sla_figure(c)
    return figure.availability if figure is not None else 1.0


# --------------------------------------------------------------------------- expressions
class Leaf(NamedTuple):
    """One component in an expression (a named tuple: one per component of a large spec)."""

    component: str
    value: float
    sla: str

    def text(self) -> str:
        return f"{self.component} {formatting.availability_percent(self.value)}"


# The values below are cached (cached_property writes the instance dict, which a frozen dataclass
# allows): a report asks for the critical flow, hence every flow's value, several times.
@dataclass(frozen=True)
class Series:
    parts: tuple

    @cached_property
    def value(self) -> float:
        out = 1.0
        for part in self.parts:
            out *= part.value
        return out

    def text(self) -> str:
        return " × ".join(p.text() if not isinstance(p, Series) else f"({p.text()})" for p in self.parts)


@dataclass(frozen=True)
class Parallel:
    parts: tuple

    @cached_property
    def value(self) -> float:
        down = 1.0
        for part in self.parts:
            down *= 1.0 - part.value
        return 1.0 - down

    def text(self) -> str:
        return "[" + " ∥ ".join(p.text() for p in self.parts) + f" = {formatting.availability_percent(self.value)}]"


@dataclass(frozen=True)
class Exact:
    """A group of paths that is neither series nor parallel, computed by factoring."""

    components: tuple[str, ...]
    value: float
    bound: bool = False  # True: too many components to factor; value is the all-up lower bound

    def text(self) -> str:
        how = "lower bound, all up" if self.bound else "exact, factoring"
        return f"{{{', '.join(self.components)}: {formatting.availability_percent(self.value)} ({how})}}"


ONE = Series(())


UNREACHABLE_LEAF = Leaf("unreachable", 0.0, "")

Adjacency = dict[str, list[str]]  # node -> successors, every one of them a node of the same dict


def _restricted(successors: Adjacency, keep: set[str]) -> Adjacency:
    """The subgraph induced by ``keep``."""
    return {node: [nxt for nxt in successors[node] if nxt in keep] for node in keep}


def _reach(successors: Adjacency, start: str) -> set[str]:
    """Nodes reachable from ``start`` by at least one edge (``networkx.descendants``)."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in successors[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    seen.discard(start)
    return seen


def _between(successors: Adjacency, s: str, t: str) -> set[str]:
    """Nodes on some path from s to t, s and t excluded."""
    forward = _reach(successors, s)
    if t not in forward:
        return set()
    forward.add(s)
    predecessors: Adjacency = {node: [] for node in forward}
    for node in forward:
        for nxt in successors[node]:
            predecessors[nxt].append(node)
    backward: set[str] = set()
    todo = [t]
    while todo:  # backwards from t, inside what s reaches (with s)
        for previous in predecessors[todo.pop()]:
            if previous not in backward:
                backward.add(previous)
                todo.append(previous)
    return backward - {s, t}


def _groups(successors: Adjacency, inner: set[str]) -> list[set[str]]:
    """Weakly connected components of the subgraph induced by ``inner``."""
    neighbours: dict[str, list[str]] = {node: [] for node in inner}
    for node in inner:
        for nxt in successors[node]:
            if nxt in inner:
                neighbours[node].append(nxt)
                neighbours[nxt].append(node)
    groups, seen = [], set()
    for node in inner:
        if node in seen:
            continue
        group = {node}
        todo = [node]
        while todo:
            for other in neighbours[todo.pop()]:
                if other not in group:
                    group.add(other)
                    todo.append(other)
        seen |= group
        groups.append(group)
    return groups


def _renamed(expression, names: dict[str, str]):
    """The same expression over other components (``names``: old id -> new id)."""
    if isinstance(expression, Leaf):
        return expression if expression is UNREACHABLE_LEAF else Leaf(names[expression.component], expression.value,
                                                                     expression.sla)
    if isinstance(expression, Exact):
        return Exact(tuple(names[c] for c in expression.components), expression.value, expression.bound)
    if not expression.parts:
        return expression  # ONE, whose identity callers test
    return type(expression)(tuple(_renamed(part, names) for part in expression.parts))


def _split(successors: Adjacency, s: str, t: str, groups: list[set[str]]) -> list[Adjacency]:
    """The subgraph of each group with s and t: ``_restricted`` for each, in one pass over the
    edges of s and t (3,000 groups behind one DNS zone made a pass per group quadratic).

    A group's nodes keep all their edges: they lead to the same group, s or t.
    """
    group_of = {node: i for i, group in enumerate(groups) for node in group}
    parts = [{node: list(successors[node]) for node in group} for group in groups]
    for part in parts:
        part[s], part[t] = [], []
    for end in (s, t):
        for nxt in successors[end]:
            if nxt in group_of:
                parts[group_of[nxt]][end].append(nxt)
            else:  # s or t themselves
                for part in parts:
                    part[end].append(nxt)
    return parts


class _Decomposer:
    """Series/parallel decomposition over plain adjacency dicts, remembering repeated work.

    A decomposition only depends on the shape of the paths, on their components' availabilities
    and SLA keys, and on the order of their names (parts are sorted by name), not on the names
    themselves: a large spec repeats one service stack hundreds of times. So each distinct shape
    is decomposed once (``shapes``; its factoring: ``exact_values``) and renamed for the others.
    ``segments`` holds the expressions of parts of flows whose result depends on their two ends
    only (see ``flow_availability``).
    """

    def __init__(self, avail: dict[str, float], keys: dict[str, str]):
        self.avail = avail
        self.keys = keys
        self.figures: dict[str, SlaFigure | None] = {}  # the SLA figure of each component of ``avail``, when known
        self.exact_values: dict[tuple, tuple[float, bool]] = {}
        self.shapes: dict[tuple, tuple[object, tuple[str, ...]]] = {}
        self.segments: dict[tuple, object] = {}
        self.leaves: dict[str, Leaf] = {}  # one (immutable) leaf per component, shared by every flow

    def leaf(self, node: str) -> Leaf:
        if node not in self.leaves:
            self.leaves[node] = Leaf(node, self.avail[node], self.keys.get(node, ""))
        return self.leaves[node]

    def decompose(self, successors: Adjacency, s: str, t: str):
        """Series/parallel expression for "some path from s reaches t" (s and t themselves excluded)."""
        if t in successors[s]:
            return ONE
        inner = _between(successors, s, t)
        if not inner:
            return ONE if s == t else Series((UNREACHABLE_LEAF,))
        sub = _restricted(successors, inner | {s, t})
        idom = immediate_dominators(sub, s)
        chain = []
        node = idom[t]
        while node != s:
            chain.append(node)
            node = idom[node]
        chain.reverse()
        if chain:
            return self.series(sub, s, chain, t)
        groups = _groups(sub, inner)
        if len(groups) > 1:
            groups.sort(key=sorted)
            return Parallel(tuple(self.decompose(part, s, t) for part in _split(sub, s, t, groups)))
        return self.exact(sub, s, t, inner)

    def decompose_shared(self, successors: Adjacency, s: str, t: str):
        """``decompose``, renamed from an earlier part of the same shape when there is one."""
        if t in successors[s]:
            return ONE
        inner = _between(successors, s, t)
        if not inner:
            return self.decompose(successors, s, t)
        nodes, adjacency = _shape(successors, s, t, inner)
        shape = (tuple((self.avail[n], self.keys.get(n, "")) for n in nodes), adjacency)
        if shape not in self.shapes:
            self.shapes[shape] = (self.decompose(successors, s, t), nodes)
        expression, names = self.shapes[shape]
        return expression if names == nodes else _renamed(expression, dict(zip(names, nodes)))

    def series(self, successors: Adjacency, s: str, chain: list[str], t: str, segment=None):
        """The parts between consecutive dominators, with the dominators themselves, in series.

        ``segment(previous, node)``, when given, supplies the part between two dominators.
        """
        parts = []
        previous = s
        leaves = self.leaves
        for node in chain + [t]:
            part = segment(previous, node) if segment else self.decompose(successors, previous, node)
            if part is not ONE:
                parts.append(part)
            if node != t:
                parts.append(leaves.get(node) or self.leaf(node))
            previous = node
        return parts[0] if len(parts) == 1 else Series(tuple(parts))

    def exact(self, successors: Adjacency, s: str, t: str, inner: set[str]) -> Exact:
        nodes, adjacency = _shape(successors, s, t, inner)  # pivots are taken in name order
        shape = (tuple(self.avail[n] for n in nodes), adjacency)
        if shape not in self.exact_values:
            self.exact_values[shape] = _factor(adjacency, [self.avail[n] for n in nodes])
        value, bound = self.exact_values[shape]
        return Exact(nodes, value, bound=bound)


def _shape(successors: Adjacency, s: str, t: str, inner: set[str]) -> tuple[tuple[str, ...], tuple]:
    """(the inner nodes in name order, the edges among s, t and them with nodes numbered s=0, t=1, then 2…)."""
    nodes = tuple(sorted(inner))
    index = {s: 0, t: 1, **{n: i + 2 for i, n in enumerate(nodes)}}
    adjacency = tuple(tuple(sorted(index[nxt] for nxt in successors[node] if nxt in index)) for node in (s, t, *nodes))
    return nodes, adjacency


def _factor(adjacency: tuple[tuple[int, ...], ...], avail: list[float]) -> tuple[float, bool]:
    """(availability that node 0 reaches node 1, is it only a lower bound) by the factoring theorem.

    Nodes 2… have availabilities ``avail``; pivots are taken in node order, so the arithmetic,
    and the float result, is the same for every graph of this shape.
    """
    uncertain = [i + 2 for i, a in enumerate(avail) if a < 1.0]
    if len(uncertain) > MAX_FACTORED_NODES:
        value = 1.0
        for n in uncertain:
            value *= avail[n - 2]
        return value, True

    reached: dict[int, bool] = {}  # removed nodes (bit mask) -> does 0 still reach 1

    def reaches(removed: int) -> bool:
        if removed not in reached:
            found = False
            seen = 1 | removed  # bit 0: the start
            frontier = [0]
            while frontier and not found:
                for nxt in adjacency[frontier.pop()]:
                    if nxt == 1:
                        found = True
                        break
                    if not seen >> nxt & 1:
                        seen |= 1 << nxt
                        frontier.append(nxt)
            reached[removed] = found
        return reached[removed]

    return _factor_from(0, 0, uncertain, avail, reaches), False


def _factor_from(removed: int, decided: int, uncertain: list[int], avail: list[float], reaches) -> float:
    """A(G) = aᵥ·A(G | v up) + (1 − aᵥ)·A(G | v down), v the next undecided node.

    A module function, not a closure calling itself: that would be a reference cycle, and the
    analysis runs with the cyclic garbage collector paused (``engine.analyze``).
    """
    if not reaches(removed):
        return 0.0
    if decided == len(uncertain):
        return 1.0
    pivot = uncertain[decided]
    a = avail[pivot - 2]
    return (a * _factor_from(removed, decided + 1, uncertain, avail, reaches)
            + (1 - a) * _factor_from(removed | 1 << pivot, decided + 1, uncertain, avail, reaches))


def decompose(adjacency: Adjacency, s: str, t: str, avail: dict[str, float], keys: dict[str, str]):
    """Series/parallel expression for "some path from s reaches t" in ``adjacency`` (s and t themselves excluded)."""
    if s not in adjacency or t not in adjacency:
        raise KeyError(f"{s!r} or {t!r} is not a node of the graph")
    return _Decomposer(avail, keys).decompose(adjacency, s, t)


class FlowAvailability(NamedTuple):
    """The availability of one flow (a named tuple: a large spec has thousands)."""

    flow: Flow
    expression: object  # Leaf | Series | Parallel | Exact
    components: tuple[str, ...]
    pinned: tuple[str, ...] = ()  # the expression is for the requests routed to these (no health check)

    @property
    def value(self) -> float:
        return self.expression.value

    def to_json(self) -> dict:
        return {"entry": self.flow.entry, "target": self.flow.target, "percent": round(self.value * 100, 6),
                "arithmetic": self.expression.text(), "components": list(self.components),
                "pinned_to": list(self.pinned)}


@dataclass(frozen=True)
class AvailabilityReport:
    flows: tuple[FlowAvailability, ...]
    target_percent: float | None
    sla_rows: tuple[SlaRow, ...]  # the rows used, for the report's table
    assumptions: str = INDEPENDENCE_NOTE  # what the arithmetic assumes, for every report to print

    @cached_property
    def critical(self) -> FlowAvailability | None:
        """The least available flow: the critical path."""
        return min(self.flows, key=lambda f: (f.value, f.flow.entry, f.flow.target), default=None)

    @property
    def percent(self) -> float | None:
        return None if self.critical is None else self.critical.value * 100

    @property
    def meets_target(self) -> bool | None:
        if self.target_percent is None or self.percent is None:
            return None
        return self.percent >= self.target_percent - 1e-9

    def to_json(self) -> dict:
        critical = self.critical
        return {
            "target_percent": self.target_percent,
            "percent": None if self.percent is None else round(self.percent, 6),
            "meets_target": self.meets_target,
            "critical_flow": None if critical is None else {"entry": critical.flow.entry, "target": critical.flow.target},
            "flows": [f.to_json() for f in self.flows],
            "assumptions": self.assumptions,
            "sla": [{"key": r.key, "service": r.service, "configuration": r.configuration, "percent": r.percent,
                     "source": r.source, "url": r.url, "recorded": r.recorded} for r in self.sla_rows],
        }


def flow_availability(spec: Spec, graph: RequestGraph, flow: Flow,
                      decomposer: _Decomposer | None = None) -> FlowAvailability:
    """Availability of one flow; standby (failover) paths count as redundant alternatives.

    The flow's dominators (from the request graph) split it into series parts. The part between
    two consecutive dominators holds every path between them, wherever the flow comes from, so it
    is decomposed once and shared by every flow through the same pair (``decomposer.segments``).
    Pass one ``decomposer`` for all the flows of a spec to share that work.
    """
    return _flow_availability(spec, graph, flow, graph.paths_through(flow, standby=True),
                              graph.reachable_holders(flow, standby=True), graph.dominators(flow, standby=True),
                              decomposer or _Decomposer({}, {}))


def _flow_availability(spec: Spec, graph: RequestGraph, flow: Flow, on_path: frozenset[str],
                       holders: tuple[str, ...], dominators: tuple[str, ...], decomposer: _Decomposer):
    avail, keys, figures = decomposer.avail, decomposer.keys, decomposer.figures
    for n in on_path:
        if n not in avail:
            figures[n] = figure = sla_figure(spec.component(n))
            avail[n] = figure.availability if figure is not None else 1.0  # component_availability
            keys[n] = figure.key if figure is not None else ""
    if flow.entry not in on_path:  # no holder of its data is reachable
        return FlowAvailability(flow, Series((UNREACHABLE_LEAF,)), ())
    adjacency: Adjacency = {}  # the flow's graph with its sink, built only when a part needs decomposing

    def flow_graph() -> Adjacency:
        if not adjacency:
            adjacency.update(graph.flow_adjacency(flow, standby=True, on_path=on_path))
        return adjacency

    def segment(previous: str, node: str):
        if (node == SINK and previous in holders) or (node != SINK and graph.has_edge(previous, node)):
            return ONE  # a direct edge: what ``decompose`` answers first, without the flow's graph
        key = (previous, node) if node != SINK else (previous, SINK, holders)
        if key not in decomposer.segments:
            decomposer.segments[key] = decomposer.decompose_shared(flow_graph(), previous, node)
        return decomposer.segments[key]

    choices = pinned_choices(graph, on_path)
    pinned: tuple[str, ...] = ()
    if flow.entry in holders:
        expression = ONE
    elif choices:
        pinned, expression = _least_available_pinned(flow_graph(), flow.entry, choices, decomposer)
    elif len(dominators) + 1 == len(on_path):
        # nothing on the paths but the entry and the dominators: one chain of direct edges, each part
        # between two dominators ONE (most flows of a spec with thousands of records: no segment to look up)
        leaves = decomposer.leaves
        parts = tuple([leaves.get(node) or decomposer.leaf(node) for node in dominators])
        expression = parts[0] if len(parts) == 1 else Series(parts)
    elif dominators:
        expression = decomposer.series(None, flow.entry, list(dominators), SINK, segment=segment)
    else:
        expression = decomposer.decompose_shared(flow_graph(), flow.entry, SINK)
    entry = flow.entry
    ordered = tuple([n for n in sorted(on_path, key=graph.component_order.__getitem__) if n != entry])
    return FlowAvailability(flow, expression, ordered, pinned)


def pinned_choices(graph: RequestGraph, on_path) -> list[list[tuple[str, str, frozenset[str]]]]:
    """Per router on the flow's paths with a pinned target there: (router, pinned target, the router's
    other targets on the paths its requests never reach) for each such target, routers and targets in
    spec order. Empty when no pinned route has an alternative on the paths (the common case)."""
    pinned = graph.routing.pinned
    if not pinned:
        return []
    if pinned.keys().isdisjoint(on_path):  # the common case, without a set made per flow
        return []
    here = pinned.keys() & on_path
    order = graph.component_order
    per_router: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
    pinned_siblings = graph.routing.pinned_siblings
    for target in sorted(here, key=order.__getitem__):
        for router, siblings in pinned_siblings(target).items():
            if router not in on_path:
                continue
            kept_out = [s for s in siblings if s in on_path]  # most often none: no set made
            if kept_out:
                per_router.setdefault(router, []).append((router, target, frozenset(kept_out)))
    return [per_router[r] for r in sorted(per_router, key=order.__getitem__)]


def _least_available_pinned(adjacency: Adjacency, entry: str, choices, decomposer: _Decomposer):
    """(pinned targets, expression) of the least available way the flow's requests can be pinned: each
    router's other targets of the set removed from its successors (ties: the first in spec order)."""
    def restricted(combination) -> object:
        graph = dict(adjacency)
        for router, _, kept_out in combination:
            graph[router] = [n for n in graph[router] if n not in kept_out]
        return decomposer.decompose_shared(graph, entry, SINK)

    total = 1
    for options in choices:
        total *= len(options)
    if total <= MAX_PINNED_COMBINATIONS:
        combinations = itertools.product(*choices)
    else:  # too many: each router's least available choice with the others unrestricted, then together
        combinations = [tuple(min(options, key=lambda option: restricted((option,)).value) for options in choices)]
    best = None
    for combination in combinations:
        expression = restricted(combination)
        if best is None or expression.value < best[1].value:
            best = (tuple(target for _, target, _ in combination), expression)
    return best


def estimate(spec: Spec, graph: RequestGraph) -> AvailabilityReport:
    decomposer = _Decomposer({}, {})
    flows = tuple(_flow_availability(spec, graph, flow, on_path, holders, dominators, decomposer)
                  for flow, on_path, holders, dominators in zip(graph.flows, graph.flow_paths(standby=True),
                                                                 graph.flow_holders(standby=True),
                                                                 graph.flow_dominators(standby=True)))
    # the figures of the components of the flows' paths: every component the decomposer met, but an entry
    # (which is no flow's component unless another flow's paths cross it)
    keys, figures = decomposer.keys, decomposer.figures
    entries = {f.flow.entry for f in flows}
    with_sla = {c for c in entries if keys.get(c)}  # none, unless a spec's entries are components with an SLA
    crossed = {c for f in flows for c in f.components if c in with_sla} if with_sla else set()
    rows: dict[str, SlaRow] = {}
    for c, key in keys.items():
        if key and (c not in entries or c in crossed):
            rows[key] = figures[c]
    return AvailabilityReport(flows, spec.objectives.availability, tuple(rows[k] for k in sorted(rows)))

