"""Running archgen's real CLI in a subprocess, with its time and peak memory.

Shared by the hostile-input and determinism tests: they need every command that reads a
spec, invoked the way a user would, including ones that land after these tests were written.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[3]
# commands whose PATHS are BASE HEAD: the spec under test is the head, a bundled spec the base
# (a pull request that turns a good spec into this one)
BASE_AND_HEAD = {"diff"}
BASE_SPEC = str(ROOT / "specs" / "shop.yaml")
OUTPUT_OPTION_NAMES = {"output", "out", "out_dir", "output_dir", "outdir", "directory", "dir", "output_directory"}


@dataclass
class Run:
    argv: list[str]
    code: int
    stdout: str
    stderr: str
    seconds: float  # wall clock
    cpu_seconds: float  # user + system of the process (and the children it waited for)
    peak_mb: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def command_names() -> list[str]:
    import archgen.commands

    return sorted(i.name for i in pkgutil.iter_modules(archgen.commands.__path__) if not i.name.startswith("_"))


def spec_argv(name: str, spec: str | list[str], out_dir: str) -> list[str] | None:
    """argv (after 'archgen') running command ``name`` on the spec file ``spec``, or None if it reads no spec.

    Every path argument gets the spec ('diff BASE HEAD' a bundled spec as BASE), an output option
    gets ``out_dir`` (or a file in it), a required choice its first value. A list of specs is
    passed whole to a command taking any number of paths, else None.
    """
    specs = [spec] if isinstance(spec, str) else list(spec)
    command = importlib.import_module(f"archgen.commands.{name}").command
    args: list[str] = []
    options: list[str] = []
    reads_spec = False
    for param in command.params:
        is_path = isinstance(param.type, click.Path)
        if isinstance(param, click.Argument):
            if is_path and param.type.file_okay:
                reads_spec = True
                if name in BASE_AND_HEAD:
                    if len(specs) != 1:
                        return None
                    args += [BASE_SPEC, specs[0]]
                elif param.nargs == -1:
                    args += specs
                elif len(specs) == 1:
                    args += specs * param.nargs
                else:
                    return None
            elif param.required:
                return None  # e.g. 'init NAME': not a command that reads a spec
        elif isinstance(param, click.Option) and not param.is_flag:
            if is_path and (param.name in OUTPUT_OPTION_NAMES or param.required):
                target = out_dir if param.type.dir_okay else os.path.join(out_dir, "output.out")
                options += [param.opts[0], target]
            elif param.required and isinstance(param.type, click.Choice):
                options += [param.opts[0], param.type.choices[0]]
            elif param.required:
                return None
    return [name, *options, *args] if reads_spec else None


def spec_commands() -> list[str]:
    """Every command in archgen/commands that takes a spec file."""
    return [n for n in command_names() if spec_argv(n, "x.yaml", "out") is not None]


# Why a launcher between the test and archgen: Linux carries a process's peak RSS across
# fork+exec, so a child spawned by pytest reports pytest's own (large) peak as its ru_maxrss.
# The launcher is a fresh, small Python; the archgen it forks and execs starts from the
# launcher's ~10 MB, so the peak measured is archgen's (an upper bound by ~10 MB).
LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "archgen", *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as handle:
    json.dump({"cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss}, handle)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_archgen(argv: list[str], cwd: str | os.PathLike, timeout: float = 60, env: dict | None = None) -> Run:
    """``python -m archgen ARGV`` in ``cwd``, with its wall time, CPU time and peak RSS."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                   "COLUMNS": "120", "NO_COLOR": "1", **(env or {})}
    environment.pop("ARCHGEN_DEBUG", None)
    with tempfile.TemporaryDirectory() as scratch:
        measure = os.path.join(scratch, "usage.json")
        start = time.perf_counter()
        try:
            process = subprocess.run([sys.executable, "-c", LAUNCHER, measure, *argv], cwd=cwd, env=environment,
                                     stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                                     start_new_session=True)
        except subprocess.TimeoutExpired as exc:
            return Run(argv, -9, (exc.stdout or b"").decode("utf-8", "replace"),
                       f"timed out after {timeout} s", time.perf_counter() - start, float("inf"), float("inf"))
        seconds = time.perf_counter() - start
        with open(measure, encoding="utf-8") as handle:
            usage = json.load(handle)
    return Run(argv, process.returncode, process.stdout.decode("utf-8", "replace"),
               process.stderr.decode("utf-8", "replace"), seconds, usage["cpu"], usage["peak_kb"] / 1024)
