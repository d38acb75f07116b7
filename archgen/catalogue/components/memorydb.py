"""memorydb: an Amazon MemoryDB cluster, a durable in-memory database (Valkey / Redis OSS) whose writes are kept
in a Multi-AZ transaction log."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, SlaFigure, State, Tier, Traffic, either,
)
from archgen.catalogue.components import _nodes
from archgen.spec.schema_parts import count, positive, prop

PRICING = "https://aws.amazon.com/memorydb/pricing/"
MULTI_AZ_PAGE = ('Amazon MemoryDB Developer Guide, "Minimizing downtime in MemoryDB with Multi-AZ": a failed primary '
                 "fails over to a consistent replica, no data is lost; a shard without replicas stops accepting writes "
                 "until its primary is replaced and synced from the transaction log")

PROPERTIES = {
    "engine": prop("string", "Engine.", enum=["valkey", "redis"]),
    "node_type": prop("string", "Node type, e.g. db.r7g.large.", pattern=r"^db\.[a-z0-9]+\.[a-z0-9]+$"),
    "shards": count("Shards (each one primary node); default 1.", 1, 500),
    "replicas_per_shard": count("Replica nodes per shard (0 to 5); default 1. Each shard's nodes are spread over "
                                "the AZs of its subnets, the primary in the first.", 0, 5),
    "capacity_rps": positive("Requests per second one node sustains (AWS publishes no per-node figure: measure it)."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class MemoryDbCluster(m.Component):
    """A MemoryDB cluster."""

    engine: str = "valkey"
    node_type: str | None = None
    shards: int = 1
    replicas_per_shard: int = 1
    capacity_rps: float | None = None
    shard_azs: tuple[str, ...] = ()  # AZ of each node of one shard (every shard alike), the primary first

    @property
    def nodes(self) -> int:
        return self.shards * (1 + self.replicas_per_shard)


def build(builder, index: int, c: dict, common: dict) -> MemoryDbCluster:
    replicas = c.get("replicas_per_shard", 1)
    per_shard = 1 + replicas
    return MemoryDbCluster(**_nodes.used_azs(per_shard, common), engine=c.get("engine", "valkey"),
                           node_type=c.get("node_type"), shards=c.get("shards", 1), replicas_per_shard=replicas,
                           capacity_rps=c.get("capacity_rps"), shard_azs=_nodes.spread(per_shard, common["azs"]))


def instances_per_az(c: MemoryDbCluster) -> dict[str, int]:
    return {az: n * c.shards for az, n in _nodes.per_az(c.shard_azs).items()}


def single_instance(c: MemoryDbCluster) -> bool:
    return c.replicas_per_shard == 0


def after_az_loss(c: MemoryDbCluster, lost_azs: frozenset, alive: bool) -> str:
    """The primaries' AZ decides; Multi-AZ promotes a replica left in another AZ."""
    return _nodes.primary_failover(c.shard_azs[0] if c.shard_azs else None, c.shard_azs[1:], lost_azs)


def state_azs(c: MemoryDbCluster) -> tuple[str, ...]:
    return c.shard_azs


def az_recovery_point(c: MemoryDbCluster) -> RecoveryPoint:
    return RecoveryPoint(0.0, "writes are acknowledged once stored in the Multi-AZ transaction log", MULTI_AZ_PAGE)


def assess(c: MemoryDbCluster, avg, peak, view):
    return _nodes.assess_nodes(c.nodes, c.capacity_rps, peak, extra={"shards": c.shards,
                                                                      "replicas_per_shard": c.replicas_per_shard})


def surviving(c: MemoryDbCluster, spec, surviving_azs) -> float | None:
    return _nodes.surviving_nodes(c.shard_azs * c.shards, c.capacity_rps, surviving_azs)


def price(c: MemoryDbCluster, avg, sizing, spec, bill) -> None:
    _nodes.instance_hours(bill, "MemoryDB node", c.nodes, c.node_type, PRICING)


def details(c: MemoryDbCluster) -> list[str]:
    shards = f"{c.shards} shard{'s' if c.shards != 1 else ''}"
    return [f"{shards} · " + _nodes.spread_label(c.nodes, c.shard_azs, size=c.node_type)]


SLA_URL = "https://aws.amazon.com/memorydb/sla/"
SLA_SOURCE = "Amazon MemoryDB Service Level Agreement (last updated 2024-06-07)"
MULTI_AZ = SlaFigure("memorydb-multi-az", "Amazon MemoryDB", "Multi-AZ configuration", 99.99, SLA_SOURCE, SLA_URL,
                     "2026-11-29")
SINGLE_AZ = SlaFigure("memorydb-single-az", "Amazon MemoryDB", "Single-AZ configuration", 99.5, SLA_SOURCE, SLA_URL,
                      "2026-11-29")


TYPE = ComponentType(
    name="memorydb", title="MemoryDB cluster", article="a",
    description="Amazon MemoryDB cluster: a durable in-memory database (Valkey / Redis OSS); each shard has a primary "
                "and up to 5 replicas in the AZs of its subnets, every write kept in a Multi-AZ transaction log.",
    model=MemoryDbCluster, properties=PROPERTIES, required=(), build=build,
    placement=Placement.ZONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.database", "ElasticacheForRedis"),  # diagrams ships no MemoryDB icon: the Redis one is closest
    redundancy=Redundancy("each shard's primary in the first AZ of its subnets, its replicas in the next ones; Multi-AZ "
                          "(automatic with a replica) promotes a replica when the primary's AZ is lost; the transaction "
                          "log keeps every acknowledged write across AZs",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          after_az_loss=after_az_loss, state_azs=state_azs, az_recovery_point=az_recovery_point),
    recovery=Recovery("Multi-AZ promotes a consistent replica; AWS publishes no failover time", None, MULTI_AZ_PAGE),
    sla=either(MULTI_AZ, SINGLE_AZ, lambda c: len(set(c.shard_azs)) >= 2),
    traffic=Traffic("capacity_rps per node × nodes (declared: AWS publishes no per-node rate); node-hours are priced "
                    f"per node type ({PRICING}), not in archgen's table",
                    assess=assess, surviving_capacity=surviving, cost=price, needs=_nodes.nodes_needed),
    details=details, instance_noun="node", deletion_policies=("retain", "delete"),
)
