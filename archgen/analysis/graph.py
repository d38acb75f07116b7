"""The request graph and its single points of failure.

Nodes are components; edges are connections that carry requests (``sync`` and ``async``;
``replication`` edges carry data, not requests). An edge marked ``standby`` (a Route 53
failover secondary, a CloudFront origin-group secondary) carries nothing in normal operation
but is an alternative path once its primary fails.

A *flow* goes from an entry point (``users``) to a place where its requests end: every
component reachable in normal operation that sends no requests further (a database, a table,
a bucket). A flow is served by its target *or by any copy of the target's data* (replication
connections), so the search ends in a virtual sink fed by every holder of the data.

A component that every path of a flow must cross is a *dominator* of the flow's sink
(Lengauer-Tarjan, ``networkx.immediate_dominators``). A dominator that is a single instance or
confined to one AZ is a single point of failure (SPOF). When the SPOF is only crossed by the
normal paths and a standby path avoids it, its failure forces a failover instead of an outage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from archgen.analysis.redundancy import AZ, INSTANCE, REGION, failure_domain, replica_regions, replication_holders
from archgen.model import Spec

SINK = "\x00sink"  # virtual node; never a component id (ids start with a letter)


@dataclass(frozen=True)
class Flow:
    entry: str
    target: str

    @property
    def label(self) -> str:
        return f"{self.entry} → {self.target}"


@dataclass(frozen=True)
class SinglePointOfFailure:
    component: str
    domain: str  # instance | AZ | Region
    flows: tuple[Flow, ...]  # flows its failure cuts (or forces to fail over)
    bypassed_by_failover: bool  # a standby path avoids it: its failure means a failover, not an outage

    def to_json(self) -> dict:
        return {"component": self.component, "failure_domain": self.domain,
                "flows": [{"entry": f.entry, "target": f.target} for f in self.flows],
                "bypassed_by_failover": self.bypassed_by_failover}


class RequestGraph:
    """The spec's request paths as a networkx DiGraph, with flows and dominators."""

    def __init__(self, spec: Spec):
        self.spec = spec
        graph = nx.DiGraph()
        graph.add_nodes_from(c.id for c in spec.components)
        for connection in spec.connections:
            if not connection.carries_requests:
                continue
            if graph.has_edge(connection.source, connection.target):
                # two connections between the same pair: normal wins over standby
                graph.edges[connection.source, connection.target]["standby"] &= connection.standby
            else:
                graph.add_edge(connection.source, connection.target, standby=connection.standby,
                               connection=connection.id)
        self.graph = graph

    @cached_property
    def normal(self) -> nx.DiGraph:
        """Only the edges that carry requests in normal operation."""
        normal = nx.DiGraph()
        normal.add_nodes_from(self.graph.nodes)
        normal.add_edges_from((u, v, d) for u, v, d in self.graph.edges(data=True) if not d["standby"])
        return normal

    @cached_property
    def component_order(self) -> dict[str, int]:
        """Position of each component in the spec (reports list components in spec order)."""
        return {c.id: i for i, c in enumerate(self.spec.components)}

    @cached_property
    def flows(self) -> tuple[Flow, ...]:
        out = []
        for entry in self.spec.entry_points:
            reachable = nx.descendants(self.normal, entry.id)
            targets = sorted(n for n in reachable if self.normal.out_degree(n) == 0)
            out.extend(Flow(entry.id, t) for t in targets)
        return tuple(out)

    def holders(self, target: str) -> tuple[str, ...]:
        """Components that can answer for ``target``'s data: itself and its replicas."""
        cache = self.__dict__.setdefault("_holders", {})
        if target not in cache:
            replicated = self.__dict__.get("_replicated")
            if replicated is None:  # only components that replicate need the (linear) search
                replicated = {c.source for c in self.spec.connections if c.kind == "replication"}
                replicated |= {c.target for c in self.spec.connections if c.kind == "replication" and c.bidirectional}
                self.__dict__["_replicated"] = replicated
            copies = replication_holders(self.spec, target) if target in replicated else ()
            cache[target] = (target, *copies)
        return cache[target]

    def _base(self, standby: bool):
        return self.graph if standby else self.normal

    def reachable(self, entry: str, *, standby: bool = True, removed: frozenset[str] = frozenset()) -> frozenset[str]:
        """Components reachable from ``entry`` avoiding ``removed`` (entry included), cached."""
        key = (entry, standby, removed)
        cache = self.__dict__.setdefault("_reachable", {})
        if key not in cache:
            base = self._base(standby)
            seen = {entry} if entry not in removed else set()
            todo = list(seen)
            while todo:
                for nxt in base.successors(todo.pop()):
                    if nxt not in seen and nxt not in removed:
                        seen.add(nxt)
                        todo.append(nxt)
            cache[key] = frozenset(seen)
        return cache[key]

    def flow_graph(self, flow: Flow, *, standby: bool = True) -> nx.DiGraph:
        """The part of the graph on the flow's paths, ending in a virtual sink fed by every holder of its data."""
        key = (flow, standby)
        cache = self.__dict__.setdefault("_flow_graphs", {})
        if key not in cache:
            base = self._base(standby)
            forward = self.reachable(flow.entry, standby=standby)
            holders = [h for h in self.holders(flow.target) if h in forward]
            backward = set(holders)
            for holder in holders:
                backward |= nx.ancestors(base, holder)
            nodes = forward & backward
            graph = nx.DiGraph()
            graph.add_nodes_from(nodes)
            graph.add_edges_from(base.subgraph(nodes).edges)
            graph.add_node(SINK)
            graph.add_edges_from((h, SINK) for h in holders)
            cache[key] = graph
        return cache[key]

    def reaches(self, flow: Flow, *, standby: bool = True, removed: frozenset[str] = frozenset()) -> bool:
        """Some path of the flow avoids every ``removed`` component."""
        alive = self.reachable(flow.entry, standby=standby, removed=removed)
        return any(h in alive for h in self.holders(flow.target))

    def paths_through(self, flow: Flow, *, standby: bool = True) -> set[str]:
        """Components on at least one path of the flow."""
        graph = self.flow_graph(flow, standby=standby)
        return set(graph.nodes) - {SINK} if graph.in_degree(SINK) else set()

    def dominators(self, flow: Flow, *, standby: bool = True) -> tuple[str, ...]:
        """Components every path of the flow crosses, in path order (entry excluded)."""
        graph = self.flow_graph(flow, standby=standby)
        if not graph.in_degree(SINK):
            return ()
        idom = nx.immediate_dominators(graph, flow.entry)
        chain = []
        node = idom[SINK]
        while node != flow.entry:
            chain.append(node)
            node = idom[node]
        return tuple(reversed(chain))

    @cached_property
    def single_points_of_failure(self) -> tuple[SinglePointOfFailure, ...]:
        """Dominators without internal redundancy, with the flows their failure cuts.

        Instance- and AZ-level SPOFs are always reported. A Region-level component on every
        path is reported only when the objectives ask to survive a Region, and only when no
        standby path avoids it and its data is not replicated to another Region.
        """
        # in a one-Region design the Region itself is the SPOF: AG307 says so once
        survive_region = self.spec.objectives.survive == "region" and len(self.spec.regions) > 1
        cut: dict[str, list[Flow]] = {}
        bypassed: dict[str, bool] = {}
        for flow in self.flows:
            every_path = set(self.dominators(flow, standby=True))
            for node in self.dominators(flow, standby=False):
                component = self.spec.component(node)
                domain = failure_domain(component)
                if domain is None or component.type == "users":
                    continue
                avoided = node not in every_path
                if domain == REGION and (not survive_region or avoided or replica_regions(component)):
                    continue
                cut.setdefault(node, []).append(flow)
                bypassed[node] = bypassed.get(node, True) and avoided
        order = {c.id: i for i, c in enumerate(self.spec.components)}
        return tuple(SinglePointOfFailure(node, failure_domain(self.spec.component(node)), tuple(flows), bypassed[node])
                     for node, flows in sorted(cut.items(), key=lambda item: order[item[0]]))


DOMAIN_WORDS = {INSTANCE: "runs as a single instance", AZ: "runs in a single AZ",
                REGION: "runs in one Region with no copy elsewhere"}
