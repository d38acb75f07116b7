"""rds: an RDS DB instance (MySQL, PostgreSQL, MariaDB, Oracle, SQL Server, Db2), Single-AZ or Multi-AZ."""

from __future__ import annotations

import dataclasses

from archgen import model as m
from archgen.catalogue.base import (
    DOWN, FAILOVER, UP, Capability, ComponentType, Drawing, Placement, Recovery, RecoveryPoint, Redundancy, Role,
    SlaFigure, State, Tier, Traffic, either,
)
from archgen.formatting import EMPTY, number
from archgen.spec.schema_parts import AZ_PATTERN, REGION_PATTERN, array, count, id_ref, obj, positive, prop
from archgen.traffic.capacity import assess_rds, surviving_rds
from archgen.traffic.cost import price_rds

TYPE_NAME = "rds"
MULTI_AZ_FAILOVER_LOW_S, MULTI_AZ_FAILOVER_S = 60.0, 120.0
MULTI_AZ_FAILOVER_SOURCE = ('Amazon RDS User Guide, "Failing over a Multi-AZ DB instance": failovers typically complete '
                            "within 60-120 seconds — "
                            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html")
PROMOTION_SOURCE = ('AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud", "Pilot light": '
                    "promoting an RDS read replica (other than Aurora) takes a few minutes and includes a reboot; AWS "
                    "publishes no figure — https://docs.aws.amazon.com/whitepapers/latest/"
                    "disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html")
LOG_UPLOAD_S = 5 * 60.0
LOG_UPLOAD_SOURCE = ('Amazon RDS User Guide, "Restoring a DB instance to a specified time": RDS uploads '
                     "transaction logs to Amazon S3 every 5 minutes")

PROPERTIES = {
    "engine": prop("string", "Database engine.", enum=["mysql", "postgres", "mariadb", "oracle", "sqlserver", "db2"]),
    "instance_class": prop("string", "DB instance class, e.g. db.r6g.large.", maxLength=64),
    "multi_az": prop("boolean", "Synchronous standby in a second AZ with automatic failover."),
    "read_replicas": array("Read replicas (same or another Region) the spec does not name as components.",
                           obj("A read replica.", {
                               "az": prop("string", "AZ of the replica.", pattern=AZ_PATTERN),
                               "region": prop("string", "Region of a cross-Region replica.", pattern=REGION_PATTERN),
                               "multi_az": prop("boolean", "The replica has its own standby in a second AZ, so it "
                                                           "stays Multi-AZ when promoted."),
                           })),
    "replica_of": id_ref("This DB instance is a read replica of that RDS DB instance (component id): a replica "
                         "named as a component, which connections can read from and a DR plan can promote."),
    "backup_retention_days": count("Automated backup retention in days (0 disables backups).", 0, 35),
    "deletion_protection": prop("boolean", "Deletion protection enabled."),
    "capacity_rps": positive("Queries per second one DB instance sustains."),
    "storage_gb": positive("Allocated storage in GB (for cost).", 65536),
}


def build(builder, index: int, c: dict, common: dict) -> m.RdsInstance:
    azs = common["azs"]
    multi_az = bool(c.get("multi_az", False))
    return m.RdsInstance(
        **common, engine=c["engine"], instance_class=c.get("instance_class"), multi_az=multi_az,
        primary_az=azs[0] if azs else None, standby_az=azs[1] if multi_az and len(azs) > 1 else None,
        read_replicas=tuple(m.ReadReplica(r.get("az"), r.get("region"), bool(r.get("multi_az", False)))
                            for r in c.get("read_replicas", ())),
        backup_retention_days=c.get("backup_retention_days", 1),
        deletion_protection=bool(c.get("deletion_protection", False)), capacity_rps=c.get("capacity_rps"),
        storage_gb=c.get("storage_gb"), replica_of=c.get("replica_of"))


def link(c: m.RdsInstance, by_id) -> dict[str, m.RdsInstance]:
    """A replica named as a component joins its source's read replicas (so the source knows where its
    data is copied and which Region can promote it), marked with its own id."""
    source = by_id.get(c.replica_of) if c.replica_of else None
    if not isinstance(source, m.RdsInstance):
        return {}
    replica = m.ReadReplica(az=c.primary_az, region=c.region if c.region != source.region else None,
                            multi_az=c.multi_az, component=c.id)
    return {source.id: dataclasses.replace(source, read_replicas=source.read_replicas + (replica,))}


def check(checker, path: tuple, c: dict) -> None:
    """Replicas name declared Regions and AZs; Multi-AZ needs subnets in two AZs."""
    region, azs = checker.placement(c)
    for i, replica in enumerate(checker.as_list(c.get("read_replicas"))):
        if not isinstance(replica, dict):
            continue
        replica_region = replica.get("region", region)
        if "region" in replica:
            checker.need_region(path + ("read_replicas", i, "region"), replica["region"])
        if "az" in replica:
            checker.need_az(path + ("read_replicas", i, "az"), replica["az"], replica_region)
    if c.get("multi_az") and len(set(azs)) < 2 and (c.get("subnets") or c.get("azs")):
        checker.error(path + ("multi_az",), "multi_az needs subnets (or azs) in at least two AZs",
                      "a DB subnet group for Multi-AZ covers two or more AZs")
    if "replica_of" in c:
        source = checker.ref(path + ("replica_of",), c["replica_of"], TYPE_NAME)
        if source is c:
            checker.error(path + ("replica_of",), "a DB instance cannot be a read replica of itself")
        elif source is not None and source.get("engine") != c.get("engine"):
            checker.error(path + ("engine",), f"a read replica runs its source's engine ({source.get('engine')})",
                          f"set engine: {source.get('engine')}")


def instances_per_az(c: m.RdsInstance) -> dict[str, int]:
    """The primary in the first AZ, the Multi-AZ standby in the second (read replicas serve reads only)."""
    out = {c.primary_az: 1} if c.primary_az else {}
    if c.multi_az and c.standby_az:
        out[c.standby_az] = out.get(c.standby_az, 0) + 1
    return out


def capacity_azs(c: m.RdsInstance) -> tuple[str, ...]:
    """The primary's and standby's AZs, and those of the same-Region read replicas that serve its reads."""
    replicas = (r.az for r in c.listed_replicas if (r.region is None or r.region == c.region) and r.az)
    return tuple(dict.fromkeys([*instances_per_az(c), *replicas]))


def single_instance(c: m.RdsInstance) -> bool:
    return not c.multi_az


def replica_regions(c: m.RdsInstance) -> tuple[str, ...]:
    """A cross-Region read replica serves after promotion."""
    return tuple(dict.fromkeys(r.region for r in c.read_replicas if r.region and r.region != c.region))


def after_az_loss(c: m.RdsInstance, lost_azs: frozenset, alive: bool) -> str:
    if c.primary_az not in lost_azs:
        return UP
    return FAILOVER if c.multi_az and c.standby_az not in lost_azs else DOWN


def state_azs(c: m.RdsInstance) -> tuple[str, ...]:
    return tuple(az for az in (c.primary_az, c.standby_az) if az)


def az_recovery_point(c: m.RdsInstance) -> RecoveryPoint:
    if c.multi_az:
        return RecoveryPoint(0.0, "Multi-AZ: synchronous standby", 'Amazon RDS User Guide, "Multi-AZ DB instance deployments"')
    if c.backup_retention_days > 0:
        return RecoveryPoint(LOG_UPLOAD_S, "single-AZ: point-in-time restore from backups", LOG_UPLOAD_SOURCE)
    return RecoveryPoint(None, "single-AZ with automated backups off", 'Amazon RDS User Guide, "Backup retention period"',
                         lost=True)


def region_copy(c: m.RdsInstance) -> RecoveryPoint | None:
    if not replica_regions(c):
        return None
    return RecoveryPoint(None, "cross-Region read replica (asynchronous; typically seconds, ReplicaLag has no published bound)",
                         'Amazon RDS User Guide, "Working with DB instance read replicas"')


def region_failover(c: m.RdsInstance) -> Recovery | None:
    """Losing its Region, a cross-Region read replica is promoted to a standalone DB instance."""
    regions = replica_regions(c)
    if not regions:
        return None
    return Recovery(f"promote its read replica in {', '.join(regions)} to a standalone DB instance (a few minutes, "
                    "with a reboot)", None, PROMOTION_SOURCE)


def needs(sizing) -> str:
    if sizing.get("capacity_rps_per_instance") is None:
        return EMPTY
    return f"primary {number(sizing['primary_rps_peak'])} rps of {number(sizing['capacity_rps_per_instance'])}"


MULTI_AZ = SlaFigure("rds-multi-az", "Amazon RDS", "Multi-AZ DB instance", 99.95,
                     "Amazon RDS Service Level Agreement", "https://aws.amazon.com/rds/sla/", "2026-11-26")
SINGLE_AZ = SlaFigure("rds-single-az", "Amazon RDS", "Single-AZ DB instance", 99.5,
                      "Amazon RDS Service Level Agreement", "https://aws.amazon.com/rds/sla/", "2026-11-26")


TYPE = ComponentType(
    name=TYPE_NAME, title="RDS DB instance", article="an",
    description="RDS DB instance (MySQL, PostgreSQL, MariaDB, Oracle, SQL Server).",
    model=m.RdsInstance, properties=PROPERTIES, required=("engine",), build=build, check=check,
    placement=Placement.ZONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.database", "RDS"),
    redundancy=Redundancy("the primary in its first AZ; multi_az adds a synchronous standby in the second; "
                          "read replicas (same or another Region, listed or named as components with "
                          "replica_of) serve reads and can be promoted, keeping their own multi_az",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          replica_regions=replica_regions, after_az_loss=after_az_loss, state_azs=state_azs,
                          az_recovery_point=az_recovery_point, region_copy=region_copy,
                          region_failover=region_failover),
    recovery=Recovery("RDS Multi-AZ failover", MULTI_AZ_FAILOVER_S, MULTI_AZ_FAILOVER_SOURCE,
                      low_seconds=MULTI_AZ_FAILOVER_LOW_S),
    sla=either(MULTI_AZ, SINGLE_AZ, lambda c: c.multi_az),
    traffic=Traffic("capacity_rps per DB instance: writes on the primary, reads spread over it and the same-Region "
                    "read replicas; priced per instance-hour and GB-month",
                    assess=assess_rds, surviving_capacity=surviving_rds, capacity_azs=capacity_azs, cost=price_rds,
                    needs=needs),
    drawing=Drawing.PRIMARY_STANDBY,
    deletion_policies=("retain", "snapshot", "delete"), link=link,
    capabilities=frozenset({Capability.BACKUP_RESOURCE}),
)
