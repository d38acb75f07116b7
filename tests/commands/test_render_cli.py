"""`archgen render`: files written, --check, determinism across processes, errors and exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from tests.support import BUNDLED_SPECS, ROOT, SPECS


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    previous = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(cli, ["render", *args], catch_exceptions=False)
    finally:
        os.chdir(previous)


def run_process(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "archgen", *args], capture_output=True, text=True,
                          env=environment, cwd=cwd or ROOT, timeout=300)


def test_renders_default_svg_and_png_into_output_spec_name(tmp_path):
    result = run(str(SPECS / "fragile.yaml"), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "output" / "fragile"
    assert sorted(p.name for p in folder.iterdir()) == ["diagram.png", "diagram.svg"]
    assert (folder / "diagram.svg").read_bytes().startswith(b"<?xml")
    assert "output/fragile/diagram.svg" in result.output


def test_formats_and_output_directory(tmp_path):
    result = run(str(SPECS / "serverless.yaml"), "-o", str(tmp_path / "out"), "--format", "dot,pdf,svg")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "serverless").iterdir()) == [
        "diagram.dot", "diagram.pdf", "diagram.svg"]


def test_check_reports_missing_stale_and_current(tmp_path):
    spec = tmp_path / "specs" / "shop.yaml"
    spec.parent.mkdir()
    shutil.copy(SPECS / "shop.yaml", spec)
    out = str(tmp_path / "out")

    missing = run(str(spec), "-o", out, "--check", "--format", "svg,png,dot")
    assert missing.exit_code == 1
    assert missing.output.count("(missing)") == 3 and "shop/diagram.svg" in missing.output
    assert not (tmp_path / "out").exists()  # --check writes nothing

    assert run(str(spec), "-o", out, "--format", "svg,png,dot").exit_code == 0
    current = run(str(spec), "-o", out, "--check", "--format", "svg,png,dot")
    assert current.exit_code == 0, current.output
    assert "up to date" in current.output

    spec.write_text(spec.read_text().replace("label: Orders API\n", "label: Orders service\n"), encoding="utf-8")
    stale = run(str(spec), "-o", out, "--check", "--format", "svg,png,dot")
    assert stale.exit_code == 1
    assert stale.output.count("(out of date)") == 3
    assert f"3 of 3 diagram outputs would be rendered; run: archgen render {spec} -o {out}" in stale.output

    (tmp_path / "out" / "shop" / "diagram.svg").write_text("<svg/>")
    foreign = run(str(spec), "-o", out, "--check", "--format", "svg")
    assert foreign.exit_code == 1 and "not written by archgen render" in foreign.output


def test_check_of_a_built_folder_names_build_as_the_fix(tmp_path):
    """`render` alone would leave the reports `build` wrote next to the diagrams stale."""
    spec = tmp_path / "shop.yaml"
    spec.write_text((SPECS / "shop.yaml").read_text().replace("label: Orders API\n", "label: Orders service\n"))
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(SPECS / "shop.yaml"), "-o", str(out)]).exit_code == 0
    stale = run(str(spec), "-o", str(out), "--check")
    assert stale.exit_code == 1
    assert f"run: archgen build {spec} -o {out}" in stale.output


def test_check_compares_digests_not_laid_out_bytes(tmp_path):
    """Another Graphviz or font set lays the same DOT out differently; the digest still matches."""
    out = tmp_path / "out"
    assert run(str(SPECS / "fragile.yaml"), "-o", str(out)).exit_code == 0
    svg = out / "fragile" / "diagram.svg"
    svg.write_bytes(svg.read_bytes().replace(b'font-size="14.00"', b'font-size="13.50"'))
    assert run(str(SPECS / "fragile.yaml"), "-o", str(out), "--check").exit_code == 0


def test_check_needs_no_graphviz(tmp_path):
    out = tmp_path / "out"
    assert run(str(SPECS / "fragile.yaml"), "-o", str(out)).exit_code == 0
    done = run_process("render", str(SPECS / "fragile.yaml"), "-o", str(out), "--check", env={"PATH": ""})
    assert done.returncode == 0, done.stderr


def test_missing_graphviz_is_one_line_and_exit_2(tmp_path):
    done = run_process("render", str(SPECS / "fragile.yaml"), "-o", str(tmp_path), env={"PATH": ""})
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "Graphviz" in lines[0] and "apt-get install graphviz" in lines[0] and "brew install graphviz" in lines[0]
    assert "choco install graphviz" in lines[0]


def test_invalid_spec_prints_diagnostics_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: bad\ncomponents:\n  - {id: x, type: nosuch}\n", encoding="utf-8")
    result = run(str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "bad.yaml:4:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "bad").exists()


def test_unreadable_file_and_bad_options_exit_2(tmp_path):
    assert run(str(tmp_path / "nothere.yaml")).exit_code == 2
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    assert run(str(binary), "-o", str(tmp_path / "out")).exit_code == 2
    bad_format = run(str(SPECS / "fragile.yaml"), "--format", "svg,gif")
    assert bad_format.exit_code == 2 and "gif" in bad_format.output
    assert run(str(SPECS / "fragile.yaml"), "--direction", "RL").exit_code == 2


def test_two_specs_with_the_same_name_are_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SPECS / "fragile.yaml", tmp_path / folder / "fragile.yaml")
    result = run(str(tmp_path / "a" / "fragile.yaml"), str(tmp_path / "b" / "fragile.yaml"), "-o", str(tmp_path / "o"))
    assert result.exit_code == 2 and "both have name 'fragile'" in result.output


DIGEST_SCRIPT = """
import hashlib, sys
from archgen.spec.load import load_spec
from archgen.render import render
for path in sys.argv[1:]:
    for name, data in render(load_spec(path), ("svg", "png", "pdf", "dot")).items():
        print(path.rsplit("/", 1)[-1], name, hashlib.sha256(data).hexdigest())
"""


def test_outputs_are_byte_identical_across_processes_and_hash_seeds():
    digests = []
    for seed in ("0", "4242"):
        done = subprocess.run([sys.executable, "-c", DIGEST_SCRIPT, *map(str, BUNDLED_SPECS)], capture_output=True,
                              text=True, timeout=300, cwd=ROOT,
                              env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        digests.append(done.stdout)
    assert digests[0] == digests[1]
    assert digests[0].count("\n") == 4 * len(BUNDLED_SPECS)


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_direction_flag(tmp_path, direction):
    result = run(str(SPECS / "serverless.yaml"), "-o", str(tmp_path), "--format", "dot", "--direction", direction)
    assert result.exit_code == 0
    assert f"// Direction: {direction}" in (tmp_path / "serverless" / "diagram.dot").read_text()


def test_failing_graphviz_is_one_line_and_exit_2(tmp_path):
    fake = tmp_path / "bin" / "neato"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'Error: syntax error in line 1' >&2\nexit 1\n")
    fake.chmod(0o755)
    done = run_process("render", str(SPECS / "fragile.yaml"), "-o", str(tmp_path / "out"),
                       env={"PATH": str(fake.parent)})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "archgen: error: Graphviz 'neato' failed (exit 1): Error: syntax error in line 1"]


def test_graphviz_only_draws_the_given_layout(tmp_path):
    """Graphviz gets every position (neato -n2): its own layout, and dot 2.43's layout bugs, never run."""
    real = shutil.which("neato")
    fake = tmp_path / "bin" / "neato"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\ncase "$1" in -n2) exec %s "$@";; esac\necho "Error: laid out" >&2\nexit 1\n' % real)
    fake.chmod(0o755)
    done = run_process("render", str(SPECS / "fragile.yaml"), "-o", str(tmp_path / "out"),
                       env={"PATH": str(fake.parent)})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "fragile" / "diagram.png").read_bytes()[:4] == b"\x89PNG"


def test_check_treats_pdf_by_presence(tmp_path):
    out = str(tmp_path / "out")
    assert run(str(SPECS / "serverless.yaml"), "-o", out, "--format", "pdf").exit_code == 0
    assert run(str(SPECS / "serverless.yaml"), "-o", out, "--format", "pdf", "--check").exit_code == 0
    (tmp_path / "out" / "serverless" / "diagram.pdf").unlink()
    missing = run(str(SPECS / "serverless.yaml"), "-o", out, "--format", "pdf", "--check")
    assert missing.exit_code == 1 and "diagram.pdf (missing)" in missing.output
