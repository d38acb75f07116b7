"""The shipped JSON Schema: valid Draft 2020-12, current, and documented everywhere."""

from __future__ import annotations

import json

from click.testing import CliRunner
from jsonschema import Draft202012Validator

from archgen import catalogue
from archgen.cli import cli
from archgen.spec.schema_build import SCHEMA_FILE, schema_text
from archgen.spec.yamlload import load_yaml_file
from tests.support import BUNDLED_SPECS


def test_schema_command_prints_a_valid_draft_2020_12_schema():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)  # raises on any meta-schema violation


def test_shipped_schema_file_matches_its_source():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "run: bash scripts/regenerate.sh"


def test_every_property_has_a_description():
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}.{name}")
            for key, sub in node.items():
                if key != "if":  # if-clauses select a type; they are not user-facing keys
                    walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}[{i}]")

    walk(json.loads(SCHEMA_FILE.read_text()), "#")
    assert missing == []


def test_full_schema_accepts_every_bundled_spec():
    """The editor-facing schema (with if/then dispatch) agrees with archgen's validator."""
    validator = Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))
    for path in BUNDLED_SPECS:
        errors = list(validator.iter_errors(load_yaml_file(str(path)).data))
        assert errors == [], f"{path.name}: {[e.message for e in errors]}"


def test_full_schema_rejects_a_key_of_another_type():
    validator = Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))
    spec = {"version": 1, "name": "x", "components": [{"id": "q", "type": "sqs", "region": "us-east-1",
                                                       "multi_az": True}]}
    assert any("multi_az" in e.message for e in validator.iter_errors(spec))


def test_bundled_specs_point_editors_at_the_schema():
    for path in BUNDLED_SPECS:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../archgen/spec/archgen.schema.json"


def test_schema_covers_the_component_types_the_format_promises():
    promised = {"users", "route53", "cloudfront", "s3", "alb", "nlb", "ec2", "autoscaling", "ecs", "lambda",
                "api_gateway", "rds", "aurora", "dynamodb", "elasticache", "sqs", "sns", "nat_gateway"}
    assert promised <= set(catalogue.names())
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert {f"component_{name}" for name in promised} <= set(schema["$defs"])
