"""Entry load and the flow of requests through the connection graph (one topological pass).

Sources: Little's law and the daily-users arithmetic (aws-facts.md, "Capacity planning"):
average rate = DAU × requests per user per day / 86,400; peak = average × peak factor.
Cache tiers pass on reads × (1 − hit ratio) and pass writes through (CloudFront Developer
Guide, "Cache hit ratio"; the ElastiCache cache-aside pattern) — derived arithmetic.
"""

from __future__ import annotations

from collections import deque

from archgen import catalogue
from archgen import model as m
from archgen.cycles import request_cycles
from archgen.traffic import facts
from archgen.traffic.types import Load

# offsets in the 8 floats kept per node and edge: AVG or PEAK + R, W, RQ (request bytes/s), RS (response bytes/s)
AVG, PEAK = 0, 4
R, W, RQ, RS = 0, 1, 2, 3
_OFFSETS = ((AVG + R, AVG + W, AVG + RQ, AVG + RS), (PEAK + R, PEAK + W, PEAK + RQ, PEAK + RS))  # of each point's 4


class TrafficCycleError(ValueError):
    """The request graph loops; the message names the cycle ('a -> b -> a')."""


def entry_load(users: m.Users, scale: float = 1.0) -> tuple[Load, Load]:
    """(average, peak) requests of one entry point.

    DAU × requests per user per day / 86,400 gives the average; the peak is the average ×
    peak factor, or the explicit peak_rps. With only peak_rps, the average is peak_rps /
    peak factor (equal to the peak when no factor is given).
    """
    t = users.traffic
    if t is None:
        return Load(), Load()
    avg = None
    if t.daily_active_users is not None and t.requests_per_user_per_day is not None:
        avg = t.daily_active_users * t.requests_per_user_per_day / facts.SECONDS_PER_DAY
    if t.peak_rps is not None:
        peak = float(t.peak_rps)
        if avg is None:
            avg = peak / t.peak_factor
    elif avg is not None:
        peak = avg * t.peak_factor
    else:
        return Load(), Load()

    def point(rps: float) -> Load:
        rps *= scale
        return Load(rps=rps, reads=rps * t.read_ratio, writes=rps * (1 - t.read_ratio),
                    request_bytes=rps * t.request_bytes, response_bytes=rps * t.response_bytes)

    return point(avg), point(peak)


def _read_share_hooks() -> dict:
    """Type name -> its ``traffic.passes_reads`` hook: the share of arriving reads a tier passes on downstream
    (the cache misses for caches; None: every read), looked up once per run instead of once per component."""
    return {name: kind.traffic.passes_reads for name, kind in catalogue.by_name().items()}


def topological_order(spec: m.Spec, successors: list[list[int]], indegree: list[int]) -> list[int]:
    """Component positions in an order where every request edge points forward (Kahn, ties in spec order), from
    each position's request targets and number of request sources."""
    indegree = indegree[:]
    queue = deque(i for i, degree in enumerate(indegree) if degree == 0)
    order: list[int] = []
    while queue:
        i = queue.popleft()
        order.append(i)
        for target in successors[i]:
            indegree[target] -= 1
            if indegree[target] == 0:
                queue.append(target)
    if len(order) != len(indegree):
        edges = [(c.source, c.target) for c in spec.connections if c.carries_requests]
        cycles = request_cycles([c.id for c in spec.components], edges)
        raise TrafficCycleError("connections form a cycle: " + " -> ".join(cycles[0][0]))
    return order


def dynamo_sizes(table: m.DynamoTable, conn: m.Connection) -> tuple[float, float]:
    """(read item bytes, write item bytes) of the calls on ``conn``."""
    if conn.item_bytes is not None:
        return conn.item_bytes, conn.item_bytes
    index = table.index(conn.index) if conn.index is not None else None  # most calls name no index: no search
    return (index.item_bytes if index is not None else table.item_bytes), table.item_bytes


def propagate(spec: m.Spec, scale: float = 1.0, entry_points: tuple[m.Users, ...] | None = None):
    """Requests arriving at every component and carried by every connection.

    Returns (node, edge): lists of 8 floats per component / connection, in spec order — reads/s,
    writes/s, request bytes/s, response bytes/s at AVG (indexes 0-3) then PEAK (4-7). A
    connection carries source rate × share × calls (share is already the effective share: 0
    for standby); replication carries nothing. The connection's read_ratio overrides the mix
    passed on by its source. Every call carries the average request/response sizes of the
    traffic entering its source, except DynamoDB calls: item size in for writes, out for reads.
    """
    components = spec.components
    position = {c.id: i for i, c in enumerate(components)}
    node = [[0.0] * 8 for _ in components]
    edge = [[0.0] * 8 for _ in spec.connections]
    for users in spec.entry_points if entry_points is None else entry_points:
        acc = node[position[users.id]]
        for base, load in zip((0, 4), entry_load(users, scale)):
            acc[base] += load.reads
            acc[base + 1] += load.writes
            acc[base + 2] += load.request_bytes
            acc[base + 3] += load.response_bytes
    # one pass over the connections: the request graph (successors, indegree) for the topological order and,
    # per source in connection order, what each carrying connection needs for both operating points:
    # (share × calls, read_ratio, DynamoDB item sizes or None, the connection's 8 floats, the target's 8 floats)
    successors: list[list[int]] = [[] for _ in components]
    indegree = [0] * len(components)
    outgoing: list[list[tuple] | None] = [None] * len(components)
    for conn, carried in zip(spec.connections, edge):
        if conn.kind == "replication":  # Connection.carries_requests, without a property call per connection
            continue
        source, target = position[conn.source], position[conn.target]
        successors[source].append(target)
        indegree[target] += 1
        factor = conn.share * conn.calls
        if not factor > 0:
            continue
        table = components[target]
        sizes = dynamo_sizes(table, conn) if isinstance(table, m.DynamoTable) else None
        found = outgoing[source]
        if found is None:
            found = outgoing[source] = []
        found.append((factor, conn.read_ratio, sizes, carried, node[target]))
    read_share_hooks = _read_share_hooks()
    for i in topological_order(spec, successors, indegree):
        carriers = outgoing[i]
        if carriers is None:
            continue
        component = components[i]
        hook = read_share_hooks[component.type]
        keep_reads = hook(component) if hook is not None else 1.0
        values = node[i]
        for r, w, rq, rs in _OFFSETS:
            reads, writes, req_bytes, resp_bytes = values[r], values[w], values[rq], values[rs]
            total_in = reads + writes
            if total_in <= 0:
                continue
            req_size, resp_size = req_bytes / total_in, resp_bytes / total_in
            out_reads, out_writes = reads * keep_reads, writes
            for factor, read_ratio, dynamo_item_sizes, carried, arriving in carriers:
                if read_ratio is not None:
                    calls = (out_reads + out_writes) * factor
                    e_reads, e_writes = calls * read_ratio, calls * (1 - read_ratio)
                else:
                    e_reads, e_writes = out_reads * factor, out_writes * factor
                if dynamo_item_sizes is not None:
                    read_size, write_size = dynamo_item_sizes
                    e_req, e_resp = e_writes * write_size, e_reads * read_size
                else:
                    e_calls = e_reads + e_writes
                    e_req, e_resp = e_calls * req_size, e_calls * resp_size
                carried[r] += e_reads
                carried[w] += e_writes
                carried[rq] += e_req
                carried[rs] += e_resp
                arriving[r] += e_reads
                arriving[w] += e_writes
                arriving[rq] += e_req
                arriving[rs] += e_resp
    return node, edge
