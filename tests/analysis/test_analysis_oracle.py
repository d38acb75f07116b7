"""The fast analysis gives exactly the answers of the straightforward networkx one it replaced.

The request graph, the availability decomposition and the failure-domain simulation were
rewritten for large specs (plain adjacency lists, one dominator tree per entry, incremental
reachability per scenario, shared decompositions). The reference implementations below are
the previous code, kept here as the oracle: results, floats included, must be identical.
"""

from __future__ import annotations

import copy
import itertools

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archgen.analysis import availability as av
from archgen.analysis.engine import analyze
from archgen.analysis.failure_domains import LossStates
from archgen.analysis.graph import SINK, RequestGraph, immediate_dominators
from archgen.analysis.redundancy import DOWN, azs_state_depends_on, state_after
from archgen.spec.load import check_text
from tests.support import BUNDLED_SPECS, adjacency, benchmark_module

generate = benchmark_module("generate")
shapes = benchmark_module("shapes")

SETTINGS = settings(max_examples=60, derandomize=True, database=None, deadline=None,
                    suppress_health_check=list(HealthCheck))


# --------------------------------------------------------------------------- the reference (previous code)
def ref_graphs(spec):
    graph = nx.DiGraph()
    graph.add_nodes_from(c.id for c in spec.components)
    for connection in spec.connections:
        if not connection.carries_requests:
            continue
        if graph.has_edge(connection.source, connection.target):
            graph.edges[connection.source, connection.target]["standby"] &= connection.standby
        else:
            graph.add_edge(connection.source, connection.target, standby=connection.standby)
    normal = nx.DiGraph()
    normal.add_nodes_from(graph.nodes)
    normal.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if not d["standby"])
    return {True: graph, False: normal}


def ref_flows(spec, graphs):
    out = []
    for entry in spec.entry_points:
        reachable = nx.descendants(graphs[False], entry.id)
        out.extend((entry.id, t) for t in sorted(n for n in reachable if graphs[False].out_degree(n) == 0))
    return out


def ref_reachable(base, entry, removed=frozenset()):
    seen = {entry} if entry not in removed else set()
    todo = list(seen)
    while todo:
        for nxt in base.successors(todo.pop()):
            if nxt not in seen and nxt not in removed:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def ref_flow_graph(base, entry, holders):
    forward = ref_reachable(base, entry)
    holders = [h for h in holders if h in forward]
    backward = set(holders)
    for holder in holders:
        backward |= nx.ancestors(base, holder)
    nodes = forward & backward
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(base.subgraph(nodes).edges)
    graph.add_node(SINK)
    graph.add_edges_from((h, SINK) for h in holders)
    return graph


def ref_dominators(graph, entry):
    if not graph.in_degree(SINK):
        return ()
    idom = nx.immediate_dominators(graph, entry)
    chain = []
    node = idom[SINK]
    while node != entry:
        chain.append(node)
        node = idom[node]
    return tuple(reversed(chain))


def ref_between(graph, s, t):
    if not nx.has_path(graph, s, t):
        return set()
    return (nx.descendants(graph, s) & nx.ancestors(graph, t)) - {s, t}


def ref_decompose(graph, s, t, avail, keys):
    inner = ref_between(graph, s, t)
    if graph.has_edge(s, t) or not inner:
        reachable = graph.has_edge(s, t) or nx.has_path(graph, s, t)
        return av.ONE if reachable else av.Series((av.Leaf("unreachable", 0.0, ""),))
    sub = nx.DiGraph(graph.subgraph(inner | {s, t}))
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
            part = ref_decompose(sub, previous, node, avail, keys)
            if part is not av.ONE:
                parts.append(part)
            if node != t:
                parts.append(av.Leaf(node, avail[node], keys.get(node, "")))
            previous = node
        return parts[0] if len(parts) == 1 else av.Series(tuple(parts))
    groups = list(nx.weakly_connected_components(sub.subgraph(inner)))
    if len(groups) > 1:
        return av.Parallel(tuple(ref_decompose(sub.subgraph(g | {s, t}), s, t, avail, keys)
                                 for g in sorted(groups, key=lambda g: sorted(g))))
    return ref_exact(sub, s, t, avail)


def ref_exact(graph, s, t, avail):
    nodes = tuple(sorted(ref_between(graph, s, t)))
    uncertain = [n for n in nodes if avail[n] < 1.0]
    if len(uncertain) > av.MAX_FACTORED_NODES:
        value = 1.0
        for n in uncertain:
            value *= avail[n]
        return av.Exact(nodes, value, bound=True)

    def factor(removed, fixed):
        if not nx.has_path(graph.subgraph(set(graph) - removed), s, t):
            return 0.0
        pivot = next((n for n in uncertain if n not in removed and n not in fixed), None)
        if pivot is None:
            return 1.0
        a = avail[pivot]
        return a * factor(removed, fixed | {pivot}) + (1 - a) * factor(removed | {pivot}, fixed)

    return av.Exact(nodes, factor(frozenset(), frozenset()))


# --------------------------------------------------------------------------- random graphs
@st.composite
def digraphs(draw, max_nodes=9):
    n = draw(st.integers(2, max_nodes))
    nodes = [f"n{i}" for i in range(n)]
    edges = draw(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)), max_size=3 * n))
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return graph


@settings(max_examples=400, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(digraphs(max_nodes=14))
def test_dominators_match_networkx(graph):
    expected = nx.immediate_dominators(graph, "n0")
    expected.pop("n0", None)  # networkx before 3.6 maps the start to itself
    assert immediate_dominators(adjacency(graph), "n0") == expected


def test_dominators_of_a_graph_that_takes_three_passes():
    """Cycles whose dominators settle only in a third pass (found by random search)."""
    successors = {0: [0, 7, 6], 1: [7, 0], 2: [8, 2, 5, 0], 3: [5, 6, 1], 4: [0, 4, 8], 5: [3], 6: [0, 3],
                  7: [5, 8, 3], 8: [8]}
    expected = nx.immediate_dominators(nx.DiGraph([(u, v) for u, vs in successors.items() for v in vs]), 0)
    expected.pop(0, None)
    assert immediate_dominators(successors, 0) == expected


@SETTINGS
@given(digraphs(), st.lists(st.sampled_from([1.0, 0.9999, 0.999, 0.995, 0.99, 0.9]), min_size=9, max_size=9))
def test_decomposition_matches_the_networkx_one(graph, values):
    avail = {f"n{i}": v for i, v in enumerate(values)}
    keys = {"n1": "key"}
    t = f"n{len(graph) - 1}"
    assert av.decompose(adjacency(graph), "n0", t, avail, keys) == ref_decompose(graph, "n0", t, avail, keys)


@SETTINGS
@given(digraphs(), st.lists(st.sampled_from([1.0, 0.999, 0.99, 0.9]), min_size=9, max_size=9))
def test_a_decomposition_renamed_from_an_earlier_shape_matches_the_networkx_one(graph, values):
    """One decomposer for several copies of a graph under other names (kept in order, or not)."""
    t = f"n{len(graph) - 1}"
    decomposer = av._Decomposer({}, {})
    for rename in (lambda n: n, lambda n: "copy-" + n, lambda n: f"z{9 - int(n[1:])}"):
        copy = nx.relabel_nodes(graph, rename)
        s_, t_ = rename("n0"), rename(t)
        avail = {rename(f"n{i}"): v for i, v in enumerate(values)}
        keys = {rename("n1"): "key"}
        decomposer.avail.update(avail)
        decomposer.keys.update(keys)
        assert decomposer.decompose_shared(adjacency(copy), s_, t_) == ref_decompose(copy, s_, t_, avail, keys)


def test_a_bridge_of_many_components_gets_the_same_lower_bound():
    graph = nx.DiGraph([("s", f"a{i}") for i in range(14)] + [(f"a{i}", f"a{i + 1}") for i in range(13)]
                       + [(f"a{i}", "t") for i in range(14)])
    avail = {f"a{i}": 0.99 for i in range(14)}
    expression = av.decompose(adjacency(graph), "s", "t", avail, {})
    assert expression == ref_decompose(graph, "s", "t", avail, {}) and expression.bound


# --------------------------------------------------------------------------- whole specs
def generated(n: int, seed: int, shape: str = "estate") -> str:
    return generate.dump(generate.SHAPES[shape](n, seed))


BASES = [(f"generated {n} seed {seed}", generate.generate(n, seed)) for n in (30, 60, 100) for seed in (1, 2)]
# many independent products (one entry each), one zone with many records
BASES += [(f"{shape} {n} seed {seed}", generate.SHAPES[shape](n, seed)) for shape in ("products", "records")
          for n in (40, 120) for seed in (1, 2)]
BASES += [(path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in BUNDLED_SPECS]
# latency records without health checks in front of two Regions sharing a global table: pinned routes
PINNED = """
version: 1
name: pinned
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: latency, region: us-east-1, set_identifier: e}
      - {name: api, type: A, alias: true, target: api-west, routing: latency, region: us-west-2, set_identifier: w}
      - {name: www, type: A, alias: true, target: api-west, routing: weighted, weight: 1, set_identifier: a, health_check: hc}
      - {name: www, type: A, alias: true, target: api-east, routing: weighted, weight: 1, set_identifier: b, health_check: hc}
    health_checks:
      - {id: hc, target: api-east}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 50}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 50}
  - {id: table-east, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
  - {id: table-west, type: dynamodb, region: us-west-2, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-east-1]}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: table-east}
  - {from: fn-west, to: table-west}
  - {from: table-east, to: table-west, kind: replication, bidirectional: true}
"""
BASES += [("pinned", yaml.safe_load(PINNED))]


@st.composite
def rewired_specs(draw):
    """A small spec with random connections added and removed: bridges, standby paths, replication
    (specs that are no longer valid, e.g. with a cycle, are skipped by the test)."""
    data = copy.deepcopy(draw(st.sampled_from(BASES))[1])
    ids = [c["id"] for c in data["components"] if c["type"] != "nat_gateway"]
    targets = [c["id"] for c in data["components"] if c["type"] not in ("nat_gateway", "users")]
    connections = data["connections"]
    for i in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 3)) == 0 and connections:
            del connections[draw(st.integers(0, len(connections) - 1))]
            continue
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(targets))
        connection = {"id": f"rewired-{i}", "from": source, "to": target}
        kind = draw(st.sampled_from(["sync", "sync", "async", "replication", "standby"]))
        if kind == "standby":
            connection["standby"] = True
        elif kind != "sync":
            connection["kind"] = kind
            if kind == "replication":
                connection["bidirectional"] = draw(st.booleans())
        connections.append(connection)
    return yaml.safe_dump(data, sort_keys=False)


def assert_same_as_reference(spec):
    graph = RequestGraph(spec)
    graphs = ref_graphs(spec)
    assert [(f.entry, f.target) for f in graph.flows] == ref_flows(spec, graphs)
    states = LossStates(spec)
    scenarios = [(frozenset({az}), frozenset()) for r in spec.regions for az in r.azs]
    scenarios += [(frozenset(), frozenset({r.name})) for r in spec.regions]
    removed_sets = [frozenset(c for c, s in states.after(*lost).items() if s == DOWN) for lost in scenarios]
    decomposer = av._Decomposer({}, {})
    for flow in graph.flows:
        holders = graph.holders(flow.target)
        for standby in (True, False):
            reference = ref_flow_graph(graphs[standby], flow.entry, holders)
            assert graph.dominators(flow, standby=standby) == ref_dominators(reference, flow.entry)
            assert graph.paths_through(flow, standby=standby) == (set(reference) - {SINK} if reference.in_degree(SINK)
                                                                  else set())
            for removed in removed_sets:
                alive = ref_reachable(graphs[standby], flow.entry, removed)
                assert graph.reaches(flow, standby=standby, removed=removed) == any(h in alive for h in holders)
        reference = ref_flow_graph(graphs[True], flow.entry, holders)
        on_path = set(reference) - {SINK}
        avail = {n: av.component_availability(spec.component(n)) for n in on_path}
        keys = {n: av.sla_key(spec.component(n)) or "" for n in on_path}
        expected = (ref_decompose(reference, flow.entry, SINK, avail, keys) if flow.entry in reference
                    else av.Series((av.Leaf("unreachable", 0.0, ""),)))
        choices = av.pinned_choices(graph, on_path) if flow.entry in reference else []
        if choices:  # requests pinned to a route without a health check: that route's graph, the least available
            expected = ref_pinned(reference, flow.entry, choices, avail, keys)
        assert av.flow_availability(spec, graph, flow, decomposer).expression == expected
    for removed in removed_sets:
        for standby in (True, False):
            assert graph.flows_reaching(removed, standby=standby) == tuple(
                graph.reaches(f, standby=standby, removed=removed) for f in graph.flows)
    # asked in the other order (the normal graph first), the results an entry without standby edges shares
    # between the modes are the same
    other = RequestGraph(spec)
    for standby in (False, True):
        assert other.flow_holders(standby=standby) == graph.flow_holders(standby=standby)
        assert other.flow_paths(standby=standby) == graph.flow_paths(standby=standby)
        assert other.flow_dominators(standby=standby) == graph.flow_dominators(standby=standby)
        for removed in removed_sets:
            assert other.flows_reaching(removed, standby=standby) == graph.flows_reaching(removed, standby=standby)


def ref_pinned(reference, entry, choices, avail, keys):
    """The least available of the flow's graphs with each router's other targets of a pinned set removed."""
    best = None
    for combination in itertools.product(*choices):
        graph = nx.DiGraph(reference)
        graph.remove_edges_from((router, other) for router, _, kept_out in combination for other in kept_out
                                if graph.has_edge(router, other))
        expression = ref_decompose(graph, entry, SINK, avail, keys)
        if best is None or expression.value < best.value:
            best = expression
    return best


def load(text: str):
    checked = check_text(text, "generated.yaml")
    assert checked.spec is not None, [d.format() for d in checked.diagnostics[:3]]
    return checked.spec


@pytest.mark.parametrize("shape, n, seed", [("estate", 300, 1), ("estate", 300, 2), ("estate", 1000, 3),
                                             ("products", 300, 1), ("products", 700, 2), ("records", 300, 1),
                                             ("records", 600, 2)])
def test_generated_specs_match_the_reference(shape, n, seed):
    assert_same_as_reference(load(generated(n, seed, shape)))


@pytest.mark.parametrize("path", BUNDLED_SPECS, ids=lambda p: p.stem)
def test_bundled_specs_match_the_reference(path):
    assert_same_as_reference(load(path.read_text(encoding="utf-8")))


@settings(max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(rewired_specs())
def test_rewired_specs_match_the_reference(text):
    checked = check_text(text, "rewired.yaml")
    if checked.spec is not None:
        assert_same_as_reference(checked.spec)


def test_pinned_routes_match_the_reference():
    """A route without a health check keeps its requests: the flow's availability is its least available
    pinned route's, computed the same way on the restricted graph."""
    spec = load(PINNED)
    assert_same_as_reference(spec)
    graph = RequestGraph(spec)
    flow = next(f for f in graph.flows if f.target == "table-east")
    assert av.flow_availability(spec, graph, flow).pinned == ("api-east",)


REPLICAS = """
version: 1
name: replicas
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      cidr: 10.0.0.0/16
      subnets:
        - {id: app-a, az: us-east-1a, cidr: 10.0.1.0/24}
        - {id: app-b, az: us-east-1b, cidr: 10.0.2.0/24}
components:
  - {id: visitors, type: users}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: app, type: lambda, region: us-east-1, duration_ms: 50}
  - {id: app2, type: lambda, region: us-east-1, duration_ms: 50}
  - {id: orders, type: s3, region: us-east-1}
  - {id: orders-copy, type: s3, region: us-east-1}
  - {id: carts, type: s3, region: us-east-1}
  - {id: carts-copy, type: s3, region: us-east-1}
  - {id: carts-copy2, type: s3, region: us-east-1}
  - {id: idle, type: autoscaling, subnets: [app-a, app-b], min: 0, max: 2, desired: 0}
  - {id: spare, type: ecs, subnets: [app-b], min: 0, max: 2, desired: 0}
connections:
  - {from: visitors, to: api}
  - {from: api, to: app}
  - {from: api, to: app2}
  - {from: app, to: orders}
  - {from: app2, to: orders-copy}
  - {from: app, to: carts}
  - {from: app2, to: carts-copy}
  - {from: app2, to: carts-copy2}
  - {from: app, to: idle}
  - {from: idle, to: spare}
  - {from: orders, to: orders-copy, kind: replication}
  - {from: carts, to: carts-copy, kind: replication, bidirectional: true}
  - {from: carts-copy, to: carts-copy2, kind: replication}
"""


def test_flows_ending_in_several_replicas_and_fleets_without_instances_match_the_reference():
    """Flows whose sinks share their last dominator but not their holders; fleets of 0 instances
    (down in every scenario, whatever is lost)."""
    spec = load(REPLICAS)
    assert_same_as_reference(spec)
    states = LossStates(spec)
    for lost_azs, lost_regions in [(frozenset({"us-east-1a"}), frozenset()), (frozenset(), frozenset({"us-east-1"})),
                                   (frozenset({"elsewhere-1a"}), frozenset({"elsewhere-1"}))]:
        expected = {c.id: s for c in spec.components if (s := state_after(c, lost_azs, lost_regions)) != "up"}
        assert states.after(lost_azs, lost_regions) == expected
    assert states.after(frozenset({"elsewhere-1a"}), frozenset()) == {"idle": DOWN, "spare": DOWN}


# --------------------------------------------------------------------------- what the shortcuts rely on
SPEC_TEXTS = {"generated-1000-1": lambda: generated(1000, 1), "generated-300-2": lambda: generated(300, 2),
              "products-300-1": lambda: generated(300, 1, "products"), "records-300-1": lambda: generated(300, 1, "records"),
              "replicas": lambda: REPLICAS,
              **{p.stem: (lambda p=p: p.read_text(encoding="utf-8")) for p in BUNDLED_SPECS}}


@pytest.mark.parametrize("name", sorted(SPEC_TEXTS))
def test_losing_an_az_or_region_a_component_does_not_use_leaves_it_as_it_is(name):
    spec = load(SPEC_TEXTS[name]())
    every_az = {az for r in spec.regions for az in r.azs} | {"elsewhere-1a"}
    for c in spec.components:
        unchanged = state_after(c)
        for az in every_az - azs_state_depends_on(c):
            assert state_after(c, frozenset({az})) == unchanged, (c.id, az)
        for region in {r.name for r in spec.regions} - {c.region}:
            assert state_after(c, lost_regions=frozenset({region})) == unchanged, (c.id, region)


def test_an_analysis_computes_the_traffic_model_once(monkeypatch):
    import archgen.traffic as traffic

    calls = []
    real = traffic._unshared  # what computes a model; model_traffic(spec) at scale 1 shares one per spec
    monkeypatch.setattr(traffic, "_unshared", lambda spec, *args: calls.append(1) or real(spec, *args))
    spec = load(generated(300, 1))
    report = analyze(spec)
    assert report.failure_domains.capacity_available
    assert len(calls) == 1
    assert traffic.model_traffic(spec) is report.context.traffic and len(calls) == 1  # the traffic report's too
    assert traffic.model_traffic(spec, scale=2) is not report.context.traffic and len(calls) == 2

