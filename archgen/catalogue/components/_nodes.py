"""What the clustered data services share (DAX, MemoryDB, OpenSearch, DocumentDB, Neptune, Amazon MQ, Redshift):
nodes spread over the AZs of their subnets, quorums, capacity declared per node, and a price AWS publishes
that archgen's table does not hold."""

from __future__ import annotations

import math

from archgen.catalogue.base import DOWN, FAILOVER, UP
from archgen.formatting import EMPTY, number
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

NOT_PRICED = "price not in archgen's table"


def spread(count: int, azs: tuple[str, ...]) -> tuple[str, ...]:
    """The AZ of each of ``count`` nodes placed round robin over ``azs`` in order (the first node in the first AZ),
    as these services balance nodes over the AZs of a subnet group (derived)."""
    return tuple(azs[i % len(azs)] for i in range(count)) if azs else ()


def per_az(node_azs: tuple[str, ...]) -> dict[str, int]:
    out: dict[str, int] = {}
    for az in node_azs:
        out[az] = out.get(az, 0) + 1
    return out


def used_azs(count: int, common: dict) -> dict:
    """``common`` with its AZs cut to those that hold one of ``count`` nodes: a node in each AZ of the subnets
    until the nodes run out, so a one-node cluster is drawn and judged in one AZ."""
    return {**common, "azs": tuple(common["azs"][:count])} if common["azs"] else common


def quorum_survives(voter_azs: tuple[str, ...], lost_azs: frozenset) -> bool:
    """A majority (n // 2 + 1) of the voting nodes is left after ``lost_azs`` go."""
    alive = sum(1 for az in voter_azs if az not in lost_azs)
    return alive >= len(voter_azs) // 2 + 1


def primary_failover(primary_az: str | None, replica_azs: tuple[str, ...], lost_azs: frozenset) -> str:
    """A primary in one AZ with replicas that take over: UP while the primary's AZ is up, FAILOVER to a replica
    in a surviving AZ, DOWN when none is left."""
    if primary_az is None or primary_az not in lost_azs:
        return UP
    return FAILOVER if any(az not in lost_azs for az in replica_azs) else DOWN


def node_count(n: int, noun: str = "node") -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def spread_label(n: int, azs: tuple[str, ...], noun: str = "node", size: str | None = None) -> str:
    """'3 nodes over 3 AZs · dax.r5.large': the diagram draws the component once per AZ, so say the total."""
    where = f" over {len(set(azs))} AZs" if len(set(azs)) > 1 else ""
    return " · ".join(p for p in (node_count(n, noun) + where, size) if p)


def assess_nodes(nodes: int, capacity_rps: float | None, peak, noun: str = "node", serving: int | None = None,
                 extra: dict | None = None) -> Assessment:
    """Capacity declared per node (AWS publishes no per-node request rate): ``serving`` nodes (all by
    default) × ``capacity_rps``, and the nodes the peak needs."""
    serving = nodes if serving is None else serving
    out = Assessment(sizing={"nodes": nodes, "serving_nodes": serving, "capacity_rps_per_node": capacity_rps,
                             **(extra or {})})
    if capacity_rps is None:
        out.notes.append("capacity_rps is not set: capacity unknown (AWS publishes no per-node request rate)")
        return out
    out.capacity_rps = out.max_capacity_rps = serving * capacity_rps
    out.sizing["nodes_needed_peak"] = math.ceil(peak.rps / capacity_rps - 1e-9) if peak.rps > 0 else 0
    out.limits.append(Limit(node_count(serving, noun), peak.rps, out.capacity_rps, "rps",
                            f"{serving} {noun}s × capacity_rps {capacity_rps:g} (declared)"))
    return out


def surviving_nodes(node_azs: tuple[str, ...], capacity_rps: float | None, surviving_azs) -> float | None:
    """Requests/s the nodes left in ``surviving_azs`` serve (every node when no AZ is lost)."""
    if capacity_rps is None:
        return None
    alive = len(node_azs) if surviving_azs is None else sum(1 for az in node_azs if az in surviving_azs)
    return alive * capacity_rps


def surviving_per_az(per_az: dict[str, int], capacity_rps: float | None, surviving_azs) -> float | None:
    """Requests/s the members counted in ``per_az`` (AZ -> members) serve in ``surviving_azs`` (all when None)."""
    if capacity_rps is None:
        return None
    return sum(n for az, n in per_az.items() if surviving_azs is None or az in surviving_azs) * capacity_rps


def nodes_needed(sizing) -> str:
    if sizing.get("nodes_needed_peak") is None:
        return EMPTY
    return f"{sizing['nodes_needed_peak']} of {sizing['serving_nodes']} nodes at {number(sizing['capacity_rps_per_node'])} rps"


def instance_hours(bill, what: str, count: int, size: str | None, pricing_url: str) -> None:
    """Instance-hours AWS prices per type on ``pricing_url``; archgen's table has none of them: said, not guessed."""
    bill.missing(f"{count} × {what} {size or '(type not set)'}: {NOT_PRICED} (AWS publishes it at {pricing_url})")
