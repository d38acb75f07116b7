"""dax: a DynamoDB Accelerator (DAX) cluster, a write-through cache in front of DynamoDB tables."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, SlaFigure, State, Tier, Traffic, either,
)
from archgen.catalogue.components import _nodes
from archgen.spec.schema_parts import count, positive, prop, ratio

NAME = "dax"
PRICING = "https://aws.amazon.com/dynamodb/pricing/"
COMPONENTS = ('Amazon DynamoDB Developer Guide, "DAX cluster components": one primary node and up to 10 read '
              "replicas; the primary writes to DynamoDB; if it fails, DAX fails over to a read replica")
PRODUCTION_NODES = 3  # ibid.: "for production usage, at least three nodes, each in a different Availability Zone"

PROPERTIES = {
    "nodes": count("Nodes (the primary plus read replicas), spread over the AZs of its subnets in order; "
                   "DAX allows 1 to 11.", 1, 11),
    "node_type": prop("string", "Node type, e.g. dax.r5.large.", pattern=r"^dax\.[a-z0-9]+\.[a-z0-9]+$"),
    "hit_ratio": ratio("Share of eventually consistent reads answered from the item and query caches; the misses "
                       "are read from the table (writes always go through to it)"),
    "capacity_rps": positive("Requests per second one node sustains (AWS publishes no per-node figure: measure it)."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class DaxCluster(m.Component):
    """A DynamoDB Accelerator (DAX) cluster."""

    nodes: int = 1
    node_type: str | None = None
    hit_ratio: float = 0.0
    capacity_rps: float | None = None
    node_azs: tuple[str, ...] = ()  # AZ of each node, the primary first


def build(builder, index: int, c: dict, common: dict) -> DaxCluster:
    nodes = c["nodes"]
    node_azs = _nodes.spread(nodes, common["azs"])
    return DaxCluster(**_nodes.used_azs(nodes, common), nodes=nodes, node_type=c.get("node_type"),
                      hit_ratio=float(c.get("hit_ratio", 0.0)), capacity_rps=c.get("capacity_rps"),
                      node_azs=node_azs)


def check(checker, path: tuple, c: dict) -> None:
    """DAX caches DynamoDB: what it sends requests to are DynamoDB tables, and it sends them somewhere."""
    targets = sorted(checker.targets_of(c.get("id")))
    if not targets:
        checker.error(path, f"DAX cluster '{c.get('id')}' caches no table", "connect it to the DynamoDB table it "
                      "caches (reads that miss and every write go on to it)")
    for target in targets:
        found = checker.components.get(target)
        kind = checker.kinds.get(found[1].get("type")) if found else None
        if kind is not None and not issubclass(kind.model, m.DynamoTable):
            checker.error(path, f"DAX cluster '{c.get('id')}' sends requests to '{target}', "
                          f"{kind.with_article()}: DAX caches DynamoDB tables only")


def instances_per_az(c: DaxCluster) -> dict[str, int]:
    return _nodes.per_az(c.node_azs)


def single_instance(c: DaxCluster) -> bool:
    return c.nodes <= 1


def after_az_loss(c: DaxCluster, lost_azs: frozenset, alive: bool) -> str:
    """The primary's AZ decides; losing it promotes a read replica left in another AZ."""
    return _nodes.primary_failover(c.node_azs[0] if c.node_azs else None, c.node_azs[1:], lost_azs)


def state_azs(c: DaxCluster) -> tuple[str, ...]:
    return c.node_azs


def az_recovery_point(c: DaxCluster) -> RecoveryPoint:
    return RecoveryPoint(None, "write-through cache: the items live in DynamoDB", COMPONENTS)


def passes_reads(c: DaxCluster) -> float:
    """Reads that miss the cache go on to the table; writes always do (write-through)."""
    return 1.0 - c.hit_ratio


def assess(c: DaxCluster, avg, peak, view):
    return _nodes.assess_nodes(c.nodes, c.capacity_rps, peak, extra={
        "hit_ratio": c.hit_ratio, "hits_per_s_peak": peak.reads * c.hit_ratio,
        "misses_per_s_peak": peak.reads * (1 - c.hit_ratio), "writes_through_per_s_peak": peak.writes})


def surviving(c: DaxCluster, spec, surviving_azs) -> float | None:
    return _nodes.surviving_nodes(c.node_azs, c.capacity_rps, surviving_azs)


def price(c: DaxCluster, avg, sizing, spec, bill) -> None:
    _nodes.instance_hours(bill, "DAX node", c.nodes, c.node_type, PRICING)


def details(c: DaxCluster) -> list[str]:
    return [_nodes.spread_label(c.nodes, c.node_azs, size=c.node_type)]


SLA_URL = "https://aws.amazon.com/dynamodbaccelerator/sla/"
SLA_SOURCE = "Amazon DynamoDB Accelerator Service Level Agreement (last updated 2024-05-20)"
MULTI_AZ = SlaFigure("dax-multi-az", "Amazon DynamoDB Accelerator (DAX)", "Multi-AZ DAX cluster", 99.99,
                     SLA_SOURCE, SLA_URL, "2026-11-29")
SINGLE_AZ = SlaFigure("dax-single-az", "Amazon DynamoDB Accelerator (DAX)", "Single-AZ DAX cluster", 99.5,
                      SLA_SOURCE, SLA_URL, "2026-11-29")


TYPE = ComponentType(
    name=NAME, title="DAX cluster", article="a",
    description="DynamoDB Accelerator (DAX) cluster: a write-through cache in front of DynamoDB tables; one primary "
                "node and up to 10 read replicas in the AZs of its subnets.",
    model=DaxCluster, properties=PROPERTIES, required=("nodes",), build=build, check=check,
    placement=Placement.ZONAL, role=Role.CACHE, tier=Tier.CACHE, state=State.CACHE,
    icon=("diagrams.aws.database", "DynamodbDax"),
    redundancy=Redundancy("nodes spread over the AZs of its subnets in order, the first the primary; a read replica "
                          "in a surviving AZ is promoted when the primary's AZ is lost",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          after_az_loss=after_az_loss, state_azs=state_azs, az_recovery_point=az_recovery_point),
    recovery=Recovery("DAX promotes a read replica when the primary fails; AWS publishes no failover time", None,
                      COMPONENTS),
    sla=either(MULTI_AZ, SINGLE_AZ, lambda c: len(set(c.node_azs)) >= 2),
    traffic=Traffic("capacity_rps per node × nodes (declared: AWS publishes no per-node rate); eventually consistent "
                    "reads × hit ratio answered, the misses and every write passed on to the table (write-through; "
                    "strongly consistent reads bypass DAX: connect them to the table itself); node-hours are priced "
                    f"per node type ({PRICING}), not in archgen's table",
                    assess=assess, surviving_capacity=surviving, cost=price, needs=_nodes.nodes_needed,
                    passes_reads=passes_reads),
    details=details, instance_noun="node", deletion_policies=("retain", "delete"),
)
