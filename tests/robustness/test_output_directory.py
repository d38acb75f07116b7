"""The output directory as a careless CI job or a hostile pull request leaves it.

Why: committed outputs are what reviewers look at, so ``build --check`` must fail on any output
that is not exactly what archgen made (a ``<script>`` slipped into the SVG shown on GitHub, a
label changed by hand, a file nobody generated); ``build`` must never overwrite files it did not
write (``-o .`` next to a hand-written README); and two builds, a killed build or Ctrl-C must
leave whole files, no temporaries and no Graphviz processes behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from archgen.output_dir import MANIFEST, OutputDir, sha256
from archgen.render import png
from tests.support import ROOT, SPECS

NAMES = ("serverless", "fragile")


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """specs/ with two bundled specs, built into output/ (once for the module)."""
    project = tmp_path_factory.mktemp("project")
    (project / "specs").mkdir()
    for name in NAMES:
        shutil.copy(SPECS / f"{name}.yaml", project / "specs")
    result = subprocess.run([sys.executable, "-m", "archgen", "build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(built_project, tmp_path, monkeypatch) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built_project, copy)
    monkeypatch.chdir(copy)
    return copy


def check(*extra: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["build", "--check", *extra])
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith("output/")]


def forge_manifest(project: Path, relative: str) -> None:
    """What a careful forger does: record the edited file's hash as if archgen had written it."""
    path = project / "output" / MANIFEST
    document = json.loads(path.read_text())
    document["files"][relative]["sha256"] = sha256((project / "output" / relative).read_bytes())
    path.write_text(json.dumps(document))


def as_if_laid_out_elsewhere(project: Path) -> None:
    """The manifest says another Graphviz or other fonts laid the diagrams out."""
    path = project / "output" / MANIFEST
    document = json.loads(path.read_text())
    for entry in document["files"].values():
        if "layout" in entry:
            entry["layout"] = "0000000000000000"
    path.write_text(json.dumps(document))


def inject_script(data: bytes) -> bytes:
    return data.replace(b"</svg>", b"<script>alert(document.cookie)</script></svg>", 1) \
        if b"</svg>" in data else data.replace(b"</body>", b"<script>alert(1)</script></body>", 1)


def other_body_same_stamp(data: bytes) -> bytes:
    stamp_end = data.index(b"-->") + 3
    return data[:stamp_end] + b'\n<svg xmlns="http://www.w3.org/2000/svg"><text>all fine</text></svg>\n'


def other_pixels_same_stamp(data: bytes) -> bytes:
    other = (Path("output") / "fragile" / "diagram.png").read_bytes()
    return png.stamp(other, png.read_stamp(data))


TAMPERING = {  # file -> how it was edited
    "script in the SVG": ("serverless/diagram.svg", inject_script),
    "script in the HTML report": ("serverless/report.html", inject_script),
    "a label changed": ("serverless/diagram.svg", lambda d: d.replace(b"Notes API", b"Notes API (v2)", 1)),
    "body replaced, digest comment kept": ("serverless/diagram.svg", other_body_same_stamp),
    "PNG pixels replaced, stamp kept": ("serverless/diagram.png", other_pixels_same_stamp),
    "report truncated to half": ("serverless/report.md", lambda d: d[: len(d) // 2]),
    "JSON truncated to half": ("serverless/report.json", lambda d: d[: len(d) // 2]),
    "index edited": ("README.md", lambda d: d + b"\n[click me](https://example.com)\n"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_check_fails_on_an_edited_output(project, case):
    relative, edit = TAMPERING[case]
    path = project / "output" / relative
    edited = edit(path.read_bytes())
    assert edited != path.read_bytes(), "the edit must change the file"
    path.write_bytes(edited)
    assert check() == (1, [f"output/{relative}: edited after archgen wrote it"])
    as_if_laid_out_elsewhere(project)  # another machine: the manifest still catches it
    assert check() == (1, [f"output/{relative}: edited after archgen wrote it"])


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_check_compares_every_byte_where_the_layout_matches(project, case):
    """Even with the manifest forged, this machine lays the file out itself and compares."""
    relative, edit = TAMPERING[case]
    path = project / "output" / relative
    path.write_bytes(edit(path.read_bytes()))
    forge_manifest(project, relative)
    assert check() == (1, [f"output/{relative}: out of date"])


def test_check_passes_a_fresh_build_here_and_by_digest_elsewhere(project):
    assert check() == (0, [])
    as_if_laid_out_elsewhere(project)
    assert check() == (0, [])


def test_check_reports_files_that_should_not_be_there(project):
    (project / "output" / "serverless" / "extra.html").write_text("<script>alert(1)</script>")
    (project / "output" / "notes.txt").write_text("hand-written")
    (project / "output" / "old-system").mkdir()
    (project / "output" / "old-system" / "report.md").write_text("# gone")
    code, problems = check()
    assert code == 1
    assert sorted(problems) == [
        "output/notes.txt: should not be there (archgen build does not make it)",
        "output/old-system/: no spec produces this folder any more (delete it)",
        "output/serverless/extra.html: should not be there (archgen build does not make it)",
    ]


def test_check_reports_the_folder_of_a_deleted_spec(project):
    (project / "specs" / "fragile.yaml").unlink()
    code, problems = check()
    assert code == 1
    assert "output/fragile/: no spec produces this folder any more (delete it)" in problems


def test_check_reports_outputs_missing_from_the_manifest(project):
    (project / "output" / MANIFEST).unlink()
    code, problems = check()
    assert code == 1 and len(problems) == 11  # README.md + 5 files of each spec
    assert f"output/serverless/report.md: not written by archgen build (not in {MANIFEST})" in problems


# ----------------------------------------------------------------------------- where build writes
def test_build_refuses_a_directory_holding_files_it_did_not_write(project):
    readme = project / "README.md"
    readme.write_text("# My project\n\nHand-written.\n")
    (project / "docs").mkdir()
    (project / "docs" / "guide.md").write_text("guide")
    result = CliRunner().invoke(cli, ["build", "specs", "-o", "docs"])
    assert result.exit_code == 2
    assert result.output.strip() == ("archgen: error: refusing to build into docs: it holds 1 file(s) archgen did not "
                                     "write (guide.md); build into an empty or new directory, or remove them; outputs "
                                     "of an archgen without a manifest count too: delete them once and build again")
    assert (project / "docs" / "guide.md").read_text() == "guide"
    (project / "output" / "serverless" / "mine.txt").write_text("kept")  # even one stray file in an output folder
    assert CliRunner().invoke(cli, ["build"]).exit_code == 2
    assert (project / "output" / "serverless" / "mine.txt").read_text() == "kept"


@pytest.mark.parametrize("argv, message", [
    (["build", "specs", "-o", "."], "-o .: holds the input spec specs/fragile.yaml; write outputs somewhere else"),
    (["build", "specs", "-o", "specs"], "-o specs: holds the input spec specs/fragile.yaml; write outputs somewhere else"),
    (["build", "specs", "-o", "/"], "-o /: refusing to write into the filesystem root"),
    (["build", "specs", "-o", ""], "-o: empty path; name the output directory"),
    (["analyze", "specs/fragile.yaml", "--format", "markdown", "-o", "specs/fragile.yaml"],
     "-o specs/fragile.yaml: is the input spec specs/fragile.yaml; write outputs somewhere else"),
    (["render", "specs/fragile.yaml", "-o", "."], "-o .: holds the input spec specs/fragile.yaml; write outputs somewhere else"),
])
def test_outputs_never_replace_or_hold_an_input_spec(project, argv, message):
    before = {p: p.read_bytes() for p in (project / "specs").iterdir()}
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"archgen: error: {message}"
    assert {p: p.read_bytes() for p in (project / "specs").iterdir()} == before
    assert not (project / "README.md").exists() and not (project / "fragile").exists()


def test_hidden_files_are_neither_claimed_nor_refused(project):
    (project / "output" / ".gitkeep").write_text("")
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert ".gitkeep" not in json.loads((project / "output" / MANIFEST).read_text())["files"]
    assert check() == (0, [])


# ----------------------------------------------------------------------------- one writer at a time
def test_a_second_build_waits_for_the_first(project):
    """The lock is the directory's: while one archgen writes, another waits, then writes whole."""
    out = OutputDir(project / "output")
    with out.locked():
        child = subprocess.Popen([sys.executable, "-m", "archgen", "build", "specs/serverless.yaml"], cwd=project,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        line = ""
        while "waiting" not in line and time.monotonic() < deadline:
            line = child.stderr.readline()
        assert line.strip() == "archgen: waiting for another archgen writing into output/ ..."
        time.sleep(0.5)
        assert child.poll() is None, "it must wait while the lock is held"
    assert child.wait(timeout=120) == 0
    assert check() == (0, [])


SLOW_DOT = """#!{python}
import os, sys, time
open(os.environ["DOT_PIDS"], "a").write(f"{{os.getpid()}}\\n")
time.sleep(120)
"""


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_build_kills_dot_and_leaves_no_temporaries(project, tmp_path, sig, code):
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for engine in ("dot", "neato"):  # whichever Graphviz program archgen runs
        program = fake_bin / engine
        program.write_text(SLOW_DOT.format(python=sys.executable))
        program.chmod(0o755)
    pids, scratch = tmp_path / "dot.pids", tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}", "DOT_PIDS": str(pids),
           "TMPDIR": str(scratch), "PYTHONPATH": str(ROOT)}
    before = sorted((project / "output").rglob("*"))
    child = subprocess.Popen([sys.executable, "-m", "archgen", "build", "-j", "2"], cwd=project, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pids.exists(), "dot never started"
    child.send_signal(sig)
    assert child.wait(timeout=30) == code, child.stderr.read()
    time.sleep(0.2)
    running = [int(p) for p in pids.read_text().split() if pid_alive(int(p))]
    assert running == [], "dot processes left running"
    assert sorted((project / "output").rglob("*")) == before, "temporaries or half-written files left"
    assert list(scratch.iterdir()) == [], "temporaries left in the system temp directory"


def test_temporaries_a_sigkill_left_are_swept_by_the_next_build(project):
    leftover = project / "output" / ".archgen-tmp-render-abc123"
    leftover.mkdir()
    (leftover / "diagram.dot").write_text("digraph {}")
    (project / "output" / "serverless" / ".report.md.x1y2.tmp").write_text("half")
    assert CliRunner().invoke(cli, ["build"]).exit_code == 0
    assert not leftover.exists() and not (project / "output" / "serverless" / ".report.md.x1y2.tmp").exists()
