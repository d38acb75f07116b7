"""N+1 check after losing an AZ: can what survives serve the peak the traffic model predicts?

Without a traffic profile in the spec, capacity after a loss is reported as "unknown" with the
reason, never guessed.
"""

from __future__ import annotations

from dataclasses import replace

from archgen import catalogue
from archgen.analysis.failure_domains import FailureOutcome, TierCapacity
from archgen.analysis.redundancy import instances_per_az
from archgen.model import Spec
from archgen.traffic import TrafficModel

NO_PROFILE = "the spec has no traffic profile: capacity after a loss is unknown"


def capacity_checker(spec: Spec, model: TrafficModel, zonal: list | None = None):
    """(function(outcome, lost_azs) -> outcome with capacity, note), or (None, why not).

    ``zonal``: (component, ``instances_per_az``) of every zonal component in spec order, when the
    caller already has them (``LossStates.zonal``); the others have no instances to lose.
    """
    if not model.has_traffic:
        return None, NO_PROFILE
    # the components with instances, a peak to serve and a capacity model, indexed by AZ once for every scenario
    kinds = catalogue.by_name()
    # capacity_rps wants every AZ still up in the tier's Region, not only its own: replicas may sit elsewhere
    region_azs = {region.name: frozenset(region.azs) for region in spec.regions}
    tiers_at_risk = []  # (component, instances per AZ, instances in all, peak rps, AZs it may use, capacity hook)
    if zonal is None:
        zonal = [(c, instances_per_az(c)) for c in spec.components]
    in_az: dict[str, list[int]] = {}  # AZ -> the tiers (positions in tiers_at_risk) whose capacity it holds
    for c, instances in zonal:
        if not instances:
            continue
        tier = model.tiers.get(c.id)
        peak = None if tier is None else tier.peak_rps
        traffic = kinds[c.type].traffic
        if peak is None or peak <= 0 or traffic.surviving_capacity is None:
            continue
        holding = frozenset(traffic.capacity_azs(c) if traffic.capacity_azs is not None else instances)
        for az in holding:
            in_az.setdefault(az, []).append(len(tiers_at_risk))
        tiers_at_risk.append((c, instances, sum(instances.values()), peak,
                              region_azs.get(c.region, frozenset()) | frozenset(c.azs) | holding,
                              traffic.surviving_capacity))

    def check(outcome: FailureOutcome, lost_azs: frozenset[str]) -> FailureOutcome:
        tiers = []
        if len(lost_azs) == 1:  # each AZ's tiers are listed in spec order
            (az,) = lost_azs
            at_risk = in_az.get(az, ())
        else:
            at_risk = sorted({i for az in lost_azs for i in in_az.get(az, ())})
        for i in at_risk:
            c, instances, before, peak, azs, surviving_capacity = tiers_at_risk[i]
            capacity = surviving_capacity(c, spec, azs - lost_azs)  # capacity_rps(c, spec, surviving AZs)
            if capacity is None:
                continue  # no published ceiling (a load balancer scales itself): nothing to compare
            left = before - sum([instances.get(az, 0) for az in lost_azs])
            tiers.append(TierCapacity(c.id, left, before, float(capacity), peak))
        status = "short" if any(t.enough is False for t in tiers) else "ok"
        return replace(outcome, capacity=tuple(tiers), capacity_status=status)

    return check, "capacity from archgen.traffic: peak demand per tier and capacity_rps of what survives"
