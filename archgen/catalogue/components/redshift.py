"""redshift: an Amazon Redshift provisioned cluster (a data warehouse): its nodes in one AZ, or in two with
Multi-AZ (RA3); relocation (RA3) moves it to another AZ."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    Capability, DOWN, FAILOVER, UP, ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, Sla, SlaFigure, State,
    Tier, Traffic,
)
from archgen.catalogue.components import _nodes
from archgen.spec.schema_parts import REGION_PATTERN, count, obj, positive, prop
from archgen.traffic.facts import HOURS_PER_MONTH

PRICING = "https://aws.amazon.com/redshift/pricing/"
DC2_LARGE_HOUR_USD = 0.25  # dc2.large on-demand, US East (N. Virginia): "start small at $0.25 per hour" (PRICING)
MULTI_AZ_PAGE = ('Amazon Redshift Management Guide, "Multi-AZ deployment": RA3 compute in two AZs behind one endpoint; '
                 "the second AZ keeps processing when one fails; zero RPO")
RELOCATION_PAGE = ('Amazon Redshift Management Guide, "Relocating a cluster": RA3 only; Redshift may move the cluster '
                   "to another AZ, without data loss, when its AZ has issues")
SNAPSHOT_S = 8 * 3600.0
SNAPSHOT_PAGE = ('Amazon Redshift Management Guide, "Amazon Redshift snapshots": automated snapshots every eight hours '
                 "or every 5 GB per node of changes, whichever comes first")
RMS_PAGE = ('Amazon Redshift Management Guide, "RA3 node types": data in Redshift managed storage (Amazon S3), kept '
            "apart from the compute nodes")

PROPERTIES = {
    "node_type": prop("string", "Node type, e.g. ra3.xlplus or dc2.large.", pattern=r"^(ra3|dc2|ds2)\.[a-z0-9]+$"),
    "nodes": count("Compute nodes (1 is a single-node cluster).", 1, 128),
    "multi_az": prop("boolean", "Multi-AZ deployment (RA3): the same compute in a second AZ."),
    "relocation": prop("boolean", "Cluster relocation (RA3): Redshift may move the cluster to another AZ."),
    "snapshot_retention_days": count("Automated snapshot retention in days (0 turns automated snapshots off; "
                                     "default 1).", 0, 35),
    "snapshot_copy": obj("Cross-Region snapshot copy: automated snapshots copied to another Region.", {
        "region": prop("string", "Destination Region.", pattern=REGION_PATTERN),
        "retention_days": count("Days the copies are kept (default 7).", 1, 3653),
    }, required=("region",)),
    "capacity_rps": positive("Queries per second one compute node sustains (AWS publishes no per-node figure: "
                             "measure it)."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class RedshiftCluster(m.Component):
    """A Redshift cluster."""

    node_type: str | None = None
    nodes: int = 1
    multi_az: bool = False
    relocation: bool = False
    snapshot_retention_days: int = 1
    snapshot_copy_region: str | None = None
    capacity_rps: float | None = None

    @property
    def ra3(self) -> bool:
        return (self.node_type or "").startswith("ra3.")


def build(builder, index: int, c: dict, common: dict) -> RedshiftCluster:
    multi_az = bool(c.get("multi_az", False))
    return RedshiftCluster(**_nodes.used_azs(2 if multi_az else 1, common), node_type=c.get("node_type"),
                           nodes=c.get("nodes", 1), multi_az=multi_az, relocation=bool(c.get("relocation", False)),
                           snapshot_retention_days=c.get("snapshot_retention_days", 1),
                           snapshot_copy_region=c.get("snapshot_copy", {}).get("region"),
                           capacity_rps=c.get("capacity_rps"))


def check(checker, path: tuple, c: dict) -> None:
    """Multi-AZ and relocation are RA3 features; Multi-AZ needs a second AZ; the snapshot copy goes elsewhere."""
    region, azs = checker.placement(c)
    ra3 = str(c.get("node_type", "")).startswith("ra3.")
    for key in ("multi_az", "relocation"):
        if c.get(key) and "node_type" in c and not ra3:
            checker.error(path + (key,), f"{key} needs RA3 nodes, not {c['node_type']}")
    if c.get("multi_az") and len(set(azs)) < 2:
        checker.error(path + ("multi_az",), "a Multi-AZ cluster needs subnets in two AZs")
    copy = c.get("snapshot_copy")
    if isinstance(copy, dict) and checker.need_region(path + ("snapshot_copy", "region"), copy.get("region")) \
            and copy.get("region") == region:
        checker.error(path + ("snapshot_copy", "region"), "a cross-Region snapshot copy goes to another Region")
    if isinstance(copy, dict) and c.get("snapshot_retention_days") == 0:
        checker.error(path + ("snapshot_copy",), "with automated snapshots off there is nothing to copy",
                      "set snapshot_retention_days to 1 or more")


def instances_per_az(c: RedshiftCluster) -> dict[str, int]:
    return {az: c.nodes for az in c.azs}


def single_instance(c: RedshiftCluster) -> bool:
    return c.nodes <= 1 and not c.multi_az


def after_az_loss(c: RedshiftCluster, lost_azs: frozenset, alive: bool) -> str:
    """Multi-AZ: the other AZ keeps serving; relocation moves a single-AZ RA3 cluster; otherwise down."""
    if alive:
        return UP
    return FAILOVER if c.relocation and c.ra3 else DOWN


def copy_regions(c: RedshiftCluster) -> tuple[str, ...]:
    return (c.snapshot_copy_region,) if c.snapshot_copy_region else ()


def az_recovery_point(c: RedshiftCluster) -> RecoveryPoint:
    if c.multi_az:
        return RecoveryPoint(0.0, "Multi-AZ: shared managed storage", MULTI_AZ_PAGE)
    if c.ra3:
        return RecoveryPoint(0.0, "RA3: data in Redshift managed storage (S3)", RMS_PAGE)
    if c.snapshot_retention_days:
        return RecoveryPoint(SNAPSHOT_S, "restore from the last automated snapshot", SNAPSHOT_PAGE)
    return RecoveryPoint(None, "data on the nodes' own storage, automated snapshots off", SNAPSHOT_PAGE, lost=True)


def region_copy(c: RedshiftCluster) -> RecoveryPoint | None:
    if not c.snapshot_copy_region:
        return None
    return RecoveryPoint(SNAPSHOT_S, f"automated snapshots copied to {c.snapshot_copy_region}", SNAPSHOT_PAGE)


def assess(c: RedshiftCluster, avg, peak, view):
    return _nodes.assess_nodes(c.nodes, c.capacity_rps, peak, extra={"multi_az": c.multi_az})


def surviving(c: RedshiftCluster, spec, surviving_azs) -> float | None:
    if c.capacity_rps is None:
        return None
    alive = surviving_azs is None or any(az in surviving_azs for az in c.azs)
    return c.nodes * c.capacity_rps if alive else 0.0


def price(c: RedshiftCluster, avg, sizing, spec, bill) -> None:
    copies = 2 if c.multi_az else 1  # Multi-AZ runs the same compute in each AZ, at the same hourly rate
    if c.node_type == "dc2.large":
        bill.add(f"{c.nodes} × dc2.large", c.nodes * copies * HOURS_PER_MONTH, "node-hours", DC2_LARGE_HOUR_USD, PRICING)
    else:
        _nodes.instance_hours(bill, "Redshift node", c.nodes * copies, c.node_type, PRICING)
    if c.ra3:
        bill.missing("Redshift managed storage (RA3)")


def details(c: RedshiftCluster) -> list[str]:
    words = [_nodes.spread_label(c.nodes, (), size=c.node_type), "Multi-AZ" if c.multi_az else ""]
    return [" · ".join(w for w in words if w)]


SLA_URL = "https://aws.amazon.com/redshift/sla/"
SLA_SOURCE = "Amazon Redshift Service Level Agreement (last updated 2023-11-01)"
MULTI_AZ = SlaFigure("redshift-multi-az", "Amazon Redshift", "Multi-AZ cluster", 99.99, SLA_SOURCE, SLA_URL, "2026-11-29")
MULTI_NODE = SlaFigure("redshift-multi-node", "Amazon Redshift", "Single-AZ multi-node cluster", 99.9, SLA_SOURCE,
                       SLA_URL, "2026-11-29")
SINGLE_NODE = SlaFigure("redshift-single-node", "Amazon Redshift", "Single-AZ single-node cluster", 99.5, SLA_SOURCE,
                        SLA_URL, "2026-11-29")


def sla_key(c: RedshiftCluster) -> str:
    if c.multi_az:
        return MULTI_AZ.key
    return MULTI_NODE.key if c.nodes > 1 else SINGLE_NODE.key


TYPE = ComponentType(
    name="redshift", title="Redshift cluster", article="a",
    description="Amazon Redshift provisioned cluster (data warehouse): its compute nodes in the first AZ of its "
                "subnets, or in two with Multi-AZ (RA3); relocation (RA3) moves it to another AZ.",
    model=RedshiftCluster, properties=PROPERTIES, required=("nodes",), build=build, check=check,
    placement=Placement.ZONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.analytics", "Redshift"),
    redundancy=Redundancy("every node in the first AZ of its subnets; multi_az runs the same nodes in the second; "
                          "relocation (RA3) moves the cluster to another AZ; RA3 data lives in managed storage (S3), "
                          "other node types' on the nodes with automated snapshots; snapshot_copy copies them to "
                          "another Region",
                          instances_per_az=instances_per_az, single_instance=single_instance, copy_regions=copy_regions,
                          after_az_loss=after_az_loss, az_recovery_point=az_recovery_point, region_copy=region_copy),
    recovery=Recovery("Multi-AZ keeps serving from the other AZ; relocation moves an RA3 cluster; AWS publishes no "
                      "recovery time", None, MULTI_AZ_PAGE),
    sla=Sla((MULTI_AZ, MULTI_NODE, SINGLE_NODE), sla_key),
    traffic=Traffic("capacity_rps per compute node × nodes (declared: AWS publishes no per-node rate); dc2.large "
                    f"priced ${DC2_LARGE_HOUR_USD} per node-hour ({PRICING}); other node types and managed storage "
                    "not in archgen's table",
                    assess=assess, surviving_capacity=surviving, cost=price, needs=_nodes.nodes_needed),
    details=details, instance_noun="node", deletion_policies=("retain", "snapshot", "delete"),
    capabilities=frozenset({Capability.BACKUP_RESOURCE}),
)
