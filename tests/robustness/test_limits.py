"""Work archgen does is bounded, and each bound is refused early, by name, as docs/limits.md says.

Why: a spec under the 20 MB size limit could still hold 435,803 components (185 s, 5.8 GB of
memory for `traffic --format json`), a million keys in one mapping (20 s to report one unknown
key), 100,000 connections for Graphviz (a 600 s wait) or a fan-out whose traffic overflows to
infinity. The time and memory budgets here are safety nets with a 10× margin over what the
refusals take (~2 s), far below what the work itself took.
"""

from __future__ import annotations

import importlib
import itertools
import json
import re

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from archgen.diagnostics import Diagnostic
from tests.robustness.hostile.harness import run_archgen
from tests.support import ROOT

LIMITS_DOC = ROOT / "docs" / "limits.md"
CPU_SECONDS = 25  # the refusals take ~2 CPU s; the work they prevent took 20 s to 185 s
PEAK_MB = 1500  # ~200 MB measured; the 435,803-component run peaked at 5.8 GB


def documented_limits() -> list[tuple[str, int]]:
    """(constant, first number of its 'limit' cell) for each row of the limits table."""
    section = LIMITS_DOC.read_text(encoding="utf-8").split("## Limits", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| .+? \| (.+?) \| .+? \| `([\w.]+)` \|$", section, re.M)
    return [(constant, int(re.match(r"[\d,]+", limit).group().replace(",", ""))) for limit, constant in rows]


def test_the_documented_limits_are_the_code_constants():
    rows = documented_limits()
    assert len(rows) >= 18
    for constant, documented in rows:
        module, name = constant.rsplit(".", 1)
        assert getattr(importlib.import_module(module), name) == documented, constant


def spec_with(components: int, connections: int = 0) -> str:
    lines = ["version: 1", "name: many", "regions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]", "components:"]
    lines += [f"  - {{id: q{i}, type: sqs, region: us-east-1}}" for i in range(components)]
    if connections:  # from each queue to every later one: no cycle
        pairs = ((a, b) for a in range(components) for b in range(a + 1, components))
        lines += ["connections:"] + [f"  - {{from: q{a}, to: q{b}}}" for a, b in itertools.islice(pairs, connections)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name, text, message", [
    # 20.8 MB, 435,000 components: the spec, just under the size limit
    ("components.yaml", spec_with(435_000),
     "components.yaml:50005:5: error: more than 50,000 components; archgen reads at most 50,000 components in one spec "
     "(docs/limits.md); split the system into several specs"),
    ("connections.yaml", spec_with(500, 100_001),
     "connections.yaml:100506:5: error: more than 100,000 connections; archgen reads at most 100,000 connections in "
     "one spec (docs/limits.md); split the system into several specs"),
    ("keys.yaml", "version: 1\nname: keys\ncomponents: []\nmetadata: {" + ", ".join(f"k{i}: {i}" for i in range(1_000_000)) + "}\n",
     "keys.yaml:4:1477792: error: more than 100,000 entries in one mapping; no spec needs that many (docs/limits.md)"),
])
def test_a_spec_over_a_count_limit_is_refused_while_it_is_parsed(tmp_path, name, text, message):
    (tmp_path / name).write_text(text)
    for argv in (["validate", name], ["traffic", "--format", "json", name]):
        run = run_archgen(argv, tmp_path, timeout=120)
        assert run.code == 1, run.output
        if "json" in argv:
            (diagnostic,) = json.loads(run.stdout)["files"][0]["diagnostics"]
            assert (diagnostic["code"], message) == ("limit", Diagnostic(**{k: v for k, v in diagnostic.items()}).format())
        else:
            assert run.stderr.strip() == message
        assert run.cpu_seconds < CPU_SECONDS and run.peak_mb < PEAK_MB, (run.cpu_seconds, run.peak_mb)


def test_the_component_limit_itself_is_accepted():
    from archgen.spec.load import MAX_COMPONENTS, check_text

    checked = check_text(spec_with(MAX_COMPONENTS), "at-limit.yaml")
    assert checked.spec is not None and len(checked.spec.components) == MAX_COMPONENTS


def test_a_diagram_over_the_drawing_limits_is_refused_before_graphviz(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wide.yaml").write_text(spec_with(2_001))
    result = CliRunner().invoke(cli, ["render", "wide.yaml", "-o", "out"])
    assert result.exit_code == 2
    assert result.output.strip() == ("archgen: error: many has 2,001 components, over the 2,000 archgen draws in one "
                                     "diagram (docs/limits.md); split the system into several specs")
    (tmp_path / "busy.yaml").write_text(spec_with(100, 4_001))
    result = CliRunner().invoke(cli, ["build", "busy.yaml", "-o", "out"])
    assert result.exit_code == 1
    assert "busy.yaml: error: many has 4,001 connections, over the 4,000 archgen draws in one diagram" in result.output


def test_an_oversized_json_report_is_refused_before_it_is_built(tmp_path, monkeypatch):
    from archgen.commands import _common, traffic

    monkeypatch.setattr(traffic, "MAX_OUTPUT_BYTES", 200_000)  # the bundled shop's JSON is ~42 KB
    result = CliRunner().invoke(cli, ["traffic", "--format", "json", *[str(ROOT / "specs" / "shop.yaml")] * 1])
    assert result.exit_code == 0
    spec = tmp_path / "big.yaml"
    spec.write_text(spec_with(1_000))
    result = CliRunner().invoke(cli, ["traffic", "--format", "json", str(spec)])
    assert result.exit_code == 2
    assert re.fullmatch(r"archgen: error: the JSON traffic report would be about \d+ MB, over the 0 MB limit for one "
                        r"output \(docs/limits.md\); use --format csv, or fewer or smaller specs", result.output.strip())
    assert _common.MAX_OUTPUT_BYTES == 100 * 2**20


def test_the_traffic_size_estimate_is_close():
    from archgen.pipeline import traffic_files
    from archgen.report.traffic_json import estimated_size, render

    for name in ("shop", "global", "serverless"):
        runs = traffic_files([str(ROOT / "specs" / f"{name}.yaml")], 1.0)
        for pretty in (False, True):
            actual = len(render(runs, 1.0, pretty=pretty))
            assert 0.8 * actual < estimated_size(runs, pretty=pretty) < 1.2 * actual, (name, pretty)
