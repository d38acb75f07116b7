"""s3: an S3 bucket (regional; its data is stored across at least 3 AZs except in One Zone classes)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, SlaFigure, State, Tier, Traffic,
    either,
)
from archgen.formatting import number
from archgen.spec.schema_parts import REGION_PATTERN, array, positive, prop
from archgen.traffic.capacity import assess_s3
from archgen.traffic.cost import price_s3

MINUTE = 60.0
REPLICATION_S = 15 * MINUTE
REPLICATION_SOURCE = ('Amazon S3 User Guide, "S3 Replication Time Control": 99.99% of objects replicated within '
                      "15 minutes (most objects in seconds)")
ONE_ZONE = "ONEZONE_IA"

PROPERTIES = {
    "website": prop("boolean", "Static website hosting enabled."),
    "versioning": prop("boolean", "Object versioning enabled (required for replication)."),
    "storage_class": prop("string", "Default storage class.",
                          enum=["STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", ONE_ZONE, "GLACIER_IR"]),
    "replica_regions": array("Regions this bucket replicates to (S3 replication; needs versioning). A replica "
                             "bucket that is a component of the spec is joined by a replication connection instead.",
                             prop("string", "Region name.", pattern=REGION_PATTERN), uniqueItems=True),
    "storage_gb": positive("Average data stored, in GB (for cost)."),
}


def build(builder, index: int, c: dict, common: dict) -> m.S3Bucket:
    return m.S3Bucket(**common, website=bool(c.get("website", False)), versioning=bool(c.get("versioning", False)),
                      storage_class=c.get("storage_class", "STANDARD"),
                      replica_regions=tuple(c.get("replica_regions", ())), storage_gb=c.get("storage_gb"))


def check(checker, path: tuple, c: dict) -> None:
    """Replica Regions are other declared Regions; replication needs versioning (S3 User Guide,
    "Requirements and considerations for replication")."""
    checker.check_replica_regions(path, c, "replica_regions", c.get("region"))
    if c.get("replica_regions") and not c.get("versioning"):
        checker.error(path + ("replica_regions",), "S3 replication needs versioning on the bucket",
                      "set versioning: true (the destination buckets need it too)")


def az_recovery_point(c: m.S3Bucket) -> RecoveryPoint:
    if c.storage_class == ONE_ZONE:
        return RecoveryPoint(None, "S3 One Zone-IA keeps data in one AZ", 'Amazon S3 User Guide, "Storage classes"',
                             lost=True)
    return RecoveryPoint(0.0, "stored across at least 3 AZs", 'Amazon S3 User Guide, "Data protection"')


def region_copy(c: m.S3Bucket) -> RecoveryPoint | None:
    if not c.replica_regions:
        return None
    return RecoveryPoint(REPLICATION_S, "S3 cross-Region replication", REPLICATION_SOURCE)


def copy_regions(c: m.S3Bucket) -> tuple[str, ...]:
    """Cross-Region replication copies the data; the replica is another bucket with another endpoint,
    reachable only through a path to it (a CloudFront origin group or a Route 53 failover record)."""
    return c.replica_regions


def needs(sizing) -> str:
    return f"{number(sizing['get_per_s_peak'])} GET/s, {number(sizing['put_per_s_peak'])} PUT/s"


STANDARD = SlaFigure("s3-standard", "Amazon S3", "S3 Standard (and other multi-AZ storage classes)", 99.9,
                     "Amazon S3 Service Level Agreement", "https://aws.amazon.com/s3/sla/", "2026-11-26")
ONE_ZONE_SLA = SlaFigure("s3-one-zone", "Amazon S3", "S3 One Zone-IA", 99.0,
                         "Amazon S3 Service Level Agreement", "https://aws.amazon.com/s3/sla/", "2026-11-26")


def details(c: m.S3Bucket) -> list[str]:
    return ["website"] if c.website else []


TYPE = ComponentType(
    name="s3", title="S3 bucket", article="an",
    description="S3 bucket (regional; data stored across at least 3 AZs except One Zone classes).",
    model=m.S3Bucket, properties=PROPERTIES, required=("region",), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.storage", "S3"),
    redundancy=Redundancy("AWS stores objects across at least 3 AZs (One Zone-IA: one AZ); "
                          "replica_regions copy them to other Regions",
                          copy_regions=copy_regions, az_recovery_point=az_recovery_point, region_copy=region_copy),
    recovery=Recovery("no failover of yours inside a Region: AWS serves from the AZs that hold the data; "
                      "a replica bucket in another Region needs a path to it (origin group, DNS failover)", None,
                      'Amazon S3 User Guide, "Data protection in Amazon S3"'),
    sla=either(STANDARD, ONE_ZONE_SLA, lambda c: c.storage_class != ONE_ZONE),
    traffic=Traffic("no ceiling modelled (S3 scales per prefix: 3,500 writes/s and 5,500 reads/s each); "
                    "priced per GB-month and per 1,000 GET and PUT requests",
                    assess=assess_s3, cost=price_s3, needs=needs),
    details=details,
    capabilities=frozenset({Capability.ALIAS_TARGET, Capability.GATEWAY_ENDPOINT_SERVICE, Capability.BACKUP_RESOURCE}),
    deletion_policies=("retain", "delete"),
)
