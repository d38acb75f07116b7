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
        return nx.subgraph_view(self.graph, filter_edge=lambda u, v: not self.graph.edges[u, v]["standby"])

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
        return (target, *replication_holders(self.spec, target))

    def flow_graph(self, flow: Flow, *, standby: bool = True, removed: frozenset[str] = frozenset()) -> nx.DiGraph:
        """The graph a flow can use, with the virtual sink fed by every holder of its data."""
        base = self.graph if standby else self.normal
        graph = nx.DiGraph(base.subgraph(n for n in base.nodes if n not in removed))
        graph.add_node(SINK)
        for holder in self.holders(flow.target):
            if holder in graph:
                graph.add_edge(holder, SINK)
        return graph

    def reaches(self, flow: Flow, *, removed: frozenset[str] = frozenset()) -> bool:
        if flow.entry in removed:
            return False
        graph = self.flow_graph(flow, removed=removed)
        return nx.has_path(graph, flow.entry, SINK)

    def paths_through(self, flow: Flow, *, standby: bool = True) -> set[str]:
        """Components on at least one path of the flow."""
        graph = self.flow_graph(flow, standby=standby)
        if not nx.has_path(graph, flow.entry, SINK):
            return set()
        forward = nx.descendants(graph, flow.entry) | {flow.entry}
        backward = nx.ancestors(graph, SINK)
        return (forward & backward) - {SINK}

    def dominators(self, flow: Flow, *, standby: bool = True) -> tuple[str, ...]:
        """Components every path of the flow crosses, in path order (entry excluded)."""
        graph = self.flow_graph(flow, standby=standby)
        if not nx.has_path(graph, flow.entry, SINK):
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
