"""The request graph and its single points of failure.

Nodes are components; edges are connections that carry requests (``sync`` and ``async``;
``replication`` edges carry data, not requests). An edge marked ``standby`` (a Route 53
failover secondary, a CloudFront origin-group secondary) carries nothing in normal operation
but is an alternative path once its primary fails.

A *flow* goes from an entry point (``users``) to a place where its requests end: every
component reachable in normal operation that sends no requests further (a database, a table,
a bucket). A flow is served by its target *or by any copy of the target's data* (replication
connections), so the search ends in a virtual sink fed by every holder of the data.

A component that every path of a flow must cross is a *dominator* of the flow's sink. Every
path from an entry to a holder of the data lies on the flow, so the flow's dominators are the
dominators its holders share in the dominator tree of everything the entry reaches. That tree is
computed once per entry (Cooper, Harvey and Kennedy's iterative algorithm on plain adjacency
lists, the algorithm ``networkx.immediate_dominators`` uses), so a flow costs a walk up the
tree instead of a graph of its own: thousands of flows share one entry. A dominator that is a
single instance or confined to one AZ is a single point of failure (SPOF). When the SPOF is
only crossed by the normal paths and a standby path avoids it, its failure forces a failover
instead of an outage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def dominator_tree(successors: Mapping[str, Sequence[str]], start: str) -> tuple[dict[str, str], list[str]]:
    """(immediate dominator of every node reachable from ``start``, those nodes in reverse postorder).

    Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm" (2001), the algorithm of
    ``networkx.immediate_dominators``, on a plain adjacency dict so that no networkx graph has to
    be built; ``idom[start] == start``. A node's dominators come before it in reverse postorder,
    which is what lets callers compute depths in one pass.
    """
    postorder: list[str] = []
    seen = {start}
    stack = [(start, iter(successors[start]))]
    while stack:  # iterative DFS: specs are deep enough to overflow Python's recursion limit
        node, pending = stack[-1]
        for nxt in pending:
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, iter(successors[nxt])))
                break
        else:
            stack.pop()
            postorder.append(node)
    rank = {node: i for i, node in enumerate(postorder)}
    predecessors: dict[str, list[str]] = {node: [] for node in postorder}
    for node in postorder:
        for nxt in successors[node]:
            if nxt != node:  # a self-loop never changes who dominates a node
                predecessors[nxt].append(node)
    order = postorder[::-1]
    idom = {start: start}

    def common(a: str, b: str) -> str:
        while a != b:
            while rank[a] < rank[b]:
                a = idom[a]
            while rank[b] < rank[a]:
                b = idom[b]
        return a

    # To a fixed point; but when no predecessor comes later in this order (no cycle: specs have
    # none), every node was computed from final values and the first pass is the answer.
    changed, first_pass = True, True
    while changed:
        changed, cyclic = False, False
        for node in order[1:]:
            new = None
            for p in predecessors[node]:
                if p in idom:
                    new = p if new is None else common(p, new)
                else:
                    cyclic = True
            if idom.get(node) != new:
                idom[node] = new
                changed = True
        if first_pass and not cyclic:
            break
        first_pass = False
    return idom, order


def immediate_dominators(successors: Mapping[str, Sequence[str]], start: str) -> dict[str, str]:
    """``networkx.immediate_dominators`` (3.6: ``start`` itself left out) on a plain adjacency dict."""
    idom = dominator_tree(successors, start)[0]
    del idom[start]
    return idom


class RequestGraph:
    """The spec's request paths, with flows and dominators.

    Kept as plain adjacency lists (one for every request edge, one without standby edges):
    the analysis walks them tens of thousands of times on large specs, which networkx views and
    per-flow graphs made the bulk of its time. ``graph``, ``normal`` and ``flow_graph`` still
    give networkx graphs, built on demand, for callers that want one.
    """

    def __init__(self, spec: Spec):
        self.spec = spec
        successors: dict[str, list[str]] = {c.id: [] for c in spec.components}
        standby: dict[tuple[str, str], bool] = {}  # request edge -> only carries requests after a failover
        connection_of: dict[tuple[str, str], str] = {}
        for connection in spec.connections:
            if not connection.carries_requests:
                continue
            edge = (connection.source, connection.target)
            if edge in standby:
                # two connections between the same pair: normal wins over standby
                standby[edge] = standby[edge] and connection.standby
            else:
                standby[edge] = connection.standby
                connection_of[edge] = connection.id
                successors.setdefault(connection.source, []).append(connection.target)
                successors.setdefault(connection.target, [])
        self._standby = standby
        self._connection_of = connection_of
        if any(standby.values()):
            normal = {node: [nxt for nxt in nexts if not standby[node, nxt]] for node, nexts in successors.items()}
        else:
            normal = successors
        self._successors = {True: successors, False: normal}
        self._predecessor_lists: dict[bool, dict[str, list[str]]] = {}
        self._cache: dict[tuple, object] = {}

    def _mode(self, standby: bool) -> bool:
        """The cache key of a mode: without standby edges both modes are one graph, computed once."""
        return standby or self._successors[False] is self._successors[True]

    def _predecessors(self, standby: bool) -> dict[str, list[str]]:
        mode = self._mode(standby)
        if mode not in self._predecessor_lists:
            predecessors: dict[str, list[str]] = {node: [] for node in self._successors[mode]}
            for node, nexts in self._successors[mode].items():
                for nxt in nexts:
                    predecessors[nxt].append(node)
            self._predecessor_lists[mode] = predecessors
        return self._predecessor_lists[mode]

    def successors(self, node: str, *, standby: bool = True) -> Sequence[str]:
        """Components ``node`` sends requests to (only in normal operation unless ``standby``)."""
        return self._successors[self._mode(standby)][node]

    @cached_property
    def graph(self) -> nx.DiGraph:
        """Every request edge as a networkx DiGraph (edge data: ``standby``, ``connection``)."""
        graph = nx.DiGraph()
        graph.add_nodes_from(c.id for c in self.spec.components)
        graph.add_edges_from((u, v, {"standby": flag, "connection": self._connection_of[u, v]})
                             for (u, v), flag in self._standby.items())
        return graph

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
        successors = self._successors[False]
        for entry in self.spec.entry_points:
            reachable = self.reachable(entry.id, standby=False)
            targets = sorted(n for n in reachable if n != entry.id and not successors[n])
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

    def reachable(self, entry: str, *, standby: bool = True, removed: frozenset[str] = frozenset()) -> frozenset[str]:
        """Components reachable from ``entry`` avoiding ``removed`` (entry included), cached."""
        key = ("reachable", entry, self._mode(standby), removed)
        if key not in self._cache:
            successors = self._successors[self._mode(standby)]
            seen = {entry} if entry not in removed else set()
            todo = list(seen)
            while todo:
                for nxt in successors[todo.pop()]:
                    if nxt not in seen and nxt not in removed:
                        seen.add(nxt)
                        todo.append(nxt)
            self._cache[key] = frozenset(seen)
        return self._cache[key]

    def cut_off(self, entry: str, *, standby: bool = True, removed: frozenset[str]) -> frozenset[str]:
        """Components ``entry`` reaches, but no longer reaches once ``removed`` fail (removed ones included).

        Only what lies downstream of a removed component can be cut off, so only that part is
        searched again: losing one AZ touches a few components of a 10,000-component spec, and
        a full search per scenario was most of the failure-domain simulation.
        """
        key = ("cut_off", entry, self._mode(standby), removed)
        if key in self._cache:
            return self._cache[key]
        forward = self.reachable(entry, standby=standby)
        if entry in removed:
            cut = forward
        else:
            successors = self._successors[self._mode(standby)]
            downstream = {node for node in removed if node in forward}
            todo = list(downstream)
            while todo:
                for nxt in successors[todo.pop()]:
                    if nxt not in downstream:
                        downstream.add(nxt)
                        todo.append(nxt)
            # still reached: entered from the untouched part (which keeps all its paths), avoiding removed
            predecessors = self._predecessors(standby)
            saved = {node for node in downstream if node not in removed and (node == entry or any(
                p in forward and p not in downstream for p in predecessors[node]))}
            todo = list(saved)
            while todo:
                for nxt in successors[todo.pop()]:
                    if nxt not in saved and nxt not in removed:  # successors of downstream nodes are downstream
                        saved.add(nxt)
                        todo.append(nxt)
            cut = frozenset(downstream - saved)
        self._cache[key] = cut
        return cut

    def reachable_holders(self, flow: Flow, *, standby: bool = True) -> tuple[str, ...]:
        """The holders of the flow's data its entry reaches (the components feeding its sink)."""
        key = ("holders", flow, self._mode(standby))
        if key not in self._cache:
            forward = self.reachable(flow.entry, standby=standby)
            self._cache[key] = tuple(h for h in self.holders(flow.target) if h in forward)
        return self._cache[key]

    def flow_adjacency(self, flow: Flow, *, standby: bool = True) -> dict[str, list[str]]:
        """The flow's paths as a plain adjacency dict, ending in ``SINK`` fed by every holder of its data."""
        nodes = self.paths_through(flow, standby=standby)
        successors = self._successors[self._mode(standby)]
        adjacency = {node: [nxt for nxt in successors[node] if nxt in nodes] for node in nodes}
        for holder in self.reachable_holders(flow, standby=standby):
            adjacency[holder].append(SINK)
        adjacency[SINK] = []
        return adjacency

    def flow_graph(self, flow: Flow, *, standby: bool = True) -> nx.DiGraph:
        """``flow_adjacency`` as a networkx DiGraph, for callers that want one (the analysis does not)."""
        graph = nx.DiGraph()
        adjacency = self.flow_adjacency(flow, standby=standby)
        graph.add_nodes_from(adjacency)
        graph.add_edges_from((u, v) for u, nexts in adjacency.items() for v in nexts)
        return graph

    def reaches(self, flow: Flow, *, standby: bool = True, removed: frozenset[str] = frozenset()) -> bool:
        """Some path of the flow avoids every ``removed`` component."""
        holders = self.reachable_holders(flow, standby=standby)
        if not removed:
            return bool(holders)
        cut = self.cut_off(flow.entry, standby=standby, removed=removed)
        return any(h not in cut for h in holders)

    def flows_reaching(self, removed: frozenset[str], *, standby: bool = True) -> tuple[bool, ...]:
        """``reaches`` for every flow at once, in the order of ``flows``.

        One search per entry; then only the flows with a holder among what it cuts are looked at.
        """
        mode = self._mode(standby)
        if ("flow index", mode) not in self._cache:
            flow_holders = [(flow.entry, self.reachable_holders(flow, standby=standby)) for flow in self.flows]
            by_holder: dict[str, list[int]] = {}
            for i, (_, holders) in enumerate(flow_holders):
                for holder in holders:
                    by_holder.setdefault(holder, []).append(i)
            untouched = tuple(bool(holders) for _, holders in flow_holders)
            self._cache["flow index", mode] = (flow_holders, by_holder, untouched)
        flow_holders, by_holder, untouched = self._cache["flow index", mode]
        reaching = None
        for entry in dict(flow_holders):
            cut = self.cut_off(entry, standby=standby, removed=removed)
            for node in cut:
                for i in by_holder.get(node, ()):
                    if flow_holders[i][0] == entry:
                        reaching = reaching or list(untouched)
                        reaching[i] = any(h not in cut for h in flow_holders[i][1])
        return untouched if reaching is None else tuple(reaching)

    def paths_through(self, flow: Flow, *, standby: bool = True) -> frozenset[str]:
        """Components on at least one path of the flow.

        Those the entry reaches that reach a holder: the search goes backwards from the holders
        and stays inside what the entry reaches (anything it reaches, it reaches downstream too).
        """
        key = ("paths", flow, self._mode(standby))
        if key not in self._cache:
            holders = self.reachable_holders(flow, standby=standby)
            forward = self.reachable(flow.entry, standby=standby)
            predecessors = self._predecessors(standby)
            on_paths = set(holders)
            todo = list(holders)
            while todo:
                for previous in predecessors[todo.pop()]:
                    if previous not in on_paths and previous in forward:
                        on_paths.add(previous)
                        todo.append(previous)
            self._cache[key] = frozenset(on_paths)
        return self._cache[key]

    def _dominator_tree(self, entry: str, standby: bool) -> tuple[dict[str, str], dict[str, int]]:
        """(immediate dominators, depth in the dominator tree) of everything ``entry`` reaches."""
        key = ("dominator_tree", entry, self._mode(standby))
        if key not in self._cache:
            idom, order = dominator_tree(self._successors[self._mode(standby)], entry)
            depth = {entry: 0}
            for node in order[1:]:  # a node's dominators come first in this order
                depth[node] = depth[idom[node]] + 1
            self._cache[key] = (idom, depth)
        return self._cache[key]

    def dominators(self, flow: Flow, *, standby: bool = True) -> tuple[str, ...]:
        """Components every path of the flow crosses, in path order (entry excluded).

        The sink's immediate dominator is the nearest common dominator of the holders feeding it.
        """
        key = ("dominators", flow, self._mode(standby))
        if key in self._cache:
            return self._cache[key]
        holders = self.reachable_holders(flow, standby=standby)
        chain = []
        if holders:
            idom, depth = self._dominator_tree(flow.entry, standby)
            node = holders[0]
            for other in holders[1:]:
                while depth[other] > depth[node]:
                    other = idom[other]
                while depth[node] > depth[other]:
                    node = idom[node]
                while node != other:
                    node, other = idom[node], idom[other]
            while node != flow.entry:
                chain.append(node)
                node = idom[node]
        self._cache[key] = tuple(reversed(chain))
        return self._cache[key]

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
        domains: dict[str, str | None] = {}  # component -> failure domain, or None when it is never a SPOF
        for flow in self.flows:
            every_path = set(self.dominators(flow, standby=True))
            for node in self.dominators(flow, standby=False):
                if node not in domains:
                    component = self.spec.component(node)
                    domain = failure_domain(component)
                    never = component.type == "users" or (domain == REGION and bool(replica_regions(component)))
                    domains[node] = None if never else domain
                domain = domains[node]
                if domain is None:
                    continue
                avoided = node not in every_path
                if domain == REGION and (not survive_region or avoided):
                    continue
                cut.setdefault(node, []).append(flow)
                bypassed[node] = bypassed.get(node, True) and avoided
        order = self.component_order
        return tuple(SinglePointOfFailure(node, domains[node], tuple(flows), bypassed[node])
                     for node, flows in sorted(cut.items(), key=lambda item: order[item[0]]))


DOMAIN_WORDS = {INSTANCE: "runs as a single instance", AZ: "runs in a single AZ",
                REGION: "runs in one Region with no copy elsewhere"}
