"""SARIF output validates against the official SARIF 2.1.0 schema (tests/report/data/sarif) and carries
what GitHub code scanning needs: rule metadata, levels, line/column locations, relative URIs."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from archgen.analysis.rules import all_rules
from archgen.cli import cli
from tests.support import SPECS

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif_of(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["analyze", "--format", "sarif", *args])
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["fragile", "shop", "serverless", "global"])
def test_sarif_validates_against_the_official_schema(name):
    log = sarif_of(str(SPECS / f"{name}.yaml"))
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)


def test_sarif_rules_and_results_are_complete():
    log = sarif_of(str(SPECS / "fragile.yaml"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in all_rules()]
    ag101 = next(r for r in rules if r["id"] == "AG101")
    assert ag101["name"] == "ComputeSingleAz" and ag101["defaultConfiguration"] == {"level": "error"}
    assert ag101["shortDescription"]["text"] and "Failing spec" in ag101["help"]["markdown"]
    result = next(r for r in run["results"] if r["ruleId"] == "AG101")
    assert rules[result["ruleIndex"]]["id"] == "AG101"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "specs/fragile.yaml"},
                                                          "region": {"startLine": 77, "startColumn": 5}}
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    assert result["message"]["text"] == (
        "Auto Scaling group 'mailer' runs only in us-east-1a: losing that AZ stops all of it. "
        "Fix: place it in subnets of at least two AZs, with at least one instance in each")
    assert all(". Fix: " in r["message"]["text"] and ".. Fix" not in r["message"]["text"] for r in run["results"])


def test_suppressed_and_invalid_specs_are_represented(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text((SPECS / "fragile.yaml").read_text()
                    + "\nignore:\n  - {rule: AG305, reason: DNS moves to an ALB next sprint}\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: bad\ncomponents: 7\n")
    log = sarif_of(str(spec), str(bad))
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"]) for r in suppressed] == [
        ("AG305", [{"kind": "inSource", "justification": "DNS moves to an ALB next sprint"}])]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert any(n["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
               for n in invocation["toolExecutionNotifications"])
