"""The traffic model as JSON (schema documented in docs/traffic-json.md; bump SCHEMA_VERSION on change).

Floats are rounded to 10 significant digits, so arithmetic noise (437.49999999999994) never
reaches the output and it is stable across platforms; values that are not finite (a ceiling
of 0) become null, with ``saturated: true`` alongside.
"""

from __future__ import annotations

import itertools
import math
from typing import Any, Iterable

from archgen import __version__
from archgen.findings import Finding
from archgen.report.findings_json import finding_to_json
from archgen.report.json_text import json_text
from archgen.traffic import TrafficModel
from archgen.traffic.cost import prices
from archgen.traffic.types import Load, TierLoad

SCHEMA_VERSION = 1


def num(value: Any) -> Any:
    """Round floats to 10 significant digits (and -0.0 to 0.0); non-finite -> None; containers recursively."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        rounded = float(f"{value:.10g}")
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): num(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [num(v) for v in value]
    return value


def load_json(load: Load, *, in_flight: bool = True) -> dict:
    out = {
        "rps": load.rps, "reads_per_s": load.reads, "writes_per_s": load.writes,
        "request_bytes_per_s": load.request_bytes, "response_bytes_per_s": load.response_bytes,
        "mb_per_s": load.mb_per_s, "gb_per_month": load.gb_per_month,
    }
    if in_flight:
        out["in_flight"] = load.in_flight
    return out


def tier_json(model: TrafficModel, tier: TierLoad) -> dict:
    binding = tier.binding
    return {
        "id": tier.id, "type": tier.type, "label": tier.label,
        "avg": load_json(tier.avg), "peak": load_json(tier.peak),
        "capacity": {
            "capacity_rps": tier.capacity_rps, "max_capacity_rps": tier.max_capacity_rps,
            "utilization": tier.utilization, "saturated": tier.saturated,
            "saturation_scale": model.saturation_scale(tier.id),
            "binding": binding.name if binding else None,
            "limits": [{"name": lim.name, "demand": lim.demand, "capacity": lim.capacity, "unit": lim.unit,
                        "utilization": lim.utilization, "source": lim.source} for lim in tier.limits],
        },
        "sizing": dict(tier.sizing),
        "cost": None if tier.cost is None else {
            "monthly_usd": tier.cost.monthly,
            "lines": [{"item": line.item, "quantity": line.quantity, "unit": line.unit,
                       "unit_price_usd": line.unit_price, "monthly_usd": line.monthly, "source": line.source}
                      for line in tier.cost.lines],
            "unpriced": list(tier.cost.unpriced),
        },
        "notes": list(tier.notes),
    }


def edge_json(edge) -> dict:
    return {"id": edge.id, "source": edge.source, "target": edge.target, "kind": edge.kind,
            "avg_rps": edge.avg_rps, "peak_rps": edge.peak_rps,
            "avg": load_json(edge.avg, in_flight=False), "peak": load_json(edge.peak, in_flight=False)}


def model_json(model: TrafficModel) -> dict:
    """One spec's traffic model (the ``traffic`` object of docs/traffic-json.md)."""
    table = prices()
    return num({
        "spec": model.spec, "scale": model.scale, "has_traffic": model.has_traffic,
        "entry": {"avg": load_json(model.entry_avg, in_flight=False), "peak": load_json(model.entry, in_flight=False)},
        "tiers": [tier_json(model, t) for t in model.tiers.values()],
        "edges": [edge_json(e) for e in model.edges.values()],
        "saturation_order": [{"id": tid, "saturation_scale": s, "binding": model.tiers[tid].binding.name}
                             for tid, s in model.saturation_order()],
        "saturated": [t.id for t in model.saturated],
        "assumptions": list(model.assumptions),
        "cost": {"monthly_usd": model.monthly_cost, "currency": table["currency"], "region": table["region"],
                 "prices_as_of": table["as_of"], "estimate": True, "basis": table["basis"],
                 "priced_at_other_region_rates": list(model.priced_elsewhere),
                 "not_included": list(model.not_priced)},
    })


SIZE_SAMPLE = 100  # tiers and connections serialised to estimate the size of the whole document


def estimated_size(runs, *, pretty: bool = False) -> int:
    """About how many bytes render(runs) takes, from a sample of each model's tiers and connections:
    the traffic command refuses a document over its output limit before building it."""
    def sampled(items, encode) -> float:
        sample = list(itertools.islice(items, SIZE_SAMPLE))
        if not sample:
            return 0.0
        texts = [json_text(num(encode(item)), pretty=pretty) for item in sample]
        # indented, the items sit 6 spaces deeper in the document than on their own
        return sum(len(text) + (6 * text.count("\n") if pretty else 0) for text in texts) / len(sample)

    total = 0.0
    for model in (run.model for run in runs if run.model is not None):
        total += sampled(model.tiers.values(), lambda t, m=model: tier_json(m, t)) * len(model.tiers)
        total += sampled(model.edges.values(), edge_json) * len(model.edges)
    return int(total)


def findings_json(findings: Iterable[Finding]) -> list[dict]:
    """The analysis report's finding objects (one shape for every command), numbers rounded."""
    return [num(finding_to_json(f)) for f in findings]


def render(runs, scale: float, *, pretty: bool = False) -> str:
    """`archgen traffic --format json`: every file (``runs``: archgen.pipeline.TrafficRun) in one document."""
    document = {
        "schema_version": SCHEMA_VERSION, "archgen": __version__, "scale": scale,
        "files": [{
            "file": run.file, "valid": run.checked.spec is not None, "unreadable": run.checked.unreadable,
            "diagnostics": [d.to_json() for d in run.checked.diagnostics],
            "traffic": model_json(run.model) if run.model is not None else None,
            "findings": findings_json(run.findings),
        } for run in runs],
        "saturated": any(run.saturated for run in runs),
    }
    return json_text(document, pretty=pretty)
