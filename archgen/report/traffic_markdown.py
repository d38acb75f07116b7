"""The traffic model as GitHub-flavoured Markdown, sized for a pull-request comment."""

from __future__ import annotations

from typing import Iterable

from archgen.findings import Finding
from archgen.formatting import count, money, number, unit_price
from archgen.report import markdown as md
from archgen.report.traffic_text import (BREAKS_TITLE, CAPACITY_LEGEND, COLUMNS, NO_CEILING, NUMERIC, breaks_rows,
                                         cost_lines, heading, tier_row)
from archgen.traffic import TrafficModel


def render(runs) -> str:
    """Every modelled spec (``runs``: archgen.pipeline.TrafficRun), one section after another."""
    return "\n".join(markdown_report(run.model, run.findings, run.file) for run in runs if run.model is not None)


def markdown_report(model: TrafficModel, findings: Iterable[Finding], file: str) -> str:
    findings = sorted(findings, key=lambda f: f.sort_key())
    head = heading(model, file, with_notes=False)
    out = [f"### Traffic: {md.text(model.spec)}", "", md.code(file) + ("" if model.scale == 1 else f" at **{model.scale:g}×** traffic"),
           "", *(md.text(line) for line in head[1:]), ""]
    if model.assumptions:
        out += [*(f"- **Note:** {md.text(note)}" for note in model.assumptions), ""]
    active = [f for f in findings if not f.suppressed]
    if active:
        out += [f"**{count(len(active), 'tier')} over capacity at peak**", ""]
        for f in active:
            out.append(f"- **{f.rule}** {md.code(', '.join(f.components))} (line {f.location.line}): {md.text(f.message)}")
        out.append("")
    else:
        out += ["No tier saturates at peak.", ""]
    out.append("| " + " | ".join(COLUMNS) + " |")
    out.append("|" + "|".join("---:" if i in NUMERIC else "---" for i in range(len(COLUMNS))) + "|")
    for tier in model.tiers.values():
        out.append("| " + " | ".join(md.text(c) for c in tier_row(model, tier)) + " |")
    out += ["", md.paragraph(CAPACITY_LEGEND), ""]
    notes = [f"- {md.code(t.id)}: {md.text(note)}" for t in model.tiers.values() for note in t.notes]
    if notes:
        out += [f"<details><summary>Notes ({len(notes)})</summary>", "", *notes, "", "</details>", ""]
    out += ["<details><summary>What breaks first</summary>", ""]
    rows = breaks_rows(model)
    out += [md.text(BREAKS_TITLE if rows else NO_CEILING), ""]
    for rank, (tid, scale, limit, saturated) in enumerate(rows, 1):
        flag = f" — **saturated at {model.scale:g}×**" if saturated else ""
        out.append(f"{rank}. {md.code(tid)} at {scale} — {md.text(limit)}{flag}")
    out += ["", "</details>", "", "<details><summary>Monthly cost estimate</summary>", ""]
    lines = cost_lines(model)
    out.append(md.text(lines[0]))
    out.append("")
    for tier in model.tiers.values():
        if tier.cost and tier.cost.lines:
            for line in tier.cost.lines:
                # '12,775 × 10k requests', not '12,775 10k requests'
                unit = f"× {line.unit}" if line.unit[:1].isdigit() else line.unit
                out.append(f"- {md.code(tier.id)} {md.text(line.item)}: {number(line.quantity)} {md.text(unit)} × "
                           f"{unit_price(line.unit_price)} = {money(line.monthly)}")
    out += ["", *(md.text(line.strip()) for line in lines[1:]), "", "</details>", ""]
    return "\n".join(out)
