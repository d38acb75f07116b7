"""``analyze(spec)``: every rule, the request graph, the failure-domain simulation, the
availability and recovery estimates, with the spec's suppressions applied.

Deterministic: findings are sorted (severity, rule id, components, message) and every view is
a pure function of the model, so two runs on one spec give byte-identical reports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from archgen.collector import collector_paused
from archgen.analysis.rule import Rule, RuleContext, RuleFamily
from archgen.analysis.rules import all_rules, rule_by_id, rules_of
from archgen.findings import Finding, at_least
from archgen.model import NOWHERE, Location, Spec


@dataclass(frozen=True)
class Notice:
    """Something about the analysis itself (a suppression naming an unknown rule, a crashed rule)."""

    severity: str  # warning | info
    message: str
    location: Location = NOWHERE

    def to_json(self) -> dict:
        return {"severity": self.severity, "message": self.message,
                "line": self.location.line, "column": self.location.column}


@dataclass(frozen=True)
class AnalysisReport:
    spec: Spec
    findings: tuple[Finding, ...]  # sorted; suppressed ones included (``suppressed=True``)
    notices: tuple[Notice, ...]
    context: RuleContext = field(repr=False, compare=False)

    @property
    def active(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.suppressed)

    @property
    def suppressed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.suppressed)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0, "suppressed": len(self.suppressed)}
        for finding in self.active:
            out[finding.severity] += 1
        return out

    def fails(self, threshold: str) -> bool:
        """True when an unsuppressed finding is at least as severe as ``threshold``."""
        return any(at_least(f.severity, threshold) for f in self.active)

    def of_family(self, family: RuleFamily) -> tuple[Finding, ...]:
        """The findings (suppressed ones included) of one rule family."""
        ids = {rule.id for rule in rules_of(family)}
        return tuple(f for f in self.findings if f.rule in ids)

    # the views, for reports
    @property
    def graph(self):
        return self.context.graph

    @property
    def failure_domains(self):
        return self.context.failure_domains

    @property
    def availability(self):
        return self.context.availability

    @property
    def recovery(self):
        return self.context.recovery


def _run_rule(rule: Rule, ctx: RuleContext, notices: list[Notice]) -> list[Finding]:
    try:
        return list(rule.check(ctx))
    except Exception as exc:  # a bug in one rule must not hide the others' findings
        if os.environ.get("ARCHGEN_DEBUG"):
            raise
        notices.append(Notice("warning", f"rule {rule.id} ({rule.name}) failed: {type(exc).__name__}: {exc} "
                                         "(a bug in archgen; rerun with ARCHGEN_DEBUG=1 to see it)"))
        return []


def apply_suppressions(spec: Spec, findings: list[Finding], notices: list[Notice]) -> list[Finding]:
    """Mark findings matched by ``ignore`` entries; warn about entries naming no known rule."""
    if not spec.ignores:  # the usual case: nothing to match, nothing to warn about
        return findings
    used = [False] * len(spec.ignores)
    out = []
    for finding in findings:
        for i, ignore in enumerate(spec.ignores):
            if ignore.rule.upper() != finding.rule:
                continue
            if ignore.component is not None and ignore.component not in finding.components:
                continue
            used[i] = True
            finding = replace(finding, suppressed=True, suppression_reason=ignore.reason)
            break
        out.append(finding)
    for i, ignore in enumerate(spec.ignores):
        if rule_by_id(ignore.rule) is None:
            notices.append(Notice("warning", f"ignore names unknown rule '{ignore.rule}': nothing is suppressed "
                                             "(see `archgen rules` for the catalogue)", ignore.location))
        elif not used[i]:
            target = f" for '{ignore.component}'" if ignore.component else ""
            notices.append(Notice("info", f"ignore of {ignore.rule.upper()}{target} matches no finding: it can be "
                                          "removed", ignore.location))
    return out


def saturation_findings(spec: Spec, traffic) -> tuple[Finding, ...]:
    """The saturation family's findings on ``traffic`` (the spec's model at any scale), suppressions applied.

    What `archgen traffic` reports: the same rules `analyze` runs, without the resilience views.
    """
    ctx = RuleContext(spec, traffic=traffic)
    found = [finding for rule in rules_of(RuleFamily.SATURATION) for finding in rule.check(ctx)]
    return tuple(sorted(apply_suppressions(spec, found, []), key=Finding.sort_key))


def analyze(spec: Spec, *, rules: tuple[Rule, ...] | None = None) -> AnalysisReport:
    with collector_paused():
        return _analyze(spec, rules)


def _analyze(spec: Spec, rules: tuple[Rule, ...] | None) -> AnalysisReport:
    ctx = RuleContext(spec)
    notices: list[Notice] = []
    findings: list[Finding] = []
    for rule in rules if rules is not None else all_rules():
        findings.extend(_run_rule(rule, ctx, notices))
    findings = apply_suppressions(spec, findings, notices)
    findings.sort(key=lambda f: (*f.sort_key(), f.location.line, f.location.column))
    # the views every report shows are computed here, so a failing one becomes a notice
    for view in ("graph", "failure_domains", "availability", "recovery"):
        try:
            getattr(ctx, view)
        except Exception as exc:
            if os.environ.get("ARCHGEN_DEBUG"):
                raise
            notices.append(Notice("warning", f"{view} could not be computed: {type(exc).__name__}: {exc}"))
    return AnalysisReport(spec, tuple(findings), tuple(notices), ctx)
