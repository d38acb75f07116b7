"""Every rule's documentation page carries a failing and a passing spec; both are run here.

This keeps the docs honest: a snippet that stops failing (or starts failing) breaks the build.
"""

from __future__ import annotations

import re

import pytest

from archgen.analysis.rule import RuleContext
from archgen.analysis.rules import all_rules
from archgen.spec.load import check_text
from tests.support import snippets

REQUIRED_SECTIONS = ("What it flags", "Why it matters", "Failing spec", "Passing spec", "Fix", "Source")


def run_rule(rule, text: str, label: str):
    checked = check_text(text, f"{rule.id}-{label}.yaml")
    assert checked.spec is not None, "\n".join(d.format() for d in checked.diagnostics)
    return [f for f in rule.check(RuleContext(checked.spec)) if f.rule == rule.id]


RULES = all_rules()


def test_catalogue_is_not_empty_and_ids_are_unique():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_doc_page_has_every_section(rule):
    assert re.fullmatch(r"AG[0-9]{3}", rule.id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.severity in ("error", "warning", "info")
    source = rule.source.lower()
    assert "aws" in source or "amazon" in source or "well-architected" in source, f"{rule.id} names no AWS source"
    for section in REQUIRED_SECTIONS:
        assert re.search(rf"^{section}\s*\n-+", rule.doc, re.M), f"{rule.id} doc lacks a '{section}' section"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_failing_snippet_is_flagged(rule):
    found = run_rule(rule, snippets(rule)["failing"], "failing")
    assert found, f"{rule.id}: the failing snippet produced no {rule.id} finding"
    for finding in found:
        assert finding.message and finding.components is not None
        assert finding.location.line > 0, f"{rule.id}: findings must point at a spec line"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_passing_snippet_is_clean(rule):
    found = run_rule(rule, snippets(rule)["passing"], "passing")
    assert not found, f"{rule.id}: the passing snippet was flagged: {[f.message for f in found]}"
