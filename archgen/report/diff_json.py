"""`archgen diff --format json`: what a change does, for programs (schema_version 1).

One object per compared spec (structure, findings new and resolved, availability, traffic and
cost before and after, tiers that moved) under the verdict every diff report shares.
"""

from __future__ import annotations

from archgen.diff.structure import plain
from archgen.report.findings_json import finding_to_json
from archgen.report.json_text import dumps

SCHEMA_VERSION = 1


def _item(change) -> dict:
    return {"id": change.id, "kind": change.kind, "type": change.type,
            "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in change.changes]}


def review_json(r) -> dict:
    """One compared spec (``r``: archgen.diff.review.Review)."""
    availability, entry, cost = r.availability(), r.entry_peak(), r.monthly_cost()
    return {
        "base": r.base_file, "head": r.head_file,
        "base_exists": r.base is not None, "head_exists": r.head is not None,
        "base_valid": r.base is not None and r.base.valid,
        "head_valid": r.head is not None and r.head.valid,
        "components": [_item(c) for c in r.structure.components],
        "connections": [_item(c) for c in r.structure.connections],
        "system": [{"field": c.field, "before": plain(c.before), "after": plain(c.after)} for c in r.structure.system],
        "new_findings": [finding_to_json(f) for f in r.new_findings],
        "resolved_findings": [finding_to_json(f) for f in r.resolved_findings],
        "availability_percent": {"before": availability[0], "after": availability[1]},
        "entry_peak_rps": {"before": entry[0], "after": entry[1]},
        "monthly_cost_usd": {"before": cost[0], "after": cost[1]},
        "tiers": [plain(t) for t in r.tiers],
    }


def render(reviews, judgement) -> str:
    """The whole document (``judgement``: archgen.diff.verdict.Judgement)."""
    document = {"schema_version": SCHEMA_VERSION, "fail_on": judgement.fail_on, "verdict": judgement.verdict.value,
                "failed": judgement.failed, "reviews": [review_json(r) for r in reviews]}
    return dumps(document, indent=2, ensure_ascii=False) + "\n"
