"""The benchmark runner still runs (a smoke test: small sizes, one repeat; no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support import ROOT


def test_benchmark_runner_smoke(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "100",
                             "--render-sizes", "100", "--repeat", "1", "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["stages"] and data["render"] and "version" in data
    assert {row["shape"] for row in data["stages"]} == {"estate", "products", "records"}
    assert all(row["json_bytes"]["analyze"] > 0 and row["json_bytes"]["traffic"] > 0 for row in data["stages"])
    assert "| target | measured | limit | met |" in (tmp_path / "results.md").read_text()
    assert "Traceback" not in result.stdout + result.stderr


def test_generated_specs_are_valid_and_sized(tmp_path):
    from archgen.spec.load import load_spec

    for shape in ("estate", "products", "records"):
        for n in (30, 250):
            path = tmp_path / f"{shape}{n}.yaml"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(n), "--shape", shape,
                            "-o", str(path)], check=True, timeout=120)
            spec = load_spec(str(path))
            assert len(spec.components) == n
            if shape == "products" and n == 250:  # one users entry and Route 53 zone per product, ~16 components each
                entries = spec.of_type("users")
                assert len(entries) == len(spec.of_type("route53")) and 250 / 25 <= len(entries) <= 250 / 10


def test_checkov_comparison_reads_both_tools_and_covers_the_corpus(tmp_path, monkeypatch):
    """benchmarks/checkov.py parses archgen's and checkov's JSON (a stand-in checkov here: the real one is
    an optional tool) and the committed results cover every corpus template."""
    import importlib.util

    from archgen.iac.examples import CHECKOV_RESULTS, checkov_table, manifest

    spec = importlib.util.spec_from_file_location("checkov_bench", ROOT / "benchmarks" / "checkov.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    fake = tmp_path / "checkov"
    fake.write_text("#!/bin/sh\necho '{\"results\": {\"failed_checks\": [{\"check_id\": \"CKV_AWS_157\"}, "
                    "{\"check_id\": \"CKV_AWS_16\"}]}, \"summary\": {\"parsing_errors\": 0}}'\n")
    fake.chmod(0o755)
    template = "examples/cloudformation/aws-cloudformation-templates/aws/services/RDS/RDS_PIOPS.yaml"
    assert bench.checkov_run(str(fake), template) == {"exit": 0, "checks": ["CKV_AWS_157", "CKV_AWS_16"], "failed": 2,
                                                      "availability": ["CKV_AWS_157"], "parsing_errors": 0}
    ours = bench.archgen_run(template)
    assert ours["exit"] == 1 and {"AG201", "AG205"} <= set(ours["rules"])
    results = json.loads(CHECKOV_RESULTS.read_text())
    assert [row["name"] for row in results["templates"]] == [entry["name"] for entry in manifest()]
    assert "archgen finds **" in checkov_table(results)


def test_instruction_counts_are_read_from_callgrind_and_compared(tmp_path):
    """benchmarks/instructions.py reads callgrind's total and prints the change against a baseline (valgrind itself
    is too slow for the suite: the counting is run by hand, see benchmarks/README.md)."""
    import importlib.util

    import pytest

    spec = importlib.util.spec_from_file_location("instructions_bench", ROOT / "benchmarks" / "instructions.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.callgrind_total("# callgrind format\nevents: Ir\nsummary: 1734850872\n") == 1734850872
    assert bench.callgrind_total("events: Ir\ntotals: 42\n") == 42
    with pytest.raises(ValueError):
        bench.callgrind_total("events: Ir\n")
    table = bench.markdown({"against": "bc831a5", "rows": [
        {"shape": "records", "n": 10000, "instructions": 9_000_000_000, "against": 12_000_000_000}]})
    assert "| records | 10,000 | 9.00 G | 12.00 G | -25.0% |" in table
