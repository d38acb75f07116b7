"""`archgen build`: the main job, its outputs, its check mode and its failure handling."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from tests.support import OUTPUT, ROOT, SPECS, files_of

OUTPUT_FILES = ["diagram.png", "diagram.svg", "report.html", "report.json", "report.md"]
# multi-Region specs also get an overview and one diagram per Region
VIEWS = {"shop": ["overview", "us-east-1", "us-west-2"], "global": ["overview", "us-east-1", "eu-west-1"]}


def expected_files(name: str) -> list[str]:
    return sorted(OUTPUT_FILES + [f"diagram-{view}.{fmt}" for view in VIEWS.get(name, []) for fmt in ("png", "svg")])




def test_build_writes_every_output_of_every_spec(built):
    out, result = built
    names = sorted(p.stem for p in SPECS.glob("*.yaml"))
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == names
    for name in names:
        assert sorted(p.name for p in (out / name).iterdir()) == expected_files(name)
    assert "4 of 4 spec(s) built" in result.stdout
    assert not list(out.rglob("*.tmp")), "atomic writes leave no temporary files"


def test_report_json_combines_analysis_and_traffic(built):
    out, _ = built
    report = json.loads((out / "fragile" / "report.json").read_text())
    assert report["schema_version"] == 3 and report["file"] == "specs/fragile.yaml"
    rules = sorted({f["rule"] for f in report["analysis"]["findings"] if f["severity"] == "error"})
    assert rules == ["AG101", "AG102", "AG201", "AG206", "AG305", "AG309", "AG401"]
    assert report["traffic"]["entry"]["peak"]["rps"] == pytest.approx(20000 * 15 / 86400 * 4)


def test_diagram_carries_traffic_and_spof_marks(built):
    out, _ = built
    svg = (out / "fragile" / "diagram.svg").read_text()
    assert "13.9 req/s" in svg  # readers -> dns at peak: 20,000 × 15 / 86,400 × 4
    assert "single point of failure" in svg


def test_markdown_report_is_a_pr_ready_summary(built):
    out, _ = built
    text = (out / "fragile" / "report.md").read_text()
    assert text.startswith("# Legacy blog (fragile on purpose)\n")
    assert "![architecture diagram](diagram.svg)" in text
    assert "Other views" not in text  # one Region: one diagram
    shop = (out / "shop" / "report.md").read_text()
    assert "Other views: [overview](diagram-overview.svg) · [us-east-1](diagram-us-east-1.svg) · " \
           "[us-west-2](diagram-us-west-2.svg)" in shop
    assert "## Resilience review" in text and "## Traffic model" in text
    assert "`AG401` single-point-of-failure" in text


def test_index_lists_every_system(built):
    out, _ = built
    index = (out / "README.md").read_text()
    for name in ("fragile", "global", "serverless", "shop"):
        assert f"]({name}/report.md)" in index


def test_second_build_is_byte_identical(built, tmp_path):
    out, _ = built
    again = subprocess.run([sys.executable, "-m", "archgen", "build", "-o", str(tmp_path)], cwd=ROOT,
                           capture_output=True, text=True, env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"})
    assert again.returncode == 0, again.stderr
    assert files_of(tmp_path) == files_of(out)


def copy_project(tmp_path: Path, built_out: Path) -> Path:
    shutil.copytree(SPECS, tmp_path / "specs")
    shutil.copytree(built_out, tmp_path / "output")
    return tmp_path


def test_check_mode_lists_stale_and_missing_outputs(built, tmp_path, monkeypatch):
    out, _ = built
    project = copy_project(tmp_path, out)
    spec = project / "specs" / "shop.yaml"
    spec.write_text(spec.read_text().replace("daily_active_users: 200000", "daily_active_users: 400000"))
    (project / "output" / "global" / "report.md").unlink()
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["build", "--check"])
    assert result.exit_code == 1
    problems = sorted(line for line in result.output.splitlines() if line.startswith("output/"))
    assert problems == [
        "output/README.md: out of date",
        "output/global/report.md: missing",
        "output/shop/diagram-overview.png: out of date",
        "output/shop/diagram-overview.svg: out of date",
        "output/shop/diagram-us-east-1.png: out of date",
        "output/shop/diagram-us-east-1.svg: out of date",
        "output/shop/diagram-us-west-2.png: out of date",
        "output/shop/diagram-us-west-2.svg: out of date",
        "output/shop/diagram.png: out of date",
        "output/shop/diagram.svg: out of date",
        "output/shop/report.html: out of date",
        "output/shop/report.json: out of date",
        "output/shop/report.md: out of date",
    ]
    assert not (project / "output" / "global" / "report.md").exists(), "--check writes nothing"
    assert result.output.splitlines()[-1] == "run: archgen build specs -o output (then commit output/)"


def test_check_mode_reports_folders_of_deleted_specs(built, tmp_path, monkeypatch):
    out, _ = built
    project = copy_project(tmp_path, out)
    (project / "specs" / "global.yaml").unlink()
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["build", "--check"])
    assert result.exit_code == 1
    assert "output/global/: no spec produces this folder any more (delete it)" in result.output


def test_one_bad_spec_does_not_stop_the_others(tmp_path, monkeypatch):
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(SPECS / "serverless.yaml", specs / "a.yaml")
    (specs / "b.yaml").write_text("version: 1\nname: broken\ncomponents:\n  - {id: x, type: lamda}\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "specs/b.yaml:4:19: error: unknown component type 'lamda'" in result.output
    assert (tmp_path / "output" / "serverless" / "report.html").exists()
    assert "1 of 2 spec(s) built" in result.output


def test_two_specs_with_one_name_are_refused(tmp_path, monkeypatch):
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(SPECS / "serverless.yaml", specs / "a.yaml")
    shutil.copy(SPECS / "serverless.yaml", specs / "b.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "spec name 'serverless' is also used by specs/a.yaml" in result.output


def test_fail_on_turns_findings_into_exit_1(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(SPECS / "fragile.yaml"), "-o", str(tmp_path), "--fail-on", "error"])
    assert result.exit_code == 1
    ok = CliRunner().invoke(cli, ["build", str(SPECS / "fragile.yaml"), "-o", str(tmp_path)])
    assert ok.exit_code == 0


def test_missing_graphviz_is_a_one_line_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot here
    result = CliRunner().invoke(cli, ["build", str(SPECS / "fragile.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "graphviz" in line.lower()
