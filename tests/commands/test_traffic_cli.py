"""`archgen traffic`: formats, exit codes, cycles, findings shared with the AG5xx rules."""

from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from tests.support import SPECS, spec_from_text


def run(*args):
    result = CliRunner().invoke(cli, ["traffic", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def write(tmp_path, text: str, name: str = "spec.yaml") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


CYCLE = """\
version: 1
name: loop
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: clients, type: users, traffic: {peak_rps: 10}}
  - {id: a, type: lambda, region: us-east-1, duration_ms: 100}
  - {id: q, type: sqs, region: us-east-1}
  - {id: b, type: lambda, region: us-east-1, duration_ms: 100}
connections:
  - {from: clients, to: a}
  - {from: a, to: q, kind: async}
  - {from: q, to: b, kind: async}
  - {from: b, to: a, kind: async}
"""


def test_text_output_is_deterministic_and_exit_0():
    first, second = run(str(SPECS / "shop.yaml")), run(str(SPECS / "shop.yaml"))
    assert first.exit_code == 0
    assert first.output == second.output
    lines = first.output.splitlines()
    assert lines[0] == "shop (" + str(SPECS / "shop.yaml") + "): traffic model"
    assert lines[1] == "Entry: 69.4 rps average, 208 rps peak (90% reads)"
    header = lines[3].split()
    assert header[:4] == ["Tier", "Type", "Avg", "rps"]
    row = next(line for line in lines if line.startswith("carts "))
    assert "43.8 RCU, 37.5 WCU" in row and "25%" in row and "4×" in row
    assert "   1. carts             4×  table writes: 37.5 of 150 WCU" in lines
    assert "No tier saturates at peak." in lines
    assert any(line.startswith("Monthly cost ESTIMATE: $") for line in lines)


def test_scale_10_lists_what_breaks_first_and_exits_1():
    result = run(str(SPECS / "shop.yaml"), "--scale", "10")
    assert result.exit_code == 1
    out = result.output
    assert "1. carts             4×  table writes: 375 of 150 WCU  SATURATED at 10×" in out
    assert "2. web              32×" in out and "SATURATED at 10×" not in out.split("2. web")[1].splitlines()[0]
    assert "error: AG504 dynamodb-throttling: dynamodb 'carts' will throttle at peak at 10× traffic: " \
           "table writes 375 WCU > 150 (250%); GSI by-sku writes 188 WCU > 150 (125%); " \
           "table reads 437 RCU > 400 (109%)" in out


def test_json_output_is_stable_and_documented_shape():
    result = run(str(SPECS / "shop.yaml"), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema_version"] == 1
    assert data["scale"] == 1.0 and data["saturated"] is False
    (entry,) = data["files"]
    assert entry["valid"] and entry["findings"] == []
    traffic = entry["traffic"]
    assert [t["id"] for t in traffic["tiers"]][:3] == ["shoppers", "dns", "cdn"]
    carts = next(t for t in traffic["tiers"] if t["id"] == "carts")
    assert carts["peak"]["rps"] == 62.5
    assert carts["capacity"]["utilization"] == 0.25
    assert carts["capacity"]["saturation_scale"] == 4.0
    assert carts["capacity"]["binding"] == "table writes"
    assert carts["sizing"]["write_units_peak"] == 37.5
    edges = {e["id"]: e for e in traffic["edges"]}
    assert edges["dns->web-alb"]["peak_rps"] == 62.5
    assert traffic["saturation_order"][0] == {"id": "carts", "saturation_scale": 4.0, "binding": "table writes"}
    assert traffic["cost"]["estimate"] is True and traffic["cost"]["region"] == "us-east-1"
    assert traffic["cost"]["not_included"]
    assert run(str(SPECS / "shop.yaml"), "--format", "json").output == result.output


def test_json_is_compact_unless_pretty():
    compact = run(str(SPECS / "shop.yaml"), "--format", "json").output
    pretty = run(str(SPECS / "shop.yaml"), "--format", "json", "--pretty").output
    assert compact.count("\n") == 1 and len(compact) < len(pretty) / 1.5
    assert pretty == json.dumps(json.loads(compact), indent=2, ensure_ascii=False) + "\n"


def test_json_reports_saturation_findings():
    data = json.loads(run(str(SPECS / "global.yaml"), "--format", "json", "--scale", "10").output)
    findings = data["files"][0]["findings"]
    assert {f["rule"] for f in findings} == {"AG501"}
    assert {f["components"][0] for f in findings} == {"use1-api", "euw1-api"}
    assert data["saturated"] is True
    assert all(f["location"]["line"] > 0 for f in findings)


def test_markdown_for_pull_requests():
    result = run(str(SPECS / "serverless.yaml"), "--format", "markdown")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("### Traffic: serverless\n")
    assert "| Tier | Type | Avg rps |" in out
    assert "| notes-fn | lambda |" in out
    assert "<details><summary>Monthly cost estimate</summary>" in out


def test_csv_one_row_per_tier():
    result = run(str(SPECS / "shop.yaml"), str(SPECS / "fragile.yaml"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 18 + 7
    carts = next(r for r in rows if r["tier"] == "carts")
    assert carts["peak_rps"] == "62.5" and carts["utilization"] == "0.25" and carts["binding_limit"] == "table writes"


def test_csv_quotes_formula_like_labels(tmp_path):
    path = write(tmp_path, CYCLE.replace("{id: clients, type: users,", "{id: clients, type: users, label: '=cmd()',")
                 .replace("  - {from: b, to: a, kind: async}\n", ""))
    rows = list(csv.DictReader(io.StringIO(run(path, "--format", "csv").output)))
    assert rows[0]["label"] == "'=cmd()"


def test_invalid_spec_exits_1_with_diagnostics(tmp_path):
    path = write(tmp_path, CYCLE)
    result = CliRunner().invoke(cli, ["traffic", path])
    assert result.exit_code == 1
    assert "connections form a cycle: a -> q -> b -> a" in result.output


def test_unreadable_and_usage_errors_exit_2(tmp_path):
    assert run(str(tmp_path / "missing.yaml")).exit_code == 2
    assert run(str(SPECS / "shop.yaml"), "--scale", "0").exit_code == 2
    assert run(str(SPECS / "shop.yaml"), "--scale", "-3").exit_code == 2
    assert run(str(SPECS / "shop.yaml"), "--format", "yaml").exit_code == 2
    assert run().exit_code == 2


def test_suppressed_findings_do_not_fail(tmp_path):
    text = (SPECS / "fragile.yaml").read_text() + "\nignore:\n  - {rule: AG501, component: blog-server, reason: accepted for the demo}\n"
    path = write(tmp_path, text)
    result = run(path, "--scale", "10")
    assert result.exit_code == 0
    assert "(suppressed: accepted for the demo)" in result.output


def test_help_states_exit_codes():
    out = CliRunner().invoke(cli, ["traffic", "--help"]).output
    assert "1  some tier saturates at peak" in out and "2  usage error or unreadable file" in out


# --- the cycle check in validate ----------------------------------------------------------------
def test_validate_rejects_request_cycles_at_a_connection(tmp_path):
    from archgen.spec.load import check_text

    checked = check_text(CYCLE, "loop.yaml")
    assert checked.spec is None
    (diag,) = [d for d in checked.errors if "cycle" in d.message]
    assert diag.message == "connections form a cycle: a -> q -> b -> a"
    assert diag.path == "connections[3]" and diag.line == 14


def test_replication_loops_are_not_request_cycles():
    spec_from_text("""\
        version: 1
        name: repl
        regions:
          - {name: us-east-1, azs: [us-east-1a]}
          - {name: us-west-2, azs: [us-west-2a]}
        components:
          - {id: t1, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
          - {id: t2, type: dynamodb, region: us-west-2, partition_key: {name: pk}, capacity: {mode: on-demand}}
        connections:
          - {from: t1, to: t2, kind: replication}
          - {from: t2, to: t1, kind: replication}
        """)


def test_every_cycle_is_reported_once():
    from archgen.spec.load import check_text

    text = CYCLE.replace("connections:\n", """  - {id: x, type: lambda, region: us-east-1, duration_ms: 100}
  - {id: y, type: lambda, region: us-east-1, duration_ms: 100}
connections:
  - {from: x, to: y}
  - {from: y, to: x}
""")
    messages = sorted(d.message for d in check_text(text, "t.yaml").errors if "cycle" in d.message)
    assert messages == ["connections form a cycle: a -> q -> b -> a", "connections form a cycle: x -> y -> x"]


def test_model_traffic_names_a_cycle_in_a_hand_built_spec():
    from dataclasses import replace

    from archgen.model import Connection
    from archgen.traffic import TrafficCycleError, model_traffic

    spec = spec_from_text(CYCLE.replace("  - {from: b, to: a, kind: async}\n", ""))
    looped = replace(spec, connections=spec.connections + (Connection("b->a", "b", "a", kind="async"),))
    with pytest.raises(TrafficCycleError, match="a -> q -> b -> a"):
        model_traffic(looped)


def test_traffic_that_would_overflow_is_refused_naming_the_bound():
    """1e12 rps fanned out 70 times would reach 1e+362 requests/s (infinity): validation refuses it."""
    from tests.support import ROOT

    result = CliRunner().invoke(cli, ["traffic", str(ROOT / "tests" / "robustness" / "hostile" / "fan_out_overflow.yaml")])
    assert result.exit_code == 1
    assert ("fan_out_overflow.yaml:8:5: error: traffic reaching 'f1' can be up to 1e+17 requests/s at peak (entry "
            "traffic times 'calls' along the connections), over the 1e+15 archgen computes with") in result.output
    assert "inf" not in result.output.replace("info", "")
