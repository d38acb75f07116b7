"""Properties of the traffic model that hold for any spec, and the JSON documentation contract."""

from __future__ import annotations

import dataclasses
import inspect
import io
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archgen.report.traffic_json import SCHEMA_VERSION, model_json
from archgen.traffic import TierLoad, edge_peak_rps, model_traffic
from archgen.traffic.dynamodb_units import read_units, write_units
from archgen.traffic.types import LazySizing
from tests.support import BUNDLED_SPECS, ROOT, benchmark_module, spec_from_text

DOC = (ROOT / "docs" / "traffic-json.md").read_text(encoding="utf-8")


@given(st.floats(min_value=1, max_value=400 * 1024), st.floats(min_value=1, max_value=400 * 1024))
def test_units_never_shrink_with_size(a, b):
    small, large = sorted((a, b))
    for consistency in ("eventual", "strong", "transactional"):
        assert read_units(small, consistency) <= read_units(large, consistency)
    assert write_units(small) <= write_units(large)
    assert read_units(large, "eventual") * 2 == read_units(large, "strong") == read_units(large, "transactional") / 2


CHAIN = """\
version: 1
name: chain
regions:
  - {{name: us-east-1, azs: [us-east-1a, us-east-1b]}}
components:
  - id: clients
    type: users
    traffic: {{peak_rps: {rps}, read_ratio: {read}}}
  - {{id: cdn, type: cloudfront, cache_hit_ratio: {cdn_hit}}}
  - {{id: web, type: ecs, azs: [us-east-1a, us-east-1b], desired: 2, capacity_rps: 100}}
  - {{id: cache, type: elasticache, engine: redis, azs: [us-east-1a], nodes: 1, hit_ratio: {cache_hit}}}
  - {{id: db, type: rds, engine: mysql, azs: [us-east-1a], capacity_rps: 500}}
connections:
  - {{from: clients, to: cdn}}
  - {{from: cdn, to: web}}
  - {{from: web, to: cache, calls: {calls}}}
  - {{from: cache, to: db}}
"""


@settings(max_examples=40, deadline=None)
@given(rps=st.floats(min_value=0.1, max_value=1e6), read=st.floats(min_value=0, max_value=1),
       cdn_hit=st.floats(min_value=0, max_value=1), cache_hit=st.floats(min_value=0, max_value=1),
       calls=st.floats(min_value=0, max_value=20))
def test_caches_pass_misses_and_writes(rps, read, cdn_hit, cache_hit, calls):
    # written in fixed point (YAML 1.1 reads '5e-324' as text), and the expectations use what was written
    rps, read, cdn_hit, cache_hit, calls = (float(f"{v:.9f}") for v in (rps, read, cdn_hit, cache_hit, calls))
    fixed = {k: f"{v:.9f}" for k, v in dict(rps=rps, read=read, cdn_hit=cdn_hit, cache_hit=cache_hit, calls=calls).items()}
    spec = spec_from_text(CHAIN.format(**fixed))
    model = model_traffic(spec)
    reads, writes = rps * read, rps * (1 - read)
    web = model.tiers["web"].peak
    assert web.reads == pytest.approx(reads * (1 - cdn_hit), rel=1e-9, abs=1e-9)
    assert web.writes == pytest.approx(writes, rel=1e-9, abs=1e-9)
    db = model.tiers["db"].peak
    assert db.reads == pytest.approx(web.reads * calls * (1 - cache_hit), rel=1e-9, abs=1e-9)
    assert db.writes == pytest.approx(web.writes * calls, rel=1e-9, abs=1e-9)
    # what arrives at a tier is what its incoming edges carry
    edges = edge_peak_rps(model)
    assert model.tiers["db"].peak_rps == pytest.approx(edges["cache->db"], rel=1e-12, abs=1e-12)
    # linear: saturation scale × peak load = the ceiling
    for tid, scale in model.saturation_order():
        tier = model.tiers[tid]
        assert tier.binding.demand * scale == pytest.approx(tier.binding.capacity, rel=1e-9)


@pytest.mark.parametrize("path", BUNDLED_SPECS, ids=lambda p: p.stem)
def test_model_is_deterministic_and_json_clean(path):
    from archgen.spec.load import load_spec

    spec = load_spec(str(path))
    first, second = model_json(model_traffic(spec)), model_json(model_traffic(spec))
    assert first == second
    text = json.dumps(first, allow_nan=False)  # no NaN/Infinity reaches the output
    assert json.loads(text) == first


def test_tiers_are_the_frozen_dataclass_they_would_be_if_built_by_init():
    from archgen.spec.load import load_spec
    from tests.support import SPECS

    model = model_traffic(load_spec(str(SPECS / "shop.yaml")))
    for tier in model.tiers.values():  # built by TierLoad.of: equal to TierLoad(...) of the same fields
        fields = {f.name: getattr(tier, f.name) for f in dataclasses.fields(TierLoad)}
        assert tier == TierLoad(**fields) and repr(tier) == repr(TierLoad(**fields))
        with pytest.raises(dataclasses.FrozenInstanceError):
            tier.capacity_rps = 0.0
    # every field, in order, and nothing else: a field added to TierLoad cannot be left unset by TierLoad.of
    assert list(inspect.signature(TierLoad.of).parameters) == [f.name for f in dataclasses.fields(TierLoad)]


def test_edges_are_a_read_only_mapping_in_spec_order_made_on_first_read():
    from archgen.spec.load import load_spec
    from tests.support import SPECS

    spec = load_spec(str(SPECS / "shop.yaml"))
    edges = model_traffic(spec, scale=3.0).edges
    assert edges._values is None  # nothing made yet
    ids = [c.id for c in spec.connections]
    assert list(edges) == list(edges.keys()) == ids and len(edges) == len(ids) and ids[0] in edges
    assert [e.id for e in edges.values()] == ids and dict(edges.items()) == {i: edges[i] for i in ids}
    assert edges.get("no-such-connection") is None and edges == model_traffic(spec, scale=3.0).edges
    with pytest.raises(TypeError):
        edges[ids[0]] = None


def test_sizing_the_analysis_never_reads_is_worked_out_on_first_read_as_a_read_only_mapping():
    from archgen.spec.load import load_spec
    from tests.support import SPECS

    tiers = model_traffic(load_spec(str(SPECS / "shop.yaml")), scale=3.0).tiers
    lazy = {t.type: t.sizing for t in tiers.values() if isinstance(t.sizing, LazySizing)}
    assert set(lazy) == {"alb", "cloudfront", "dynamodb", "route53"}
    assert all(sizing._values is None for sizing in lazy.values())  # nothing worked out yet
    table = lazy["dynamodb"]
    keys = list(table)
    assert keys[:3] == ["capacity_mode", "read_units_avg", "read_units_peak"] and len(table) == len(keys)
    assert list(table.keys()) == keys and dict(table.items()) == {k: table[k] for k in keys} == dict(table)
    assert "indexes" in table and table.get("no-such-key") is None and table._make is None
    assert table == dict(table) and list(table.values()) == [table[k] for k in keys]
    with pytest.raises(TypeError):
        table["capacity_mode"] = None


@pytest.mark.parametrize("path", BUNDLED_SPECS, ids=lambda p: p.stem)
def test_every_emitted_key_is_documented(path):
    from archgen.spec.load import load_spec

    data = model_json(model_traffic(load_spec(str(path))))
    # every identifier written in code spans (`...`) of the documentation
    prose = re.sub(r"```.*?```", "", DOC, flags=re.S)
    documented = {word for span in re.findall(r"`([^`]+)`", prose) for word in re.findall(r"[a-z_][a-z0-9_]*", span)}

    def walk(value, where):
        if isinstance(value, dict):
            for key, inner in value.items():
                assert key in documented, f"{where}.{key} is not in docs/traffic-json.md"
                walk(inner, f"{where}.{key}")
        elif isinstance(value, list):
            for inner in value:
                walk(inner, where)

    walk(data, "traffic")
    assert f"`schema_version` | integer | `{SCHEMA_VERSION}`" in DOC


def test_rich_output_renders_the_same_rows():
    from rich.console import Console

    from archgen.analysis.engine import saturation_findings
    from archgen.report.traffic_text import print_rich
    from archgen.spec.load import load_spec
    from tests.support import SPECS

    spec = load_spec(str(SPECS / "fragile.yaml"))
    model = model_traffic(spec, scale=10)
    buffer = io.StringIO()
    print_rich(model, saturation_findings(spec, model), "fragile.yaml", Console(file=buffer, width=250))
    out = buffer.getvalue()
    assert "│ blog-server │ ec2" in out and "231%" in out
    assert "1. blog-server      4.32×  1 instance: 139 of 60 rps  SATURATED at 10×" in out


def test_ten_thousand_components_stay_linear():
    """A safety net against a quadratic flow, not a benchmark (benchmarks/ times it): 10x the measured
    0.35 CPU s of the first model of a 10,000-component spec (later calls on the same spec are cached)."""
    import yaml

    from archgen.spec.load import check_text

    checked = check_text(yaml.safe_dump(benchmark_module("generate").generate(10_000), sort_keys=False), "big.yaml")
    assert checked.spec is not None and len(checked.spec.components) == 10_000
    cost = _cpu(lambda: model_traffic(checked.spec))
    assert cost < 10 * 0.35, f"model_traffic took {cost:.3f} s of CPU"


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start
