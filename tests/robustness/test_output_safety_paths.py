"""Outputs land only in the chosen directory, and whole or not at all.

Why: specs come from pull requests, so a name in a spec must never steer a write outside
the output directory (not via '..', an absolute path or a symlink planted in the output
tree); and CI jobs get killed, so an interrupted run must leave each diagram and report
either as it was or complete, never truncated.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archgen.paths import STALE_SECONDS, UsageError, confined, write_atomic
from tests.support import ROOT, SPECS
from tests.robustness.hostile.harness import run_archgen


# --------------------------------------------------------------------------- confined()
@pytest.mark.parametrize("parts", [("..",), ("../x",), ("a", "..", "..", "x"), ("/etc/passwd",), ("a", "/etc"),
                                   ("../../etc/x",), ("a\0b",), ("a/../../b",)])
def test_confined_refuses_paths_that_leave_the_root(tmp_path, parts):
    with pytest.raises(UsageError):
        confined(tmp_path / "out", *parts)


@pytest.mark.parametrize("parts", [("shop", "diagram.svg"), ("a/../b",), ("~",), ("..x",), ("x..",), ("ü ñ",)])
def test_confined_allows_names_that_stay_inside(tmp_path, parts):
    path = confined(tmp_path / "out", *parts)
    assert (tmp_path / "out").resolve() in path.parents


def test_confined_refuses_a_symlink_planted_in_the_output_tree(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "shop").symlink_to(outside)
    with pytest.raises(UsageError):
        confined(tmp_path / "out", "shop", "diagram.svg")


def test_a_spec_name_cannot_name_a_path():
    """The schema's slug pattern is the first line of defence; confined() the second."""
    from archgen.spec.load import check_text

    for name in ("../../etc/x", "/etc/x", "..", "a/b", "a\\\\b", "x\\n", "~root", ".hidden", "CON"):
        checked = check_text(f'version: 1\nname: "{name}"\ncomponents: []\n', "t.yaml")
        assert checked.spec is None, name
        assert "is not a name" in checked.errors[0].message


# --------------------------------------------------------------------------- write_atomic()
def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch, where, error):
    target = tmp_path / "diagram.svg"
    target.write_bytes(b"old complete diagram")
    real_fdopen = os.fdopen

    class HalfWriter:
        """Writes half of the data, then fails like a full disk or Ctrl-C."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            if where == "write":
                self.handle.write(data[: len(data) // 2])
                raise error
            return self.handle.write(data)

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    if where == "fsync":
        monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(error))
    if where == "replace":
        monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(error))
    with pytest.raises(type(error)):
        write_atomic(target, b"new diagram " * 100_000)
    assert target.read_bytes() == b"old complete diagram"
    assert files_in(tmp_path) == ["diagram.svg"]


def test_a_failed_first_write_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OSError):
        write_atomic(tmp_path / "report.md", "# report\n")
    assert files_in(tmp_path) == []


KILLED_WRITER = """
import os, sys, time
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from archgen import paths
real_replace = os.replace
def slow_replace(a, b):
    print("written", flush=True)
    time.sleep(60)  # killed here: the new data is on disk, not yet renamed
    real_replace(a, b)
os.replace = slow_replace
paths.write_atomic(Path(sys.argv[1]), b"new " * 1_000_000)
"""


def test_a_killed_writer_leaves_the_old_file_and_the_next_write_sweeps_up(tmp_path):
    """SIGKILL cannot be caught: the old file survives; the stale temporary goes on a later write."""
    target = tmp_path / "report.html"
    target.write_text("old report")
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target), str(ROOT)], stdout=subprocess.PIPE)
    assert child.stdout.readline() == b"written\n"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert target.read_text() == "old report"
    (leftover,) = [p for p in tmp_path.iterdir() if p.name != "report.html"]
    assert leftover.name.startswith(".report.html.") and leftover.name.endswith(".tmp")
    write_atomic(target, "fresh")  # a young temporary may belong to a run in progress: kept
    assert leftover.exists()
    old = time.time() - STALE_SECONDS - 60
    os.utime(leftover, (old, old))
    write_atomic(target, "newer")
    assert files_in(tmp_path) == ["report.html"]
    assert target.read_text() == "newer"


def test_writing_over_a_symlink_replaces_the_link_not_its_target(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "report.md"
    link.symlink_to(victim)
    write_atomic(link, "report")
    assert victim.read_text() == "precious"
    assert not link.is_symlink() and link.read_text() == "report"


# --------------------------------------------------------------------------- every writing command
def writing_commands(out: Path, spec: str) -> dict[str, list[str]]:
    """argv of each command that writes files, aimed at ``out``; only commands that exist."""
    from tests.robustness.hostile.harness import command_names

    known = {
        "render": ["render", "-o", str(out), "--format", "dot,svg", spec],
        "build": ["build", "-o", str(out), spec],
        "analyze": ["analyze", "--format", "markdown", "-o", str(out / "shop" / "report.md"), spec],
        "schema": ["schema", "-o", str(out / "shop" / "schema.json")],
        "init": ["init", "shop", "-d", str(out / "shop"), "--force"],
        "diff": ["diff", "--diagram", str(out), str(SPECS / "serverless.yaml"), spec],
    }
    present = set(command_names())
    return {name: argv for name, argv in known.items() if name in present}


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


# commands that name what they write after the spec ('out/<name>/...'); the others write
# exactly the path the user typed (analyze -o FILE, schema -o FILE, init -d DIR)
SPEC_NAMED = sorted({"render", "build", "diff"} & set(writing_commands(Path("out"), "spec.yaml")))


def planted_symlink_run(command, tmp_path):
    """Run ``command`` with out/shop a symlink to a directory outside; (run, files outside before, after)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("untouched")
    out = tmp_path / "out"
    out.mkdir()
    (out / "shop").symlink_to(outside)
    spec = tmp_path / "shop.yaml"
    spec.write_bytes((SPECS / "shop.yaml").read_bytes())
    before = snapshot(outside)
    run = run_archgen(writing_commands(out, str(spec))[command], tmp_path)
    return run, before, snapshot(outside)


@pytest.mark.parametrize("command", SPEC_NAMED)
def test_writing_commands_never_write_through_a_planted_symlink(command, tmp_path):
    """out/<spec name> is a symlink to a directory outside: nothing may be written there, and the run fails."""
    run, before, after = planted_symlink_run(command, tmp_path)
    assert after == before, f"archgen {command} wrote outside the output directory"
    assert run.code != 0, run.output
    assert "Traceback" not in run.output


@pytest.mark.parametrize("command", sorted(writing_commands(Path("out"), "spec.yaml")))
def test_writing_commands_write_only_under_their_output(command, tmp_path):
    """Run from a scratch directory: every file that appears is under the output directory."""
    spec = tmp_path / "specs" / "shop.yaml"
    spec.parent.mkdir()
    spec.write_bytes((SPECS / "shop.yaml").read_bytes())
    out = tmp_path / "out"
    before = set(snapshot(tmp_path))
    run = run_archgen(writing_commands(out, str(spec))[command], tmp_path)
    assert run.code in (0, 1), run.output
    created = set(snapshot(tmp_path)) - before
    assert created, f"archgen {command} wrote nothing"
    stray = sorted(p for p in created if not p.startswith("out" + os.sep))
    assert not stray, f"archgen {command} wrote outside out/: {stray}"
    assert not [p for p in created if p.endswith(".tmp")], "temporary files left behind"



# ------------------------------------------------------------------ refusal is a usage error
# Refusing to write outside the output directory (a planted symlink) is a clean usage error:
# exit 2 and one line, from every command that writes files named after a spec.
@pytest.mark.parametrize("command", SPEC_NAMED)
def test_refusal_is_a_clean_usage_error(command, tmp_path):
    run, _, _ = planted_symlink_run(command, tmp_path)
    assert run.code == 2, run.output
    assert "internal error" not in run.output
    assert "refusing to write" in run.output
