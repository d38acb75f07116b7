"""The compiled schema check never calls valid what jsonschema calls invalid.

archgen.spec.fastschema answers "valid?" in microseconds and lets only failures through to
jsonschema (which writes the messages). If it ever said "valid" wrongly, an invalid spec
would pass validate silently; these properties compare the two on mutated real input.
"""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import BUNDLED_SPECS

DOCS = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in BUNDLED_SPECS]
COMPONENTS = [c for d in DOCS for c in d["components"]]
CONNECTIONS = [c for d in DOCS for c in d.get("connections", [])]
VALUES = [None, True, False, 0, 1, -1, 1.0, 2.5, 0.5, -0.0, 10**12, 10**12 + 1, 10**400, 1e308, "", "x", "web\n",
          "us-east-1", "us-east-1a", "us-east-1\n", "30s", "15 minutes", "4KB", "1.5MB", "A", "ALL", "writer",
          [], ["a"], ["a", "a"], [1, 1.0], [True, 1], [{"a": 1}, {"a": 1}], {}, {"name": "k"}, {"mode": "on-demand"}]
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def checkers():
    from archgen.spec.schema_check import _validators

    shell, items, per_type = _validators()
    return shell, items, per_type


@st.composite
def mutated(draw, base_items):
    item = copy.deepcopy(draw(st.sampled_from(base_items)))
    for _ in range(draw(st.integers(0, 3))):
        keys = sorted(item)
        action = draw(st.sampled_from(["set", "drop", "add", "nested"]))
        if action == "set" and keys:
            item[draw(st.sampled_from(keys))] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif action == "drop" and keys:
            del item[draw(st.sampled_from(keys))]
        elif action == "add":
            item[draw(st.sampled_from(["bogus", "multiaz", "azs", "subnets", "region", "share", "calls"]))] = \
                copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif action == "nested":
            nested = [k for k in keys if isinstance(item[k], (dict, list)) and item[k]]
            if nested:
                inner = item[draw(st.sampled_from(nested))]
                if isinstance(inner, dict):
                    inner[draw(st.sampled_from(sorted(inner) + ["bogus"]))] = copy.deepcopy(draw(st.sampled_from(VALUES)))
                else:
                    inner[draw(st.integers(0, len(inner) - 1))] = copy.deepcopy(draw(st.sampled_from(VALUES)))
    return item


def assert_agrees(checker, instance):
    errors = list(checker.validator.iter_errors(instance))
    if checker.is_valid(instance):
        assert not errors, f"fast check accepted what jsonschema rejects: {[e.message for e in errors]} in {instance!r}"


@SETTINGS
@given(mutated(COMPONENTS))
def test_fast_component_check_is_never_more_lenient(component):
    _, items, per_type = checkers()
    assert_agrees(items["components"], component)
    if isinstance(component.get("type"), str) and component["type"] in per_type:
        assert_agrees(per_type[component["type"]], component)


@SETTINGS
@given(mutated(CONNECTIONS))
def test_fast_connection_check_is_never_more_lenient(connection):
    _, items, _ = checkers()
    assert_agrees(items["connections"], connection)


@SETTINGS
@given(mutated([{k: v for k, v in d.items() if k not in ("components", "connections")} for d in DOCS]))
def test_fast_document_check_is_never_more_lenient(document):
    shell, _, _ = checkers()
    assert_agrees(shell, {**document, "components": []})


def test_fast_path_accepts_every_bundled_item():
    """Otherwise it would be correct but useless: every real item would take the slow path."""
    shell, items, per_type = checkers()
    for document in DOCS:
        assert shell.is_valid(document)
    for component in COMPONENTS:
        assert items["components"].is_valid(component) and per_type[component["type"]].is_valid(component), component
    for connection in CONNECTIONS:
        assert items["connections"].is_valid(connection), connection


def test_ids_with_a_trailing_newline_are_rejected():
    """Python's '$' matches before a final newline; JSON Schema's does not. The id 'web\\n' once passed."""
    from archgen.spec.load import check_text

    checked = check_text('version: 1\nname: x\nregions: [{name: us-east-1, azs: [us-east-1a]}]\n'
                         'components:\n  - {id: "web\\n", type: sqs, region: us-east-1}\n', "t.yaml")
    assert checked.spec is None
    assert [d.format() for d in checked.errors] == [
        "t.yaml:5:10: error: 'web\\n' is not an id (at components[0].id); "
        "letters, digits, '-' and '_', starting with a letter"]


@SETTINGS
@given(mutated(COMPONENTS))
def test_a_component_its_type_accepts_passes_the_id_and_type_check(component):
    """validate_schema skips the id/type check of a component its own type's definition accepts."""
    _, items, per_type = checkers()
    if isinstance(component.get("type"), str) and component["type"] in per_type and per_type[component["type"]].is_valid(component):
        assert not list(items["components"].validator.iter_errors(component)), component
