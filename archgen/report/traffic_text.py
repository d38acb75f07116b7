"""The traffic model for people: a table per spec (one row per tier), what breaks first, cost.

Plain text is deterministic (fixed column order, spec order of tiers) so it can be diffed and
tested; on a terminal the same rows go through a rich table. ``tier_row`` is shared with the
Markdown report and with anyone who wants the one-line "needs" summary of a tier.
"""

from __future__ import annotations

from typing import Iterable

from archgen import catalogue
from archgen.findings import Finding
from archgen.traffic import TrafficModel
from archgen.formatting import EMPTY, money, number, percent, times
from archgen.traffic.cost import prices
from archgen.traffic.types import TierLoad
from archgen.untrusted import one_line

COLUMNS = ("Tier", "Type", "Avg rps", "Peak rps", "Peak R / W", "Peak MB/s", "GB/month", "In-flight",
           "Needs at peak", "Max rps", "Util of max", "Breaks at", "$/month")
# one base for utilisation everywhere: the most the tier can serve as configured
CAPACITY_LEGEND = ("Max rps: requests/s a tier serves at 100% at the most it can scale to (instance count or "
                   "Auto Scaling/ECS max, nodes, provisioned or reserved capacity, throttle); "
                   "utilisation and the traffic at which a tier breaks are measured against it.")
NUMERIC = {2, 3, 5, 6, 7, 9, 10, 11, 12}


def needs(tier: TierLoad) -> str:
    """What the tier needs at peak, in its own units (instances, concurrency, RCU/WCU, LCU, ...):
    its type's ``traffic.needs`` in the catalogue, EMPTY for types without one."""
    kind = catalogue.by_name().get(tier.type)
    text = kind.traffic.needs if kind is not None else None
    return text(tier.sizing) if text is not None else EMPTY


def tier_row(model: TrafficModel, tier: TierLoad) -> list[str]:
    peak = tier.peak
    breaks = model.saturation_scale(tier.id)
    return [
        tier.id, tier.type, number(tier.avg_rps), number(tier.peak_rps), f"{number(peak.reads)} / {number(peak.writes)}",
        number(peak.mb_per_s), number(tier.avg.gb_per_month), number(peak.in_flight), needs(tier), number(tier.max_capacity_rps),
        percent(tier.utilization), times(breaks), money(tier.cost.monthly) if tier.cost else EMPTY,
    ]


def heading(model: TrafficModel, file: str, *, with_notes: bool = True) -> list[str]:
    entry, avg = model.entry, model.entry_avg
    scale = "" if model.scale == 1 else f" at {model.scale:g}× the spec's traffic"
    lines = [f"{model.spec} ({one_line(file)}): traffic model{scale}"]
    if not model.has_traffic:
        lines.append("No traffic profile: add 'traffic' to a users component to model load.")
    else:
        reads = entry.reads / entry.rps if entry.rps else 0.0
        lines.append(f"Entry: {number(avg.rps)} rps average, {number(entry.rps)} rps peak ({percent(reads)} reads)")
        lines += [f"Note: {note}" for note in model.assumptions] if with_notes else []
    return lines


NO_CEILING = "What breaks first: no tier declares a ceiling (set capacity_rps, provisioned capacity, ...)."
BREAKS_TITLE = "What breaks first (multiple of the spec's traffic at which each tier reaches 100% of its max):"


def breaks_rows(model: TrafficModel) -> list[tuple[str, str, str, bool]]:
    """(tier id, scale factor, binding limit, saturated now) in the order tiers saturate."""
    rows = []
    for tid, scale in model.saturation_order():
        lim = model.tiers[tid].binding
        rows.append((tid, times(scale), f"{lim.name}: {number(lim.demand)} of {number(lim.capacity)} {lim.unit}",
                     scale <= model.scale + 1e-9))
    return rows


def breaks_lines(model: TrafficModel) -> list[str]:
    rows = breaks_rows(model)
    if not rows:
        return [NO_CEILING]
    width = max(len(tid) for tid, *_ in rows)
    lines = [BREAKS_TITLE]
    for rank, (tid, scale, limit, saturated) in enumerate(rows, 1):
        flag = f"  SATURATED at {model.scale:g}×" if saturated else ""
        lines.append(f"  {rank:>2}. {tid:<{width}}  {scale:>9}  {limit}{flag}")
    return lines


def finding_lines(findings: Iterable[Finding], file: str) -> list[str]:
    findings = sorted(findings, key=lambda f: f.sort_key())
    if not findings:
        return ["No tier saturates at peak."]
    lines = ["Findings:"]
    for f in findings:
        where = f"{file}:{f.location.line}:{f.location.column or 1}" if f.location.line else file
        note = f" (suppressed: {f.suppression_reason})" if f.suppressed else ""
        lines.append(one_line(f"  {where}: {f.severity}: {f.rule} {f.name}: {f.message}{note}"))
    return lines


def cost_lines(model: TrafficModel) -> list[str]:
    table = prices()
    lines = [f"Monthly cost ESTIMATE: {money(model.monthly_cost)} ({table['region']} on-demand list prices as of "
             f"{table['as_of']}; average load over a 730-hour month)"]
    if model.priced_elsewhere:
        lines.append("  " + priced_elsewhere_line(model))
    unpriced = [f"{t.id}: {u}" for t in model.tiers.values() if t.cost for u in t.cost.unpriced]
    if unpriced:
        lines.append("  not priced for these tiers: " + "; ".join(unpriced))
    lines.append("  not included: " + "; ".join(model.not_priced))
    return lines


def priced_elsewhere_line(model: TrafficModel) -> str:
    return (f"priced at {prices()['region']} rates although in another Region (no price table bundled for it): "
            f"{', '.join(model.priced_elsewhere)}")


def note_lines(model: TrafficModel) -> list[str]:
    notes = [one_line(f"  {t.id}: {n}") for t in model.tiers.values() for n in t.notes]
    return ["Notes:", *notes] if notes else []


def plain_table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(COLUMNS[i]), *(len(r[i]) for r in rows)) if rows else len(COLUMNS[i]) for i in range(len(COLUMNS))]

    def line(cells) -> str:
        parts = [c.rjust(widths[i]) if i in NUMERIC else c.ljust(widths[i]) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    return [line(COLUMNS), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def text_report(model: TrafficModel, findings: Iterable[Finding], file: str) -> str:
    """The plain-text report of one spec (deterministic)."""
    rows = [tier_row(model, t) for t in model.tiers.values()]
    parts = [*heading(model, file), "", *plain_table(rows), CAPACITY_LEGEND, "", *breaks_lines(model), "",
             *finding_lines(findings, file), "", *cost_lines(model)]
    notes = note_lines(model)
    if notes:
        parts += ["", *notes]
    return "\n".join(parts) + "\n"


def render(runs) -> str:
    """Every modelled spec (``runs``: archgen.pipeline.TrafficRun), one report after another."""
    return "\n".join(text_report(run.model, run.findings, run.file) for run in runs if run.model is not None)


def print_all_rich(runs) -> None:
    """The same reports on a terminal, through rich (imported here: 30 ms nobody else needs)."""
    from rich.console import Console

    console = Console()
    for run in runs:
        if run.model is not None:
            print_rich(run.model, run.findings, run.file, console)


def print_rich(model: TrafficModel, findings: Iterable[Finding], file: str, console) -> None:
    """The same report through rich (terminal): a real table, colours for saturation."""
    from rich.table import Table  # as in print_all_rich: rich (30 ms of import) only for a terminal

    findings = list(findings)
    console.print("\n".join(heading(model, file)), style="bold", markup=False, highlight=False)
    table = Table(show_lines=False, header_style="bold")
    for i, name in enumerate(COLUMNS):
        table.add_column(name, justify="right" if i in NUMERIC else "left", overflow="fold")
    for tier in model.tiers.values():
        style = "red" if tier.saturated else ("yellow" if (tier.utilization or 0) > 0.8 else None)
        table.add_row(*tier_row(model, tier), style=style)
    console.print(table)
    for block in (breaks_lines(model), finding_lines(findings, file), cost_lines(model), note_lines(model)):
        if block:
            console.print("\n".join(block), markup=False, highlight=False)
            console.print()
