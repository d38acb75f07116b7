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
_NO_FLOW = (0.0,) * 8  # what a connection carries when nothing flows through it


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

    Returns (node, edge): 8 floats per component / connection, in spec order — reads/s,
    writes/s, request bytes/s, response bytes/s at AVG (indexes 0-3) then PEAK (4-7). A
    connection carries source rate × share × calls (share is already the effective share: 0
    for standby); replication carries nothing. The connection's read_ratio overrides the mix
    passed on by its source. Every call carries the average request/response sizes of the
    traffic entering its source, except DynamoDB calls: item size in for writes, out for reads.
    """
    components = spec.components
    position = {c.id: i for i, c in enumerate(components)}
    # what arrives at a component: nothing yet (_NO_FLOW), the one connection's tuple that brought it (most have
    # one: no sum to make), or a list summing the entry load and every connection into it, in the order carried
    node: list = [_NO_FLOW] * len(components)
    edge: list = [_NO_FLOW] * len(spec.connections)  # a connection that carries something gets its own tuple
    for users in spec.entry_points if entry_points is None else entry_points:
        acc = node[position[users.id]]
        if acc is _NO_FLOW:
            acc = node[position[users.id]] = [0.0] * 8
        for base, load in zip((0, 4), entry_load(users, scale)):
            acc[base] += load.reads
            acc[base + 1] += load.writes
            acc[base + 2] += load.request_bytes
            acc[base + 3] += load.response_bytes
    # one pass over the connections: the request graph (successors, indegree) for the topological order and,
    # per source in connection order, what each carrying connection needs for both operating points:
    # (share × calls, read_ratio, DynamoDB item sizes or None, the connection's position, the target's position)
    successors: list[list[int]] = [[] for _ in components]
    indegree = [0] * len(components)
    outgoing: list[list[tuple] | None] = [None] * len(components)
    for index, conn in enumerate(spec.connections):
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
        found.append((factor, conn.read_ratio, sizes, index, target))
    read_share_hooks = _read_share_hooks()
    for i in topological_order(spec, successors, indegree):
        carriers = outgoing[i]
        if carriers is None:
            continue
        component = components[i]
        hook = read_share_hooks[component.type]
        keep_reads = hook(component) if hook is not None else 1.0
        reads, writes, req_bytes, resp_bytes, p_reads, p_writes, p_req_bytes, p_resp_bytes = node[i]
        total_in, p_total_in = reads + writes, p_reads + p_writes
        if total_in <= 0 and p_total_in <= 0:
            continue
        # both operating points in one pass over the carriers, written out twice (AVG, then PEAK) rather than
        # looped: ~22,000 connection × point steps at 10,000 components. A point without traffic carries 0s (its
        # reads and writes are 0; sizes of 0 keep the division away), as a skipped point would.
        req_size, resp_size = (req_bytes / total_in, resp_bytes / total_in) if total_in > 0 else (0.0, 0.0)
        p_req_size, p_resp_size = (p_req_bytes / p_total_in, p_resp_bytes / p_total_in) if p_total_in > 0 \
            else (0.0, 0.0)
        out_reads, p_out_reads = reads * keep_reads, p_reads * keep_reads
        for factor, read_ratio, dynamo_item_sizes, index, target in carriers:
            if read_ratio is not None:
                calls, p_calls = (out_reads + writes) * factor, (p_out_reads + p_writes) * factor
                e_reads, e_writes = calls * read_ratio, calls * (1 - read_ratio)
                p_e_reads, p_e_writes = p_calls * read_ratio, p_calls * (1 - read_ratio)
            else:
                e_reads, e_writes = out_reads * factor, writes * factor
                p_e_reads, p_e_writes = p_out_reads * factor, p_writes * factor
            if dynamo_item_sizes is not None:
                read_size, write_size = dynamo_item_sizes
                e_req, e_resp = e_writes * write_size, e_reads * read_size
                p_e_req, p_e_resp = p_e_writes * write_size, p_e_reads * read_size
            else:
                e_calls, p_e_calls = e_reads + e_writes, p_e_reads + p_e_writes
                e_req, e_resp = e_calls * req_size, e_calls * resp_size
                p_e_req, p_e_resp = p_e_calls * p_req_size, p_e_calls * p_resp_size
            edge[index] = carried = (e_reads, e_writes, e_req, e_resp, p_e_reads, p_e_writes, p_e_req, p_e_resp)
            arriving = node[target]
            if arriving is _NO_FLOW:  # the first to arrive: 0.0 + x is x
                node[target] = carried
                continue
            if arriving.__class__ is tuple:  # the second: sum from here on
                arriving = node[target] = list(arriving)
            for k, value in enumerate(carried):
                arriving[k] += value
    return node, edge
