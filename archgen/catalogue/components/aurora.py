"""aurora: an Aurora DB cluster, one writer and up to 15 readers over a storage volume in 3 AZs."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    AZ, DOWN, FAILOVER, INSTANCE, REGION, UP, Capability, ComponentType, Drawing, Placement, Recovery, RecoveryPoint,
    Redundancy, Role, SlaFigure, State, Tier, Traffic, either,
)
from archgen.formatting import EMPTY, number
from archgen.spec.schema_parts import AZ_PATTERN, ID_PATTERN, REGION_PATTERN, array, count, obj, positive, prop
from archgen.traffic.capacity import assess_aurora, surviving_aurora
from archgen.traffic.cost import price_aurora

GLOBAL_LAG_S = 1.0
GLOBAL_SOURCE = ('Amazon Aurora User Guide, "Using Amazon Aurora Global Database": replication to secondary '
                 "Regions typically lags by under a second")
HA_URL = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html"
FAILOVER_S = 60.0  # with a reader to promote
FAILOVER_SOURCE = ('Amazon Aurora User Guide, "High availability for Amazon Aurora": with Aurora Replicas, service '
                   f"is typically restored in less than 60 seconds, and often less than 30 seconds — {HA_URL}")
RECREATE_S = 600.0  # without one
RECREATE_SOURCE = ('Amazon Aurora User Guide, "High availability for Amazon Aurora": without an Aurora Replica the '
                   f"primary instance is recreated, which typically takes less than 10 minutes — {HA_URL}")
GLOBAL_PROMOTION_S = 60.0
GLOBAL_PROMOTION_SOURCE = ('AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud", "Pilot '
                           'light": an Aurora global database promotes a secondary Region to take read/write '
                           "responsibilities in less than one minute, even in a complete regional outage — "
                           "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
                           "disaster-recovery-options-in-the-cloud.html")

PROPERTIES = {
    "engine": prop("string", "Aurora engine.", enum=["aurora-mysql", "aurora-postgresql"]),
    "instances": array("DB instances of the cluster.", obj("A DB instance.", {
        "name": prop("string", "Instance name.", pattern=ID_PATTERN),
        "az": prop("string", "AZ the instance runs in; leave it out to let RDS choose one of the cluster's "
                             "subnets' AZs (then two instances may share an AZ).", pattern=AZ_PATTERN),
        "role": prop("string", "writer or reader (the first instance is the writer by default).",
                     enum=["writer", "reader"]),
        "instance_class": prop("string", "DB instance class.", maxLength=64),
    }), minItems=1, maxItems=16),
    "backup_retention_days": count("Backup retention in days (1-35).", 1, 35),
    "global_database_regions": array("Secondary Regions of an Aurora Global Database.",
                                     prop("string", "Region name.", pattern=REGION_PATTERN), uniqueItems=True),
    "deletion_protection": prop("boolean", "Deletion protection enabled."),
    "capacity_rps": positive("Queries per second one DB instance sustains."),
}


def build(builder, index: int, c: dict, common: dict) -> m.AuroraCluster:
    raw = c["instances"]
    has_writer = any(i.get("role") == "writer" for i in raw)
    instances = []
    for j, i in enumerate(raw):
        role = i.get("role") or ("writer" if j == 0 and not has_writer else "reader")
        instances.append(m.AuroraInstance(i.get("name", f"{c['id']}-{j + 1}"), i.get("az"), role, i.get("instance_class")))
    if not common["azs"]:
        order = builder.region_azs.get(common["region"], ())
        azs = {i.az for i in instances if i.az}
        common = {**common, "azs": tuple(sorted(azs, key=lambda az: (order.index(az) if az in order else 99, az)))}
    return m.AuroraCluster(**common, engine=c["engine"], instances=tuple(instances),
                           backup_retention_days=c.get("backup_retention_days", 1),
                           global_database_regions=tuple(c.get("global_database_regions", ())),
                           deletion_protection=bool(c.get("deletion_protection", False)),
                           capacity_rps=c.get("capacity_rps"))


def check(checker, path: tuple, c: dict) -> None:
    """Instance names are unique, in the cluster's Region, with at most one writer."""
    region, _ = checker.placement(c)
    names, writers = set(), 0
    for i, instance in enumerate(checker.as_list(c.get("instances"))):
        if not isinstance(instance, dict):
            continue
        name = instance["name"] if "name" in instance else f"{c.get('id')}-{i + 1}"
        if name in names:
            checker.error(path + ("instances", i, "name"), f"duplicate Aurora instance name '{name}'")
        names.add(name)
        writers += instance.get("role") == "writer"
        checker.need_az(path + ("instances", i, "az"), instance.get("az"), region)
    if writers > 1:
        checker.error(path + ("instances",), "an Aurora cluster has exactly one writer", "make the others readers")
    checker.check_replica_regions(path, c, "global_database_regions", region)


def places_itself(c: dict) -> bool:
    """With a region, the instances' AZs place the cluster (when each names one)."""
    instances = c.get("instances") or []
    return c.get("region") is not None and bool(instances) and all("az" in i for i in instances if isinstance(i, dict))


def instances_per_az(c: m.AuroraCluster) -> dict[str, int]:
    """The instances whose AZ the spec pins (an instance RDS places may be in any AZ of the cluster)."""
    out: dict[str, int] = {}
    for instance in c.instances:
        if instance.az:
            out[instance.az] = out.get(instance.az, 0) + 1
    return out


def pinned_azs(c: m.AuroraCluster) -> set[str]:
    return {instance.az for instance in c.instances if instance.az}


def smallest_domain(c: m.AuroraCluster) -> str:
    """One instance: itself; instances in two pinned AZs: the Region; else an AZ may hold them all."""
    if single_instance(c):
        return INSTANCE
    return REGION if len(pinned_azs(c)) >= 2 else AZ


def single_instance(c: m.AuroraCluster) -> bool:
    return len(c.instances) <= 1


def replica_regions(c: m.AuroraCluster) -> tuple[str, ...]:
    """An Aurora Global Database secondary serves after promotion."""
    return c.global_database_regions


def after_az_loss(c: m.AuroraCluster, lost_azs: frozenset, alive: bool) -> str:
    """The writer's AZ decides; losing it promotes a surviving reader. An instance whose AZ RDS chose
    may be in any lost AZ of the cluster, and is not counted on to survive (``alive`` counts pinned ones)."""
    writer = next((i for i in c.instances if i.role == "writer"), c.instances[0])
    writer_lost = writer.az in lost_azs if writer.az else bool(set(c.azs) & set(lost_azs))
    if not writer_lost:
        return UP
    return FAILOVER if alive else DOWN


def state_azs(c: m.AuroraCluster) -> tuple[str, ...]:
    return tuple(instance.az for instance in c.instances if instance.az)


def az_recovery_point(c: m.AuroraCluster) -> RecoveryPoint:
    return RecoveryPoint(0.0, "cluster volume: 6 copies across 3 AZs",
                         'Amazon Aurora User Guide, "High availability for Aurora"')


def region_copy(c: m.AuroraCluster) -> RecoveryPoint | None:
    if not c.global_database_regions:
        return None
    return RecoveryPoint(GLOBAL_LAG_S, "Aurora Global Database", GLOBAL_SOURCE)


def recovery(c: m.AuroraCluster) -> Recovery:
    """A reader to promote: under a minute; none: a new writer in under 10 minutes (AWS's figures)."""
    if len(c.instances) > 1:
        return Recovery("Aurora promotes a reader to writer", FAILOVER_S, FAILOVER_SOURCE)
    return Recovery("Aurora recreates the writer (no reader to promote)", RECREATE_S, RECREATE_SOURCE)


def region_failover(c: m.AuroraCluster) -> Recovery | None:
    if not c.global_database_regions:
        return None
    return Recovery(f"promote the Aurora global database secondary in {', '.join(c.global_database_regions)}",
                    GLOBAL_PROMOTION_S, GLOBAL_PROMOTION_SOURCE)


def needs(sizing) -> str:
    if sizing.get("capacity_rps_per_instance") is None:
        return EMPTY
    text = f"writer {number(sizing['writer_rps_peak'])} rps"
    return text + (f", readers {number(sizing['reader_rps_peak'])} each" if sizing.get("reader_rps_peak") is not None else "")


MULTI_AZ = SlaFigure("aurora-multi-az", "Amazon Aurora", "DB cluster with instances in two or more AZs", 99.99,
                     "Amazon Aurora Service Level Agreement", "https://aws.amazon.com/rds/aurora/sla/", "2026-11-26")
SINGLE_AZ = SlaFigure("aurora-single-az", "Amazon Aurora", "DB cluster with its instances in one AZ", 99.9,
                      "Amazon Aurora Service Level Agreement", "https://aws.amazon.com/rds/aurora/sla/", "2026-11-26")


TYPE = ComponentType(
    name="aurora", title="Aurora DB cluster", article="an",
    description="Aurora DB cluster: one writer and up to 15 readers over a 3-AZ storage volume.",
    model=m.AuroraCluster, properties=PROPERTIES, required=("engine", "instances"), build=build, check=check,
    places_itself=places_itself,
    placement=Placement.ZONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.database", "Aurora"),
    redundancy=Redundancy("its DB instances, each in the AZ it names (or one RDS chooses, which may be another "
                          "instance's); the storage volume keeps 6 copies in 3 AZs; global_database_regions add "
                          "secondary clusters in other Regions",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          replica_regions=replica_regions, after_az_loss=after_az_loss, state_azs=state_azs,
                          az_recovery_point=az_recovery_point, region_copy=region_copy,
                          smallest_domain=smallest_domain, region_failover=region_failover),
    recovery=Recovery("Aurora promotes a reader to writer (or recreates the writer when there is none)", FAILOVER_S,
                      FAILOVER_SOURCE),
    recovery_of=recovery,
    sla=either(MULTI_AZ, SINGLE_AZ, lambda c: len(pinned_azs(c)) >= 2),
    traffic=Traffic("capacity_rps per DB instance: writes on the writer, reads over the readers (reader endpoint); "
                    "priced per instance-hour (storage and I/O not included)",
                    assess=assess_aurora, surviving_capacity=surviving_aurora, cost=price_aurora, needs=needs),
    drawing=Drawing.CLUSTER,
    deletion_policies=("retain", "snapshot", "delete"),
    capabilities=frozenset({Capability.BACKUP_RESOURCE}),
)
