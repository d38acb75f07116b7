"""What DocumentDB and Neptune clusters share with each other (and with Aurora, whose storage design they use):
a primary and up to 15 replicas spread over the AZs of the subnet group, a cluster volume copied across AZs, a
global cluster's secondary Regions, capacity declared per instance."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    DOWN, FAILOVER, UP, Capability, ComponentType, Drawing, Placement, Recovery, RecoveryPoint, Redundancy, Role,
    SlaFigure, State, Tier, Traffic, either,
)
from archgen.catalogue.components import _nodes
from archgen.formatting import EMPTY, number
from archgen.spec.schema_parts import REGION_PATTERN, array, count, positive, prop
from archgen.traffic.capacity import assess_aurora, surviving_aurora

MAX_INSTANCES = 16  # one primary and up to 15 replicas
FAILOVER_S = 120.0  # both services: "service is typically restored in less than 120 seconds" (the upper figure)


def properties(instance_class: str, global_key: str, global_what: str) -> dict:
    return {
        "instances": count("DB instances: the primary and its replicas, spread over the AZs of its subnets in order "
                           "(the first the primary); default 1.", 1, MAX_INSTANCES),
        "instance_class": prop("string", f"DB instance class, e.g. {instance_class}.", pattern=r"^db\.[a-z0-9]+\.[a-z0-9]+$"),
        "backup_retention_days": count("Automated backup retention in days (1-35; default 1).", 1, 35),
        "deletion_protection": prop("boolean", "Deletion protection enabled."),
        global_key: array(f"Secondary Regions of its {global_what} (read-only clusters that can be promoted).",
                          prop("string", "Region name.", pattern=REGION_PATTERN), uniqueItems=True),
        "capacity_rps": positive("Queries per second one DB instance sustains (AWS publishes no per-instance figure: "
                                 "measure it)."),
    }


@dataclass(unsafe_hash=True, kw_only=True)
class DbCluster(m.Component):
    """A primary and replicas over one cluster volume; ``instances`` are drawn and judged like Aurora's."""

    instances: tuple[m.AuroraInstance, ...] = ()
    instance_class: str | None = None
    backup_retention_days: int = 1
    deletion_protection: bool = False
    global_database_regions: tuple[str, ...] = ()  # the global cluster's secondary Regions
    capacity_rps: float | None = None


def build_fields(c: dict, common: dict, global_key: str) -> dict:
    count_ = c.get("instances", 1)
    instance_azs = _nodes.spread(count_, common["azs"])
    instances = tuple(m.AuroraInstance(f"{c['id']}-{j + 1}", az, "writer" if j == 0 else "reader",
                                       c.get("instance_class")) for j, az in enumerate(instance_azs))
    return {**_nodes.used_azs(count_, common), "instances": instances, "instance_class": c.get("instance_class"),
            "backup_retention_days": c.get("backup_retention_days", 1),
            "deletion_protection": bool(c.get("deletion_protection", False)),
            "global_database_regions": tuple(c.get(global_key, ())), "capacity_rps": c.get("capacity_rps")}


def check_regions(checker, path: tuple, c: dict, global_key: str) -> None:
    region, _ = checker.placement(c)
    checker.check_replica_regions(path, c, global_key, region)


def instances_per_az(c: DbCluster) -> dict[str, int]:
    return _nodes.per_az(tuple(i.az for i in c.instances))


def single_instance(c: DbCluster) -> bool:
    return len(c.instances) <= 1


def replica_regions(c: DbCluster) -> tuple[str, ...]:
    return c.global_database_regions


def after_az_loss(c: DbCluster, lost_azs: frozenset, alive: bool) -> str:
    """The primary's AZ decides; a replica in a surviving AZ is promoted (a cluster without one is DOWN: a new
    primary takes minutes and AWS does not say where)."""
    primary = c.instances[0].az if c.instances else None
    if primary not in lost_azs:
        return UP
    return FAILOVER if any(i.az not in lost_azs for i in c.instances[1:]) else DOWN


def state_azs(c: DbCluster) -> tuple[str, ...]:
    return tuple(i.az for i in c.instances)


def volume_recovery_point(page: str):
    def az_recovery_point(c: DbCluster) -> RecoveryPoint:
        return RecoveryPoint(0.0, "cluster volume: a copy in each of several AZs", page)
    return az_recovery_point


def global_copy(what: str, page: str):
    def region_copy(c: DbCluster) -> RecoveryPoint | None:
        if not c.global_database_regions:
            return None
        return RecoveryPoint(None, f"{what} (asynchronous; typically seconds, no bound published)", page)
    return region_copy


def global_failover(what: str, page: str):
    def region_failover(c: DbCluster) -> Recovery | None:
        """Losing its Region: a secondary cluster is promoted (failover or detach-and-promote); no time published."""
        if not c.global_database_regions:
            return None
        return Recovery(f"promote the {what} secondary in {', '.join(c.global_database_regions)} to primary", None,
                        f"{page}; AWS publishes no duration for promoting a secondary cluster")
    return region_failover


def needs(sizing) -> str:
    if sizing.get("capacity_rps_per_instance") is None:
        return EMPTY
    text = f"primary {number(sizing['writer_rps_peak'])} rps"
    return text + (f", replicas {number(sizing['reader_rps_peak'])} each" if sizing.get("reader_rps_peak") is not None else "")


def multi_az(c: DbCluster) -> bool:
    return len(instances_per_az(c)) >= 2


def replica_problem(c: DbCluster) -> str | None:
    """What keeps the cluster from failing over to another AZ: no replica, or every instance in one AZ (None: fine)."""
    if len(c.instances) <= 1:
        return "has a single instance"
    if not multi_az(c):
        return f"has every instance in {c.instances[0].az}"
    return None


@dataclass(frozen=True)
class Service:
    """What one service on this design declares of its own: names, its spec keys' wording, pages and figures."""

    name: str  # the type's name
    title: str  # "DocumentDB cluster"
    product: str  # "DocumentDB", in the sentences below
    description: str
    model: type[DbCluster]
    global_key: str  # the spec key listing its global cluster's secondary Regions
    global_what: str  # "global cluster"
    icon: tuple[str, str]
    placement_how: str  # how its instances land in AZs (and whether AWS documents it)
    fault_tolerance: str  # the AWS page on its failover, with the figure
    global_page: str
    pricing: str
    multi_az: SlaFigure
    single_az: SlaFigure
    deletion_policies: tuple[str, ...] = ("retain", "delete")  # CloudFormation DeletionPolicy values it supports


def cluster_type(s: Service) -> ComponentType:
    """The ComponentType of a service on this design: every fact but those ``s`` gives is shared."""

    def build(builder, index: int, c: dict, common: dict) -> DbCluster:
        return s.model(**build_fields(c, common, s.global_key))

    def check(checker, path: tuple, c: dict) -> None:
        """Secondary Regions are declared and not its own."""
        check_regions(checker, path, c, s.global_key)

    def price(c: DbCluster, avg, sizing, spec, bill) -> None:
        _nodes.instance_hours(bill, f"{s.product} instance", len(c.instances), c.instance_class, s.pricing)
        bill.missing(f"{s.product} storage and I/O")

    return ComponentType(
        name=s.name, title=s.title, article="a", description=s.description,
        model=s.model, properties=properties("db.r6g.large", s.global_key, s.global_what), required=(), build=build,
        check=check, placement=Placement.ZONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE, icon=s.icon,
        redundancy=Redundancy(f"instances spread over the AZs of its subnets in order (the first the primary; "
                              f"{s.placement_how}); the cluster volume keeps a copy in each AZ; a replica in a "
                              f"surviving AZ is promoted; {s.global_key} add clusters that can be promoted",
                              instances_per_az=instances_per_az, single_instance=single_instance,
                              replica_regions=replica_regions, after_az_loss=after_az_loss, state_azs=state_azs,
                              az_recovery_point=volume_recovery_point(s.fault_tolerance),
                              region_copy=global_copy(f"{s.product} {s.global_what}", s.global_page),
                              region_failover=global_failover(f"{s.product} {s.global_what}", s.global_page)),
        recovery=Recovery(f"{s.product} promotes a replica; service typically restored in less than 120 seconds",
                          FAILOVER_S, s.fault_tolerance),
        sla=either(s.multi_az, s.single_az, multi_az),
        traffic=Traffic("capacity_rps per DB instance (declared: AWS publishes no per-instance rate): writes on the "
                        "primary, reads over the replicas (reader endpoint); instance-hours, storage and I/O are "
                        f"priced per class ({s.pricing}), not in archgen's table",
                        assess=assess_aurora, surviving_capacity=surviving_aurora, cost=price, needs=needs),
        drawing=Drawing.CLUSTER, deletion_policies=s.deletion_policies,
        capabilities=frozenset({Capability.BACKUP_RESOURCE}),
    )
