"""The request graph and its single points of failure.

Nodes are components; edges are connections that carry requests (``sync`` and ``async``;
``replication`` edges carry data, not requests). An edge marked ``standby`` (a Route 53
failover secondary, a CloudFront origin-group secondary) carries nothing in normal operation
but is an alternative path once its primary fails.

A *flow* goes from an entry point (``users``) to a place where its requests end: every
component reachable in normal operation that sends no requests further (a database, a table,
a bucket). A flow is served by its target *or by any copy of the target's data* (replication
connections), so the search ends in a virtual sink fed by every holder of the data. A flow
ending at a stateless component (a function) is also served by the components of its type that
another target of a health-checked route reaches (``archgen.analysis.routing``): API Gateway
and Lambda in two Regions behind one latency record set with health checks are alternatives.

A component that every path of a flow must cross is a *dominator* of the flow's sink. Every
path from an entry to a holder of the data lies on the flow, so the flow's dominators are the
dominators its holders share in the dominator tree of everything the entry reaches. That tree is
computed once per entry (Cooper, Harvey and Kennedy's iterative algorithm on plain adjacency
lists, the algorithm ``networkx.immediate_dominators`` uses), so a flow costs a walk up the
tree instead of a graph of its own: thousands of flows share one entry. A dominator that is a
single instance or confined to one AZ is a single point of failure (SPOF). When the SPOF is
only crossed by the normal paths and a standby path avoids it, its failure forces a failover
instead of an outage.

Cost: every per-entry structure (what it reaches, its dominator tree, what a lost AZ or Region
cuts off) lives on a ``Reach``, numbered locally, so it is as large as what the entry reaches,
not as the spec. A spec of many independent products (one entry each) costs the sum of its
products, and a failure scenario only revisits the entries that reach something it removes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from archgen import catalogue
from archgen.analysis.redundancy import (
    AZ, INSTANCE, REGION, failure_domain, instances_per_az, placed_in_azs, replica_regions, replication_holders,
)
from archgen.analysis.routing import Routing
from archgen.catalogue.base import Redundancy, State
from archgen.model import Component, Spec, Users

SINK = "\x00sink"  # virtual node; never a component id (ids start with a letter)


class Flow(NamedTuple):
    """From an entry point to a component its requests end at (a named tuple: a large spec has thousands,
    made, hashed and compared in every view)."""

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


def dominator_tree(successors: Sequence[Sequence[int]], start: int) -> tuple[list[int], list[int]]:
    """(immediate dominator of each node, -1 if ``start`` does not reach it; the reached nodes in reverse postorder).

    Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm" (2001), the algorithm of
    ``networkx.immediate_dominators``, on nodes numbered 0…n-1 (``successors[i]``): lists instead
    of a networkx graph or dicts, 3× faster on a 50,000-component spec. ``idom[start] == start``.
    A node's dominators come before it in reverse postorder, so depths take one pass over it.
    """
    n = len(successors)
    rank = [-1] * n  # position in postorder
    postorder: list[int] = []
    seen = bytearray(n)
    seen[start] = 1
    stack = [(start, iter(successors[start]))]
    while stack:  # iterative DFS: specs are deep enough to overflow Python's recursion limit
        node, pending = stack[-1]
        for nxt in pending:
            if not seen[nxt]:
                seen[nxt] = 1
                stack.append((nxt, iter(successors[nxt])))
                break
        else:
            stack.pop()
            rank[node] = len(postorder)
            postorder.append(node)
    predecessors: list[list[int]] = [[] for _ in range(n)]
    for node in postorder:
        for nxt in successors[node]:
            if nxt != node:  # a self-loop never changes who dominates a node
                predecessors[nxt].append(node)
    order = postorder[::-1]
    idom = [-1] * n
    idom[start] = start

    # To a fixed point; but when no predecessor comes later in this order (no cycle: specs have
    # none), every node was computed from final values and the first pass is the answer.
    changed, first_pass = True, True
    while changed:
        changed, cyclic = False, False
        for node in order[1:]:
            new = -1
            for p in predecessors[node]:
                if idom[p] < 0:
                    cyclic = True
                elif new < 0:
                    new = p
                else:  # the nearest common dominator of p and new
                    while p != new:
                        while rank[p] < rank[new]:
                            p = idom[p]
                        while rank[new] < rank[p]:
                            new = idom[new]
            if idom[node] != new:
                idom[node] = new
                changed = True
        if first_pass and not cyclic:
            break
        first_pass = False
    return idom, order


def immediate_dominators(successors: Mapping[str, Sequence[str]], start: str) -> dict[str, str]:
    """``networkx.immediate_dominators`` (3.6: ``start`` itself left out) on a plain adjacency dict."""
    names = list(dict.fromkeys([*successors, *(nxt for nexts in successors.values() for nxt in nexts)]))
    index = {name: i for i, name in enumerate(names)}
    idom, order = dominator_tree([[index[nxt] for nxt in successors.get(name, ())] for name in names], index[start])
    return {names[node]: names[idom[node]] for node in order[1:]}


def closure(adjacency: Sequence[Sequence[int]], seeds, blocked=frozenset()) -> set[int]:
    """``seeds`` and every node reachable from them along ``adjacency``, never entering ``blocked``."""
    found = set(seeds)
    todo = list(found)
    if blocked:
        while todo:
            for nxt in adjacency[todo.pop()]:
                if nxt not in found and nxt not in blocked:
                    found.add(nxt)
                    todo.append(nxt)
        return found
    while todo:  # the same, without a second test per edge
        for nxt in adjacency[todo.pop()]:
            if nxt not in found:
                found.add(nxt)
                todo.append(nxt)
    return found


class Reach:
    """What one entry reaches in one mode, numbered locally: ``nodes[i]`` is the graph's number of
    local node i (0 is the entry) and ``local`` the way back; ``successors`` and ``predecessors``
    are the edges among them in local numbers. Every per-entry structure (dominator tree, paths,
    what a failure cuts off) is built on these lists, so it is as large as what the entry reaches:
    a spec of hundreds of independent products does not pay hundreds of times its own size.
    """

    __slots__ = ("nodes", "local", "successors", "_predecessors", "_dominators")

    def __init__(self, successors: Sequence[Sequence[int]], start: int):
        local = {start: 0}
        nodes = [start]
        todo = [start]
        while todo:
            for nxt in successors[todo.pop()]:
                if nxt not in local:
                    local[nxt] = len(nodes)
                    nodes.append(nxt)
                    todo.append(nxt)
        self.nodes = nodes
        self.local = local
        self.successors = [[local[nxt] for nxt in successors[node]] for node in nodes]
        self._predecessors: list[list[int]] | None = None
        self._dominators: tuple[list[int], list[int]] | None = None

    @property
    def predecessors(self) -> list[list[int]]:
        if self._predecessors is None:
            predecessors: list[list[int]] = [[] for _ in self.nodes]
            for node, nexts in enumerate(self.successors):
                for nxt in nexts:
                    predecessors[nxt].append(node)
            self._predecessors = predecessors
        return self._predecessors

    def dominators(self) -> tuple[list[int], list[int]]:
        """(immediate dominator, depth in the dominator tree) of each local node."""
        if self._dominators is None:
            idom, order = dominator_tree(self.successors, 0)
            depth = [0] * len(idom)
            for node in order[1:]:  # a node's dominators come first in this order
                depth[node] = depth[idom[node]] + 1
            self._dominators = (idom, depth)
        return self._dominators

    def cut_off(self, gone: set[int]) -> set[int]:
        """Local nodes no longer reached once the local nodes ``gone`` fail (``gone`` included).

        Only what lies downstream of a lost node can be cut off, so only that part is searched
        again: losing one AZ touches a few components of a 10,000-component spec, and a full
        search per scenario was most of the failure-domain simulation.
        """
        if 0 in gone:
            return set(range(len(self.nodes)))
        downstream = closure(self.successors, gone)
        if len(downstream) == len(gone):  # nothing lies past the lost nodes (they are leaves): nothing else is cut
            return downstream
        # still reached: entered from the untouched part (which keeps all its paths), avoiding gone
        predecessors = self.predecessors
        entered = {node for node in downstream if node not in gone and (node == 0 or any(
            p not in downstream for p in predecessors[node]))}
        return downstream - closure(self.successors, entered, gone)  # successors of downstream nodes are downstream


class RequestGraph:
    """The spec's request paths, with flows and dominators.

    Components are numbered in spec order and the request edges kept as lists of successor
    numbers (every request edge, and those that carry requests in normal operation): the
    analysis walks them tens of thousands of times on large specs, which networkx views and
    per-flow graphs made the bulk of its time. What each entry reaches is a ``Reach`` with its
    own local numbering (see the module docstring). Results are given by component id.
    """

    def __init__(self, spec: Spec):
        self.spec = spec
        # one pass over the components: on a large spec each pass costs (memory traffic, not work)
        by_type: dict[str, list[tuple[int, Component]]] = {}
        for i, c in enumerate(spec.components):
            by_type.setdefault(c.type, []).append((i, c))
        self._by_type = by_type
        self._of_type: dict[tuple, tuple[Component, ...]] = {}  # types or classes asked for -> the components
        self._per_az: dict[str, dict[str, int]] = {}  # component id -> instances_per_az, once asked
        ids = list(dict.fromkeys(c.id for c in spec.components))
        index = {cid: i for i, cid in enumerate(ids)}
        successors: list[list[int]] = [[] for _ in ids]
        standby: dict[tuple[str, str], bool] = {}  # request edge -> only carries requests after a failover

        def number(cid: str) -> int:
            if cid not in index:  # an endpoint no component declares (a valid spec has none)
                index[cid] = len(ids)
                ids.append(cid)
                successors.append([])
            return index[cid]

        for connection in spec.connections:
            if not connection.carries_requests:
                continue
            edge = (connection.source, connection.target)
            if edge in standby:
                # two connections between the same pair: normal wins over standby
                standby[edge] = standby[edge] and connection.standby
            else:
                standby[edge] = connection.standby
                source, target = index.get(connection.source), index.get(connection.target)
                if source is None or target is None:
                    source, target = number(connection.source), number(connection.target)
                successors[source].append(target)
        standby_edges = [(index[source], index[target]) for (source, target), only in standby.items() if only]
        if standby_edges:  # the normal graph: the same lists, but new ones for the few nodes with a standby edge
            normal = list(successors)
            for node, nxt in standby_edges:
                normal[node] = [n for n in normal[node] if n != nxt]
        else:
            normal = successors
        self._standby_sources = frozenset(node for node, _ in standby_edges)
        self._standby_targets = frozenset(ids[node] for _, node in standby_edges)  # by id, as flow paths are
        self._ids, self._index = ids, index
        self._standby = standby
        self._successors = {True: successors, False: normal}
        self._two_modes = normal is not successors  # some edge is a standby: the normal graph is not the whole one
        self._reaches: dict[tuple[int, bool], Reach] = {}  # (entry node, mode) -> what it reaches
        self._cache: dict[tuple, object] = {}
        self._per_flow: dict[tuple[str, bool], list] = {}
        self._holders: dict[str, tuple[str, ...]] = {}  # target -> ``holders``, once asked
        self._replicated: set[str] | None = None  # the components replication connections copy, once asked

    def _mode(self, standby: bool) -> bool:
        """The cache key of a mode: without standby edges both modes are one graph, computed once."""
        return standby or not self._two_modes

    def _reach(self, start: int, standby: bool) -> Reach:
        """What node ``start`` reaches (with or without standby edges), computed once.

        Where it reaches no standby edge, both modes are one ``Reach``: most entries of a spec that has a
        few failover pairs (``_shares_paths``).
        """
        mode = standby or not self._two_modes  # self._mode(standby): asked a few times per flow
        reach = self._reaches.get((start, mode))
        if reach is None:
            if not mode:
                full = self._reach(start, True)
                sources = self._standby_sources
                reach = full if not any(node in sources for node in full.nodes) else None
            self._reaches[start, mode] = reach = reach or Reach(self._successors[mode], start)
        return reach

    def _shares_paths(self, start: int) -> bool:
        """Node ``start`` reaches the same in both modes (no standby edge on its way), so whatever is computed
        from what it reaches is the same in both."""
        return self._reach(start, False) is self._reach(start, True)

    @cached_property
    def _flows_sharing_paths(self) -> list[bool]:
        """``_shares_paths`` of each flow's entry, in the order of ``flows``."""
        index = self._index
        return [self._shares_paths(index[flow.entry]) for flow in self.flows]

    @cached_property
    def _flows_same_in_both_modes(self) -> list[bool]:
        """Whether each flow (in the order of ``flows``) has the same paths, holders and dominators in normal
        operation as with its standby edges: its entry reaches no standby edge, or no path of the flow enters
        the target of one. Every node on a path from the entry to a node on the flow's paths is on them too,
        so the paths then take no standby edge, and the paths are the same in both graphs."""
        standby_targets = self._standby_targets
        return [shared or paths.isdisjoint(standby_targets)
                for shared, paths in zip(self._flows_sharing_paths, self.flow_paths(standby=True))]

    @cached_property
    def _flows_with_own_paths(self) -> list[int]:
        """The positions in ``flows`` of the flows whose entry reaches a standby edge (not ``_flows_sharing_paths``)."""
        return [i for i, shared in enumerate(self._flows_sharing_paths) if not shared]

    @cached_property
    def _entry_nodes(self) -> dict[int, None]:
        """The entry points' nodes, in spec order (a dict: ordered, and quick to ask "is this one?")."""
        return dict.fromkeys(self._index[entry.id] for entry in self.of_class(Users))  # spec.entry_points

    def of_type(self, *types: str) -> tuple[Component, ...]:
        """``spec.of_type(*types)`` (the components of these types, in spec order), from an index; each
        question answered once (rules ask the same ones)."""
        found = self._of_type.get(types)
        if found is None:
            lists = [self._by_type[t] for t in dict.fromkeys(types) if t in self._by_type]
            merged = lists[0] if len(lists) == 1 else sorted(item for items in lists for item in items)  # by position
            found = self._of_type[types] = tuple([c for _, c in merged])
        return found

    def of_class(self, *classes: type) -> tuple[Component, ...]:
        """``spec.of_class(*classes)`` (the components whose model is one of these classes), from the same index."""
        found = self._of_type.get(classes)
        if found is None:
            found = self._of_type[classes] = self.of_type(
                *catalogue.names_where(lambda kind: issubclass(kind.model, classes)))
        return found

    def instances_per_az(self, c: Component, redundancy: Redundancy | None = None) -> dict[str, int]:
        """``redundancy.instances_per_az(c)``, computed once per component for the views that ask (the SPOF
        search, the failure-domain simulation). ``redundancy``: its type's, from a caller that knows ``c`` is
        placed in AZs (it then skips the type look-ups)."""
        found = self._per_az.get(c.id)
        if found is None:
            found = self._per_az[c.id] = instances_per_az(c) if redundancy is None else redundancy.instances_per_az(c)
        return found

    def has_edge(self, source: str, target: str, *, standby: bool = True) -> bool:
        """``source`` sends requests to ``target`` (in normal operation, unless ``standby``)."""
        flag = self._standby.get((source, target))
        return flag is not None and (standby or not flag)

    @cached_property
    def component_order(self) -> dict[str, int]:
        """Position of each component in the spec (reports list components in spec order)."""
        if len(self._ids) == len(self.spec.components):  # the node numbers, when every node is a component
            return self._index
        return {c.id: i for i, c in enumerate(self.spec.components)}

    @cached_property
    def flows(self) -> tuple[Flow, ...]:
        out = []
        successors, ids = self._successors[False], self._ids
        for start in self._entry_nodes:
            reached = self._reach(start, False).nodes
            targets = sorted(ids[n] for n in reached[1:] if not successors[n])
            out.extend(Flow(ids[start], t) for t in targets)
        return tuple(out)

    def holders(self, target: str) -> tuple[str, ...]:
        """Components that can answer for ``target``'s data: itself, its replicas and its stand-ins (a fallback)."""
        cache = self._holders
        if target not in cache:
            replicated = self._replicated
            if replicated is None:  # only components that replicate need the search
                replicated = {c.source for c in self.spec.connections if c.kind == "replication"}
                replicated |= {c.target for c in self.spec.connections if c.kind == "replication" and c.bidirectional}
                self._replicated = replicated
            copies = replication_holders(self.spec, target) if target in replicated else ()
            component = self.spec.component(target)
            stand_ins = catalogue.by_name()[component.type].redundancy.stand_ins(component)
            alternates = self._alternates.get(target, ())
            cache[target] = tuple(dict.fromkeys((target, *copies, *stand_ins, *alternates))) \
                if copies or stand_ins or alternates else (target,)  # the common case: the target alone
        return cache[target]

    @cached_property
    def routing(self) -> Routing:
        """The routers' routes: which targets stand in for each other, which keep failed requests."""
        return Routing(self.spec, self.of_type)

    @cached_property
    def _alternates(self) -> dict[str, tuple[str, ...]]:
        """Stateless leaf -> the leaves of its type that the targets taking over its route's requests
        reach (in normal operation): another Region's function behind the same health-checked record set."""
        takeovers = self.routing.takeovers
        if not takeovers:
            return {}
        kinds = catalogue.by_name()
        successors, ids, index = self._successors[False], self._ids, self._index
        found: dict[str, tuple[str, ...]] = {}

        def leaves(target: str) -> tuple[str, ...]:
            if target not in found:
                start = index.get(target)
                reached = closure(successors, {start}) if start is not None else ()
                ends = (self.spec.get(ids[n]) for n in reached if not successors[n])
                found[target] = tuple(sorted(c.id for c in ends
                                             if c is not None and kinds[c.type].state is State.STATELESS))
            return found[target]

        out: dict[str, list[str]] = {}
        for target, others in takeovers.items():
            mine = leaves(target)
            for leaf in mine:
                kind = self.spec.component(leaf).type
                extra = out.setdefault(leaf, [])
                extra += [other_leaf for other in others for other_leaf in leaves(other)
                          if other_leaf not in mine and other_leaf not in extra
                          and self.spec.component(other_leaf).type == kind]
        return {leaf: tuple(extra) for leaf, extra in out.items() if extra}

    def _removed_by_entry(self, removed: frozenset[str], mode: bool) -> dict[int, set[int]]:
        """Entry node -> the ``removed`` components it reaches, in its local numbers (only entries
        reaching one). One pass over ``removed`` per scenario through an index of the entries
        reaching each node: entries that reach nothing removed are never looked at. Without standby
        edges (``mode`` False), only the entries whose paths differ from the whole graph's are indexed."""
        key = ("removed by entry", mode, removed)
        if key not in self._cache:
            if ("reached by", mode) not in self._cache:
                reached_by: dict[str, list[tuple[int, int]]] = {}  # node's id -> (entry, its local number there)
                ids = self._ids
                for start in self._entry_nodes:
                    if not mode and self._shares_paths(start):
                        continue  # answered in the other mode (``flows_reaching``, ``_cut_off``)
                    for local, node in enumerate(self._reach(start, mode).nodes):
                        reached_by.setdefault(ids[node], []).append((start, local))
                self._cache["reached by", mode] = reached_by
            reached_by = self._cache["reached by", mode]
            by_entry: dict[int, set[int]] = {}
            for cid in removed:
                for start, local in reached_by.get(cid, ()):
                    gone = by_entry.get(start)
                    if gone is None:  # not setdefault: a new set per removed component is made and dropped
                        by_entry[start] = gone = set()
                    gone.add(local)
            self._cache[key] = by_entry
        return self._cache[key]

    def _cut_off(self, start: int, standby: bool, removed: frozenset[str]) -> frozenset[int]:
        """Nodes ``start`` reaches, but no longer reaches once ``removed`` fail (removed ones included)."""
        mode = self._mode(standby)
        reach = self._reach(start, mode)
        if not mode and self._shares_paths(start):
            mode = True  # the same Reach: indexed in that mode (``_removed_by_entry``)
        if start not in self._entry_nodes:  # not an entry point: no index, look at every removed component
            gone = {reach.local[n] for n in (self._index.get(cid) for cid in removed) if n in reach.local}
        else:
            gone = self._removed_by_entry(removed, mode).get(start)
        if not gone:
            return frozenset()
        key = ("cut off", start, mode, removed)
        if key not in self._cache:
            nodes = reach.nodes
            self._cache[key] = frozenset(nodes[n] for n in reach.cut_off(gone))
        return self._cache[key]

    @cached_property
    def _flow_position(self) -> dict[Flow, int]:
        return {flow: i for i, flow in enumerate(self.flows)}

    def _every_flow(self, compute, standby: bool) -> list:
        """``compute(position, flow, mode)`` for every flow, in the order of ``flows``, computed once per mode.

        Per-flow results live in lists, and a computation reads another's by the flow's position
        (``_of_flow``): the analysis loops over the flows, and per-flow cache keys (hashing a Flow
        each time) were a good part of its time on large specs.
        """
        mode = self._mode(standby)
        key = (compute.__name__, mode)
        if key not in self._per_flow:
            if mode:
                self._per_flow[key] = [compute(i, flow, mode) for i, flow in enumerate(self.flows)]
            else:  # normal operation: a flow whose paths take no standby edge has the whole graph's result
                whole = self._every_flow(compute, True)
                self._per_flow[key] = [whole[i] if same else compute(i, flow, mode)
                                       for i, (flow, same) in enumerate(zip(self.flows, self._flows_same_in_both_modes))]
        return self._per_flow[key]

    def _of_flow(self, compute, position: int | None, flow: Flow, mode: bool):
        """``compute``'s result for the flow at ``position`` in ``flows`` (None: a flow the spec does not have,
        computed and not kept)."""
        if position is None:
            return compute(None, flow, mode)
        values = self._per_flow.get((compute.__name__, mode))  # ``mode`` is a cache key already
        return (values if values is not None else self._every_flow(compute, mode))[position]

    def _one_flow(self, compute, flow: Flow, standby: bool):
        """``compute(position, flow, mode)`` for one flow: from ``_every_flow`` for the spec's own flows."""
        return self._of_flow(compute, self._flow_position.get(flow), flow, self._mode(standby))

    def _find_holder_nodes(self, position: int | None, flow: Flow, mode: bool) -> tuple[int, ...]:
        """The holders of the flow's data its entry reaches (the nodes feeding its sink)."""
        index = self._index
        reached = self._reach(index[flow.entry], mode).local
        holders = self.holders(flow.target)
        if len(holders) == 1:  # the target alone, the common case: no lists
            node = index.get(holders[0])
            return (node,) if node is not None and node in reached else ()
        nodes = [index.get(h) for h in holders]
        return tuple([n for n in nodes if n is not None and n in reached])

    def _find_holders(self, position: int | None, flow: Flow, mode: bool) -> tuple[str, ...]:
        ids = self._ids
        return tuple(ids[n] for n in self._of_flow(self._find_holder_nodes, position, flow, mode))

    def reachable_holders(self, flow: Flow, *, standby: bool = True) -> tuple[str, ...]:
        """The holders of the flow's data its entry reaches (the components feeding its sink)."""
        return self._one_flow(self._find_holders, flow, standby)

    def flow_holders(self, *, standby: bool = True) -> list[tuple[str, ...]]:
        """``reachable_holders`` of every flow, in the order of ``flows``."""
        return self._every_flow(self._find_holders, standby)

    def flow_adjacency(self, flow: Flow, *, standby: bool = True,
                       on_path: frozenset[str] | None = None) -> dict[str, list[str]]:
        """The flow's paths as a plain adjacency dict, ending in ``SINK`` fed by every holder of its data
        (``on_path``: its ``paths_through``, when the caller has them)."""
        mode = self._mode(standby)
        ids, successors = self._ids, self._successors[mode]
        position = self._flow_position.get(flow)
        if on_path is None:
            reach, on_paths = self._on_paths(position, flow, mode)  # asked for a few flows: not kept
            nodes = frozenset([reach.nodes[n] for n in on_paths])
        else:
            index = self._index
            nodes = frozenset([index[cid] for cid in on_path])
        adjacency = {ids[node]: [ids[nxt] for nxt in successors[node] if nxt in nodes] for node in nodes}
        for holder in self._of_flow(self._find_holder_nodes, position, flow, mode):
            adjacency[ids[holder]].append(SINK)
        adjacency[SINK] = []
        return adjacency

    def reaches(self, flow: Flow, *, standby: bool = True, removed: frozenset[str] = frozenset()) -> bool:
        """Some path of the flow avoids every ``removed`` component."""
        holders = self._one_flow(self._find_holder_nodes, flow, standby)
        if not removed:
            return bool(holders)
        cut = self._cut_off(self._index[flow.entry], standby, removed)
        return any(h not in cut for h in holders)

    def flows_reaching(self, removed: frozenset[str], *, standby: bool = True) -> tuple[bool, ...]:
        """``reaches`` for every flow at once, in the order of ``flows``.

        Only the entries that reach a removed component are searched again, and only their flows
        looked at, in the entry's local numbers.
        """
        mode = self._mode(standby)
        if ("flows reaching", mode, removed) in self._cache:
            return self._cache["flows reaching", mode, removed]
        if ("flow index", mode) not in self._cache:
            by_entry: dict[int, list[tuple[int, tuple[int, ...]]]] = {}  # entry -> (flow position, local holders)
            holder_nodes = self._every_flow(self._find_holder_nodes, standby)
            for i, (flow, holders) in enumerate(zip(self.flows, holder_nodes)):
                start = self._index[flow.entry]
                local = self._reach(start, mode).local
                by_entry.setdefault(start, []).append((i, tuple([local[h] for h in holders])))
            untouched = tuple(bool(holders) for holders in holder_nodes)
            # entry -> local holder -> (flow position, local holders): built for entries with many flows, when asked
            self._cache["flow index", mode] = (by_entry, {}, untouched)
        flows_of, flows_by_holder, untouched = self._cache["flow index", mode]
        reaching = None
        if not mode:  # the flows whose entry reaches no standby edge have the whole graph's answer
            reaching = list(self.flows_reaching(removed, standby=True))
            for i in self._flows_with_own_paths:
                reaching[i] = untouched[i]
        for start, gone in self._removed_by_entry(removed, mode).items():
            cut = self._reaches[start, mode].cut_off(gone)
            flows = flows_of.get(start, ())
            if len(cut) < len(flows):  # an entry with many flows (one entry for a whole spec): only those cut
                flows_at = flows_by_holder.get(start)
                if flows_at is None:
                    flows_at = flows_by_holder[start] = {}
                    for flow in flows:
                        for holder in flow[1]:
                            flows_at.setdefault(holder, []).append(flow)
                flows = {flow for node in cut for flow in flows_at.get(node, ())}
            for i, holders in flows:
                reaching = reaching or list(untouched)
                reaching[i] = any(h not in cut for h in holders)
        result = untouched if reaching is None else tuple(reaching)
        self._cache["flows reaching", mode, removed] = result
        return result

    def _on_paths(self, position: int | None, flow: Flow, mode: bool) -> tuple[Reach, set[int]]:
        """(what the entry reaches, its local nodes that reach a holder): a search backwards from the
        holders, inside what the entry reaches (anything it reaches, it reaches downstream too)."""
        holders = self._of_flow(self._find_holder_nodes, position, flow, mode)
        reach = self._reach(self._index[flow.entry], mode)
        local = reach.local
        return reach, closure(reach.predecessors, {local[h] for h in holders})  # only what the entry reaches

    def _find_paths(self, position: int | None, flow: Flow, mode: bool) -> frozenset[str]:
        reach, on_paths = self._on_paths(position, flow, mode)
        ids, nodes = self._ids, reach.nodes
        return frozenset([ids[nodes[n]] for n in on_paths])

    def paths_through(self, flow: Flow, *, standby: bool = True) -> frozenset[str]:
        """Components on at least one path of the flow."""
        return self._one_flow(self._find_paths, flow, standby)

    def flow_paths(self, *, standby: bool = True) -> list[frozenset[str]]:
        """``paths_through`` of every flow, in the order of ``flows``."""
        return self._every_flow(self._find_paths, standby)

    def flows_through(self, nodes: frozenset[str]) -> dict[str, tuple[int, ...]]:
        """Node -> positions in ``flows`` of the flows whose normal paths cross it, for each of ``nodes``
        (one pass over the flows' paths, whatever the number of nodes asked for)."""
        key = ("flows through", nodes)
        if key not in self._cache:
            out: dict[str, list[int]] = {}
            for i, path in enumerate(self.flow_paths(standby=False)):
                for node in path:
                    if node in nodes:
                        out.setdefault(node, []).append(i)
            self._cache[key] = {node: tuple(positions) for node, positions in out.items()}
        return self._cache[key]

    def _find_dominators(self, position: int | None, flow: Flow, mode: bool) -> tuple[str, ...]:
        """The sink's immediate dominator is the nearest common dominator of the holders feeding it."""
        holders = self._of_flow(self._find_holder_nodes, position, flow, mode)
        chain = []
        if holders:
            reach = self._reach(self._index[flow.entry], mode)
            idom, depth = reach.dominators()
            local = reach.local
            node = local[holders[0]]
            for other in holders[1:]:
                other = local[other]
                while depth[other] > depth[node]:
                    other = idom[other]
                while depth[node] > depth[other]:
                    node = idom[node]
                while node != other:
                    node, other = idom[node], idom[other]
            nodes, ids = reach.nodes, self._ids
            while node != 0:  # local 0: the entry
                chain.append(ids[nodes[node]])
                node = idom[node]
        return tuple(reversed(chain))

    def dominators(self, flow: Flow, *, standby: bool = True) -> tuple[str, ...]:
        """Components every path of the flow crosses, in path order (entry excluded)."""
        return self._one_flow(self._find_dominators, flow, standby)

    def flow_dominators(self, *, standby: bool = True) -> list[tuple[str, ...]]:
        """``dominators`` of every flow, in the order of ``flows``."""
        return self._every_flow(self._find_dominators, standby)

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
        component_of, kinds = self.spec.component, catalogue.by_name()
        for flow, every_path, normal_path in zip(self.flows, self.flow_dominators(standby=True),
                                                 self.flow_dominators(standby=False)):
            for node in normal_path:
                domain = domains.get(node, "")
                if domain == "":  # not met yet
                    component = component_of(node)
                    # instances per AZ only for a type placed in AZs: the others have none (half of a large spec)
                    kind = kinds[component.type]
                    domain = failure_domain(component, per_az=self.instances_per_az(component, kind.redundancy)
                                            if placed_in_azs(kind.placement, component) else {})
                    # a Region-level component is never one unless the objectives ask to survive a Region
                    if isinstance(component, Users) or (
                            domain == REGION and (not survive_region or bool(replica_regions(component)))):
                        domain = None
                    domains[node] = domain
                if domain is None:
                    continue
                avoided = every_path is not normal_path and node not in every_path  # one tuple: the flow has no standby path
                if domain == REGION and avoided:
                    continue
                cut.setdefault(node, []).append(flow)
                bypassed[node] = bypassed.get(node, True) and avoided
        order = self.component_order
        return tuple(SinglePointOfFailure(node, domains[node], tuple(flows), bypassed[node])
                     for node, flows in sorted(cut.items(), key=lambda item: order[item[0]]))


DOMAIN_WORDS = {INSTANCE: "runs as a single instance", AZ: "runs in a single AZ",
                REGION: "runs in one Region with no copy elsewhere"}
