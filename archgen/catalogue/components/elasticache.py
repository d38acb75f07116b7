"""elasticache: an ElastiCache cluster (Redis OSS, Valkey or Memcached)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    DOWN, FAILOVER, UP, ComponentType, Drawing, Placement, Recovery, RecoveryPoint, Redundancy, Role, SlaFigure, State,
    Tier, Traffic, either,
)
from archgen.formatting import EMPTY
from archgen.spec.schema_parts import count, positive, prop, ratio
from archgen.traffic.capacity import assess_cache, surviving_cache
from archgen.traffic.cost import price_cache

MEMCACHED = "memcached"  # no replication: every node is on its own

PROPERTIES = {
    "engine": prop("string", "Cache engine.", enum=["redis", "valkey", MEMCACHED]),
    "node_type": prop("string", "Node type, e.g. cache.r7g.large.", maxLength=64),
    "nodes": count("Number of nodes (primaries and replicas, all shards), spread over the AZs in order.", 1, 1000),
    "shards": count("Shards (node groups) in cluster mode (default 1).", 1, 500),
    "multi_az": prop("boolean", "Multi-AZ enabled (replicas in other AZs)."),
    "automatic_failover": prop("boolean", "Automatic failover to a replica when the primary fails."),
    "hit_ratio": ratio("Share of reads answered by the cache; the rest go on to the store behind it"),
    "capacity_rps": positive("Operations per second one node sustains."),
}


def build(builder, index: int, c: dict, common: dict) -> m.CacheCluster:
    nodes = c["nodes"]
    azs = common["azs"]
    node_azs = tuple(azs[i % len(azs)] for i in range(nodes)) if azs else ()
    return m.CacheCluster(**common, engine=c["engine"], node_type=c.get("node_type"), nodes=nodes,
                          shards=c.get("shards", 1), multi_az=bool(c.get("multi_az", False)),
                          automatic_failover=bool(c.get("automatic_failover", False)),
                          hit_ratio=float(c.get("hit_ratio", 0.0)), capacity_rps=c.get("capacity_rps"),
                          node_azs=node_azs)


def check(checker, path: tuple, c: dict) -> None:
    """Enough nodes for the shards and replicas; Multi-AZ and failover only where the engine has them."""
    nodes, shards = c.get("nodes", 1), c.get("shards", 1)
    if isinstance(nodes, int) and isinstance(shards, int) and shards > nodes:
        checker.error(path + ("shards",), f"{shards} shards need at least {shards} nodes")
    if c.get("engine") == MEMCACHED and (c.get("automatic_failover") or c.get("multi_az")):
        checker.error(path + ("engine",), "Memcached has no replication: automatic_failover and multi_az need Redis OSS or Valkey")
    if c.get("automatic_failover") and isinstance(nodes, int) and isinstance(shards, int) and nodes < 2 * shards:
        checker.error(path + ("automatic_failover",), "automatic failover needs at least one replica per shard",
                      f"use at least {2 * shards} nodes")
    if c.get("multi_az") and not c.get("automatic_failover"):
        checker.error(path + ("multi_az",), "Multi-AZ requires automatic_failover: true (ElastiCache rule)")


def instances_per_az(c: m.CacheCluster) -> dict[str, int]:
    out: dict[str, int] = {}
    for az in c.node_azs:
        out[az] = out.get(az, 0) + 1
    return out


def single_instance(c: m.CacheCluster) -> bool:
    if c.engine == MEMCACHED:
        return c.nodes <= 1
    return not c.automatic_failover


def after_az_loss(c: m.CacheCluster, lost_azs: frozenset, alive: bool) -> str | None:
    """Redis OSS / Valkey: the primary node's AZ decides; a replica takes over only with automatic failover."""
    if c.engine == MEMCACHED:
        return None
    primary_az = c.node_azs[0] if c.node_azs else None
    if primary_az not in lost_azs:
        return UP
    return FAILOVER if alive and c.automatic_failover else DOWN


def state_azs(c: m.CacheCluster) -> tuple[str, ...]:
    return c.node_azs


def az_recovery_point(c: m.CacheCluster) -> RecoveryPoint:
    if c.engine != MEMCACHED and c.nodes > c.shards and len(set(c.node_azs)) > 1:
        return RecoveryPoint(None, "asynchronous replica in another AZ (lag not published)",
                             'Amazon ElastiCache User Guide, "Replication"')
    return RecoveryPoint(None, "no replica in another AZ", 'Amazon ElastiCache User Guide, "Minimizing downtime with Multi-AZ"',
                         lost=True)


def needs(sizing) -> str:
    if sizing.get("nodes_needed_peak") is None:
        return EMPTY
    return f"{sizing['nodes_needed_peak']} of {sizing['nodes']} nodes"


def passes_reads(c: m.CacheCluster) -> float:
    """Cache-aside: the misses go on to the store behind it."""
    return 1.0 - c.hit_ratio


MULTI_AZ = SlaFigure("elasticache-multi-az", "Amazon ElastiCache", "Multi-AZ with automatic failover", 99.99,
                     "Amazon ElastiCache Service Level Agreement", "https://aws.amazon.com/elasticache/sla/", "2026-11-26")
SINGLE_AZ = SlaFigure("elasticache-single-az", "Amazon ElastiCache", "single-AZ or without automatic failover", 99.5,
                      "Amazon ElastiCache Service Level Agreement", "https://aws.amazon.com/elasticache/sla/", "2026-11-26")


TYPE = ComponentType(
    name="elasticache", title="ElastiCache cluster", article="an",
    description="ElastiCache cluster (Redis OSS, Valkey or Memcached).",
    model=m.CacheCluster, properties=PROPERTIES, required=("engine", "nodes"), build=build, check=check,
    placement=Placement.ZONAL, role=Role.CACHE, tier=Tier.CACHE, state=State.CACHE,
    icon=("diagrams.aws.database", "ElastiCache"),
    redundancy=Redundancy("nodes spread over its AZs in order, the first the primary (Redis OSS / Valkey); "
                          "automatic_failover promotes a replica",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          after_az_loss=after_az_loss, state_azs=state_azs, az_recovery_point=az_recovery_point),
    recovery=Recovery("with automatic failover a replica is promoted; AWS publishes no failover time", None,
                      'Amazon ElastiCache User Guide, "Minimizing downtime in ElastiCache by using Multi-AZ"'),
    sla=either(MULTI_AZ, SINGLE_AZ, lambda c: c.automatic_failover and len(instances_per_az(c)) >= 2),
    traffic=Traffic("capacity_rps per node × nodes; reads × hit ratio answered, the misses passed on (derived); "
                    "priced per node-hour",
                    assess=assess_cache, surviving_capacity=surviving_cache, cost=price_cache, needs=needs,
                    passes_reads=passes_reads),
    drawing=Drawing.NODES, instance_noun="node",
    deletion_policies=("retain", "snapshot", "delete"),
)
