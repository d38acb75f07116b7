"""`archgen init` scaffolds a valid spec from the bundled examples."""

from __future__ import annotations

from click.testing import CliRunner

from archgen.cli import cli
from archgen.spec.load import check_file
from archgen.templates import TEMPLATE_DIR, template_names
from tests.support import SPECS


def test_templates_are_the_bundled_specs():
    assert template_names() == sorted(p.stem for p in SPECS.glob("*.yaml"))
    for name in template_names():
        assert (TEMPLATE_DIR / f"{name}.yaml").read_bytes() == (SPECS / f"{name}.yaml").read_bytes(), \
            f"copy specs/{name}.yaml to archgen/templates/"


def test_init_writes_a_valid_spec_and_the_schema(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "payments", "--template", "serverless", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    spec = tmp_path / "payments.yaml"
    lines = spec.read_text().splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./archgen.schema.json"
    assert "name: payments" in lines
    assert (tmp_path / "archgen.schema.json").exists()
    checked = check_file(str(spec))
    assert checked.spec is not None and checked.spec.name == "payments"
    assert checked.spec.title == "Payments"  # not the example's "Notes — serverless API"
    assert checked.spec.description == "Started from the serverless example: describe the system here."


def test_init_takes_a_title_and_quotes_it_for_yaml(tmp_path):
    title = "Billing: invoices # and refunds — v2"
    result = CliRunner().invoke(cli, ["init", "billing", "--dir", str(tmp_path), "--title", title])
    assert result.exit_code == 0, result.output
    checked = check_file(str(tmp_path / "billing.yaml"))
    assert checked.spec is not None and checked.spec.title == title
    assert 'title: "Billing: invoices # and refunds — v2"' in (tmp_path / "billing.yaml").read_text()


def test_init_refuses_to_overwrite_and_bad_names(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "shop2", "--dir", str(tmp_path)]).exit_code == 0
    again = runner.invoke(cli, ["init", "shop2", "--dir", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert runner.invoke(cli, ["init", "shop2", "--dir", str(tmp_path), "--force"]).exit_code == 0
    bad = runner.invoke(cli, ["init", "../escape", "--dir", str(tmp_path)])
    assert bad.exit_code == 2 and "not a valid spec name" in bad.output
    assert not (tmp_path.parent / "escape.yaml").exists()
    assert runner.invoke(cli, ["init", "x", "--template", "nope"]).exit_code == 2
