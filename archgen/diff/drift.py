"""Drift: what a hand-written design says against what infrastructure code deploys.

``drift(design, deployed)`` pairs each component of the design with the one the code deploys
(same id; else the only unpaired one of its type on each side) and compares the settings that
decide resilience: AZs, Multi-AZ, instance counts, health checks, backups, deletion protection,
point-in-time recovery, versioning, cross-zone, failover, replicas. Each difference says which
side is weaker ("the design says Multi-AZ; the template deploys Single-AZ"), with the place in
the code it comes from. Components only one side has are listed too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from archgen import catalogue
from archgen.catalogue.base import Placement
from archgen.model import Component, Spec

MISSING = object()


@dataclass(frozen=True)
class Setting:
    attribute: str
    what: str  # how people call it
    measure: object  # value -> comparable number (bigger = more resilient)
    say: object  # value -> words


def _say_azs(azs) -> str:
    return f"{len(azs)} AZ{'s' if len(azs) != 1 else ''}" + (f" ({', '.join(azs)})" if azs else "")


def _count(noun: str):
    return lambda v: f"{v} {noun}{'s' if v != 1 else ''}"


SETTINGS = (
    Setting("azs", "AZs", len, _say_azs),
    Setting("multi_az", "Multi-AZ", lambda v: 1 if v else 0, lambda v: "Multi-AZ" if v else "Single-AZ"),
    Setting("min", "minimum size", int, _count("instance")),
    Setting("desired", "desired size", int, _count("instance")),
    Setting("count", "instances", int, _count("instance")),
    Setting("nodes", "nodes", int, _count("node")),
    Setting("instances", "DB instances", len, lambda v: _count("DB instance")(len(v))),
    Setting("read_replicas", "read replicas", len, lambda v: _count("read replica")(len(v))),
    Setting("health_check_type", "health checks", lambda v: 1 if v == "ELB" else 0,
            lambda v: "load-balancer health checks" if v == "ELB" else "EC2 status checks only"),
    Setting("backup_retention_days", "backup retention", int, lambda v: f"backups kept {v} day{'s' if v != 1 else ''}"),
    Setting("deletion_protection", "deletion protection", lambda v: 1 if v else 0,
            lambda v: "deletion protection" if v else "no deletion protection"),
    Setting("point_in_time_recovery", "point-in-time recovery", lambda v: 1 if v else 0,
            lambda v: "point-in-time recovery" if v else "no point-in-time recovery"),
    Setting("versioning", "versioning", lambda v: 1 if v else 0, lambda v: "versioning" if v else "no versioning"),
    Setting("cross_zone", "cross-zone load balancing", lambda v: 1 if v else 0,
            lambda v: "cross-zone load balancing" if v else "cross-zone load balancing off"),
    Setting("automatic_failover", "automatic failover", lambda v: 1 if v else 0,
            lambda v: "automatic failover" if v else "no automatic failover"),
    Setting("origin_group", "origin failover", lambda v: 1 if v else 0,
            lambda v: "an origin group (failover)" if v else "no origin group"),
    Setting("replica_regions", "cross-Region copies", len, lambda v: _count("replica Region")(len(v))),
    Setting("global_table_regions", "global-table Regions", len, lambda v: _count("replica Region")(len(v))),
)


@dataclass(frozen=True)
class Difference:
    design_id: str
    deployed_id: str
    what: str
    design_says: str
    deployed: str
    weaker: bool  # the code deploys less resilience than the design asks for
    where: str = ""  # file:line (logical id) of the deployed resource

    def sentence(self, code_word: str = "the template") -> str:
        name = self.design_id if self.design_id == self.deployed_id else f"{self.design_id} (deployed as {self.deployed_id})"
        return f"{name}: the design says {self.design_says}; {code_word} deploys {self.deployed}"


@dataclass
class Drift:
    differences: list[Difference] = field(default_factory=list)
    design_only: list[Component] = field(default_factory=list)
    deployed_only: list[Component] = field(default_factory=list)
    paired: list[tuple[Component, Component]] = field(default_factory=list)
    deployed_spec: Spec | None = None

    def where(self, component: Component) -> str:
        return _where(component, self.deployed_spec) if self.deployed_spec is not None else ""

    @property
    def weaker(self) -> list[Difference]:
        return [d for d in self.differences if d.weaker]

    @property
    def clean(self) -> bool:
        return not (self.differences or self.design_only or self.deployed_only)


def _where(component: Component, spec: Spec) -> str:
    """The deployed resource's place, its file shown from the working directory."""
    source = component.source
    if source is None:
        return ""
    path = os.path.normpath(os.path.join(os.path.dirname(spec.file), source.file))
    return f"{path}:{source.line} ({source.logical_id})"


def pair(design: Spec, deployed: Spec) -> tuple[list[tuple[Component, Component]], list[Component], list[Component]]:
    """Components paired by id, then by being the only unpaired one of their type on both sides.
    Entry points (users) are left out: an import only stands one in for the internet."""

    def relevant(spec: Spec) -> list[Component]:
        return [c for c in spec.components if catalogue.of(c).placement is not Placement.EXTERNAL]

    left, right = relevant(design), relevant(deployed)
    right_by_id = {c.id: c for c in right}
    pairs = [(c, right_by_id[c.id]) for c in left if c.id in right_by_id and right_by_id[c.id].type == c.type]
    taken = {id(a) for a, _ in pairs} | {id(b) for _, b in pairs}
    by_type: dict[str, tuple[list, list]] = {}
    for side, components in enumerate((left, right)):
        for c in components:
            if id(c) not in taken:
                by_type.setdefault(c.type, ([], []))[side].append(c)
    for ours, theirs in by_type.values():
        if len(ours) == 1 and len(theirs) == 1:
            pairs.append((ours[0], theirs[0]))
            taken |= {id(ours[0]), id(theirs[0])}
    return (pairs, [c for c in left if id(c) not in taken], [c for c in right if id(c) not in taken])


def drift(design: Spec, deployed: Spec) -> Drift:
    pairs, design_only, deployed_only = pair(design, deployed)
    out = Drift(design_only=design_only, deployed_only=deployed_only, paired=pairs, deployed_spec=deployed)
    for ours, theirs in pairs:
        for setting in SETTINGS:
            wanted, built = getattr(ours, setting.attribute, MISSING), getattr(theirs, setting.attribute, MISSING)
            if wanted is MISSING or built is MISSING or wanted is None or built is None:
                continue
            if setting.measure(wanted) == setting.measure(built):
                continue
            out.differences.append(Difference(
                ours.id, theirs.id, setting.what, setting.say(wanted), setting.say(built),
                weaker=setting.measure(built) < setting.measure(wanted), where=_where(theirs, deployed)))
    return out
