"""archgen import cloudformation, and analyze / render given a template, from the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from archgen.cli import cli
from tests.support import ROOT

CORPUS = ROOT / "examples" / "cloudformation"
EIP = CORPUS / "aws-cloudformation-templates" / "aws" / "services" / "EC2" / "EIP_With_Association.yaml"
PIOPS = CORPUS / "aws-cloudformation-templates" / "aws" / "services" / "RDS" / "RDS_PIOPS.yaml"


def run(*args: str, cwd=None):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_import_writes_a_valid_spec_and_says_what_it_assumed(tmp_path):
    out = tmp_path / "specs" / "blog.yaml"
    result = run("import", "cloudformation", EIP, "-o", out, "--region", "eu-west-1")
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    assert "name: blog\n" in text and "type: ec2" in text and "logical_id: EC2Instance" in text
    assert f"{EIP}:42: note: instance EC2Instance names no subnet or AZ" in result.stderr
    assert run("validate", out).exit_code == 0


def test_import_to_stdout_and_parameters(tmp_path):
    result = run("import", "cloudformation", PIOPS, "--parameter", "DBUser=admin")
    assert result.exit_code == 0
    assert "engine: mysql" in result.stdout
    bad = run("import", "cloudformation", PIOPS, "--parameter", "Nope=1")
    assert bad.exit_code == 2 and "has no parameter of that name" in bad.stderr


def test_an_unimportable_template_is_one_line_and_exit_2(tmp_path):
    template = tmp_path / "bad.yaml"
    template.write_text("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: {A: !Ref Missing}\n")
    result = run("import", "cloudformation", template, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"{template}:4:21: error: Ref to 'Missing': no parameter or resource of that "
                                     "name; CloudFormation rejects a Ref to an undeclared name")
    assert not (tmp_path / "out.yaml").exists()


def test_analyze_takes_a_template_and_reports_at_its_lines():
    result = run("analyze", EIP)
    assert result.exit_code == 1
    assert f"{EIP}:42:1: AG102 single-instance" in result.stdout
    assert "imported in memory with 4 import notes" in result.stderr


def test_an_imported_spec_reports_findings_also_at_the_template_line(tmp_path):
    out = tmp_path / "eip.yaml"
    assert run("import", "cloudformation", EIP, "-o", out).exit_code == 0
    text = run("analyze", out).stdout
    assert f"      code: {EIP}:42 (EC2Instance)" in text or "EIP_With_Association.yaml:42 (EC2Instance)" in text
    sarif = json.loads(run("analyze", "--format", "sarif", out).stdout)
    first = sarif["runs"][0]["results"][0]["locations"]
    assert first[0]["physicalLocation"]["artifactLocation"]["uri"].endswith("EC2/EIP_With_Association.yaml")
    assert first[0]["physicalLocation"]["region"]["startLine"] == 42
    assert first[1]["physicalLocation"]["artifactLocation"]["uri"].endswith("eip.yaml")
    findings = json.loads(run("analyze", "--format", "json", out).stdout)["files"][0]["findings"]
    assert findings[0]["code"]["line"] == 42 and findings[0]["code"]["logical_id"] == "EC2Instance"


def test_render_takes_a_template(tmp_path):
    result = run("render", EIP, "-o", tmp_path, "--format", "svg")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "eip-with-association" / "diagram.svg").exists()


def test_import_terraform_writes_a_spec(tmp_path):
    plan = ROOT / "tests" / "iac" / "fixtures" / "terraform" / "web" / "plan.json"
    out = tmp_path / "web.yaml"
    result = run("import", "terraform", plan, "-o", out)
    assert result.exit_code == 0, result.output
    assert "logical_id: aws_autoscaling_group.web" in out.read_text()
    not_json = tmp_path / "x.json"
    not_json.write_text('{"resources": []}\n')
    bad = run("import", "terraform", not_json)
    assert bad.exit_code == 2 and "not `terraform show -json` output" in bad.output
