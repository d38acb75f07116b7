"""The invalid-spec corpus: each file in tests/spec/cases/invalid must fail with exactly the
diagnostics recorded in expected.txt (message, line, column) and exit code 1.

expected.txt lists, per file, the exact `archgen validate` output lines and then
`<file> exit=<code>`. It is a golden file: `bash scripts/regenerate.sh` rewrites it (then read
every changed line).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from tests.support import check_golden

CASES = Path(__file__).parent / "cases" / "invalid"


def expectations() -> dict[str, tuple[list[str], int]]:
    out: dict[str, tuple[list[str], int]] = {}
    pending: list[str] = []
    for line in (CASES / "expected.txt").read_text(encoding="utf-8").splitlines()[1:]:  # below the header
        if " exit=" in line and line.split(" exit=")[0].endswith(".yaml") and ":" not in line.split(" exit=")[0]:
            name, code = line.rsplit(" exit=", 1)
            out[name] = (pending, int(code))
            pending = []
        else:
            pending.append(line)
    return out


def test_expected_txt_is_the_golden_record_of_every_case(monkeypatch):
    monkeypatch.chdir(CASES)
    runner = CliRunner()
    record = []
    for name in sorted(p.name for p in CASES.glob("*.yaml")):
        result = runner.invoke(cli, ["validate", name])
        record += [*result.output.splitlines(), f"{name} exit={result.exit_code}"]
    check_golden(CASES / "expected.txt", "\n".join(record) + "\n", "#")


EXPECTED = expectations()


def test_corpus_is_complete_and_large_enough():
    files = sorted(p.name for p in CASES.glob("*.yaml"))
    assert files == sorted(EXPECTED), "every case file needs expectations and vice versa"
    assert len(files) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_spec_reports_exact_diagnostics(name, monkeypatch):
    lines, code = EXPECTED[name]
    monkeypatch.chdir(CASES)
    result = CliRunner().invoke(cli, ["validate", name])
    assert result.exit_code == code
    assert code == 1
    assert result.output.splitlines() == lines
    assert "Traceback" not in result.output
    for line in lines:
        assert line.startswith(f"{name}:"), "every diagnostic names the file, line and column"


def test_json_format_carries_the_same_positions(monkeypatch):
    import json

    monkeypatch.chdir(CASES)
    result = CliRunner().invoke(cli, ["validate", "--format", "json", "unknown_component_key.yaml"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    (diagnostic,) = payload["files"][0]["diagnostics"]
    assert diagnostic == {
        "file": "unknown_component_key.yaml", "line": 11, "column": 5, "severity": "error", "code": "schema",
        "message": "unknown key 'multiaz'", "path": "components[0].multiaz", "hint": "did you mean 'multi_az'?",
    }


def test_all_errors_of_a_file_are_reported_in_one_run(tmp_path):
    spec = tmp_path / "many.yaml"
    spec.write_text(
        "version: 1\nname: many\nregions:\n  - {name: us-east-1, azs: [us-east-1a]}\n"
        "components:\n"
        "  - {id: a, type: sqs, region: us-east-1, fifoo: true}\n"
        "  - {id: b, type: autoscaling, azs: [us-east-1a], min: 3, max: 1}\n"
        "connections:\n  - {from: a, to: nowhere}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(spec)])
    assert result.exit_code == 1
    messages = [line.split(": error: ")[1].split(" (at ")[0] for line in result.output.splitlines()]
    assert messages == ["unknown key 'fifoo'", "min (3) is greater than max (1)", "unknown component 'nowhere'"]


def test_unreadable_inputs_exit_2(tmp_path):
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"version: 1\n\x00\x01\x02")
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes("version: 1\nname: caf\xe9\n".encode("latin-1"))
    runner = CliRunner()
    result = runner.invoke(cli, ["validate", str(binary)])
    assert result.exit_code == 2
    assert result.output.strip() == f"{binary}:2:1: error: binary data (NUL byte): not a YAML text file"
    result = runner.invoke(cli, ["validate", str(latin)])
    assert result.exit_code == 2
    assert result.output.strip() == f"{latin}:2:10: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    result = runner.invoke(cli, ["validate", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    if os.geteuid() != 0:  # root reads everything
        locked = tmp_path / "locked.yaml"
        locked.write_text("version: 1\n")
        locked.chmod(0)
        assert runner.invoke(cli, ["validate", str(locked)]).exit_code == 2


def test_usage_errors_exit_2():
    runner = CliRunner()
    assert runner.invoke(cli, ["validate"]).exit_code == 2
    assert runner.invoke(cli, ["validate", "--format", "xml", "specs"]).exit_code == 2
    assert runner.invoke(cli, ["no-such-command"]).exit_code == 2


def test_a_fifo_is_refused_instead_of_blocking(tmp_path):
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli, ["validate", str(fifo)])
    assert result.exit_code == 2
    assert result.output.strip() == f"{fifo}: error: not a regular file; save the spec to a file first"


def test_control_characters_in_a_file_name_cannot_drive_the_terminal(tmp_path):
    spec = tmp_path / "a\x1b[31mred.yaml"
    spec.write_text("version: 1\nname: x\n")
    result = CliRunner().invoke(cli, ["validate", str(spec)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert f"{tmp_path}/a[U+001B][31mred.yaml:1:1: error: missing required key 'components'" in result.output
