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
    assert "| target | measured | limit | met |" in (tmp_path / "results.md").read_text()
    assert "Traceback" not in result.stdout + result.stderr


def test_generated_specs_are_valid_and_sized(tmp_path):
    from archgen.spec.load import load_spec

    for n in (30, 250):
        path = tmp_path / f"s{n}.yaml"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(n), "-o", str(path)],
                       check=True, timeout=120)
        assert len(load_spec(str(path)).components) == n
