"""The traffic model as CSV: one row per tier per spec, raw numbers (for spreadsheets)."""

from __future__ import annotations

import csv
import io
from typing import Iterable

from archgen.report.traffic_json import num
from archgen.traffic import TrafficModel

HEADER = ("file", "spec", "scale", "tier", "type", "label", "avg_rps", "peak_rps", "peak_reads_per_s",
          "peak_writes_per_s", "avg_mb_per_s", "peak_mb_per_s", "avg_gb_per_month", "avg_in_flight", "peak_in_flight",
          "capacity_rps", "max_capacity_rps", "utilization", "saturated", "saturation_scale", "binding_limit",
          "monthly_usd")


def safe(value):
    """Cells starting with = + - @ would run as formulas in a spreadsheet: quote text that does."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_rows(model: TrafficModel, file: str) -> list[list]:
    rows = []
    for tier in model.tiers.values():
        binding = tier.binding
        values = [file, model.spec, model.scale, tier.id, tier.type, tier.label, tier.avg_rps, tier.peak_rps,
                  tier.peak.reads, tier.peak.writes, tier.avg.mb_per_s, tier.peak.mb_per_s, tier.avg.gb_per_month,
                  tier.avg.in_flight, tier.peak.in_flight, tier.capacity_rps, tier.max_capacity_rps, tier.utilization,
                  tier.saturated, model.saturation_scale(tier.id), binding.name if binding else None,
                  tier.cost.monthly if tier.cost else None]
        rows.append(["" if v is None else ("true" if v is True else "false" if v is False else safe(num(v))) for v in values])
    return rows


def render(runs) -> str:
    """One header, then a row per tier of every modelled spec (``runs``: archgen.pipeline.TrafficRun)."""
    return csv_report((run.model, run.file) for run in runs if run.model is not None)


def csv_report(models: Iterable[tuple[TrafficModel, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for model, file in models:
        writer.writerows(csv_rows(model, file))
    return buffer.getvalue()
