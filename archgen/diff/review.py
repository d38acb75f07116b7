"""What a change does to the architecture: structure, findings, availability, traffic and cost.

Compares two SpecRuns (base and head of a pull request). Findings are matched on
(rule, components): a finding whose numbers moved is the same finding, not resolved + new.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archgen.diff.structure import StructuralDiff, structural_diff
from archgen.findings import Finding


@dataclass(frozen=True)
class TierDelta:
    id: str
    label: str
    type: str
    peak_before: float | None
    peak_after: float | None
    utilisation_before: float | None
    utilisation_after: float | None
    cost_before: float | None
    cost_after: float | None


@dataclass(frozen=True)
class Review:
    base_file: str
    head_file: str
    base: object | None  # SpecRun, None when the spec is new
    head: object | None  # SpecRun, None when the spec was deleted
    structure: StructuralDiff = field(default_factory=StructuralDiff)
    new_findings: tuple[Finding, ...] = ()
    resolved_findings: tuple[Finding, ...] = ()
    tiers: tuple[TierDelta, ...] = ()

    @property
    def title(self) -> str:
        run = self.head if self.head is not None and self.head.valid else self.base
        return run.spec.title if run is not None and run.valid else self.head_file

    def availability(self) -> tuple[float | None, float | None]:
        return (_availability(self.base), _availability(self.head))

    def entry_peak(self) -> tuple[float | None, float | None]:
        return (_entry(self.base), _entry(self.head))

    def monthly_cost(self) -> tuple[float | None, float | None]:
        return (_cost(self.base), _cost(self.head))

    def target(self) -> float | None:
        run = self.head if self.head is not None and self.head.valid else self.base
        return run.spec.objectives.availability if run is not None and run.valid else None

    @property
    def unchanged(self) -> bool:
        return (self.structure.empty and not self.new_findings and not self.resolved_findings
                and self.base is not None and self.head is not None)


def _valid(run) -> bool:
    return run is not None and run.valid


def _availability(run) -> float | None:
    return run.analysis.availability.percent if _valid(run) else None


def _entry(run) -> float | None:
    return run.traffic.entry.rps if _valid(run) and run.traffic.has_traffic else None


def _cost(run) -> float | None:
    return run.traffic.monthly_cost if _valid(run) and run.traffic.has_traffic else None


def finding_key(finding: Finding) -> tuple:
    return (finding.rule, finding.components)


def _tier_deltas(base, head) -> tuple[TierDelta, ...]:
    before = base.traffic.tiers if _valid(base) and base.traffic.has_traffic else {}
    after = head.traffic.tiers if _valid(head) and head.traffic.has_traffic else {}
    out = []
    for tier_id in list(after) + [t for t in before if t not in after]:
        a, b = before.get(tier_id), after.get(tier_id)
        latest = b or a
        delta = TierDelta(
            tier_id, latest.label, latest.type,
            None if a is None else a.peak_rps, None if b is None else b.peak_rps,
            None if a is None else a.utilization, None if b is None else b.utilization,
            None if a is None or a.cost is None else a.cost.monthly,
            None if b is None or b.cost is None else b.cost.monthly,
        )
        if _moved(delta.peak_before, delta.peak_after) or _moved(delta.utilisation_before, delta.utilisation_after) \
                or _moved(delta.cost_before, delta.cost_after):
            out.append(delta)
    return tuple(out)


def _moved(before: float | None, after: float | None) -> bool:
    if before is None or after is None:
        return before != after
    return abs(before - after) > 1e-9 * max(1.0, abs(before), abs(after))


def review(base, head, base_file: str, head_file: str) -> Review:
    """``base``/``head``: SpecRuns (or None for a spec that does not exist on that side)."""
    structure = StructuralDiff()
    if _valid(base) and _valid(head):
        structure = structural_diff(base.spec, head.spec)
    before = {finding_key(f): f for f in base.analysis.active} if _valid(base) else {}
    after = {finding_key(f): f for f in head.analysis.active} if _valid(head) else {}
    new = [f for k, f in after.items() if k not in before]
    resolved = [f for k, f in before.items() if k not in after]
    # A rule that reports once per spec (e.g. the critical path's availability) and now names
    # other components is the same finding, moved: not one resolved and one new.
    for rule in {f.rule for f in new} & {f.rule for f in resolved}:
        if sum(f.rule == rule for f in new) == 1 and sum(f.rule == rule for f in resolved) == 1 \
                and sum(f.rule == rule for f in after.values()) == 1 and sum(f.rule == rule for f in before.values()) == 1:
            new = [f for f in new if f.rule != rule]
            resolved = [f for f in resolved if f.rule != rule]
    new = tuple(sorted(new, key=Finding.sort_key))
    resolved = tuple(sorted(resolved, key=Finding.sort_key))
    return Review(base_file, head_file, base, head, structure, new, resolved, _tier_deltas(base, head))
