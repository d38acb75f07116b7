"""N+1 check after losing an AZ: can what survives serve the peak the traffic model predicts?

Without a traffic profile in the spec, capacity after a loss is reported as "unknown" with the
reason, never guessed.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from archgen import catalogue
from archgen.analysis.failure_domains import FailureOutcome, TierCapacity
from archgen.analysis.redundancy import instances_per_az
from archgen.model import Spec
from archgen.traffic import TrafficModel

NO_PROFILE = "the spec has no traffic profile: capacity after a loss is unknown"

_new_tier = partial(tuple.__new__, TierCapacity)  # TierCapacity(...) from its fields in order: thousands per spec


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
    tiers_at_risk = []  # (its id, component, instances per AZ, instances in all, peak rps, AZs it may use, capacity hook)
    if zonal is None:
        zonal = [(c, instances_per_az(c)) for c in spec.components]
    in_az: dict[str, list[int]] = {}  # AZ -> the tiers (positions in tiers_at_risk) whose capacity it holds
    loads, no_azs = model.tiers, frozenset()
    hooks: dict[str, tuple] = {}  # type -> its (surviving_capacity, capacity_azs) hooks, looked up once per type
    for c, instances in zonal:
        if not instances:
            continue
        found = hooks.get(c.type)
        if found is None:
            traffic = kinds[c.type].traffic
            found = hooks[c.type] = (traffic.surviving_capacity, traffic.capacity_azs)
        surviving_capacity, capacity_azs = found
        tier = loads.get(c.id)
        if tier is None or surviving_capacity is None:
            continue
        peak = tier.peak.rps
        if peak is None or peak <= 0:
            continue
        holding = dict.fromkeys(capacity_azs(c)) if capacity_azs is not None else instances  # each AZ once
        for az in holding:
            in_az.setdefault(az, []).append(len(tiers_at_risk))
        tiers_at_risk.append((c.id, c, instances, sum(instances.values()), peak,
                              region_azs.get(c.region, no_azs).union(c.azs, holding), surviving_capacity))

    def check(outcome: FailureOutcome, lost_azs: frozenset[str]) -> FailureOutcome:
        tiers = []
        short = False
        if len(lost_azs) == 1:  # each AZ's tiers are listed in spec order
            (lost,) = lost_azs
            at_risk = in_az.get(lost, ())
        else:
            lost = None
            at_risk = sorted({i for az in lost_azs for i in in_az.get(az, ())})
        for i in at_risk:
            cid, c, instances, before, peak, azs, surviving_capacity = tiers_at_risk[i]
            capacity = surviving_capacity(c, spec, azs - lost_azs)  # capacity_rps(c, spec, surviving AZs)
            if capacity is None:
                continue  # no published ceiling (a load balancer scales itself): nothing to compare
            capacity = float(capacity)
            left = before - (instances.get(lost, 0) if lost is not None
                             else sum([instances.get(az, 0) for az in lost_azs]))
            tiers.append(_new_tier((cid, left, before, capacity, peak)))
            short = short or not capacity >= peak  # TierCapacity.enough is False (the peak is known)
        return replace(outcome, capacity=tuple(tiers), capacity_status="short" if short else "ok")

    return check, "capacity from archgen.traffic: peak demand per tier and capacity_rps of what survives"
