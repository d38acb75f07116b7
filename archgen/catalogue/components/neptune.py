"""neptune: an Amazon Neptune DB cluster (graph database): a primary and up to 15 replicas over a cluster volume copied
across AZs."""

from __future__ import annotations

from dataclasses import dataclass

from archgen.catalogue.base import (
    ComponentType, Drawing, Placement, Recovery, Redundancy, Role, Sla, SlaFigure, State, Tier, Traffic,
)
from archgen.catalogue.components import _db_cluster, _nodes
from archgen.traffic.capacity import assess_aurora, surviving_aurora

GLOBAL_KEY = "global_database_regions"
PRICING = "https://aws.amazon.com/neptune/pricing/"
FAULT_TOLERANCE = ('Amazon Neptune User Guide, "Fault tolerance for a Neptune DB cluster": the volume keeps a copy in '
                   "each AZ; a replica is promoted and service is typically restored in less than 120 seconds; without "
                   "a replica the cluster is unavailable until its instance recovers")
FAILOVER_S = 120.0  # ibid., the upper figure
GLOBAL = ('Amazon Neptune User Guide, "Using failover in a Neptune global database": the RPO is typically a number '
          "of seconds")

PROPERTIES = _db_cluster.properties("db.r6g.large", GLOBAL_KEY, "Neptune global database")


@dataclass(frozen=True, kw_only=True)
class NeptuneCluster(_db_cluster.DbCluster):
    pass


def build(builder, index: int, c: dict, common: dict) -> NeptuneCluster:
    return NeptuneCluster(**_db_cluster.build_fields(c, common, GLOBAL_KEY))


def check(checker, path: tuple, c: dict) -> None:
    """Secondary Regions are declared and not its own."""
    _db_cluster.check_regions(checker, path, c, GLOBAL_KEY)


def price(c: NeptuneCluster, avg, sizing, spec, bill) -> None:
    _nodes.instance_hours(bill, "Neptune instance", len(c.instances), c.instance_class, PRICING)
    bill.missing("Neptune storage and I/O")


SLA_URL = "https://aws.amazon.com/neptune/sla/"
SLA_SOURCE = "Amazon Neptune Service Level Agreement (last updated 2024-01-10)"
MULTI_AZ = SlaFigure("neptune-multi-az", "Amazon Neptune", "Multi-AZ DB cluster (instances in two or more AZs)", 99.9,
                     SLA_SOURCE, SLA_URL, "2026-11-29")
SINGLE_AZ = SlaFigure("neptune-single", "Amazon Neptune", "single DB instance or single-AZ", 99.5, SLA_SOURCE, SLA_URL,
                      "2026-11-29")


def sla_key(c: NeptuneCluster) -> str:
    return MULTI_AZ.key if _db_cluster.multi_az(c) else SINGLE_AZ.key


TYPE = ComponentType(
    name="neptune", title="Neptune DB cluster", article="a",
    description="Amazon Neptune DB cluster (graph database): a primary and up to 15 replicas in the AZs of its subnets "
                "over a cluster volume copied across AZs; a global database adds read-only Regions.",
    model=NeptuneCluster, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.ZONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.database", "Neptune"),
    redundancy=Redundancy("instances spread over the AZs of its subnets in order (the first the primary; "
                          "Neptune places replicas where you create them: derived); the cluster volume keeps a copy in each AZ; a replica in a "
                          "surviving AZ is promoted; global_database_regions add clusters that can be promoted",
                          instances_per_az=_db_cluster.instances_per_az, single_instance=_db_cluster.single_instance,
                          replica_regions=_db_cluster.replica_regions, after_az_loss=_db_cluster.after_az_loss,
                          state_azs=_db_cluster.state_azs,
                          az_recovery_point=_db_cluster.volume_recovery_point(FAULT_TOLERANCE),
                          region_copy=_db_cluster.global_copy("Neptune global database", GLOBAL)),
    recovery=Recovery("Neptune promotes a replica; service typically restored in less than 120 seconds",
                      FAILOVER_S, FAULT_TOLERANCE),
    sla=Sla((MULTI_AZ, SINGLE_AZ), sla_key),
    traffic=Traffic("capacity_rps per DB instance (declared: AWS publishes no per-instance rate): writes on the "
                    "primary, reads over the replicas (reader endpoint); instance-hours, storage and I/O are priced "
                    f"per class ({PRICING}), not in archgen's table",
                    assess=assess_aurora, surviving_capacity=surviving_aurora, cost=price, needs=_db_cluster.needs),
    drawing=Drawing.CLUSTER,
)
