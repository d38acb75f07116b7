"""The analysis report as GitHub-flavoured Markdown, sized for a pull-request comment."""

from __future__ import annotations

from archgen.findings import SEVERITIES
from archgen.formatting import EMPTY, availability_percent, duration, duration_range, judged, plural
from archgen.report import markdown as md
from archgen.report.provenance import code_location

ICONS = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}


def _against(objective: str, ok: bool | None, what: str = "objective") -> str:
    return f"({judged(objective, ok, what=what, marks=True)})"


def render_file(report, file: str) -> str:
    spec = report.spec
    counts = report.counts()
    out = [f"### {md.code(file)} — {md.text(spec.title)}", ""]
    out.append(f"**{counts['error']}** {plural(counts['error'], 'error')} · "
               f"**{counts['warning']}** {plural(counts['warning'], 'warning')} · **{counts['info']}** info"
               + (f" · {counts['suppressed']} suppressed" if counts["suppressed"] else ""))
    out.append("")
    if report.active:
        out += ["| severity | rule | components | line | finding |", "|---|---|---|---|---|"]
        for severity in SEVERITIES:
            for f in report.active:
                if f.severity == severity:
                    code = code_location(spec, f, file)
                    where = f"<br>*code:* {md.code(code.format())}" if code is not None else ""
                    out.append(f"| {ICONS[severity]} | `{f.rule}` {f.name} | {md.text(', '.join(f.components))} | "
                               f"{f.location.line or ''} | {md.text(f.message)}<br>*fix:* {md.text(f.fix)}{where} |")
        out.append("")
    else:
        out += ["No findings.", ""]
    if report.suppressed:
        out += ["<details><summary>Suppressed findings</summary>", ""]
        for f in report.suppressed:
            out.append(f"- `{f.rule}` {md.text(f.message)} — *{md.text(f.suppression_reason)}*")
        out += ["", "</details>", ""]
    for notice in report.notices:
        out.append(f"> **{notice.severity}** (line {notice.location.line}): {md.text(notice.message)}")
    if report.notices:
        out.append("")

    graph = report.graph
    spofs = graph.single_points_of_failure
    out.append("**Single points of failure:** " + (", ".join(
        f"{md.code(s.component)} ({s.domain}{', failover path' if s.bypassed_by_failover else ''})" for s in spofs)
        if spofs else "none"))
    out.append("")
    domains = report.failure_domains
    out += ["| lose | flows served | flows cut | down |", "|---|---|---|---|"]
    for o in (*domains.azs, *domains.regions):
        out.append(f"| {o.kind} {o.name} | {len(o.served)} | {md.text(', '.join(f.label for f in o.cut)) or EMPTY} | "
                   f"{md.text(', '.join(o.down)) or EMPTY} |")
    out.append("")
    if spec.objectives.survive == "region" and domains.regions:
        out.append("**Losing a Region, the Regions left at the peak (N+1):**  ")
        out += [f"- losing {o.name}: {md.text(line)}" for o in domains.regions for line in o.region_capacity_lines()]
        out.append("")
    availability = report.availability
    if availability.critical is not None:
        target = f"{availability.target_percent:g}%" if availability.target_percent is not None else EMPTY
        out.append(f"**Availability:** critical path {md.text(availability.critical.flow.label)} = "
                   f"{availability_percent(availability.critical.value)} "
                   f"{_against(target, availability.meets_target, 'target')}  ")
        out.append(f"{md.code(availability.critical.expression.text())}  ")
        out.append(f"<sub>{md.text(availability.assumptions)}</sub>")
        out.append("")
    recovery = report.recovery
    out.append(f"**Recovery ({md.text(recovery.title)}):** "
               f"RTO {md.text(recovery.rto.text())} {_against(duration(recovery.rto.objective_s), recovery.rto.meets)}, "
               f"RPO {md.text(recovery.rpo.text())} {_against(duration(recovery.rpo.objective_s), recovery.rpo.meets)}  ")
    for name, estimate in (("RTO", recovery.rto), ("RPO", recovery.rpo)):
        if estimate.reason:
            out.append(f"<sub>{name}: {md.text(estimate.reason)}</sub>  ")
    if recovery.rto_steps:
        out += ["", f"<details><summary>Recovery steps ({len(recovery.rto_steps)})</summary>", "",
                "| phase | step | time | from |", "|---|---|---|---|"]
        for step in recovery.rto_steps:
            hint = f"; declare `{step.declare}`" if step.declare and not step.known else ""
            out.append(f"| {step.phase} | {md.text(step.what)} | {duration_range(step.low_s, step.high_s, missing='unknown')} "
                       f"| {step.provenance}: {md.text(step.source)}{hint} |")
        out += ["", "</details>"]
    out.append("")
    return "\n".join(out)


def render(runs, *, fail_on: str, failed: bool) -> str:
    """Every file (``runs``: archgen.pipeline.SpecRun) under one verdict, for a pull-request comment."""
    verdict = "❌ fails" if failed else "✅ passes"
    out = [f"## archgen resilience review — {verdict} (`--fail-on {fail_on}`)", ""]
    for run in runs:
        if run.analysis is None:
            out += [f"### {md.code(run.file)} — not analysed", ""]
            out += [f"- line {d.line}: {md.text(d.message)}" for d in run.checked.diagnostics]
            out.append("")
        else:
            out.append(render_file(run.analysis, run.file))
    return "\n".join(out).rstrip() + "\n"
