"""Recovery time (RTO) and recovery point (RPO), step by step, each step's figure with where it comes from.

The scope is the objectives': ``survive: az`` estimates losing the worst AZ, ``survive: region``
losing the primary Region (every Region for active/active). docs/dr-model.md explains the model.

A recovery is a list of steps in phases: detect the failure, decide to fail over (manual
failover), recover (fail over, rebuild, restore, promote, scale out), switch traffic. Each
step's duration is an interval [low, high] with its provenance:

* ``aws``: a figure AWS publishes, cited ("failover times are typically 60–120 seconds");
* ``derived``: arithmetic on published figures (health-check interval × failure threshold);
* ``declared``: the spec's own figure (``dr.decision_time``, ``dr.rebuild_time``, ...), as the
  team's drills measure it;
* ``unknown``: AWS publishes none and the spec declares none.

An unknown step makes the total unknown: never a number. Phases follow one another (their
intervals add up); the steps of a detect or switch phase run at the same time (the slowest
decides), and so do automatic failovers after an AZ loss; the recovery steps of a Region
failover (rebuild, restore, promote, scale out) may run at the same time or one after another
as the runbook says, so their phase lasts from the slowest one to all of them in a row.
Nothing to evaluate (no entry point, no store the workload writes) is "not evaluated", never 0 s.

RPO, per store written by the workload: synchronous copies lose nothing; asynchronous
replication loses its lag (unknown when AWS publishes none); backups copied to the recovery
Region lose up to one interval; a store with no copy outside the failed domain loses
everything written since it was created (unbounded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from archgen import catalogue
from archgen import model as m
from archgen.analysis.failure_domains import FailureDomainReport, FailureOutcome, RegionTierCapacity
from archgen.analysis.graph import RequestGraph
from archgen.analysis.redundancy import (
    backup_copy_intervals, backup_copy_regions, backup_intervals, backup_plans, replication_holders, stateful_types,
    written_stores,
)
from archgen.analysis.routing import Routing
from archgen.catalogue.base import Recovery, RecoveryPoint
from archgen.formatting import duration, duration_range
from archgen.model import Spec

# where a step's figure comes from
AWS, DERIVED, DECLARED, UNKNOWN = "aws", "derived", "declared", "unknown"
# what an estimate is
ESTIMATED, NOT_KNOWN, UNBOUNDED, NOT_EVALUATED = "estimated", "unknown", "unbounded", "not evaluated"
# phases, in the order they happen
DETECT, DECIDE, RECOVER, SWITCH = "detect", "decide", "recover", "switch traffic"
PHASES = (DETECT, DECIDE, RECOVER, SWITCH)

WHITEPAPER = 'AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud"'
OPTIONS_URL = ("https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
               "disaster-recovery-options-in-the-cloud.html")
DETECTION_URL = "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/detection.html"
DETECTION_SOURCE = (f'{WHITEPAPER}, "Detection": detect the incident, notify, escalate, evaluate and declare a '
                    f"disaster before recovering; AWS publishes no duration for it — {DETECTION_URL}")
REBUILD_SOURCE = (f'{WHITEPAPER}, "Backup and restore": redeploy the infrastructure, configuration and application '
                  f"code in the recovery Region — {OPTIONS_URL}")
RESTORE_SOURCE = (f'{WHITEPAPER}, "Backup and restore": data stored in the recovery Region as backups must be '
                  f"restored at the time of failover — {OPTIONS_URL}")
SWITCH_ON_SOURCE = (f'{WHITEPAPER}, "Pilot light": "turn on" servers and possibly deploy additional (non-core) '
                    f"infrastructure — {OPTIONS_URL}")
SCALE_SOURCE = (f'{WHITEPAPER}, "Warm standby": scale out the recovery Region to full production capacity with Auto '
                f"Scaling — {OPTIONS_URL}")
BACKUP_SOURCE = (f'{WHITEPAPER}, "Backup and restore": how often backups run determines the recovery point — '
                 f"{OPTIONS_URL}")
PLAN_SOURCE = (f"{BACKUP_SOURCE}; the interval is the longest gap of the backup plan's schedule in the spec (AWS "
               "Backup keeps each backup in a backup vault of the plan's Region, apart from the resource)")
STRATEGY_WORDS = {"backup-restore": "backup & restore", "pilot-light": "pilot light", "warm-standby": "warm standby",
                  "active-active": "multi-site active/active"}


# --------------------------------------------------------------------------- steps and estimates
class Step(NamedTuple):
    """One step of a recovery: what happens, how long it takes (an interval) and where that comes from (a
    named tuple: losing an AZ of a large spec has thousands)."""

    phase: str  # detect | decide | recover | switch traffic
    what: str
    low_s: float | None  # None with high_s: unknown
    high_s: float | None
    provenance: str  # aws | derived | declared | unknown
    source: str  # the AWS page (with its link), or where the spec declares it
    declare: str = ""  # the dr key that would declare its duration (for a step AWS publishes no figure for)
    blocking: bool = False  # nothing in the design recovers it (a flow with no path left), not just unpublished
    components: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.high_s is not None

    def text(self) -> str:
        """'60–120 s [aws: Amazon RDS User Guide ...]', 'unknown [declare dr.decision_time]'."""
        figure = duration_range(self.low_s, self.high_s, missing="unknown")
        hint = f"; declare {self.declare}" if self.declare and not self.known else ""
        return f"{figure} [{self.provenance}: {self.source}{hint}]"

    def to_json(self) -> dict:
        return {"phase": self.phase, "what": self.what, "low_seconds": self.low_s, "high_seconds": self.high_s,
                "provenance": self.provenance, "source": self.source, "declare": self.declare,
                "blocking": self.blocking, "components": list(self.components)}


@dataclass(frozen=True)
class Estimate:
    """An RTO or RPO: an interval of seconds when every step is known, else why not."""

    status: str  # estimated | unknown | unbounded | not evaluated
    low_s: float | None
    high_s: float | None
    objective_s: float | None
    reason: str = ""  # why it is unknown, unbounded or not evaluated
    at_least_s: float | None = None  # unknown: what the known steps alone already take (a lower bound, not an estimate)
    # the interval is where in a copy window the failure strikes, not doubt about a duration (an RPO): the
    # objective must hold for the worst moment, so only the high end is judged
    worst_case: bool = False

    @property
    def meets(self) -> bool | None:
        """True when even the high end fits the objective, False when even the low end does not (or
        nothing bounds it, or the known steps alone exceed it); None otherwise (no objective, unknown,
        or the interval straddles it)."""
        if self.objective_s is None or self.status == NOT_EVALUATED:
            return None
        if self.status == UNBOUNDED:
            return False
        if self.status != ESTIMATED:
            return False if self.at_least_s is not None and self.at_least_s > self.objective_s + 1e-9 else None
        if self.high_s <= self.objective_s + 1e-9:
            return True
        if self.worst_case or self.low_s > self.objective_s + 1e-9:
            return False
        return None

    def text(self) -> str:
        """'60–120 s', 'up to 1 s', 'unknown (at least 22 min)', 'unbounded', 'not evaluated'."""
        if self.status == ESTIMATED:
            return duration_range(self.low_s, self.high_s)
        if self.status == NOT_KNOWN and self.at_least_s:
            return f"unknown (at least {duration(self.at_least_s)})"
        return self.status

    def to_json(self) -> dict:
        return {"status": self.status, "low_seconds": self.low_s, "high_seconds": self.high_s,
                "at_least_seconds": self.at_least_s, "objective_seconds": self.objective_s, "meets": self.meets,
                "reason": self.reason}


class StoreRecoveryPoint(NamedTuple):
    """The data-loss window of one store (a named tuple: a large spec has thousands)."""

    component: str
    high_s: float | None  # data-loss window (the low end is 0: a failure right after a copy loses nothing)
    provenance: str  # aws | declared | unknown (a lag AWS does not publish) | lost
    mechanism: str
    source: str
    lost: bool = False  # no copy outside the failed domain: everything written can be lost

    def text(self) -> str:
        figure = "all data" if self.lost else duration_range(0.0, self.high_s, missing="lag not published")
        return f"{figure} — {self.mechanism} [{self.provenance}: {self.source}]"

    def to_json(self) -> dict:
        return {"component": self.component, "low_seconds": None if self.high_s is None else 0.0,
                "high_seconds": self.high_s, "provenance": self.provenance, "mechanism": self.mechanism,
                "source": self.source, "lost": self.lost}


@dataclass(frozen=True)
class RecoveryEstimate:
    scope: str  # az | region
    rto_steps: tuple[Step, ...]
    stores: tuple[StoreRecoveryPoint, ...]
    rto: Estimate
    rpo: Estimate
    strategy: str | None = None  # the dr strategy (region scope)
    lost: str = ""  # what the estimate loses: "any one AZ", "us-east-1"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        """'losing any one AZ', 'losing us-east-1 (warm standby)'."""
        strategy = f" ({STRATEGY_WORDS.get(self.strategy, self.strategy)})" if self.strategy else ""
        return f"losing {self.lost or ('an AZ' if self.scope == 'az' else 'a Region')}{strategy}"

    def to_json(self) -> dict:
        return {"scope": self.scope, "strategy": self.strategy, "lost": self.lost, "rto": self.rto.to_json(),
                "rpo": self.rpo.to_json(), "rto_steps": [s.to_json() for s in self.rto_steps],
                "stores": [s.to_json() for s in self.stores], "notes": list(self.notes)}


def step_from(phase: str, what: str, recovery: Recovery, *, declared: float | None = None, key: str = "",
              declared_at: m.Location | None = None, components: tuple[str, ...] = ()) -> Step:
    """A step timed by the spec's declared figure, else by the catalogue's AWS (or derived) figure, else unknown."""
    if declared is not None:
        where = f"dr.{key} in the spec" + (f" (line {declared_at.line})" if declared_at and declared_at.line else "")
        return Step(phase, what, declared, declared, DECLARED, where, components=components)
    if recovery.seconds is None:
        return Step(phase, what, None, None, UNKNOWN, recovery.source, declare=f"dr.{key}" if key else "",
                    components=components)
    low = recovery.low_seconds if recovery.low_seconds is not None else 0.0
    return Step(phase, what, low, recovery.seconds, DERIVED if recovery.derived else AWS, recovery.source,
                components=components)


def _unknown_reason(steps) -> str:
    missing = [s for s in steps if not s.known]
    first = missing[0]
    hint = f" (declare {first.declare})" if first.declare else ""
    more = f" and {len(missing) - 1} more step{'s' if len(missing) > 2 else ''}" if len(missing) > 1 else ""
    return f"no figure for: {first.what}{hint}{more}"


def total_time(steps: tuple[Step, ...], *, either_order: frozenset[str] = frozenset()) -> tuple[float, float] | None:
    """[low, high] of the whole recovery: phases add up; a phase lasts as long as its slowest step, or,
    for a phase in ``either_order``, up to all its steps one after another. None when a step is unknown."""
    if any(not s.known for s in steps):
        return None
    return _low_end(steps), _high_end(steps, either_order)


def _low_end(steps) -> float:
    """The sum over phases of each phase's slowest low end (of its known steps; one pass: losing an AZ of a
    large spec has thousands)."""
    slowest = dict.fromkeys(PHASES, 0.0)
    for s in steps:
        if s.known and s.low_s > slowest[s.phase]:
            slowest[s.phase] = s.low_s
    return sum(slowest[phase] for phase in PHASES)


def _high_end(steps, either_order) -> float:
    per_phase: dict[str, list[float]] = {}
    for s in steps:
        per_phase.setdefault(s.phase, []).append(s.high_s)
    high = 0.0
    for phase in PHASES:
        inside = per_phase.get(phase)
        if inside:
            high += sum(inside) if phase in either_order else max(inside)
    return high


def _rto(steps: tuple[Step, ...], objective: float | None, *, either_order: frozenset[str] = frozenset(),
         not_evaluated: str = "") -> Estimate:
    if not_evaluated:
        return Estimate(NOT_EVALUATED, None, None, objective, not_evaluated)
    blocking = [s for s in steps if s.blocking]
    if blocking:  # nothing in the design recovers it: no figure, declared or published, could bound it
        more = f" (and {len(blocking) - 1} more)" if len(blocking) > 1 else ""
        return Estimate(UNBOUNDED, None, None, objective, f"nothing in the design recovers: {blocking[0].what}{more}")
    if not steps:
        return Estimate(ESTIMATED, 0.0, 0.0, objective, "no step: nothing the loss takes down needs recovering")
    interval = total_time(steps, either_order=either_order)
    if interval is None:  # the known steps still bound it from below
        at_least = _low_end(steps)
        return Estimate(NOT_KNOWN, None, None, objective, _unknown_reason(steps), at_least_s=at_least or None)
    return Estimate(ESTIMATED, interval[0], interval[1], objective)


def _rpo(stores: tuple[StoreRecoveryPoint, ...], objective: float | None) -> Estimate:
    if not stores:
        return Estimate(NOT_EVALUATED, None, None, objective, "no store the workload writes to")
    lost = [s.component for s in stores if s.lost]
    if lost:
        return Estimate(UNBOUNDED, None, None, objective,
                        f"no copy survives of {', '.join(lost)}: everything written to it can be lost")
    unknown = [s for s in stores if s.high_s is None]
    if unknown:
        return Estimate(NOT_KNOWN, None, None, objective,
                        f"{unknown[0].component}: {unknown[0].mechanism}" +
                        (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""))
    return Estimate(ESTIMATED, 0.0, max(s.high_s for s in stores), objective, worst_case=True)


# --------------------------------------------------------------------------- estimates
def estimate(spec: Spec, domains: FailureDomainReport, graph: RequestGraph) -> RecoveryEstimate:
    objectives = spec.objectives
    no_flows = "no entry point: no request flow to recover" if not graph.flows else ""
    if objectives.survive == "region":
        return _region_estimate(spec, domains, graph, no_flows)
    steps = _az_steps(spec, domains, graph)
    stores = tuple(_az_rpo(spec, graph))
    nothing = no_flows or ("" if domains.azs else "no AZ declared")
    return RecoveryEstimate("az", steps, stores, _rto(steps, objectives.rto_s, not_evaluated=nothing),
                            _rpo(stores, objectives.rpo_s), lost="any one AZ")


def _az_steps(spec: Spec, domains: FailureDomainReport, graph: RequestGraph) -> tuple[Step, ...]:
    """Automatic failovers after losing an AZ run at the same time; a flow the loss cuts is rebuilt by hand."""
    steps: dict[str, Step] = {}
    for outcome in domains.azs:
        for flow in outcome.cut:
            down = outcome.down_on(graph.paths_through(flow))
            steps[f"rebuild:{outcome.name}:{flow.label}"] = Step(
                RECOVER, f"losing {outcome.name} cuts {flow.label} (down: {', '.join(down) or 'none'}): nothing fails "
                         "over; it is rebuilt by hand", None, None, UNKNOWN, "no automatic recovery in the design",
                blocking=True, components=tuple(down))
        for cid in outcome.failover:
            if (key := f"failover:{cid}") in steps:
                continue  # failed over in another AZ already: the same step
            c = spec.component(cid)
            recovery = catalogue.of(c).recovery_for(c)
            steps[key] = step_from(RECOVER, f"{cid}: {recovery.how}", recovery, components=(cid,))
    # a load balancer's step depends on it alone: added once if any lost AZ holds one of its targets
    lost_azs = {outcome.name for outcome in domains.azs}
    for lb in graph.of_class(m.LoadBalancer):
        if lb.health_check is None:
            continue
        targets = [spec.component(x.target) for x in spec.outgoing(lb.id) if x.carries_requests]
        if any(az in lost_azs for t in targets for az in t.azs):
            hc = lb.health_check
            seconds = hc.interval_s * hc.unhealthy_threshold
            steps[f"lb:{lb.id}"] = Step(
                RECOVER, f"{lb.id}: its health check takes the targets in the lost AZ out ({hc.interval_s:g} s × "
                         f"{hc.unhealthy_threshold})", seconds, seconds, DERIVED,
                'Elastic Load Balancing User Guide, "Health checks for your target groups" — '
                "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html",
                components=(lb.id,))
    return tuple(step for _, step in sorted(steps.items()))


def _az_rpo(spec: Spec, graph: RequestGraph) -> list[StoreRecoveryPoint]:
    out = []
    backed_up = backup_intervals(spec, backup_plans(graph.of_type))
    for c in written_stores(spec, graph.of_type(*stateful_types())):  # the only types that can hold data
        point = catalogue.of(c).redundancy.az_recovery_point(c)
        every = backed_up.get(c.id)
        if point is not None and every is not None and (point.lost or (point.seconds or 0.0) > every):
            # a store that loses every copy with its AZ (or keeps an older one) restores its last backup
            out.append(StoreRecoveryPoint(c.id, every, DECLARED, f"restore its last backup from the Region's backup "
                                          f"vault (a backup plan backs it up every {duration(every)})", PLAN_SOURCE))
        elif point is not None:
            out.append(_store_point(c, point))
    return out


def _store_point(c: m.Component, point: RecoveryPoint) -> StoreRecoveryPoint:
    provenance = "lost" if point.lost else (AWS if point.seconds is not None else UNKNOWN)
    return StoreRecoveryPoint(c.id, point.seconds, provenance, point.mechanism, point.source, lost=point.lost)


# --------------------------------------------------------------------------- losing a Region
def regions_to_survive(spec: Spec) -> list[str]:
    """The Regions the DR plan must survive losing: the primary; every Region for active/active."""
    dr = spec.dr
    if dr is not None and dr.strategy != "active-active" and dr.primary_region:
        return [dr.primary_region]
    return [r.name for r in spec.regions]


def backups_in_recovery_region(spec: Spec) -> bool:
    """Backup & restore with backups copied to the recovery Region (``dr.backup_interval``, or a backup
    plan's copy rule there): the DR plan has somewhere to restore to."""
    dr = spec.dr
    if dr is None or dr.strategy != "backup-restore" or not dr.secondary_region:
        return False
    return dr.backup_interval_s is not None or any(
        dr.secondary_region in regions for regions in backup_copy_regions(spec).values())


def _region_estimate(spec: Spec, domains: FailureDomainReport, graph: RequestGraph, no_flows: str) -> RecoveryEstimate:
    dr = spec.dr
    objectives = spec.objectives
    stores = tuple(_region_rpo(spec))
    rpo = _rpo(stores, objectives.rpo_s)
    used = {c.region for c in spec.components if c.region}
    if dr is None or (len(used) < 2 and not backups_in_recovery_region(spec)):
        step = Step(RECOVER, "no DR strategy and no second Region: the workload is rebuilt elsewhere from nothing",
                    None, None, UNKNOWN, f"{WHITEPAPER} — {OPTIONS_URL}", blocking=True)
        return RecoveryEstimate("region", (step,), stores, _rto((step,), objectives.rto_s, not_evaluated=no_flows),
                                rpo, strategy=dr.strategy if dr else None, lost=", ".join(sorted(used)))
    either = frozenset({RECOVER})
    worst: tuple[str, tuple[Step, ...], Estimate] | None = None
    notes: list[str] = []
    for outcome in domains.regions:
        if outcome.name not in regions_to_survive(spec) or outcome.name not in used:
            continue
        steps = _region_steps(spec, outcome, graph, notes)
        rto = _rto(steps, objectives.rto_s, either_order=either, not_evaluated=no_flows)
        if worst is None or _worse(rto, worst[2]):
            worst = (outcome.name, steps, rto)
    if worst is None:
        return RecoveryEstimate("region", (), stores, _rto((), objectives.rto_s, not_evaluated="no Region to lose"),
                                rpo, strategy=dr.strategy)
    name, steps, rto = worst
    return RecoveryEstimate("region", steps, stores, rto, rpo, strategy=dr.strategy, lost=name,
                            notes=tuple(dict.fromkeys(notes)))


def _worse(a: Estimate, b: Estimate) -> bool:
    """Whether recovery estimate ``a`` is worse than ``b``: unknown beats any number, then the high end."""
    if (a.status == ESTIMATED) != (b.status == ESTIMATED):
        return a.status != ESTIMATED
    return a.status == ESTIMATED and a.high_s > b.high_s


def _region_steps(spec: Spec, outcome: FailureOutcome, graph: RequestGraph, notes: list[str]) -> tuple[Step, ...]:
    """The recovery steps AWS's DR whitepaper describes for the strategy, for losing ``outcome``'s Region."""
    dr = spec.dr
    strategy = dr.strategy
    lost = outcome.name
    routes = _routes_into(graph.routing, outcome)
    steps: list[Step] = []

    # detect (automatic failover: health checks) or decide (manual: people)
    if dr.failover == "automatic":
        detections = [(router, route) for router, route in routes if not route.standby]
        timed = [step_from(DETECT, f"{router}: {route.group} sees {route.target} fail ({route.detection.how})",
                           route.detection, components=(router, route.target))
                 for router, route in detections if route.detection is not None]
        if timed:
            steps += timed
        elif strategy != "backup-restore":
            steps.append(Step(DETECT, f"failover is automatic but nothing health-checks the endpoints in {lost}: "
                                      "no router sees them fail", None, None, UNKNOWN,
                              "Amazon Route 53 Developer Guide, \"Configuring DNS failover\" — "
                              "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html",
                              blocking=True))
    if dr.failover == "manual" or strategy == "backup-restore":
        steps.append(step_from(DECIDE, "detect the disaster, escalate and decide to fail over",
                               Recovery("people decide", None, DETECTION_SOURCE), declared=dr.decision_time_s,
                               key="decision_time", declared_at=dr.declared_at.get("decision_time")))

    # recover: what the strategy must do in the recovery Region
    if strategy == "backup-restore":
        steps.append(step_from(RECOVER, "redeploy the infrastructure, configuration and code in the recovery Region",
                               Recovery("rebuild", None, REBUILD_SOURCE), declared=dr.rebuild_time_s, key="rebuild_time",
                               declared_at=dr.declared_at.get("rebuild_time")))
        if written_stores(spec):
            steps.append(step_from(RECOVER, "restore the data stores from their backups in the recovery Region",
                                   Recovery("restore", None, RESTORE_SOURCE), declared=dr.restore_time_s,
                                   key="restore_time", declared_at=dr.declared_at.get("restore_time")))
    else:
        if strategy == "pilot-light":
            steps.append(step_from(RECOVER, "switch on the servers and deploy what the pilot light leaves out",
                                   Recovery("switch on", None, SWITCH_ON_SOURCE), declared=dr.rebuild_time_s,
                                   key="rebuild_time", declared_at=dr.declared_at.get("rebuild_time")))
        steps += _promotions(spec, outcome)
        steps += _scale_outs(spec, outcome, notes)
        for flow in outcome.cut:
            down = outcome.down_on(graph.paths_through(flow))
            steps.append(Step(RECOVER, f"losing {lost} cuts {flow.label}: no path through the Regions left reaches its "
                                       f"data (down: {', '.join(down) or 'none'})", None, None, UNKNOWN,
                              "no path in the surviving Regions", blocking=True, components=tuple(down)))

    # switch traffic: resolvers keep the old answer up to the TTL
    switched = {(router, route.target): route.switch for router, route in routes if route.switch is not None}
    for (router, target), switch in sorted(switched.items()):
        steps.append(step_from(SWITCH, f"{router}: clients stop using {target} — {switch.how}", switch,
                               components=(router, target)))
    return tuple(steps)


def _routes_into(routing: Routing, outcome: FailureOutcome) -> list[tuple[str, object]]:
    """(router id, Route) for every route whose target the lost Region takes down, in spec order."""
    down = set(outcome.down)
    return [(router, route) for router, routes in routing.routes.items() for route in routes if route.target in down]


def _promotions(spec: Spec, outcome: FailureOutcome) -> list[Step]:
    """Promoting the copy in a surviving Region of each store the lost Region takes (its type's figure)."""
    dr = spec.dr
    steps = []
    for cid in outcome.failover:
        c = spec.component(cid)
        kind = catalogue.of(c)
        promotion = kind.redundancy.region_failover(c)
        if promotion is None:  # its copy takes over (replica_regions) but the type gives no figure: never 0 s
            promotion = Recovery(f"its copy in {', '.join(kind.redundancy.replica_regions(c))} takes over (how long "
                                 f"is not in archgen's catalogue for {kind.with_article()})", None,
                                 f"component catalogue: {kind.name} — {kind.redundancy.how}")
        declared = dr.promotion_time_s if promotion.seconds is None else None
        steps.append(step_from(RECOVER, f"{cid}: {promotion.how}", promotion, declared=declared, key="promotion_time",
                               declared_at=dr.declared_at.get("promotion_time"), components=(cid,)))
    return steps


def _scale_outs(spec: Spec, outcome: FailureOutcome, notes: list[str]) -> list[Step]:
    """Growing each tier of the surviving Regions that must carry more than its current size serves."""
    dr = spec.dr
    steps = []
    if outcome.capacity_status == "unknown":
        if dr.strategy in ("pilot-light", "warm-standby"):
            steps.append(step_from(RECOVER, "scale the recovery Region out to the peak (whether it must grow is not "
                                            f"known: {outcome.capacity_note or 'no capacity model'})",
                                   Recovery("scale out", None, SCALE_SOURCE), declared=dr.scale_out_time_s,
                                   key="scale_out_time", declared_at=dr.declared_at.get("scale_out_time")))
        else:
            notes.append(f"whether the Regions left can carry the peak after losing {outcome.name} is not known: "
                         f"{outcome.capacity_note or 'no capacity model'}")
        return steps
    for tier in outcome.capacity:
        if not isinstance(tier, RegionTierCapacity):
            continue
        if tier.enough_at_max is False:
            steps.append(Step(RECOVER, f"{tier.component} cannot carry the peak even at its largest size "
                                       f"({tier.describe()})", None, None, UNKNOWN,
                              "region-loss capacity (AG407)", blocking=True, components=(tier.component,)))
        elif tier.scale_out is not None:
            declared = dr.scale_out_time_s if tier.scale_out.seconds is None else None
            steps.append(step_from(RECOVER, f"{tier.component}: {tier.scale_out.how}", tier.scale_out,
                                   declared=declared, key="scale_out_time",
                                   declared_at=dr.declared_at.get("scale_out_time"), components=(tier.component,)))
    return steps


def _region_rpo(spec: Spec) -> list[StoreRecoveryPoint]:
    out = []
    dr = spec.dr
    copied_to = backup_copy_regions(spec)
    copied_every = backup_copy_intervals(spec) if copied_to else {}
    for c in written_stores(spec):
        copies = [spec.component(h) for h in replication_holders(spec, c.id)]
        other_region_copy = [h for h in copies if h.region and h.region != c.region]
        built_in = catalogue.of(c).redundancy.region_copy(c)
        backup_regions = [r for r in copied_to.get(c.id, ()) if r != c.region]
        if built_in is not None:
            out.append(_store_point(c, built_in))
        elif other_region_copy:
            out.append(StoreRecoveryPoint(c.id, None, UNKNOWN, f"replication connection to {other_region_copy[0].id} "
                                          "(asynchronous, lag not published)", "spec connection"))
        elif backup_regions:
            every = copied_every.get(c.id, dr.backup_interval_s if dr is not None else None)
            how = f"every {duration(every)}" if every is not None else "how often is not given"
            out.append(StoreRecoveryPoint(c.id, every, DECLARED if every is not None else UNKNOWN,
                                          f"a backup plan copies its backups to {', '.join(backup_regions)} ({how})",
                                          BACKUP_SOURCE))
        elif dr is not None and dr.backup_interval_s is not None and dr.secondary_region:
            out.append(StoreRecoveryPoint(c.id, dr.backup_interval_s, DECLARED,
                                          f"backups copied to {dr.secondary_region} every "
                                          f"{duration(dr.backup_interval_s)} (dr.backup_interval)", BACKUP_SOURCE))
        else:
            out.append(StoreRecoveryPoint(c.id, None, "lost", "no copy in another Region", BACKUP_SOURCE, lost=True))
    return out


__all__ = ["AWS", "DERIVED", "DECLARED", "UNKNOWN", "ESTIMATED", "NOT_KNOWN", "UNBOUNDED", "NOT_EVALUATED",
           "Estimate", "RecoveryEstimate", "Step", "StoreRecoveryPoint", "estimate", "regions_to_survive",
           "step_from", "total_time"]
