"""opensearch: an Amazon OpenSearch Service domain (managed cluster): data nodes in one AZ or, with zone
awareness, two or three; dedicated master nodes; optionally Multi-AZ with Standby."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    DOWN, FAILOVER, UP, ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, Sla, SlaFigure, State,
    Tier, Traffic,
)
from archgen.catalogue.components import _nodes
from archgen.spec.schema_parts import count, positive, prop

PRICING = "https://aws.amazon.com/opensearch-service/pricing/"
STANDBY_BLOG = ("AWS Big Data Blog, \"Amazon OpenSearch Service now supports 99.99% availability using Multi-AZ with "
                "Standby\" (2023): three AZs, one in standby, each with a full copy; standby nodes promoted in less "
                "than a minute; three (or a multiple of three) data nodes; three dedicated master nodes")
MASTERS_PAGE = ('Amazon OpenSearch Service Developer Guide, "Dedicated master nodes": three recommended; one is '
                "prohibited; a quorum is n / 2 + 1 master nodes")
SNAPSHOTS_S = 3600.0
SNAPSHOTS_PAGE = ('Amazon OpenSearch Service Developer Guide, "Creating index snapshots": hourly automated snapshots, '
                  "kept 14 days, for cluster recovery")
STANDBY_FAILOVER_S = 60.0
RECOMMENDED_MASTERS = 3

PROPERTIES = {
    "data_nodes": count("Data nodes (InstanceCount), spread over its AZs in order; default 1.", 1, 1002),
    "instance_type": prop("string", "Data node instance type, e.g. r6g.large.search.", pattern=r"^[a-z0-9]+\.[a-z0-9]+\.search$"),
    "zone_awareness": prop("boolean", "Zone awareness: data nodes and replica shards spread over the two or three AZs "
                           "of its subnets (default false: one AZ)."),
    "dedicated_masters": count("Dedicated master nodes (0 for none; AWS recommends 3 and rejects 1).", 0, 5),
    "dedicated_master_type": prop("string", "Dedicated master instance type.", pattern=r"^[a-z0-9]+\.[a-z0-9]+\.search$"),
    "standby": prop("boolean", "Multi-AZ with Standby: three AZs, one kept in standby with a full copy of the data."),
    "replicas": count("Replica shards of each primary shard in its indexes (default 1).", 0, 10),
    "capacity_rps": positive("Requests per second one data node sustains (AWS publishes no per-node figure: measure "
                             "it)."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class OpenSearchDomain(m.Component):
    """An OpenSearch Service domain."""

    data_nodes: int = 1
    instance_type: str | None = None
    zone_awareness: bool = False
    dedicated_masters: int = 0
    dedicated_master_type: str | None = None
    standby: bool = False
    replicas: int = 1
    capacity_rps: float | None = None
    node_azs: tuple[str, ...] = ()  # AZ of each data node
    master_azs: tuple[str, ...] = ()  # AZ of each dedicated master node

    @property
    def serving_nodes(self) -> int:
        """Data nodes that take queries: with Multi-AZ with Standby, those of the two active AZs."""
        return self.data_nodes * 2 // 3 if self.standby else self.data_nodes


def build(builder, index: int, c: dict, common: dict) -> OpenSearchDomain:
    azs = common["azs"]
    data_nodes, masters = c.get("data_nodes", 1), c.get("dedicated_masters", 0)
    return OpenSearchDomain(**_nodes.used_azs(max(data_nodes, masters), common), data_nodes=data_nodes,
                            instance_type=c.get("instance_type"), zone_awareness=bool(c.get("zone_awareness", False)),
                            dedicated_masters=masters, dedicated_master_type=c.get("dedicated_master_type"),
                            standby=bool(c.get("standby", False)), replicas=c.get("replicas", 1),
                            capacity_rps=c.get("capacity_rps"), node_azs=_nodes.spread(data_nodes, azs),
                            master_azs=_nodes.spread(masters, azs))


def check(checker, path: tuple, c: dict) -> None:
    """AZs match zone awareness (one AZ without, two or three with); one dedicated master is refused; Multi-AZ
    with Standby has its prerequisites (OpenSearch Service's own validation)."""
    _, azs = checker.placement(c)
    zones = len(set(azs))
    if c.get("zone_awareness") or c.get("standby"):
        if zones not in (2, 3):
            checker.error(path, f"OpenSearch domain '{c.get('id')}' spans {zones} AZ(s): zone awareness uses 2 or 3",
                          "give subnets in two or three AZs")
    elif zones > 1:
        checker.error(path, f"OpenSearch domain '{c.get('id')}' spans {zones} AZs but zone awareness is off: without "
                      "it a domain runs in one AZ", "set zone_awareness: true, or keep one subnet")
    if c.get("dedicated_masters") == 1:
        checker.error(path + ("dedicated_masters",), "OpenSearch Service refuses a single dedicated master node",
                      "use 3 dedicated master nodes")
    if c.get("standby"):
        data_nodes = c.get("data_nodes", 1)
        if zones != 3:
            checker.error(path + ("standby",), "Multi-AZ with Standby needs subnets in three AZs")
        if isinstance(data_nodes, int) and data_nodes % 3:
            checker.error(path + ("data_nodes",), f"Multi-AZ with Standby needs a multiple of three data nodes, not "
                          f"{data_nodes}")
        if c.get("dedicated_masters") != RECOMMENDED_MASTERS:
            checker.error(path + ("standby",), "Multi-AZ with Standby needs three dedicated master nodes",
                          "set dedicated_masters: 3")


def instances_per_az(c: OpenSearchDomain) -> dict[str, int]:
    return _nodes.per_az(c.node_azs)


def single_instance(c: OpenSearchDomain) -> bool:
    return c.data_nodes <= 1


def voters(c: OpenSearchDomain) -> tuple[str, ...]:
    """AZs of the master-eligible nodes: the dedicated masters, else the data nodes."""
    return c.master_azs if c.dedicated_masters else c.node_azs


def shard_copies_across_azs(c: OpenSearchDomain) -> int:
    """AZs that each hold a copy of every shard: zone awareness puts a shard's copies in different AZs (derived)."""
    if not c.zone_awareness and not c.standby:
        return 1
    return min(1 + c.replicas, len(set(c.node_azs)))


def after_az_loss(c: OpenSearchDomain, lost_azs: frozenset, alive: bool) -> str:
    """DOWN when the master quorum goes or some shard loses every copy; Multi-AZ with Standby promotes the standby
    AZ when an active one goes; otherwise the surviving copies serve."""
    lost_data_azs = {az for az in c.node_azs if az in lost_azs}
    if not lost_data_azs and not any(az in lost_azs for az in c.master_azs):
        return UP
    if not _nodes.quorum_survives(voters(c), lost_azs):
        return DOWN
    if len(lost_data_azs) >= shard_copies_across_azs(c) or not alive:
        return DOWN
    if c.standby and any(az in lost_data_azs for az in sorted(set(c.node_azs), key=c.node_azs.index)[:2]):
        return FAILOVER
    return UP


def state_azs(c: OpenSearchDomain) -> tuple[str, ...]:
    return c.node_azs + c.master_azs


def az_recovery_point(c: OpenSearchDomain) -> RecoveryPoint:
    if shard_copies_across_azs(c) >= 2:
        return RecoveryPoint(None, "replica shards in other AZs", STANDBY_BLOG if c.standby else
                             'Amazon OpenSearch Service Developer Guide, "Configuring a multi-AZ domain"')
    return RecoveryPoint(SNAPSHOTS_S, "one AZ (or no replica shards): restore from the hourly automated snapshot",
                         SNAPSHOTS_PAGE)


def assess(c: OpenSearchDomain, avg, peak, view):
    out = _nodes.assess_nodes(c.data_nodes, c.capacity_rps, peak, noun="data node", serving=c.serving_nodes,
                              extra={"dedicated_masters": c.dedicated_masters, "standby": c.standby})
    if c.standby:
        out.notes.append("Multi-AZ with Standby: the standby AZ's data nodes take no queries until promoted")
    return out


def surviving(c: OpenSearchDomain, spec, surviving_azs) -> float | None:
    alive = _nodes.surviving_nodes(c.node_azs, c.capacity_rps, surviving_azs)
    return None if alive is None else min(alive, c.serving_nodes * c.capacity_rps)


def price(c: OpenSearchDomain, avg, sizing, spec, bill) -> None:
    _nodes.instance_hours(bill, "OpenSearch data node", c.data_nodes, c.instance_type, PRICING)
    if c.dedicated_masters:
        _nodes.instance_hours(bill, "OpenSearch dedicated master", c.dedicated_masters, c.dedicated_master_type,
                              PRICING)
    bill.missing("EBS storage of the data nodes")


def details(c: OpenSearchDomain) -> list[str]:
    lines = [_nodes.spread_label(c.data_nodes, c.node_azs, "data node", c.instance_type)]
    extra = [f"{c.dedicated_masters} masters" if c.dedicated_masters else "", "standby" if c.standby else ""]
    return lines + [" · ".join(e for e in extra if e)]


SLA_URL = "https://aws.amazon.com/blogs/big-data/amazon-opensearch-service-now-supports-99-99-availability-using-multi-az-with-standby/"
STANDBY_SLA = SlaFigure("opensearch-standby", "Amazon OpenSearch Service", "Multi-AZ with Standby domain", 99.99,
                        "AWS Big Data Blog on the OpenSearch Service SLA (2023; SLA page https://aws.amazon.com/"
                        "opensearch-service/sla/ not read)", SLA_URL, "2026-11-29")
MULTI_AZ_SLA = SlaFigure("opensearch-multi-az", "Amazon OpenSearch Service",
                         "domain following the best practices (zone awareness)", 99.9,
                         "AWS Big Data Blog on the OpenSearch Service SLA (2023; SLA page https://aws.amazon.com/"
                         "opensearch-service/sla/ not read)", SLA_URL, "2026-11-29")


def sla_key(c: OpenSearchDomain) -> str | None:
    """No figure for a single-AZ domain: the blog gives 99.9% only with the best practices followed."""
    if c.standby:
        return STANDBY_SLA.key
    return MULTI_AZ_SLA.key if c.zone_awareness and len(set(c.node_azs)) >= 2 else None


TYPE = ComponentType(
    name="opensearch", title="OpenSearch domain", article="an",
    description="Amazon OpenSearch Service domain: data nodes in one AZ or, with zone awareness, two or three; "
                "dedicated master nodes; optionally Multi-AZ with Standby.",
    model=OpenSearchDomain, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.ZONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.analytics", "AmazonOpensearchService"),
    redundancy=Redundancy("data nodes and dedicated masters spread over the AZs of its subnets (one AZ without zone "
                          "awareness); each shard's replicas in other AZs; the domain stops when a master quorum "
                          "(n / 2 + 1) or every copy of a shard is lost; Multi-AZ with Standby keeps the third AZ idle "
                          "and promotes it",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          after_az_loss=after_az_loss, state_azs=state_azs, az_recovery_point=az_recovery_point),
    recovery=Recovery("Multi-AZ with Standby promotes the standby AZ's nodes in less than a minute (other domains "
                      "rebuild lost shards from replicas; no published time)", STANDBY_FAILOVER_S, STANDBY_BLOG),
    sla=Sla((STANDBY_SLA, MULTI_AZ_SLA), sla_key,
            note="no figure for a single-AZ domain (AWS's 99.9% is for domains following its best practices)"),
    traffic=Traffic("capacity_rps per data node × the data nodes that take queries (declared: AWS publishes no "
                    f"per-node rate); instance-hours are priced per instance type ({PRICING}), not in archgen's table",
                    assess=assess, surviving_capacity=surviving, cost=price, needs=_nodes.nodes_needed),
    details=details, instance_noun="data node", deletion_policies=("retain", "delete"),
)
