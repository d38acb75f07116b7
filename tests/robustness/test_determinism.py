"""Every output is byte-identical across runs and PYTHONHASHSEED values.

Why: outputs are committed and diffed in pull requests; a set iterated in hash order, a
dict built from one, or a random id (mingrammer's uuid4 node ids) turns every run into a
noisy diff. Each command in archgen/commands that reads specs runs in two processes with
different hash seeds, in every --format it offers, on the bundled specs plus invalid ones
(error paths too); stdout, stderr, exit code and every file written must match byte for byte.
"""

from __future__ import annotations

import importlib
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click
import pytest

from tests.support import BUNDLED_SPECS, ROOT
from tests.robustness.hostile.harness import BASE_AND_HEAD, command_names, run_archgen, spec_argv, spec_commands

INVALID = [ROOT / "tests" / "spec" / "cases" / "invalid" / name
           for name in ("min_greater_than_max.yaml", "router_shares_over_one.yaml", "dangling_connection.yaml")]
SEEDS = ("0", "4242")


def variants(command: str) -> list[list[str]]:
    """argv tails: one per --format choice (or just the default), all specs at once where possible."""
    specs = [f"specs/{p.name}" for p in BUNDLED_SPECS] + [f"invalid/{p.name}" for p in INVALID]
    if command in BASE_AND_HEAD:
        pairs = [["specs/shop.yaml", "specs/fragile.yaml"], ["specs/global.yaml", "invalid/" + INVALID[0].name]]
    else:
        pairs = [specs]
    params = importlib.import_module(f"archgen.commands.{command}").command.params
    formats = next((p.type.choices for p in params if p.name == "fmt" and isinstance(p.type, click.Choice)), [None])
    out = []
    for paths in pairs:
        for fmt in formats:
            argv = spec_argv(command, paths[0], "out")
            if command in BASE_AND_HEAD:
                argv = argv[: -2] + paths
            else:
                argv = argv[: -1] + paths
            if fmt is not None:
                argv[1:1] = ["--format", fmt]
            if command in BASE_AND_HEAD and "--diagram" not in argv:
                argv[1:1] = ["--diagram", "out"]
            out.append(argv)
    return out


def snapshot(directory: Path) -> dict[str, bytes]:
    if not directory.exists():
        return {}
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", spec_commands())
def test_outputs_are_byte_identical_across_processes_and_hash_seeds(command, tmp_path):
    (tmp_path / "specs").mkdir()
    (tmp_path / "invalid").mkdir()
    for path in BUNDLED_SPECS:
        shutil.copyfile(path, tmp_path / "specs" / path.name)
    for path in INVALID:
        shutil.copyfile(path, tmp_path / "invalid" / path.name)

    def one(job):
        index, seed, argv = job
        cwd = tmp_path / f"run-{index}-{seed}"
        shutil.copytree(tmp_path / "specs", cwd / "specs")
        shutil.copytree(tmp_path / "invalid", cwd / "invalid")
        run = run_archgen(argv, cwd, env={"PYTHONHASHSEED": seed})
        return (index, seed), (run.code, run.stdout, run.stderr, snapshot(cwd / "out"))

    jobs = [(i, seed, argv) for i, argv in enumerate(variants(command)) for seed in SEEDS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(pool.map(one, jobs))
    for i, argv in enumerate(variants(command)):
        first, second = results[(i, SEEDS[0])], results[(i, SEEDS[1])]
        assert "Traceback" not in first[2], first[2]
        assert first[:3] == second[:3], f"archgen {' '.join(argv)}: output differs between hash seeds"
        differing = sorted(name for name in set(first[3]) | set(second[3]) if first[3].get(name) != second[3].get(name))
        assert not differing, f"archgen {' '.join(argv)}: files differ between hash seeds: {differing}"
        assert first[1] or first[2] or first[3], f"archgen {' '.join(argv)} produced nothing"


def static_variants() -> list[list[str]]:
    """Commands that read no spec (schema, rules ...): each --format, run with no arguments."""
    out = []
    for name in command_names():
        if name in spec_commands():
            continue
        params = importlib.import_module(f"archgen.commands.{name}").command.params
        if any(p.required for p in params):
            continue
        formats = next((p.type.choices for p in params if p.name == "fmt" and isinstance(p.type, click.Choice)), [None])
        out += [[name] + (["--format", fmt] if fmt else []) for fmt in formats]
    return out


def test_commands_without_a_spec_are_byte_identical_too(tmp_path):
    for argv in static_variants():
        first, second = (run_archgen(argv, tmp_path, env={"PYTHONHASHSEED": seed}) for seed in SEEDS)
        assert first.code == 0, first.output
        assert (first.stdout, first.stderr) == (second.stdout, second.stderr), f"archgen {' '.join(argv)} differs"
