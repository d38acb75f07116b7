"""Region-level N+1: after losing a Region, can the tiers of the Regions left carry the peak?

The lost Region's requests move where the design sends them (AWS DR whitepaper, "Multi-site
active/active": "Can the other Region(s) handle all the traffic?"): a router's share to a
failed target goes to the targets its route hands over to — a failover secondary, the other
records of a health-checked latency or weighted set — and a standby connection (a CloudFront
origin group's secondary) takes its primary's requests. Requests a router keeps sending to a
failed target (no health check) are lost with it, not moved. The traffic model is then run
again on that rerouted spec (``archgen.traffic``: the same arithmetic as the normal one), and
each tier of the Regions left whose peak grows is compared, at 100% utilisation like the AZ
check, with what it serves at its current size and at its largest.

A tier that must grow to serve the new peak contributes a scale-out step to the RTO: its type's
published scaling rate (``Traffic.scale_out``: Lambda adds 1,000 execution environments every
10 s; DynamoDB on-demand takes double its previous peak at once), else ``dr.scale_out_time``,
else unknown. Stores of the lost Region served by their copy elsewhere are not capacity-checked:
the spec does not size the copies.
"""

from __future__ import annotations

from dataclasses import replace

from archgen import catalogue
from archgen.analysis.failure_domains import FailureOutcome, RegionTierCapacity
from archgen.analysis.redundancy import DOWN
from archgen.analysis.routing import Routing
from archgen.catalogue.base import Recovery, Role
from archgen.formatting import rate
from archgen.model import Connection, Spec
from archgen.traffic import TrafficModel, model_traffic

NOTE = ("peak after failover from archgen.traffic with the lost Region's requests rerouted; capacity at 100% "
        "utilisation at the current size and at the largest")
SCALE_SOURCE = ('AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud", "Warm standby": scale '
                "out with Auto Scaling, a control-plane operation AWS publishes no duration for — "
                "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
                "disaster-recovery-options-in-the-cloud.html")


def region_capacity_checker(spec: Spec, model: TrafficModel, routing: Routing):
    """function(outcome, changed states) -> the outcome with the capacity of the Regions left, or with the
    reason it is unknown ("unknown" status)."""
    dr = spec.dr
    why = ""
    if spec.objectives.survive != "region" or len(spec.regions) < 2:
        why = "the objectives do not ask to survive a Region"
    elif not model.has_traffic:
        why = "the spec has no traffic profile: capacity after losing a Region is unknown"
    elif dr is not None and dr.strategy == "backup-restore":
        why = "backup & restore rebuilds the recovery Region: its capacity is not in the spec"
    if why:
        return lambda outcome, changed: replace(outcome, capacity_note=why)

    def check(outcome: FailureOutcome, changed: dict[str, str]) -> FailureOutcome:
        down = frozenset(cid for cid, state in changed.items() if state == DOWN)
        if not any(c.region == outcome.name for c in spec.components):
            return replace(outcome, capacity_status="ok", capacity_note="nothing runs in this Region")
        after = model_traffic(failed_over(spec, down, routing))
        tiers = tuple(takeover(spec, model, after, outcome.name, down))
        status = "short" if any(t.enough is False or t.enough_at_max is False for t in tiers) else "ok"
        return replace(outcome, capacity=tiers, capacity_status=status, capacity_note=NOTE)

    return check


def takeover(spec: Spec, before: TrafficModel, after: TrafficModel, lost: str, down: frozenset[str]):
    """The tiers of the Regions left whose peak grows, with what they serve and how they grow."""
    for c in spec.components:
        if c.region is None or c.region == lost or c.id in down:
            continue
        was, now = before.tiers[c.id], after.tiers[c.id]
        if now.peak_rps <= was.peak_rps + 1e-9:
            continue
        current, most = now.capacity_rps, now.max_capacity_rps
        hook = catalogue.of(c).traffic.scale_out
        if hook is not None:
            scale = hook(c, was, now)
        elif current is not None and now.peak_rps > current + 1e-9 and (most is None or most >= now.peak_rps - 1e-9):
            scale = Recovery(f"scale out from {rate(current)} at its current size to the {rate(now.peak_rps)} peak",
                             None, SCALE_SOURCE)
        else:
            scale = None
        if current is None and most is None and scale is None:
            continue  # no ceiling known or published (a load balancer scales itself): nothing to compare
        yield RegionTierCapacity(c.id, c.region, was.peak_rps, now.peak_rps, current, most, scale)


def failed_over(spec: Spec, down: frozenset[str], routing: Routing) -> Spec:
    """``spec`` with the requests sent to the ``down`` components moved where the design sends them instead."""
    shares = {conn.id: conn.share for conn in spec.connections}
    pinned = routing.pinned
    for source in spec.components:
        outgoing = [x for x in spec.outgoing(source.id) if x.carries_requests]
        lost = [x for x in outgoing if not x.standby and x.target in down and x.share > 0]
        if not lost:
            continue
        router = catalogue.of(source).role_for(source) is Role.ROUTER
        for connection in lost:
            moved = shares[connection.id]
            shares[connection.id] = 0.0
            if any(router_id == source.id for router_id, _ in pinned.get(connection.target, ())):
                continue  # the router keeps sending these to the failed target: they fail with it
            siblings = routing.siblings(source.id, connection.target)
            up = [x for x in outgoing if x.target not in down and x.id != connection.id
                  and (siblings is None or x.target in siblings)]
            standby = [x for x in up if x.standby]
            if standby:
                for x in standby:
                    shares[x.id] += moved / len(standby)
            elif router:
                normal = [x for x in up if not x.standby and shares[x.id] > 0]
                weight = sum(shares[x.id] for x in normal)
                for x in normal:
                    shares[x.id] += moved * shares[x.id] / weight
    connections = tuple(c if shares[c.id] == c.share else _with_share(c, shares[c.id]) for c in spec.connections)
    return replace(spec, connections=connections)


def _with_share(connection: Connection, share: float) -> Connection:
    return replace(connection, share=share, standby=False if share > 0 else connection.standby)
