"""efs: an Amazon EFS file system, Regional (data in several AZs) or One Zone, reached through a mount target in
each AZ of its subnets."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, SlaFigure, State, Tier, Traffic,
    either, one_per_az,
)
from archgen.spec.schema_parts import REGION_PATTERN, positive, prop

REGIONAL, ONE_ZONE = "regional", "one_zone"
TYPES_PAGE = ('Amazon EFS User Guide, "EFS file system types": Regional file systems store data redundantly across '
              "multiple AZs; One Zone file systems store it in one AZ, and may lose it if that AZ is lost")
AUTOMATIC_BACKUP_S = 24 * 3600.0
AUTOMATIC_BACKUP_PAGE = ('Amazon EFS User Guide, "Automatic backups": the default EFS backup plan takes a daily backup '
                         "kept 35 days; on by default for One Zone file systems created through the API")
REPLICATION_RPO_S = 15 * 60.0
REPLICATION_PAGE = ('Amazon EFS User Guide, "Replicating file systems": most changes replicated within a minute, an RPO '
                    "of 15 minutes for most file systems; the read-only destination becomes writable on failover")
FAILOVER_PAGE = ('Amazon EFS User Guide, "Deleting replication configurations": to fail over, delete the replication '
                 "configuration; making the destination writable \"can take several minutes\" (no figure published) — "
                 "https://docs.aws.amazon.com/efs/latest/ug/delete-replications.html")
PRICING = "https://aws.amazon.com/efs/pricing/"
STANDARD_GB_MONTH_USD = 0.30  # EFS Standard storage, US East (N. Virginia), per GB-month (PRICING)

PROPERTIES = {
    "storage": prop("string", "File system type: regional (data in several AZs, the default) or one_zone (data in the "
                    "AZ of its single mount target).", enum=[REGIONAL, ONE_ZONE]),
    "replication_region": prop("string", "Region of its EFS Replication destination (a read-only copy that becomes "
                               "writable when you fail over).", pattern=REGION_PATTERN),
    "automatic_backups": prop("boolean", "Automatic daily backups (the default EFS backup plan). Default: on for One "
                              "Zone, off for Regional (AWS's API defaults)."),
    "storage_gb": positive("Average data stored in GB (for cost)."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class FileSystem(m.Component):
    """An EFS file system."""

    one_zone: bool = False
    replication_region: str | None = None
    automatic_backups: bool = False
    storage_gb: float | None = None


def build(builder, index: int, c: dict, common: dict) -> FileSystem:
    one_zone = c.get("storage") == ONE_ZONE
    return FileSystem(**common, one_zone=one_zone, replication_region=c.get("replication_region"),
                      automatic_backups=bool(c.get("automatic_backups", one_zone)), storage_gb=c.get("storage_gb"))


def check(checker, path: tuple, c: dict) -> None:
    """Mount targets: one subnet per AZ; a One Zone file system has one, in its AZ. The replica is in another Region."""
    region, azs = checker.placement(c)
    if len(azs) != len(set(azs)):
        checker.error(path + ("subnets",), "two subnets in one AZ: a file system has one mount target per AZ")
    if c.get("storage") == ONE_ZONE:
        if not c.get("subnets"):
            checker.error(path, f"One Zone file system '{c.get('id')}' needs the subnet of its mount target",
                          "add 'subnets' with one subnet in the file system's AZ")
        elif len(set(azs)) > 1:
            checker.error(path + ("subnets",), "a One Zone file system has a single mount target, in its own AZ",
                          "keep one subnet; clients in other AZs mount through it")
    if "replication_region" in c and checker.need_region(path + ("replication_region",), c["replication_region"]) \
            and c["replication_region"] == region:
        checker.error(path + ("replication_region",), "EFS Replication here copies to another Region",
                      "name another Region (a same-Region replica does not survive a Region loss)")


def replica_regions(c: FileSystem) -> tuple[str, ...]:
    """The replication destination serves after failover (it becomes writable)."""
    return (c.replication_region,) if c.replication_region else ()


def az_recovery_point(c: FileSystem) -> RecoveryPoint:
    if not c.one_zone:
        return RecoveryPoint(0.0, "Regional: data stored across AZs", TYPES_PAGE)
    if c.automatic_backups:
        return RecoveryPoint(AUTOMATIC_BACKUP_S, "One Zone: restore the last automatic daily backup",
                             AUTOMATIC_BACKUP_PAGE)
    return RecoveryPoint(None, "One Zone: data in one AZ, automatic backups off", TYPES_PAGE, lost=True)


def region_copy(c: FileSystem) -> RecoveryPoint | None:
    if not c.replication_region:
        return None
    return RecoveryPoint(REPLICATION_RPO_S, f"EFS Replication to {c.replication_region}", REPLICATION_PAGE)


def region_failover(c: FileSystem) -> Recovery | None:
    """Losing its Region: delete the replication configuration so that the replica becomes writable."""
    if not c.replication_region:
        return None
    return Recovery(f"fail over to its replica in {c.replication_region}: delete the replication configuration so "
                    "that it becomes writable (several minutes)", None, FAILOVER_PAGE)


def price(c: FileSystem, avg, sizing, spec, bill) -> None:
    if c.storage_gb is None:
        bill.missing("storage (set storage_gb)")
    elif c.one_zone:
        bill.missing(f"One Zone storage: price not in archgen's table (AWS publishes it at {PRICING})")
    else:
        bill.add("Standard storage", c.storage_gb, "GB-months", STANDARD_GB_MONTH_USD, PRICING)
    bill.missing("throughput charges (Elastic: per GB read and written) and Infrequent Access tiers")


def details(c: FileSystem) -> list[str]:
    words = ["One Zone" if c.one_zone else "Regional"]
    if c.replication_region:
        words.append(f"replica in {c.replication_region}")
    return [" · ".join(words)]


SLA_URL = "https://aws.amazon.com/efs/sla/"
SLA_SOURCE = "Amazon EFS Service Level Agreement (last updated 2022-05-04)"
STANDARD = SlaFigure("efs-standard", "Amazon EFS", "Standard storage classes (Regional file system)", 99.99,
                     SLA_SOURCE, SLA_URL, "2026-11-29")
ONE_ZONE_SLA = SlaFigure("efs-one-zone", "Amazon EFS", "One Zone storage classes", 99.9, SLA_SOURCE, SLA_URL,
                         "2026-11-29")


TYPE = ComponentType(
    name="efs", title="EFS file system", article="an",
    description="Amazon EFS file system: Regional (data in several AZs) or One Zone (data in one AZ), reached through a "
                "mount target in each AZ of its subnets.",
    model=FileSystem, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.SUBNETS, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.storage", "ElasticFileSystemEFS"),
    redundancy=Redundancy("a mount target in each AZ of its subnets (clients reach it through them); Regional data "
                          "lives in several AZs, One Zone data in the AZ of its single mount target; replication_region "
                          "keeps a copy that serves after failover",
                          instances_per_az=one_per_az, replica_regions=replica_regions,
                          az_recovery_point=az_recovery_point, region_copy=region_copy,
                          region_failover=region_failover),
    recovery=Recovery("Regional: clients keep mounting through the mount targets of the AZs still up; One Zone: "
                      "unavailable until its AZ returns; AWS publishes no recovery time", None, TYPES_PAGE),
    sla=either(STANDARD, ONE_ZONE_SLA, lambda c: not c.one_zone),
    traffic=Traffic(f"no request limit modelled (throughput depends on the throughput mode and the bytes moved); "
                    f"Standard storage priced ${STANDARD_GB_MONTH_USD} per GB-month ({PRICING}); One Zone storage and "
                    "throughput charges not in archgen's table",
                    cost=price),
    details=details, deletion_policies=("retain", "delete"), capabilities=frozenset({Capability.BACKUP_RESOURCE}),
)
