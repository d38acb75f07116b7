"""Hostile inputs through the real CLI, for every command that reads a spec.

Why a subprocess: only the real entry point shows what a user (or a CI job fed a pull
request from a stranger) gets: the exit code, that no traceback leaks, that nothing in the
file is ever executed, and how long and how much memory refusing it takes. Commands are
discovered from archgen/commands, so a command added later is covered without editing this.

Small cases live in tests/robustness/hostile/ (see its README); large ones are generated here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.robustness.hostile.harness import ROOT, run_archgen, spec_argv, spec_commands

HOSTILE = Path(__file__).parent / "hostile"
# Safety nets, not benchmarks: these catch a hang, a quadratic blow-up or a runaway allocation,
# never a slow machine. Each is 10x the worst cost measured over every command and case (CPU
# seconds are user + system; ARCHGEN_HOSTILE_COSTS=FILE records every run's cost as JSON lines,
# see benchmarks/README.md); what it costs, and whether that got slower, is the benchmarks' job.
# Worst of 147 runs (every command and case) on 2 CPUs at load average 5: 0.77 CPU s, 3.7 s of wall
# clock, 80 MB (twenty_thousand_errors.yaml, size_30mb.yaml); the CPU net also covers the 2.03 s
# twenty_thousand_errors.yaml once took on a loaded machine.
SECONDS = 20.0
WALL_SECONDS = 40.0
PEAK_MB = 800
TIMEOUT = 2 * WALL_SECONDS  # the harness kills a run that outlives even the safety net
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # no escape sequence may reach a terminal


def _nested(opening: str, closing: str, depth: int, inner: str = "1") -> bytes:
    return (opening * depth + inner + closing * depth + "\n").encode()


GENERATED = {
    # depth
    "nesting_20000_flow_lists.yaml": lambda: b"version: 1\nname: deep\ncomponents: " + _nested("[", "]", 20000),
    "nesting_20000_flow_mappings.yaml": lambda: _nested("{a: ", "}", 20000),
    "nesting_20000_block_lists.yaml": lambda: b"components:\n" + b"- " * 20000 + b"x\n",
    "nesting_1000000_unclosed.yaml": lambda: b"[" * 1_000_000,
    # size
    "size_30mb.yaml": lambda: b"version: 1\nname: big\ncomponents: []\n" + b"# padding padding padding padding\n" * 900_000,
    "huge_quoted_string.yaml": lambda: b'version: 1\nname: x\ncomponents: []\ndescription: "' + b"x" * 10_000_000 + b'"\n',
    "huge_explicit_key.yaml": lambda: b"version: 1\nname: x\ncomponents: []\n? " + b"k" * 10_000_000 + b"\n: 1\n",
    "huge_dangling_reference.yaml": lambda: (b"version: 1\nname: x\ncomponents: [{id: a, type: sqs, region: us-east-1}]\n"
                                             b"connections: [{from: a, to: " + b"k" * 5_000_000 + b"}]\n"),
    # volume of problems: 20,000 invalid components must not mean 20,000 slow error descriptions
    "twenty_thousand_errors.yaml": lambda: b"version: 1\nname: x\ncomponents:\n" + b"".join(
        b"  - {id: c%d, type: sqs, region: us-east-1, bogus: %d}\n" % (i, i) for i in range(20_000)),
    "twenty_thousand_duplicate_ids.yaml": lambda: b"version: 1\nname: x\nregions: [{name: us-east-1, azs: [us-east-1a]}]\n"
                                                  b"components:\n" + b"  - {id: same, type: sqs, region: us-east-1}\n" * 20_000,
    "unique_items_of_mappings.yaml": lambda: (b"version: 1\nname: x\ncomponents:\n  - {id: a, type: alb, azs: ["
                                              + b", ".join(b"{x: %d}" % i for i in range(30_000)) + b"]}\n"),
    # 1,000 references to missing components among 5,000: "did you mean" over every id took 9 s
    "thousand_dangling_references.yaml": lambda: (
        b"version: 1\nname: x\nregions: [{name: us-east-1, azs: [us-east-1a]}]\ncomponents:\n"
        + b"".join(b"  - {id: queue-%d, type: sqs, region: us-east-1}\n" % i for i in range(5_000))
        + b"connections:\n" + b"".join(b"  - {from: queue-%d, to: missing-%d}\n" % (i, i) for i in range(1_000))),
    # valid: one zone with 3,000 weighted records, one connection per target (building the model was quadratic: 2 s)
    "route53_zone_3000_records.yaml": lambda: (
        b"version: 1\nname: zone\nregions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]\ncomponents:\n"
        b"  - {id: u, type: users, traffic: {peak_rps: 1000}}\n  - id: dns\n    type: route53\n    zone: example.com\n"
        b"    records:\n" + b"".join(b"      - {name: s%d, type: A, alias: true, target: lb%d, routing: weighted, "
                                     b"weight: %d, set_identifier: s%d}\n" % (i, i, 1 + i % 5, i) for i in range(3_000))
        + b"".join(b"  - {id: lb%d, type: alb, azs: [us-east-1a, us-east-1b]}\n" % i for i in range(3_000))
        + b"connections:\n  - {from: u, to: dns}\n" + b"".join(b"  - {from: dns, to: lb%d}\n" % i for i in range(3_000))),
    "many_anchors.yaml": lambda: b"version: 1\nname: x\ncomponents:\n" + b"".join(
        b"  - &a%d {id: c%d, type: sqs, region: us-east-1}\n" % (i, i) for i in range(20_000)),
}

# (file, exit codes allowed, the first diagnostic carries FILE:LINE:COL)
WITHOUT_LINE = {"size_30mb.yaml"}  # refused by its size before it is read
VALID = {"valid_extreme_values.yaml", "valid_utf16_spec.yaml"}  # absurd but valid: must not crash
VALID_GENERATED = {"route53_zone_3000_records.yaml"}  # large and valid: validate only (see HEAVY_FOR_ALL)


def case_names() -> list[str]:
    return sorted([p.name for p in HOSTILE.glob("*.yaml")] + list(GENERATED))


def materialise(directory: Path) -> None:
    for path in HOSTILE.glob("*.yaml"):
        shutil.copyfile(path, directory / path.name)
    for name, make in GENERATED.items():
        (directory / name).write_bytes(make())


def record_cost(command: str, label: str, run) -> None:
    """One line of JSON per run when ARCHGEN_HOSTILE_COSTS names a file (for measuring, not for testing)."""
    target = os.environ.get("ARCHGEN_HOSTILE_COSTS")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"command": command, "case": label, "cpu_seconds": round(run.cpu_seconds, 3),
                                     "wall_seconds": round(run.seconds, 3), "peak_mb": round(run.peak_mb, 1)}) + "\n")


def problems_of(names: list[str], run, allowed: set[int]) -> list[str]:
    """Everything wrong with how one command run handled its hostile files."""
    found = []
    if run.code not in allowed:
        found.append(f"exit {run.code}, expected one of {sorted(allowed)}")
    if "Traceback" in run.output or "internal error" in run.output:
        found.append("crashed: " + run.output.strip().splitlines()[-1][:300])
    if "Usage:" in run.output:
        found.append("usage error (test harness called the command wrongly?): " + run.output[:300])
    if run.cpu_seconds > SECONDS:
        found.append(f"took {run.cpu_seconds:.2f} CPU s (limit {SECONDS} s)")
    if run.seconds > WALL_SECONDS:
        found.append(f"took {run.seconds:.2f} s of wall-clock time (limit {WALL_SECONDS} s)")
    if run.peak_mb > PEAK_MB:
        found.append(f"peak memory {run.peak_mb:.0f} MB (limit {PEAK_MB} MB)")
    for line in run.output.splitlines():
        if CONTROL.search(line):
            found.append(f"control character in output: {line[:120]!r}")
            break
    for name in names:
        # on stderr, or (archgen diff) inside the report on stdout, indented
        lines = [line.strip() for line in run.output.splitlines()
                 if line.strip().startswith(name + ":") and ": error: " in line]
        if name in VALID | VALID_GENERATED:
            continue
        if any(len(line) > 1000 for line in lines):
            found.append(f"{name}: a diagnostic of over 1,000 characters")
        if not lines:
            found.append(f"{name}: no message naming the file: {run.output.strip()[:300]!r}")
        elif name not in WITHOUT_LINE and not re.match(re.escape(name) + r":\d+:\d+: error: \S", lines[0]):
            found.append(f"{name}: message without line and column: {lines[0][:200]!r}")
    return found


def test_corpus_covers_the_brief():
    """The kinds of hostile input the hardening issue lists are all present."""
    names = " ".join(case_names())
    for kind in ("malformed", "tab", "billion_laughs", "python_apply", "nesting_20000", "size_30mb", "binary",
                 "latin1", "duplicate_keys", "several_documents", "empty", "top_level_list", "top_level_scalar",
                 "float_overflow", "negative_count", "not_a_number", "integer_10_pow_400"):
        assert kind in names, kind
    assert len(case_names()) >= 50


# Each of these gets its own process with every command (time and memory are what they test);
# the other, small files go to commands other than validate together, in one process.
HEAVY = set(GENERATED) | VALID | {"billion_laughs.yaml", "alias_fan_out.yaml", "integer_10000_digits.yaml"}
# ... with validate; every other command reads specs through the same loader, so it gets one
# file per limit (depth, size, aliases, error volume) and the valid-but-absurd ones
HEAVY_FOR_ALL = VALID | {"size_30mb.yaml", "nesting_1000000_unclosed.yaml", "billion_laughs.yaml",
                         "alias_fan_out.yaml", "huge_quoted_string.yaml", "twenty_thousand_errors.yaml",
                         "thousand_dangling_references.yaml",
                         "unique_items_of_mappings.yaml"}
# ... and, for a command that takes one spec per process, one small file of each kind
SAMPLE = {"python_apply_open.yaml", "tag_directive.yaml", "malformed_flow.yaml", "tab_indentation.yaml",
          "binary_png.yaml", "latin1.yaml", "duplicate_keys_nested.yaml", "several_documents.yaml", "empty.yaml",
          "top_level_list.yaml", "terminal_escape_key.yaml", "integer_10_pow_400.yaml", "not_a_number.yaml"}


@pytest.mark.parametrize("command", spec_commands())
def test_hostile_input_is_refused_quickly_and_safely(command, tmp_path):
    """Exit 1 or 2, one positioned line per problem, within the safety nets above, no traceback, nothing executed.

    validate runs every file in its own process; other commands run the large and explosive
    files one by one and the small ones in one batch (to keep the suite fast), where the batch
    as a whole must stay within the per-file limits.
    """
    materialise(tmp_path)
    out = tmp_path / "out"
    light = [n for n in case_names() if n not in HEAVY]
    batch_argv = spec_argv(command, light, str(out / "batch"))
    if command == "validate":
        runs = [[n] for n in case_names()]
    elif batch_argv is not None:
        runs = [[n] for n in sorted(HEAVY_FOR_ALL)] + [light]
    else:  # one file per process only (archgen diff BASE HEAD): a sample of the small files
        runs = [[n] for n in sorted(HEAVY_FOR_ALL | SAMPLE)]

    # the valid-but-absurd files go through every output format too (JSON refuses inf and NaN)
    runs += [[n, fmt] for n in sorted(VALID) for fmt in format_choices(command)]

    def one(job):
        names, fmt = (job, None) if len(job) == 1 or job[1].endswith(".yaml") else (job[:1], job[1])
        argv = spec_argv(command, names if len(names) > 1 else names[0], str(out / names[0]))
        if fmt is not None:
            argv[1:1] = ["--format", fmt]
        allowed = {0, 1} if names[0] in VALID | VALID_GENERATED else {1, 2}
        label = f"{names[0]} --format {fmt}" if fmt else ", ".join(names) if len(names) == 1 else "small files"
        run = run_archgen(argv, tmp_path, timeout=TIMEOUT)
        record_cost(command, label, run)
        return label, problems_of(names, run, allowed)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(pool.map(one, runs))
    failures = {name: found for name, found in results.items() if found}
    executed = sorted(p.name for p in tmp_path.rglob("PWNED*"))
    assert not executed, f"a YAML tag was executed: {executed}"
    assert not failures, f"archgen {command}: " + "\n".join(f"{n}: {'; '.join(f)}" for n, f in sorted(failures.items()))
    diagrams = sorted(str(p.relative_to(out)) for p in out.rglob("diagram.*")
                      if p.relative_to(out).parts[0] not in VALID) if out.exists() else []
    assert not diagrams, f"archgen {command} drew invalid input: {diagrams[:5]}"


def format_choices(command: str) -> list[str]:
    """The values of the command's --format option when it is a fixed choice, other than the default."""
    import importlib

    import click

    for param in importlib.import_module(f"archgen.commands.{command}").command.params:
        if param.name == "fmt" and isinstance(param.type, click.Choice):
            return [c for c in param.type.choices if c != param.default]
    return []


def test_payload_would_work_if_loaded_unsafely(tmp_path, monkeypatch):
    """Proves the marker test can fail: PyYAML's unsafe loader does execute the corpus payload."""
    import yaml

    monkeypatch.chdir(tmp_path)
    text = (HOSTILE / "python_apply_open.yaml").read_text()
    yaml.unsafe_load(text)
    assert (tmp_path / "PWNED-open").exists()


def test_no_unsafe_deserialisation_anywhere_in_archgen():
    """Only the event-level safe loader may read YAML; nothing evaluates or unpickles input."""
    pattern = re.compile(r"yaml\.(unsafe_load|full_load|load)\(|Loader=yaml\.(Loader|UnsafeLoader|FullLoader)|"
                         r"\beval\(|\bexec\(|pickle\.loads?\(|marshal\.loads?\(|shell=True")
    offenders = []
    for path in (ROOT / "archgen").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_version_stays_light(tmp_path):
    """`archgen --version` must not import the heavy dependencies (they cost most of a run's start-up)."""
    import subprocess
    import sys

    code = ("import sys; sys.argv=['archgen','--version']\n"
            "from archgen.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('yaml', 'jsonschema', 'networkx', 'diagrams', 'rich', 'graphviz') if m in sys.modules)\n"
            "print('HEAVY', heavy)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "HEAVY []" in result.stdout, result.stdout
