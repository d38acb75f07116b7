"""Specs through the layers: validate -> analyse -> model traffic -> diagram annotations.

Each command makes one call here (or into ``archgen.outputs`` for build) and hands the
result to a writer in ``archgen.report``, so every command sees the same findings, traffic
and marks for a spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from archgen.analysis.engine import AnalysisReport, analyze, saturation_findings
from archgen.annotations import DiagramAnnotations
from archgen.diff.merge import merged_spec
from archgen.diff.review import Review, review
from archgen.diff.sources import Side
from archgen.findings import Finding
from archgen.iac.cloudformation.template import is_template
from archgen.spec.load import CheckedSpec, check_file, check_text
from archgen.traffic import TrafficCycleError, TrafficModel, edge_peak_rps, model_traffic

SPOF_RULE = "AG401"


@dataclass(frozen=True)
class SpecRun:
    """One spec checked, analysed and modelled (analysis and traffic are None when it is invalid)."""

    file: str
    checked: CheckedSpec
    analysis: AnalysisReport | None = None
    traffic: TrafficModel | None = None
    import_notes: tuple = ()  # archgen.iac notes when ``file`` is a template imported in memory

    @property
    def spec(self):
        return self.checked.spec

    @property
    def valid(self) -> bool:
        return self.checked.spec is not None

    def annotations(self, diff: dict[str, str] | None = None) -> DiagramAnnotations:
        return annotations_for(self.analysis, self.traffic, diff)


def run_checked(checked: CheckedSpec, import_notes=()) -> SpecRun:
    if checked.spec is None:
        return SpecRun(checked.file, checked, import_notes=tuple(import_notes))
    analysis = analyze(checked.spec)
    traffic = analysis.context.traffic  # computed once, shared with the saturation rules
    return SpecRun(checked.file, checked, analysis, traffic, tuple(import_notes))


def run_file(file: str) -> SpecRun:
    return run_checked(check_file(file))


def run_text(text: str, file: str) -> SpecRun:
    return run_checked(check_text(text, file))


def checked_input(file: str) -> tuple[CheckedSpec, list]:
    """A spec file, or a CloudFormation template imported in memory, with the import's notes."""
    if is_template(file):
        from archgen.iac.importer import checked_import  # 35 ms of imports a spec never needs (-X importtime: 33-36)

        return checked_import(file)
    return check_file(file), []


def run_files(files: list[str]) -> list[SpecRun]:
    """`archgen analyze`: every file, in order; a CloudFormation template is imported in memory."""
    return [run_checked(*checked_input(file)) for file in files]


@dataclass(frozen=True)
class TrafficRun:
    """One spec's traffic model at a scale, with the saturation findings on it."""

    file: str
    checked: CheckedSpec
    model: TrafficModel | None = None
    findings: tuple[Finding, ...] = ()
    error: str = ""  # why there is no model although the spec is valid (a request cycle)

    @property
    def saturated(self) -> bool:
        return any(f.severity == "error" and not f.suppressed for f in self.findings)


def traffic_files(files: list[str], scale: float) -> list[TrafficRun]:
    """`archgen traffic`: every file's model at ``scale`` × its traffic."""
    return [traffic_checked(check_file(file), scale) for file in files]


def traffic_checked(checked: CheckedSpec, scale: float) -> TrafficRun:
    if checked.spec is None:
        return TrafficRun(checked.file, checked)
    try:
        model = model_traffic(checked.spec, scale=scale)
    except TrafficCycleError as exc:  # validation rejects cycles; kept for models built by hand
        return TrafficRun(checked.file, checked, error=str(exc))
    return TrafficRun(checked.file, checked, model, saturation_findings(checked.spec, model))


def run_side(side: Side) -> SpecRun | None:
    """One side of a diff: None when the spec does not exist there; unreadable when it could not be read."""
    if side.problem is not None:
        return SpecRun(side.label, CheckedSpec(side.label, None, side.problem.diagnostics, unreadable=True))
    return None if side.text is None else run_text(side.text, side.label)


def review_pairs(pairs: list[tuple[Side, Side]]) -> list[Review]:
    """`archgen diff`: each (base, head) pair through every layer, then compared."""
    return [review(run_side(base), run_side(head), base.label, head.label) for base, head in pairs]


def diff_diagram(change: Review) -> dict[str, bytes]:
    """diff.svg and diff.png of one change: base and head merged, added/removed/changed marked.

    Empty when there is nothing to draw (a spec new, deleted, invalid on a side, or unchanged).
    """
    if change.base is None or change.head is None or not (change.base.valid and change.head.valid) \
            or change.structure.empty:
        return {}
    from archgen.render import render  # 35 ms of imports analyze and traffic never need (-X importtime: 33-35)

    # the head's analysis marks stay (a new single point of failure is outlined); removed parts
    # are drawn struck through
    notes = annotations_for(change.head.analysis, change.head.traffic, change.structure.marks())
    files = render(merged_spec(change.base.spec, change.head.spec), ("svg", "png"), notes)
    return {name.replace("diagram.", "diff."): data for name, data in files.items()}


def annotations_for(analysis, traffic, diff: dict[str, str] | None = None) -> DiagramAnnotations:
    """Edge loads from traffic, single points of failure and rule ids per component from analysis."""
    edge_rps: dict[str, float] = {}
    if traffic is not None and traffic.has_traffic:
        edge_rps = {cid: rps for cid, rps in edge_peak_rps(traffic).items() if rps > 0}
    spof: set[str] = set()
    per_component: dict[str, set[str]] = {}
    per_copy: dict[tuple[str, str], set[str]] = {}
    if analysis is not None:
        for finding in analysis.active:
            if finding.rule == SPOF_RULE and finding.severity == "error":
                spof.update(finding.components)
            for component in finding.components:
                if finding.regions:
                    for region in finding.regions:
                        per_copy.setdefault((component, region), set()).add(finding.rule)
                else:
                    per_component.setdefault(component, set()).add(finding.rule)
    return DiagramAnnotations(
        edge_peak_rps=MappingProxyType(edge_rps),
        spof=frozenset(spof),
        findings=MappingProxyType({k: tuple(sorted(v)) for k, v in sorted(per_component.items())}),
        copy_findings=MappingProxyType({k: tuple(sorted(v)) for k, v in sorted(per_copy.items())}),
        diff=MappingProxyType(dict(diff or {})),
    )
