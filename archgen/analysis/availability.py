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
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import networkx as nx

from archgen import model as m
from archgen.analysis.graph import SINK, Flow, RequestGraph
from archgen.analysis.redundancy import instances_per_az
from archgen.model import Component, Spec

SLA_FILE = Path(__file__).with_name("data") / "sla.json"
MAX_FACTORED_NODES = 12  # exact factoring is exponential; beyond this a lower bound is given
INDEPENDENCE_NOTE = ("Series: A = ∏ Aᵢ; redundant alternatives: A = 1 − ∏(1 − Aᵢ). Assumes independent failures and "
                     "instant failover; SLA figures are service-credit thresholds, not measured availability "
                     "(AWS Well-Architected Reliability Pillar, 'Availability').")


@dataclass(frozen=True)
class SlaRow:
    key: str
    service: str
    configuration: str
    percent: float
    source: str
    url: str
    recorded: str

    @property
    def availability(self) -> float:
        return self.percent / 100.0


@lru_cache(maxsize=1)
def sla_table() -> dict[str, SlaRow]:
    data = json.loads(SLA_FILE.read_text(encoding="utf-8"))
    return {row["key"]: SlaRow(**row) for row in data["rows"]}


def _multi_az(c: Component) -> bool:
    return len(instances_per_az(c)) >= 2


def sla_key(c: Component) -> str | None:
    """Which SLA row describes this component as configured (None: not an AWS service)."""
    t = c.type
    if t == "users":
        return None
    if t in ("route53", "cloudfront", "lambda", "sqs", "sns"):
        return t
    if t == "api_gateway":
        return "api-gateway"
    if t in ("alb", "nlb"):
        return "elb-multi-az" if len(c.azs) >= 2 else "elb-single-az"
    if t in ("ec2", "autoscaling", "ecs"):
        return "ec2-multi-az" if _multi_az(c) else "ec2-single"
    if isinstance(c, m.RdsInstance):
        return "rds-multi-az" if c.multi_az else "rds-single-az"
    if isinstance(c, m.AuroraCluster):
        return "aurora-multi-az" if _multi_az(c) else "aurora-single-az"
    if isinstance(c, m.CacheCluster):
        redundant = c.automatic_failover and _multi_az(c)
        return "elasticache-multi-az" if redundant else "elasticache-single-az"
    if isinstance(c, m.DynamoTable):
        return "dynamodb-global" if c.global_table_regions else "dynamodb"
    if isinstance(c, m.S3Bucket):
        return "s3-one-zone" if c.storage_class == "ONEZONE_IA" else "s3-standard"
    return None  # NAT gateways carry no requests in the model


def component_availability(c: Component) -> float:
    key = sla_key(c)
    return sla_table()[key].availability if key else 1.0


# --------------------------------------------------------------------------- expressions
@dataclass(frozen=True)
class Leaf:
    component: str
    value: float
    sla: str

    def text(self) -> str:
        return f"{self.component} {pct(self.value)}"


@dataclass(frozen=True)
class Series:
    parts: tuple

    @property
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

    @property
    def value(self) -> float:
        down = 1.0
        for part in self.parts:
            down *= 1.0 - part.value
        return 1.0 - down

    def text(self) -> str:
        return "[" + " ∥ ".join(p.text() for p in self.parts) + f" = {pct(self.value)}]"


@dataclass(frozen=True)
class Exact:
    """A group of paths that is neither series nor parallel, computed by factoring."""

    components: tuple[str, ...]
    value: float
    bound: bool = False  # True: too many components to factor; value is the all-up lower bound

    def text(self) -> str:
        how = "lower bound, all up" if self.bound else "exact, factoring"
        return f"{{{', '.join(self.components)}: {pct(self.value)} ({how})}}"


ONE = Series(())


def pct(value: float) -> str:
    """A percentage with enough digits to tell 99.99% from 99.9999%."""
    text = f"{value * 100:.6f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _between(graph: nx.DiGraph, s: str, t: str) -> set[str]:
    if not nx.has_path(graph, s, t):
        return set()
    forward = nx.descendants(graph, s)
    backward = nx.ancestors(graph, t)
    return (forward & backward) - {s, t}


def decompose(graph: nx.DiGraph, s: str, t: str, avail: dict[str, float], keys: dict[str, str]):
    """Series/parallel expression for "some path from s reaches t" (s and t themselves excluded)."""
    inner = _between(graph, s, t)
    if graph.has_edge(s, t) or not inner:
        return ONE if graph.has_edge(s, t) or nx.has_path(graph, s, t) else Series((Leaf("unreachable", 0.0, ""),))
    sub = nx.DiGraph(graph.subgraph(inner | {s, t}))  # a real graph: views are slow to walk repeatedly
    idom = nx.immediate_dominators(sub, s)
    chain = []
    node = idom[t]
    while node != s:
        chain.append(node)
        node = idom[node]
    chain.reverse()
    if chain:
        parts = []
        previous = s
        for node in chain + [t]:
            part = decompose(sub, previous, node, avail, keys)
            if part is not ONE:
                parts.append(part)
            if node != t:
                parts.append(Leaf(node, avail[node], keys.get(node, "")))
            previous = node
        return parts[0] if len(parts) == 1 else Series(tuple(parts))
    groups = list(nx.weakly_connected_components(sub.subgraph(inner)))
    if len(groups) > 1:
        return Parallel(tuple(decompose(sub.subgraph(g | {s, t}), s, t, avail, keys)
                              for g in sorted(groups, key=lambda g: sorted(g))))
    return _exact(sub, s, t, avail)


def _exact(graph: nx.DiGraph, s: str, t: str, avail: dict[str, float]) -> Exact:
    nodes = tuple(sorted(_between(graph, s, t)))
    uncertain = [n for n in nodes if avail[n] < 1.0]
    if len(uncertain) > MAX_FACTORED_NODES:
        value = 1.0
        for n in uncertain:
            value *= avail[n]
        return Exact(nodes, value, bound=True)

    successors = {n: tuple(graph.successors(n)) for n in graph}

    def reaches(removed: frozenset) -> bool:
        """Is t reachable from s without the removed nodes? (plain BFS: this runs thousands of times)"""
        seen = {s}
        frontier = [s]
        while frontier:
            node = frontier.pop()
            for nxt in successors[node]:
                if nxt == t:
                    return True
                if nxt not in seen and nxt not in removed:
                    seen.add(nxt)
                    frontier.append(nxt)
        return False

    def factor(removed: frozenset, fixed: frozenset) -> float:
        if not reaches(removed):
            return 0.0
        pivot = next((n for n in uncertain if n not in removed and n not in fixed), None)
        if pivot is None:
            return 1.0
        a = avail[pivot]
        return a * factor(removed, fixed | {pivot}) + (1 - a) * factor(removed | {pivot}, fixed)

    return Exact(nodes, factor(frozenset(), frozenset()))


@dataclass(frozen=True)
class FlowAvailability:
    flow: Flow
    expression: object  # Leaf | Series | Parallel | Exact
    components: tuple[str, ...]

    @property
    def value(self) -> float:
        return self.expression.value

    def to_json(self) -> dict:
        return {"entry": self.flow.entry, "target": self.flow.target, "percent": round(self.value * 100, 6),
                "arithmetic": self.expression.text(), "components": list(self.components)}


@dataclass(frozen=True)
class AvailabilityReport:
    flows: tuple[FlowAvailability, ...]
    target_percent: float | None
    sla_rows: tuple[SlaRow, ...]  # the rows used, for the report's table

    @property
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
            "assumptions": INDEPENDENCE_NOTE,
            "sla": [{"key": r.key, "service": r.service, "configuration": r.configuration, "percent": r.percent,
                     "source": r.source, "url": r.url, "recorded": r.recorded} for r in self.sla_rows],
        }


def flow_availability(spec: Spec, graph: RequestGraph, flow: Flow) -> FlowAvailability:
    """Availability of one flow; standby (failover) paths count as redundant alternatives."""
    sub = graph.flow_graph(flow, standby=True)
    on_path = graph.paths_through(flow, standby=True)
    avail = {n: component_availability(spec.component(n)) for n in on_path}
    keys = {n: sla_key(spec.component(n)) or "" for n in on_path}
    if flow.entry not in sub:
        return FlowAvailability(flow, Series((Leaf("unreachable", 0.0, ""),)), ())
    expression = decompose(sub, flow.entry, SINK, avail, keys)
    order = graph.component_order
    ordered = tuple(sorted((n for n in on_path if n != flow.entry), key=order.__getitem__))
    return FlowAvailability(flow, expression, ordered)


def estimate(spec: Spec, graph: RequestGraph) -> AvailabilityReport:
    flows = tuple(flow_availability(spec, graph, flow) for flow in graph.flows)
    used = sorted({k for f in flows for k in (sla_key(spec.component(c)) for c in f.components) if k})
    table = sla_table()
    return AvailabilityReport(flows, spec.objectives.availability, tuple(table[k] for k in used))


def series(*values: float) -> float:
    """A = ∏ Aᵢ (every component needed)."""
    out = 1.0
    for v in values:
        out *= v
    return out


def parallel(*values: float) -> float:
    """A = 1 − ∏(1 − Aᵢ) (independent redundant alternatives)."""
    down = 1.0
    for v in values:
        down *= 1.0 - v
    return 1.0 - down
