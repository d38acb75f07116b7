"""N+1 check after losing an AZ: can what survives serve the peak the traffic model predicts?

Without a traffic profile in the spec, capacity after a loss is reported as "unknown" with the
reason, never guessed.
"""

from __future__ import annotations

from dataclasses import replace

from archgen.analysis.failure_domains import FailureOutcome, TierCapacity
from archgen.analysis.redundancy import instances_per_az
from archgen.model import Spec
from archgen.traffic import TrafficModel
from archgen.traffic.capacity import capacity_rps

NO_PROFILE = "the spec has no traffic profile: capacity after a loss is unknown"


def capacity_checker(spec: Spec, model: TrafficModel, zonal: list | None = None):
    """(function(outcome, lost_azs) -> outcome with capacity, note), or (None, why not).

    ``zonal``: (component, ``instances_per_az``) of every zonal component in spec order, when the
    caller already has them (``LossStates.zonal``); the others have no instances to lose.
    """
    if not model.has_traffic:
        return None, NO_PROFILE
    # the components with instances and a peak to serve, indexed by AZ once for every scenario
    tiers_at_risk = []  # (component, instances per AZ, instances in all, peak rps), in spec order
    if zonal is None:
        zonal = [(c, instances_per_az(c)) for c in spec.components]
    for c, instances in zonal:
        if not instances:
            continue
        tier = model.tiers.get(c.id)
        peak = None if tier is None else tier.peak_rps
        if peak is not None and peak > 0:
            tiers_at_risk.append((c, instances, sum(instances.values()), peak))
    in_az: dict[str, list[int]] = {}
    for i, (_, instances, _, _) in enumerate(tiers_at_risk):
        for az in instances:
            in_az.setdefault(az, []).append(i)

    def check(outcome: FailureOutcome, lost_azs: frozenset[str]) -> FailureOutcome:
        tiers = []
        for i in sorted({i for az in lost_azs for i in in_az.get(az, ())}):
            c, instances, before, peak = tiers_at_risk[i]
            surviving = frozenset(az for az in c.azs if az not in lost_azs)
            capacity = capacity_rps(c, spec, surviving_azs=surviving)
            if capacity is None:
                continue  # no published ceiling (a load balancer scales itself): nothing to compare
            left = sum(n for az, n in instances.items() if az not in lost_azs)
            tiers.append(TierCapacity(c.id, left, before, float(capacity), peak))
        status = "short" if any(t.enough is False for t in tiers) else "ok"
        return replace(outcome, capacity=tuple(tiers), capacity_status=status)

    return check, "capacity from archgen.traffic: peak demand per tier and capacity_rps of what survives"
