"""archgen analyze and archgen rules from the command line: exit codes, formats, docs kept current."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from tests.support import ROOT, SPECS


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_fragile_fails_and_the_resilient_examples_pass_at_the_default_level():
    assert run("analyze", str(SPECS / "fragile.yaml")).exit_code == 1
    for name in ("shop", "serverless", "global"):
        result = run("analyze", str(SPECS / f"{name}.yaml"))
        assert result.exit_code == 0, result.output


def test_fail_on_lowers_the_threshold():
    assert run("analyze", "--fail-on", "warning", str(SPECS / "shop.yaml")).exit_code == 1
    assert run("analyze", "--fail-on", "info", str(SPECS / "global.yaml")).exit_code == 1


def test_invalid_spec_prints_positioned_diagnostics_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: bad\ncomponents:\n  - {id: x, type: rds}\n")
    result = CliRunner().invoke(cli, ["analyze", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:4:" in result.output and "error" in result.output and "Traceback" not in result.output


def test_missing_file_and_bad_option_are_usage_errors(tmp_path):
    assert CliRunner().invoke(cli, ["analyze", str(tmp_path / "nope.yaml")]).exit_code == 2
    assert CliRunner().invoke(cli, ["analyze", "--format", "xml", str(SPECS / "shop.yaml")]).exit_code == 2


def test_text_output_is_plain_when_not_a_tty():
    result = run("analyze", str(SPECS / "fragile.yaml"))
    assert "\x1b[" not in result.output
    assert "specs/fragile.yaml:77:5: AG101 compute-single-az: Auto Scaling group 'mailer'" in result.output
    assert "lose AZ us-east-1a: cuts readers → blog-db" in result.output
    assert "dns 100% × blog-server 99.5% × blog-db 99.5%" in result.output


def test_json_output_is_stable_and_documented():
    result = run("analyze", "--format", "json", str(SPECS / "fragile.yaml"), str(SPECS / "shop.yaml"))
    payload = json.loads(result.output)
    assert payload["schema_version"] == 3 and payload["failed"] is True and payload["fail_on"] == "error"
    fragile, shop = payload["files"]
    assert fragile["summary"] == {"error": 9, "warning": 6, "info": 1, "suppressed": 0}
    assert {f["rule"] for f in fragile["findings"]} >= {"AG101", "AG401"}
    assert fragile["single_points_of_failure"][0] == {"component": "blog-server", "failure_domain": "instance",
                                                      "flows": [{"entry": "readers", "target": "blog-db"},
                                                                {"entry": "readers", "target": "media"}],
                                                      "bypassed_by_failover": False}
    # manual failover, an RDS replica promotion: no figure, so no number (never a claimed "90 s, met")
    assert shop["recovery"]["rto"] == {"status": "unknown", "low_seconds": None, "high_seconds": None,
                                       "at_least_seconds": None, "objective_seconds": 1800.0, "meets": None,
                                       "reason": shop["recovery"]["rto"]["reason"]}
    assert shop["availability"]["percent"] == pytest.approx(99.8999, abs=1e-6)
    documented = (ROOT / "docs" / "analysis-json.md").read_text()
    region = shop["failure_domains"]["regions"][0]
    for key in ("schema_version", *payload["files"][0].keys(), *fragile["findings"][0].keys(),
                *fragile["failure_domains"]["azs"][0].keys(), *fragile["availability"].keys(),
                *fragile["availability"]["flows"][0].keys(), *fragile["recovery"].keys(),
                *fragile["recovery"]["rto"].keys(), *fragile["recovery"]["rto_steps"][0].keys(),
                *fragile["recovery"]["stores"][0].keys(), *region["capacity"]["tiers"][0].keys()):
        assert f"`{key}`" in documented, f"docs/analysis-json.md does not document {key}"
    again = run("analyze", "--format", "json", str(SPECS / "fragile.yaml"), str(SPECS / "shop.yaml"))
    assert again.output == result.output


def test_json_is_compact_unless_pretty_and_lists_no_served_flows_per_scenario():
    compact = run("analyze", "--format", "json", str(SPECS / "shop.yaml")).output
    pretty = run("analyze", "--format", "json", "--pretty", str(SPECS / "shop.yaml")).output
    assert compact.count("\n") == 1 and compact.endswith("}\n")
    assert json.loads(compact) == json.loads(pretty) and pretty == json.dumps(json.loads(compact), indent=2,
                                                                          ensure_ascii=False) + "\n"
    entry = json.loads(compact)["files"][0]
    for outcome in entry["failure_domains"]["azs"] + entry["failure_domains"]["regions"]:
        assert "served" not in outcome
        assert outcome["served_count"] + len(outcome["cut"]) == len(entry["flows"])


def test_suppressed_findings_stay_in_json(tmp_path):
    spec = tmp_path / "fragile.yaml"
    spec.write_text((SPECS / "fragile.yaml").read_text()
                    + "\nignore:\n  - {rule: AG101, component: mailer, reason: nightly batch only}\n"
                      "  - {rule: AG999, reason: no such rule}\n")
    result = CliRunner().invoke(cli, ["analyze", "--format", "json", str(spec)])
    entry = json.loads(result.stdout)["files"][0]
    suppressed = [f for f in entry["findings"] if f["suppressed"]]
    assert [(f["rule"], f["suppression_reason"]) for f in suppressed] == [("AG101", "nightly batch only")]
    assert entry["summary"]["suppressed"] == 1
    assert entry["notices"][0]["severity"] == "warning" and entry["notices"][0]["line"] > 0
    assert "unknown rule 'AG999'" in entry["notices"][0]["message"]


def test_markdown_output_fits_a_pr_comment():
    result = run("analyze", "--format", "markdown", str(SPECS / "fragile.yaml"))
    assert result.output.startswith("## archgen resilience review — ❌ fails (`--fail-on error`)")
    assert "| 🔴 error | `AG101` compute-single-az | mailer | 77 |" in result.output


def test_output_file_is_written(tmp_path):
    target = tmp_path / "report.sarif"
    result = run("analyze", "--format", "sarif", "-o", str(target), str(SPECS / "shop.yaml"))
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(target.read_text())["version"] == "2.1.0"


def test_rules_lists_and_explains():
    listing = run("rules")
    assert listing.exit_code == 0
    assert "AG101  error    compute-single-az" in listing.output
    page = run("rules", "ag401")
    assert page.exit_code == 0 and "Failing spec" in page.output and "dominators" in page.output
    assert run("rules", "single-point-of-failure").output == page.output
    unknown = CliRunner().invoke(cli, ["rules", "AG1O1"])
    assert unknown.exit_code == 2 and "unknown rule" in unknown.output


def test_rules_index_in_docs_is_current():
    generated = run("rules", "--format", "markdown").output
    assert (ROOT / "docs" / "rules.md").read_text() == generated, \
        "docs/rules.md is stale: run bash scripts/regenerate.sh"


def test_text_colour_only_when_asked(bundled):
    from archgen.analysis.engine import analyze
    from archgen.report import findings_text

    report = analyze(bundled("fragile"))
    assert "\x1b[31m" in findings_text.render(report, "fragile.yaml", colour=True)
    assert "\x1b[" not in findings_text.render(report, "fragile.yaml", colour=False)


def test_no_color_keeps_a_tty_plain(monkeypatch):
    from archgen.commands._common import colour_wanted

    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_wanted(None) is False
    monkeypatch.delenv("NO_COLOR")
    assert colour_wanted(None) is True
    assert colour_wanted("report.txt") is False
