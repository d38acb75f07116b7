"""One documented exit code per outcome, whatever the terminal's encoding or the option's value.

Why: CI gates on exit codes, so each outcome needs exactly one and docs/limits.md must list them
all; a crash on a Latin-1 terminal, or 70 ("internal error") for ``--scale nan``, tells a user
nothing about what to fix.
"""

from __future__ import annotations

import importlib
import json
import re

import click
import pytest

from archgen.commands import _common
from tests.robustness.hostile.harness import command_names, run_archgen
from tests.support import ROOT

SHOP, FRAGILE = "specs/shop.yaml", "specs/fragile.yaml"
LIMITS_DOC = ROOT / "docs" / "limits.md"


TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Description: Queue — for the encoding test
Resources:
  Queue: {Type: 'AWS::SQS::Queue'}
"""


def printing_runs(template: str = "template.yaml") -> list[list[str]]:
    """argv of every command in every --format it offers, printing to stdout."""
    base = {"analyze": [SHOP, FRAGILE], "traffic": [SHOP, FRAGILE], "validate": [SHOP, FRAGILE],
            "diff": [SHOP, FRAGILE], "rules": [], "schema": []}
    runs = [["rules", "AG201"], ["build", "--check", "specs", "-o", "output"], ["render", "--check", SHOP],
            ["import", "cloudformation", template]]
    for name, paths in base.items():
        params = importlib.import_module(f"archgen.commands.{name}").command.params
        formats = next((p.type.choices for p in params if p.name == "fmt" and isinstance(p.type, click.Choice)), [None])
        for fmt in formats:
            runs.append([name, *(["--format", fmt] if fmt else []), *paths])
    return runs


def test_every_command_is_covered():
    covered = {argv[0] for argv in printing_runs()}
    assert covered >= set(command_names()) - {"init"}, "a command that prints is missing here"


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_any_output_encoding_works(encoding, tmp_path):
    """Characters the encoding lacks come out as \\uXXXX (valid inside JSON strings), never a crash."""
    template = tmp_path / "template.yaml"
    template.write_text(TEMPLATE, encoding="utf-8")
    failures = []
    for argv in printing_runs(str(template)):
        run = run_archgen(argv, ROOT, env={"PYTHONIOENCODING": encoding})
        if run.code not in (0, 1) or "internal error" in run.output or "Traceback" in run.output:
            failures.append(f"{' '.join(argv)}: exit {run.code}: {run.output.strip()[-300:]}")
        elif "json" in argv or argv[0] == "schema" or "sarif" in argv:
            try:
                json.loads(run.stdout)
            except ValueError as exc:
                failures.append(f"{' '.join(argv)}: not JSON on a {encoding} stdout: {exc}")
    assert not failures, "\n".join(failures)


def test_a_character_the_encoding_lacks_is_escaped_like_json():
    assert "—🟢".encode("latin-1", _common.ESCAPE_ERRORS) == b"\\u2014\\ud83d\\udfe2"
    assert json.loads('"' + "—🟢".encode("ascii", _common.ESCAPE_ERRORS).decode() + '"') == "—🟢"


@pytest.mark.parametrize("argv", [
    ["traffic", "--scale", "nan", SHOP], ["traffic", "--scale", "inf", SHOP], ["traffic", "--scale", "-1", SHOP],
    ["traffic", "--scale", "1e400", SHOP],
])
def test_a_non_finite_option_is_a_usage_error(argv):
    run = run_archgen(argv, ROOT)
    assert run.code == 2, run.output
    assert "internal error" not in run.output and "Invalid value for" in run.output


def documented_exit_codes() -> dict[int, str]:
    text = LIMITS_DOC.read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(code): meaning for code, meaning in re.findall(r"^\| (\d+) \| (.+?) \|", section, re.M)}


def test_every_exit_code_is_documented_once():
    defined = {value for name, value in vars(_common).items() if name.startswith("EXIT_")}
    assert set(documented_exit_codes()) == defined


def test_no_command_exits_with_a_bare_number():
    """Commands name their codes (archgen/commands/_common.py), so no undocumented one slips in."""
    offenders = []
    for path in (ROOT / "archgen").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"sys\.exit\(\s*\d", line) or re.search(r"exit_code\s*=\s*\d", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
