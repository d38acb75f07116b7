"""Every rule's documentation page carries a failing and a passing spec; both are run here.

The failing spec must give exactly the findings its page lists under it ("Expected finding:
AG101 at line 18 on web": rule, line, components), the passing spec none. This keeps the docs
honest: a snippet that stops failing, fails differently or starts failing breaks the build.
"""

from __future__ import annotations

import re

import pytest

from archgen.analysis.rule import RuleContext
from archgen.analysis.rules import all_rules
from archgen.spec.load import check_text
from tests.support import snippets

REQUIRED_SECTIONS = ("What it flags", "Why it matters", "Failing spec", "Passing spec", "Fix", "Source")
EXPECTED = re.compile(r"^Expected finding: (AG[0-9]{3}) at line ([0-9]+)(?: on (.+))?$", re.M)


def expected_findings(rule) -> set[tuple[str, int, tuple[str, ...]]]:
    """(rule, line, components) of every "Expected finding:" line on the page."""
    return {(rule_id, int(line), tuple(c.strip() for c in components.split(","))) if components else (rule_id, int(line), ())
            for rule_id, line, components in EXPECTED.findall(rule.doc)}


def described(rule, found) -> str:
    """The lines the page should carry for ``found``."""
    return "\n".join(f"Expected finding: {rule.id} at line {f.location.line}"
                     + (f" on {', '.join(f.components)}" if f.components else "") for f in found)


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
def test_failing_snippet_gives_exactly_the_findings_its_page_lists(rule):
    expected = expected_findings(rule)
    assert expected, f"{rule.id}: list the failing spec's findings under it, one line each, e.g. 'Expected finding: ...'"
    found = run_rule(rule, snippets(rule)["failing"], "failing")
    for finding in found:
        assert finding.message, f"{rule.id}: a finding says what is wrong"
        assert finding.location.line > 0, f"{rule.id}: findings must point at a spec line"
    assert {(f.rule, f.location.line, f.components) for f in found} == expected, \
        f"{rule.id}: the failing spec gives\n{described(rule, found)}"
    assert len(found) == len(expected), f"{rule.id}: the same finding twice"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_passing_snippet_is_clean(rule):
    found = run_rule(rule, snippets(rule)["passing"], "passing")
    assert not found, f"{rule.id}: the passing snippet was flagged: {[f.message for f in found]}"
