"""The analysis report for a terminal: findings grouped by severity, then the resilience views.

Coloured only when asked (a TTY without NO_COLOR, decided by the caller); plain otherwise.
"""

from __future__ import annotations

import click

from archgen.findings import SEVERITIES
from archgen.report.provenance import code_location
from archgen.formatting import availability_percent, duration, rate
from archgen.untrusted import one_line

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


class _Style:
    def __init__(self, colour: bool):
        self.colour = colour

    def __call__(self, text: str, **style) -> str:
        return click.style(text, **style) if self.colour else text


def _where(file: str, location) -> str:
    return one_line(f"{file}:{location.line}:{location.column}" if location.line else file)


def _verdict(ok: bool | None, style: _Style) -> str:
    if ok is None:
        return style("cannot tell", fg="yellow")
    return style("met", fg="green") if ok else style("NOT met", fg="red", bold=True)


def render(report, file: str, *, colour: bool = False) -> str:
    style = _Style(colour)
    spec = report.spec
    counts = report.counts()
    lines = []
    summary = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in SEVERITIES)
    if counts["suppressed"]:
        summary += f", {counts['suppressed']} suppressed"
    lines.append(style(f"{one_line(file)} — {one_line(spec.title)}: {summary}", bold=True))
    for severity in SEVERITIES:
        found = [f for f in report.active if f.severity == severity]
        if not found:
            continue
        lines.append("")
        lines.append(style(f"{HEADINGS[severity]} ({len(found)})", fg=COLOURS[severity], bold=True))
        for f in found:
            head = style(f"{f.rule} {f.name}", fg=COLOURS[severity])
            lines.append(f"  {_where(file, f.location)}: {head}: {one_line(f.message)}")
            if f.fix:
                lines.append(f"      fix: {one_line(f.fix)}")
            code = code_location(spec, f, file)
            if code is not None:
                lines.append(f"      code: {one_line(code.format())}")
    if report.suppressed:
        lines.append("")
        lines.append(style(f"Suppressed ({len(report.suppressed)})", dim=True))
        for f in report.suppressed:
            lines.append(style(f"  {_where(file, f.location)}: {f.rule} {f.name}: {one_line(f.message)} "
                               f"[reason: {one_line(f.suppression_reason)}]", dim=True))
    for notice in report.notices:
        lines.append(f"{_where(file, notice.location)}: {notice.severity}: {one_line(notice.message)}")
    lines += _views(report, style)
    return "\n".join(lines) + "\n"


def _views(report, style: _Style) -> list[str]:
    graph = report.graph
    lines = ["", style("Request flows", bold=True)]
    if not graph.flows:
        lines.append("  none (no users component reaches anything)")
    for flow in graph.flows:
        lines.append(f"  {flow.label}")
    lines += ["", style("Single points of failure", bold=True)]
    if not graph.single_points_of_failure:
        lines.append("  none")
    for spof in graph.single_points_of_failure:
        how = " (a standby path avoids it: failover)" if spof.bypassed_by_failover else ""
        lines.append(f"  {spof.component}: failure domain {spof.domain}; cuts {', '.join(f.label for f in spof.flows)}{how}")

    domains = report.failure_domains
    lines += ["", style("Failure domains", bold=True)]
    for outcome in (*domains.azs, *domains.regions):
        total = len(outcome.served) + len(outcome.cut)
        if outcome.cut:
            status = style(f"cuts {', '.join(f.label for f in outcome.cut)}", fg="red")
        else:
            status = style(f"all {total} flow{'s' if total != 1 else ''} still served", fg="green")
        extra = []
        if outcome.via_standby:
            extra.append(f"via failover: {', '.join(f.label for f in outcome.via_standby)}")
        if outcome.down:
            extra.append(f"down: {', '.join(outcome.down)}")
        if outcome.failover:
            extra.append(f"fail over: {', '.join(outcome.failover)}")
        lines.append(f"  lose {outcome.kind} {outcome.name}: {status}" + (f" ({'; '.join(extra)})" if extra else ""))
        if outcome.kind == "AZ" and domains.capacity_available:
            for tier in outcome.capacity:
                if tier.instances_left == 0:
                    continue
                mark = "ok" if tier.enough else style("short", fg="red")
                lines.append(f"      capacity {tier.component}: {tier.instances_left}/{tier.instances_before} instances, "
                             f"{rate(tier.capacity_rps)} for a {rate(tier.peak_rps)} peak: {mark}")
        if outcome.kind == "Region" and report.spec.objectives.survive == "region":
            lines += [f"      capacity {line}" for line in outcome.region_capacity_lines()]
    if not domains.capacity_available:
        lines.append(f"  capacity after a loss: unknown ({domains.capacity_note})")

    availability = report.availability
    target = f"target {availability.target_percent:g}%" if availability.target_percent is not None else "no target"
    lines += ["", style(f"Availability ({target})", bold=True)]
    for flow in availability.flows:
        lines.append(f"  {flow.flow.label}: {availability_percent(flow.value)} = {flow.expression.text()}")
    if availability.critical is not None:
        lines.append(f"  critical path: {availability.critical.flow.label} at {availability_percent(availability.critical.value)}; "
                     + (f"target {_verdict(availability.meets_target, style)}" if availability.target_percent is not None else "no target"))
    lines.append(f"  {availability.assumptions}")

    recovery = report.recovery
    lines += ["", style(f"Recovery ({recovery.title})", bold=True)]
    for name, estimate in (("RTO", recovery.rto), ("RPO", recovery.rpo)):
        why = f" — {one_line(estimate.reason)}" if estimate.reason else ""
        lines.append(f"  {name} {estimate.text()} (objective {duration(estimate.objective_s, missing='none')}): "
                     f"{_verdict(estimate.meets, style)}{why}")
        items = recovery.rto_steps if name == "RTO" else recovery.stores
        for item in items:
            label = f"[{item.phase}] {item.what}" if name == "RTO" else item.component
            lines.append(f"    - {one_line(label)}: {one_line(item.text())}")
    for note in recovery.notes:
        lines.append(f"  note: {one_line(note)}")
    return lines


def render_all(runs, *, colour: bool = False) -> str:
    """Every file (``runs``: archgen.pipeline.SpecRun): its report, or why it was not analysed."""
    return "\n".join(render(run.analysis, run.file, colour=colour) if run.analysis is not None else
                     render_invalid(run.file, run.checked.diagnostics, unreadable=run.checked.unreadable)
                     for run in runs)


def render_invalid(file: str, diagnostics, *, unreadable: bool) -> str:
    """Header line for a spec that could not be analysed (its diagnostics go to stderr)."""
    what = "unreadable" if unreadable else "invalid spec"
    errors = sum(1 for d in diagnostics if d.severity == "error")
    return f"{one_line(file)}: {what}, not analysed ({errors} error{'s' if errors != 1 else ''})\n"
