"""Recovery time (RTO) and recovery point (RPO) estimates, compared with the spec's objectives.

The scope is the objective's: ``survive: az`` estimates losing the worst AZ, ``survive:
region`` losing the primary Region. Each estimate is a list of steps with the figure used and
where it comes from; figures AWS does not publish are left out and said so, never invented.

* RTO, AZ scope: the slowest automatic recovery among the components the AZ loss touches
  (RDS Multi-AZ failover, load-balancer health checks taking lost targets out); a flow cut by
  the loss needs a manual rebuild, which has no bound.
* RTO, Region scope: the DNS failover time (derived, see ``dns_failover``) and the floor of
  the DR strategy's recovery time (AWS DR whitepaper); a flow the surviving Region cannot
  serve has no bound.
* RPO, per store written by the workload: synchronous copies lose nothing; asynchronous
  replication loses its lag; periodic backups lose up to one interval; a store with no copy
  outside the failed domain loses everything since it was created (no bound).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archgen import catalogue
from archgen import model as m
from archgen.analysis.failure_domains import FailureDomainReport
from archgen.analysis.graph import RequestGraph
from archgen.analysis.redundancy import (
    FAILOVER, holds_authoritative_data, replication_holders, state_after, stateful_types, written_by_workload,
)
from archgen.catalogue.base import RecoveryPoint
from archgen.model import Spec

MINUTE, HOUR = 60.0, 3600.0

# --- figures and their sources --------------------------------------------------------
ALIAS_TTL_S = 60
ALIAS_TTL_SOURCE = ("Amazon Route 53 FAQ: alias records to ELB and S3 website endpoints have a fixed 60-second TTL; "
                    "Route 53 uses the target's TTL for other alias records (60 s assumed)")
DR_WHITEPAPER = ('AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud"; '
                 "Well-Architected REL13-BP02")
# Recovery-time floors of each strategy: the whitepaper gives orders of magnitude (hours, tens
# of minutes, minutes, near zero); the floor is the smallest value of that order.
STRATEGY_RTO_FLOOR_S = {"backup-restore": HOUR, "pilot-light": 10 * MINUTE, "warm-standby": MINUTE,
                        "active-active": 0.0}
STRATEGY_RTO_WORDS = {"backup-restore": "hours", "pilot-light": "tens of minutes", "warm-standby": "minutes",
                      "active-active": "near zero"}


@dataclass(frozen=True)
class Step:
    what: str
    seconds: float | None  # None: no bound (manual work) or not published
    source: str
    derived: bool = False  # arithmetic on documented figures, not an AWS-published number
    bounded: bool = True  # False: manual work with no bound (the estimate becomes unbounded)

    def to_json(self) -> dict:
        return {"what": self.what, "seconds": self.seconds, "source": self.source, "derived": self.derived,
                "bounded": self.bounded}


@dataclass(frozen=True)
class StoreRecoveryPoint:
    component: str
    seconds: float | None  # data-loss window; None with lost=False: asynchronous, lag not published
    mechanism: str
    source: str
    lost: bool = False  # no copy outside the failed domain: everything can be lost

    def to_json(self) -> dict:
        return {"component": self.component, "seconds": self.seconds, "mechanism": self.mechanism,
                "source": self.source, "lost": self.lost}


@dataclass(frozen=True)
class RecoveryEstimate:
    scope: str  # az | region
    rto_steps: tuple[Step, ...]
    stores: tuple[StoreRecoveryPoint, ...]
    objective_rto_s: float | None
    objective_rpo_s: float | None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def rto_bounded(self) -> bool:
        return all(s.bounded for s in self.rto_steps)

    @property
    def rto_s(self) -> float | None:
        """Largest step (steps run in parallel or overlap); None when some step has no bound."""
        if not self.rto_bounded:
            return None
        return max((s.seconds for s in self.rto_steps if s.seconds is not None), default=0.0)

    @property
    def rpo_lost(self) -> tuple[str, ...]:
        return tuple(s.component for s in self.stores if s.lost)

    @property
    def rpo_s(self) -> float | None:
        """Largest known data-loss window (None when data can be lost without bound)."""
        if self.rpo_lost:
            return None
        return max((s.seconds for s in self.stores if s.seconds is not None), default=0.0)

    @property
    def meets_rto(self) -> bool | None:
        if self.objective_rto_s is None:
            return None
        return self.rto_s is not None and self.rto_s <= self.objective_rto_s

    @property
    def meets_rpo(self) -> bool | None:
        if self.objective_rpo_s is None:
            return None
        if self.rpo_s is None:
            return False
        if self.rpo_s > self.objective_rpo_s:
            return False
        if any(s.seconds is None for s in self.stores):
            return None  # some lag is not published: cannot confirm
        return True

    def to_json(self) -> dict:
        return {"scope": self.scope, "rto_seconds": self.rto_s, "rto_bounded": self.rto_bounded,
                "rpo_seconds": self.rpo_s, "rpo_lost": list(self.rpo_lost),
                "objective_rto_seconds": self.objective_rto_s, "objective_rpo_seconds": self.objective_rpo_s,
                "meets_rto": self.meets_rto, "meets_rpo": self.meets_rpo,
                "rto_steps": [s.to_json() for s in self.rto_steps],
                "stores": [s.to_json() for s in self.stores], "notes": list(self.notes)}


# --------------------------------------------------------------------------- DNS failover
@dataclass(frozen=True)
class DnsFailover:
    record: m.DnsRecord
    detection_s: float | None
    detection: str
    ttl_s: float

    @property
    def seconds(self) -> float | None:
        return None if self.detection_s is None else self.detection_s + self.ttl_s

    @property
    def formula(self) -> str:
        return f"{self.detection} + TTL {self.ttl_s:g} s = {self.seconds:g} s (derived)" if self.seconds is not None \
            else f"no health check: Route 53 never fails over ({self.detection})"


def record_ttl(record: m.DnsRecord) -> float:
    return float(ALIAS_TTL_S if record.alias else (record.ttl if record.ttl is not None else 300))


def dns_failover(spec: Spec, zone: m.Route53Zone, record: m.DnsRecord) -> DnsFailover:
    """Time for resolvers to stop using a failed endpoint (derived; AWS publishes no formula).

    Health-check interval × failure threshold (Route 53 Developer Guide, "How Amazon Route 53
    determines whether a health check is healthy") + the record's TTL. An alias record that
    evaluates target health uses the load balancer's own health check instead.
    """
    ttl = record_ttl(record)
    check = zone.health_check(record.health_check)
    if check is not None:
        return DnsFailover(record, float(check.interval_s * check.failure_threshold),
                           f"health check {check.interval_s} s × {check.failure_threshold}", ttl)
    if record.alias and record.evaluate_target_health:
        target = spec.get(record.target)
        if isinstance(target, m.LoadBalancer) and target.health_check is not None:
            hc = target.health_check
            return DnsFailover(record, hc.interval_s * hc.unhealthy_threshold,
                               f"target health: LB check {hc.interval_s:g} s × {hc.unhealthy_threshold}", ttl)
        return DnsFailover(record, None, "evaluates target health; its timing is not published", ttl)
    return DnsFailover(record, None, "no health check", ttl)


# --------------------------------------------------------------------------- estimates
def estimate(spec: Spec, domains: FailureDomainReport, graph: RequestGraph) -> RecoveryEstimate:
    objectives = spec.objectives
    if objectives.survive == "region":
        steps, notes = _region_rto(spec, domains)
        stores = _region_rpo(spec)
        scope = "region"
    else:
        steps, notes = _az_rto(spec, domains, graph)
        stores = _az_rpo(spec, graph)
        scope = "az"
    return RecoveryEstimate(scope, tuple(steps), tuple(stores), objectives.rto_s, objectives.rpo_s, tuple(notes))


def _az_rto(spec: Spec, domains: FailureDomainReport, graph: RequestGraph) -> tuple[list[Step], list[str]]:
    steps: dict[str, Step] = {}
    notes: list[str] = []
    for outcome in domains.azs:
        lost = frozenset({outcome.name})
        for flow in outcome.cut:
            on_paths = graph.paths_through(flow)
            down = outcome.down_on(on_paths)
            key = f"rebuild:{outcome.name}:{flow.label}"
            steps[key] = Step(f"losing {outcome.name} cuts {flow.label} (down: {', '.join(down)}): manual rebuild",
                              None, "no automatic recovery in the design", bounded=False)
        for cid in outcome.failover:
            c = spec.component(cid)
            recovery = catalogue.of(c).recovery
            if recovery.seconds is not None:  # keyed to sort where each kind of step always has
                steps[f"published:{cid}"] = Step(f"{cid}: {recovery.how}", recovery.seconds, recovery.source)
            elif f"note:{cid}" not in steps and state_after(c, lost) == FAILOVER:
                notes.append(f"{cid}: automatic failover after losing {outcome.name}; AWS publishes no duration "
                             "for it, so it is not in the estimate")
                steps[f"note:{cid}"] = Step(f"{cid}: automatic failover (duration not published)", None,
                                            "not published")
    # a load balancer's step depends on it alone: added once if any lost AZ holds one of its targets
    lost_azs = {outcome.name for outcome in domains.azs}
    for lb in graph.of_class(m.LoadBalancer):
        if lb.health_check is None:
            continue
        targets = [spec.component(x.target) for x in spec.outgoing(lb.id) if x.carries_requests]
        if any(az in lost_azs for t in targets for az in t.azs):
            hc = lb.health_check
            steps[f"lb:{lb.id}"] = Step(
                f"{lb.id}: health check takes targets in the lost AZ out ({hc.interval_s:g} s × "
                f"{hc.unhealthy_threshold})", hc.interval_s * hc.unhealthy_threshold,
                'Elastic Load Balancing User Guide, "Health checks for your target groups"', derived=True)
    return list(dict(sorted(steps.items())).values()), list(dict.fromkeys(notes))


def _region_rto(spec: Spec, domains: FailureDomainReport) -> tuple[list[Step], list[str]]:
    steps: list[Step] = []
    notes: list[str] = []
    dr = spec.dr
    if dr is None or len(spec.regions) < 2:
        steps.append(Step("no DR strategy and no second Region: rebuild the workload elsewhere", None,
                          DR_WHITEPAPER, bounded=False))
        return steps, notes
    primary = dr.primary_region
    for outcome in domains.regions:
        if outcome.name != primary and dr.strategy != "active-active":
            continue
        for flow in outcome.cut:
            steps.append(Step(f"losing {outcome.name} cuts {flow.label}: the other Region cannot serve it", None,
                              "no path in the surviving Region", bounded=False))
    floor = STRATEGY_RTO_FLOOR_S[dr.strategy]
    steps.append(Step(f"{dr.strategy}: recovery time of the order of {STRATEGY_RTO_WORDS[dr.strategy]}", floor,
                      DR_WHITEPAPER))
    for zone in spec.of_class(m.Route53Zone):
        for record in zone.records:
            target = spec.get(record.target)
            serves_primary = target is not None and target.region == primary
            if record.routing in ("failover", "latency", "weighted") and (serves_primary or dr.strategy == "active-active"):
                timing = dns_failover(spec, zone, record)
                if timing.seconds is not None:
                    steps.append(Step(f"DNS failover of {record.name} {record.type} ({record.routing}) away from "
                                      f"{record.target or record.value}: {timing.formula}",
                                      timing.seconds, ALIAS_TTL_SOURCE if record.alias else
                                      'Route 53 Developer Guide, "Values for health checks"', derived=True))
    if dr.failover == "manual":
        notes.append("failover is manual: add the time your team takes to decide and act (not estimated)")
    for c in spec.components:
        if isinstance(c, m.RdsInstance) and any(r.region and r.region != c.region for r in c.read_replicas):
            notes.append(f"{c.id}: promoting the cross-Region read replica takes minutes; AWS publishes no figure")
    return steps, notes


def _az_rpo(spec: Spec, graph: RequestGraph) -> list[StoreRecoveryPoint]:
    out = []
    for c in graph.of_type(*stateful_types()):  # the only types holds_authoritative_data accepts
        if not (holds_authoritative_data(spec, c) and written_by_workload(spec, c)):
            continue
        point = catalogue.of(c).redundancy.az_recovery_point(c)
        if point is not None:
            out.append(_store_point(c, point))
    return out


def _store_point(c: m.Component, point: RecoveryPoint) -> StoreRecoveryPoint:
    return StoreRecoveryPoint(c.id, point.seconds, point.mechanism, point.source, lost=point.lost)


def _region_rpo(spec: Spec) -> list[StoreRecoveryPoint]:
    out = []
    dr = spec.dr
    for c in spec.components:
        if not (holds_authoritative_data(spec, c) and written_by_workload(spec, c)):
            continue
        copies = [spec.component(h) for h in replication_holders(spec, c.id)]
        other_region_copy = [h for h in copies if h.region and h.region != c.region]
        built_in = catalogue.of(c).redundancy.region_copy(c)
        if built_in is not None:
            out.append(_store_point(c, built_in))
        elif other_region_copy:
            out.append(StoreRecoveryPoint(c.id, None, f"replication connection to {other_region_copy[0].id} "
                                          "(asynchronous, lag not published)", "spec connection"))
        elif dr is not None and dr.backup_interval_s is not None and len(spec.regions) > 1:
            out.append(StoreRecoveryPoint(c.id, dr.backup_interval_s,
                                          f"backups copied to {dr.secondary_region} every {dr.backup_interval_s:g} s",
                                          DR_WHITEPAPER))
        else:
            out.append(StoreRecoveryPoint(c.id, None, "no copy in another Region", DR_WHITEPAPER, lost=True))
    return out
