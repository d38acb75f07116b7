"""One spec through every layer: validate -> analyse -> model traffic -> diagram annotations.

The commands that need more than one layer (build, render, diff) go through here, so they
all see the same findings, traffic and marks for a spec.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.annotations import DiagramAnnotations
from archgen.spec.load import CheckedSpec, check_file, check_text

SPOF_RULE = "AG401"


@dataclass(frozen=True)
class SpecRun:
    file: str
    checked: CheckedSpec
    analysis: object | None = None  # archgen.analysis.engine.AnalysisReport
    traffic: object | None = None  # archgen.traffic.TrafficModel

    @property
    def spec(self):
        return self.checked.spec

    @property
    def valid(self) -> bool:
        return self.checked.spec is not None

    def annotations(self, diff: dict[str, str] | None = None) -> DiagramAnnotations:
        return annotations_for(self.analysis, self.traffic, diff)


def run_checked(checked: CheckedSpec) -> SpecRun:
    if checked.spec is None:
        return SpecRun(checked.file, checked)
    from archgen.analysis.engine import analyze

    analysis = analyze(checked.spec)
    traffic = analysis.context.traffic  # computed once, shared with the AG5xx rules
    return SpecRun(checked.file, checked, analysis, traffic)


def run_file(file: str) -> SpecRun:
    return run_checked(check_file(file))


def run_text(text: str, file: str) -> SpecRun:
    return run_checked(check_text(text, file))


def annotations_for(analysis, traffic, diff: dict[str, str] | None = None) -> DiagramAnnotations:
    """Edge loads from traffic, single points of failure and rule ids per component from analysis."""
    from types import MappingProxyType

    edge_rps: dict[str, float] = {}
    if traffic is not None and traffic.has_traffic:
        from archgen.traffic import edge_peak_rps

        edge_rps = {cid: rps for cid, rps in edge_peak_rps(traffic).items() if rps > 0}
    spof: set[str] = set()
    per_component: dict[str, list[str]] = {}
    if analysis is not None:
        for finding in analysis.active:
            if finding.rule == SPOF_RULE and finding.severity == "error":
                spof.update(finding.components)
            for component in finding.components:
                rules = per_component.setdefault(component, [])
                if finding.rule not in rules:
                    rules.append(finding.rule)
    return DiagramAnnotations(
        edge_peak_rps=MappingProxyType(edge_rps),
        spof=frozenset(spof),
        findings=MappingProxyType({k: tuple(sorted(v)) for k, v in sorted(per_component.items())}),
        diff=MappingProxyType(dict(diff or {})),
    )
