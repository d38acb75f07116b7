"""Hostile CloudFormation templates: one positioned line, exit 2, nothing executed or read
outside the template's folder (the cases are in tests/robustness/hostile_templates/)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from archgen.diagnostics import SpecError
from archgen.iac.cloudformation.stack import load_stacks

HOSTILE = Path(__file__).parent / "hostile_templates"
# (case, the message it must give)
CASES = {
    "invalid_yaml.yaml": "YAML syntax error",
    "invalid_json.json": "YAML syntax error",
    "unknown_intrinsic.yaml": "unknown intrinsic function 'Fn::Eval'",
    "unknown_tag.yaml": "unknown YAML tag '!Shell'",
    "python_tag.yaml": "unknown YAML tag '!!python/object/apply:os.system'",
    "circular_resources.yaml": "circular dependency between resources: WebSecurityGroup -> DbSecurityGroup -> WebSecurityGroup",
    "circular_conditions.yaml": "circular condition: IsProd -> IsDev -> IsProd",
    "ref_to_nothing.yaml": "Fn::GetAtt of 'Missing': no resource of that name",
    "alias_bomb.yaml": "values after alias expansion",
    "nested_outside_folder/project/main.yaml": "template '../secret.yaml' is outside the folder of the first template",
    "nested_absolute_path.yaml": "template '/etc/passwd' is outside the folder of the first template",
    "nested_loop/a.yaml": "nested stacks include each other: a.yaml -> b.yaml -> a.yaml",
}


def cases() -> list[str]:
    return sorted(CASES)


def test_every_case_file_is_listed():
    on_disk = {p.relative_to(HOSTILE).as_posix() for p in HOSTILE.rglob("*.*") if p.suffix in (".yaml", ".json")}
    helpers = {"nested_outside_folder/secret.yaml", "nested_loop/b.yaml"}
    assert on_disk - helpers == set(CASES)


@pytest.mark.parametrize("case", cases())
def test_hostile_template_is_one_positioned_line(case, tmp_path, monkeypatch):
    shutil.copytree(HOSTILE, tmp_path / "t")
    monkeypatch.chdir(tmp_path / "t")
    with pytest.raises(SpecError) as info:
        load_stacks(case, region="us-east-1")
    assert info.value.unreadable
    (diagnostic,) = info.value.diagnostics
    line = diagnostic.format()
    # a loop of nested stacks is reported where it closes: the second file names the first
    where = "nested_loop/b.yaml" if case == "nested_loop/a.yaml" else case
    assert re.match(re.escape(where) + r":\d+:\d+: error: \S", line), line
    assert CASES[case] in line
    assert not list((tmp_path / "t").rglob("PWNED*"))


def test_a_template_over_20_mb_is_refused_before_it_is_parsed(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"Resources:\n  Q: {Type: AWS::SQS::Queue}\n" + b"# padding padding padding\n" * 820_000)
    with pytest.raises(SpecError) as info:
        load_stacks(str(big), region="us-east-1")
    (diagnostic,) = info.value.diagnostics
    assert info.value.unreadable
    assert diagnostic.format() == (f"{big}: error: file is 20.3 MB, over the 20 MB limit for a template; "
                                   "split it into nested stacks")


def test_analyze_names_the_template_limit_for_a_template_over_20_mb(tmp_path):
    """Too large to read whole, a template is still recognised by its head: the refusal speaks of a template."""
    from tests.robustness.hostile.harness import run_archgen

    big = tmp_path / "big.yaml"
    big.write_bytes(b'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q: {Type: AWS::SQS::Queue}\n'
                    + b"# padding padding padding\n" * 820_000)
    result = run_archgen(["analyze", str(big)], cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.strip().endswith("over the 20 MB limit for a template; split it into nested stacks")
    assert "Traceback" not in result.stderr


def test_hostile_templates_through_the_real_commands(tmp_path):
    """`archgen import cloudformation` (one process per case) and `archgen analyze` (all cases at
    once): exit 2, the positioned line, no traceback, nothing executed or written."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.robustness.hostile.harness import run_archgen

    work = tmp_path / "t"
    shutil.copytree(HOSTILE, work)
    names = cases()

    def imported(case):
        return case, run_archgen(["import", "cloudformation", case, "-o", "out/spec.yaml"], work, timeout=60)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(pool.map(imported, names))
    runs["analyze"] = run_archgen(["analyze", *names], work, timeout=60)
    problems = []
    for label, run in runs.items():
        if run.code != 2:
            problems.append(f"{label}: exit {run.code}")
        if "Traceback" in run.output or "internal error" in run.output:
            problems.append(f"{label}: crashed: {run.output[-300:]}")
    for case in names:
        where = "nested_loop/b.yaml" if case == "nested_loop/a.yaml" else case
        for label in (case, "analyze"):
            if not re.search("^" + re.escape(where) + r":\d+:\d+: error: .*" + re.escape(CASES[case]),
                             runs[label].stderr, re.M):
                problems.append(f"{label}: no positioned line for {case}: {runs[label].stderr[:300]!r}")
    assert not problems, "\n".join(problems)
    assert not list(work.rglob("PWNED*")) and not (work / "out").exists()
