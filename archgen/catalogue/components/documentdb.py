"""documentdb: an Amazon DocumentDB (with MongoDB compatibility) instance-based cluster: a primary and up to 15
replicas over a cluster volume copied across AZs."""

from __future__ import annotations

from dataclasses import dataclass

from archgen.catalogue.base import (
    ComponentType, Drawing, Placement, Recovery, Redundancy, Role, Sla, SlaFigure, State, Tier, Traffic,
)
from archgen.catalogue.components import _db_cluster, _nodes
from archgen.traffic.capacity import assess_aurora, surviving_aurora

GLOBAL_KEY = "global_cluster_regions"
PRICING = "https://aws.amazon.com/documentdb/pricing/"
FAULT_TOLERANCE = ('Amazon DocumentDB Developer Guide, "Understanding Amazon DocumentDB cluster fault tolerance": the '
                   "volume keeps a copy in each AZ; a replica is promoted and service is typically restored in less "
                   "than 120 seconds; without a replica a new primary takes a few minutes")
FAILOVER_S = 120.0  # ibid., the upper figure
GLOBAL = 'Amazon DocumentDB Developer Guide, "Using Amazon DocumentDB global clusters"'

PROPERTIES = _db_cluster.properties("db.r6g.large", GLOBAL_KEY, "global cluster")


@dataclass(frozen=True, kw_only=True)
class DocumentDbCluster(_db_cluster.DbCluster):
    pass


def build(builder, index: int, c: dict, common: dict) -> DocumentDbCluster:
    return DocumentDbCluster(**_db_cluster.build_fields(c, common, GLOBAL_KEY))


def check(checker, path: tuple, c: dict) -> None:
    """Secondary Regions are declared and not its own."""
    _db_cluster.check_regions(checker, path, c, GLOBAL_KEY)


def price(c: DocumentDbCluster, avg, sizing, spec, bill) -> None:
    _nodes.instance_hours(bill, "DocumentDB instance", len(c.instances), c.instance_class, PRICING)
    bill.missing("DocumentDB storage and I/O")


SLA_URL = "https://aws.amazon.com/documentdb/sla/"
SLA_SOURCE = "Amazon DocumentDB Service Level Agreement (last updated 2025-05-01)"
MULTI_AZ = SlaFigure("documentdb-multi-az", "Amazon DocumentDB", "cluster with instances in two or more AZs", 99.99,
                     SLA_SOURCE, SLA_URL, "2026-11-29")
SINGLE_AZ = SlaFigure("documentdb-single-az", "Amazon DocumentDB", "cluster in one AZ", 99.9, SLA_SOURCE, SLA_URL,
                      "2026-11-29")


def sla_key(c: DocumentDbCluster) -> str:
    return MULTI_AZ.key if _db_cluster.multi_az(c) else SINGLE_AZ.key


TYPE = ComponentType(
    name="documentdb", title="DocumentDB cluster", article="a",
    description="Amazon DocumentDB (with MongoDB compatibility) cluster: a primary and up to 15 replicas in the AZs of "
                "its subnets over a cluster volume copied across AZs; a global cluster adds read-only Regions.",
    model=DocumentDbCluster, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.ZONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.database", "DocumentDB"),
    redundancy=Redundancy("instances spread over the AZs of its subnets in order (the first the primary), as "
                          "DocumentDB balances them over its subnet group (Developer Guide, \"High Availability and "
                          "Replication\"); the cluster volume keeps a copy in each AZ; a replica in a "
                          "surviving AZ is promoted; global_cluster_regions add clusters that can be promoted",
                          instances_per_az=_db_cluster.instances_per_az, single_instance=_db_cluster.single_instance,
                          replica_regions=_db_cluster.replica_regions, after_az_loss=_db_cluster.after_az_loss,
                          state_azs=_db_cluster.state_azs,
                          az_recovery_point=_db_cluster.volume_recovery_point(FAULT_TOLERANCE),
                          region_copy=_db_cluster.global_copy("DocumentDB global cluster", GLOBAL)),
    recovery=Recovery("DocumentDB promotes a replica; service typically restored in less than 120 seconds",
                      FAILOVER_S, FAULT_TOLERANCE),
    sla=Sla((MULTI_AZ, SINGLE_AZ), sla_key),
    traffic=Traffic("capacity_rps per DB instance (declared: AWS publishes no per-instance rate): writes on the "
                    "primary, reads over the replicas (reader endpoint); instance-hours, storage and I/O are priced "
                    f"per class ({PRICING}), not in archgen's table",
                    assess=assess_aurora, surviving_capacity=surviving_aurora, cost=price, needs=_db_cluster.needs),
    drawing=Drawing.CLUSTER,
)
