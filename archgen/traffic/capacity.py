"""What each tier can serve, what it needs at average and peak, and how close it is to its ceiling.

``capacity_rps(component, spec, surviving_azs)`` is the public question the resilience
analysis asks ("losing us-east-1a leaves web with 2 × 400 rps = 800 rps for a 1,200 rps
peak"): requests/s a tier serves at 100% utilisation with its current (desired) instances,
counting only instances in surviving AZs. Regional services (Lambda, DynamoDB, API Gateway,
SQS) keep their limit whatever AZ is lost; None means unknown or unbounded.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from functools import partial
from typing import Callable

from archgen import catalogue
from archgen import model as m
from archgen import traffic as traffic_package  # a cycle: it imports this module; model_traffic is read when called
from archgen.traffic import dynamodb_units, facts
from archgen.traffic.flow import AVG, PEAK, R, RQ, RS, W
from archgen.traffic.loadbalancer import alb_lcu, nlb_nlcu
from archgen.traffic.types import LazySizing, Limit, Load


# --------------------------------------------------------------------------- capacity_rps
def capacity_rps(component: m.Component, spec: m.Spec, surviving_azs: frozenset[str] | None = None) -> float | None:
    """Requests/s ``component`` serves at 100% utilisation with its current (desired) instances.

    Only instances in ``surviving_azs`` count (None: all AZs up) — pass every AZ still up in
    the Region, not only the component's own ``azs``: RDS read replicas may sit in other AZs.
    Instances are spread over the component's AZs like EC2 Auto Scaling does
    (``archgen.model.spread``); an instance whose AZ the spec does not give counts as up. Databases
    answer at the tier's current read/write mix (writes on the primary/writer, reads spread
    over replicas); a database whose writer and every failover target are lost serves 0.
    Regional services return their limit regardless of AZ loss; None when unknown/unbounded.
    Each type's ``traffic.surviving_capacity`` in the catalogue answers for it.
    """
    surviving = catalogue.by_name()[component.type].traffic.surviving_capacity
    return surviving(component, spec, surviving_azs) if surviving is not None else None


def surviving_fleet(component, spec: m.Spec, surviving_azs: frozenset[str] | None) -> float | None:
    return fleet_capacity(component, surviving_azs)


def surviving_lambda(component: m.LambdaFunction, spec: m.Spec, surviving_azs) -> float:
    return lambda_capacity(component, spec)


def surviving_api_gateway(component: m.ApiGateway, spec: m.Spec, surviving_azs) -> float:
    return component.throttle_rps


def surviving_sqs(component: m.Queue, spec: m.Spec, surviving_azs) -> float | None:
    return facts.SQS_FIFO_TPS if component.fifo else None


def surviving_cache(component: m.CacheCluster, spec: m.Spec, surviving_azs) -> float | None:
    return cache_capacity(component, surviving_azs)


def surviving_dynamodb(component: m.DynamoTable, spec: m.Spec, surviving_azs) -> float | None:
    tier = model_for(spec).tiers.get(component.id)
    return tier.capacity_rps if tier is not None else None


def _peak_read_share(component: m.Component, spec: m.Spec) -> float:
    tier = model_for(spec).tiers.get(component.id)
    return _read_share(tier.peak) if tier is not None else 1.0


def surviving_rds(component: m.RdsInstance, spec: m.Spec, surviving_azs) -> float | None:
    return rds_capacity(component, _peak_read_share(component, spec), surviving_azs)


def surviving_aurora(component: m.AuroraCluster, spec: m.Spec, surviving_azs) -> float | None:
    return aurora_capacity(component, _peak_read_share(component, spec), surviving_azs)


_PER_SPEC: dict[tuple[int, str], tuple[weakref.ref, object]] = {}


def per_spec(spec: m.Spec, what: str, compute):
    """``compute(spec)`` once per spec object (specs are immutable), dropped when the spec is."""
    key = (id(spec), what)
    hit = _PER_SPEC.get(key)
    if hit is not None and hit[0]() is spec:
        return hit[1]
    result = compute(spec)
    _PER_SPEC[key] = (weakref.ref(spec, lambda _ref, key=key, cache=_PER_SPEC: cache.pop(key, None)), result)
    return result


def model_for(spec: m.Spec):
    """The scale-1 traffic model of ``spec``, computed once per spec object and shared by every
    reader (capacity_rps for its read/write mix, the analysis's rules and N+1 check)."""
    return traffic_package.model_traffic(spec)  # at scale 1: computed once per spec object


def reserved_by_region(spec: m.Spec) -> dict:
    """Region -> concurrency reserved by its functions (computed once per spec)."""
    return per_spec(spec, "reserved", _reserved_by_region)


def _reserved_by_region(spec: m.Spec) -> dict:
    out: dict = {}
    for fn in spec.of_class(m.LambdaFunction):
        out[fn.region] = out.get(fn.region, 0) + (fn.reserved_concurrency or 0)
    return out


def _read_share(load: Load) -> float:
    total = load.reads + load.writes
    return load.reads / total if total > 0 else 1.0  # no traffic: judge capacity for reads


def _alive(az: str | None, surviving: frozenset[str] | None) -> bool:
    return surviving is None or az is None or az in surviving


def fleet_instances(component: m.ScalingGroup | m.Ec2Instances) -> tuple[int, int]:
    """(instances now, most instances it can have): EC2 count, or an ASG/ECS desired and max."""
    if isinstance(component, m.Ec2Instances):
        return component.count, component.count
    return component.desired, max(component.max, component.desired)


def fleet_capacity(component, surviving: frozenset[str] | None) -> float | None:
    if component.capacity_rps is None:
        return None
    now, _ = fleet_instances(component)
    if surviving is not None and component.azs:
        now = sum(n for az, n in m.spread(now, component.azs).items() if az in surviving)
    return now * component.capacity_rps


def lambda_concurrency_available(component: m.LambdaFunction, spec: m.Spec) -> tuple[int, bool]:
    """(concurrency the function can use, whether it draws on the shared unreserved pool).

    Reserved concurrency caps the function; otherwise it shares the Region's account
    concurrency (default 1,000) left after every reservation in that Region.
    """
    if not draws_on_region_pool(component):
        return component.reserved_concurrency, False
    reserved = reserved_by_region(spec).get(component.region, 0)
    return max(0, component.account_concurrency - reserved), True


def draws_on_region_pool(component: m.LambdaFunction) -> bool:
    """Whether the function shares its Region's unreserved concurrency: it reserves none of its own."""
    return component.reserved_concurrency is None


def lambda_capacity(component: m.LambdaFunction, spec: m.Spec) -> float:
    """min(concurrency / duration, 10 × concurrency): Little's law and the 10 rps per environment cap."""
    return _lambda_rps(lambda_concurrency_available(component, spec)[0], component.duration_ms)


def _lambda_rps(available: int, duration_ms: float) -> float:
    return min(available / (duration_ms / 1000), facts.LAMBDA_RPS_PER_CONCURRENCY * available)


def lambda_concurrency_needed(rps: float, duration_ms: float) -> float:
    """Concurrency = rps × duration (100 rps × 0.5 s = 50), and at least rps / 10 for short functions."""
    return max(rps * duration_ms / 1000, rps / facts.LAMBDA_RPS_PER_CONCURRENCY)


def cache_capacity(component: m.CacheCluster, surviving: frozenset[str] | None) -> float | None:
    """Surviving nodes × capacity_rps per node (assumes reads are also served by replicas)."""
    if component.capacity_rps is None:
        return None
    nodes = component.nodes if surviving is None or not component.node_azs else \
        sum(1 for az in component.node_azs if az in surviving)
    return nodes * component.capacity_rps


def _rds_layout(component: m.RdsInstance, surviving) -> tuple[bool, int]:
    """(a writer survives, number of same-Region read replicas that survive)."""
    writer = _alive(component.primary_az, surviving) or (
        component.multi_az and component.standby_az is not None and _alive(component.standby_az, surviving))
    replicas = sum(1 for r in component.listed_replicas  # a named replica serves the reads sent to it
                   if (r.region is None or r.region == component.region) and _alive(r.az, surviving))
    return writer, replicas


def rds_capacity(component: m.RdsInstance, read_share: float, surviving=None) -> float | None:
    """Requests/s at which the busiest instance (the primary) hits capacity_rps.

    Writes go to the primary; reads spread evenly over the primary and the same-Region read
    replicas (cross-Region replicas serve their own Region). The Multi-AZ standby serves no
    reads but takes over when the primary's AZ is lost.
    """
    if component.capacity_rps is None:
        return None
    return _rds_rps(component.capacity_rps, read_share, *_rds_layout(component, surviving))


def _rds_rps(capacity_rps: float, read_share: float, writer: bool, replicas: int) -> float:
    if not writer:
        return 0.0
    primary_share = (1 - read_share) + read_share / (1 + replicas)
    return capacity_rps / primary_share if primary_share > 0 else math.inf


def _aurora_layout(component: m.AuroraCluster, surviving) -> tuple[bool, int]:
    """(a writer survives — promoting a surviving reader if needed, readers left to serve reads)."""
    def alive(instance: m.AuroraInstance) -> bool:
        if instance.az is None:  # RDS chose its AZ: any lost AZ of the cluster may be it
            return surviving is None or set(component.azs) <= surviving
        return _alive(instance.az, surviving)

    writers = [i for i in component.instances if i.role == "writer"]
    readers = [i for i in component.instances if i.role != "writer" and alive(i)]
    if writers and alive(writers[0]):
        return True, len(readers)
    if readers:  # Aurora fails over by promoting a reader
        return True, len(readers) - 1
    return False, 0


def aurora_capacity(component: m.AuroraCluster, read_share: float, surviving=None) -> float | None:
    """Requests/s at which the writer (writes) or the readers (reads, via the reader endpoint) hit
    capacity_rps per instance; with no reader the writer serves reads too."""
    if component.capacity_rps is None:
        return None
    return _aurora_rps(component.capacity_rps, read_share, *_aurora_layout(component, surviving))


def _aurora_rps(c: float, read_share: float, writer: bool, readers: int) -> float:
    if not writer:
        return 0.0
    if readers == 0:
        return c
    limits = []
    if read_share < 1:
        limits.append(c / (1 - read_share))
    if read_share > 0:
        limits.append(c * readers / read_share)
    return min(limits)


# --------------------------------------------------------------------------- assessment
@dataclass
class Assessment:
    capacity_rps: float | None = None
    max_capacity_rps: float | None = None
    limits: list[Limit] = field(default_factory=list)
    sizing: dict | LazySizing = field(default_factory=dict)  # LazySizing: worked out when first read
    notes: list[str] = field(default_factory=list)


@dataclass
class FlowView:
    """What assessment needs from the flow: loads per edge and the Lambda concurrency pools."""

    spec: m.Spec
    edges: dict  # connection id -> 8 floats: AVG/PEAK offset + R, W, RQ, RS
    lambda_pool_demand: dict  # region -> peak concurrency needed by functions without reservation
    entry_points: tuple = ()  # the spec's users components (looked up once)
    # (point, TTL) -> share of requests that cause a DNS query, the same for every zone (see
    # route53_queries): computed once per TTL instead of once per record × entry point;
    # ("weights", point) -> the entry points' weights it is computed from
    dns_query_shares: dict = field(default_factory=dict)
    # values a type's assessment computes once per run and its components share (a Region's total demand on an
    # account-level quota: every state machine of the account in the Region draws on the same one), by the type's key
    shared: dict = field(default_factory=dict)


def _per_instance_needed(rps: float, capacity: float, target: float) -> int:
    """⌈λ / (C × ρ)⌉ instances at target utilisation ρ (aws-facts.md, capacity planning; derived)."""
    return math.ceil(rps / (capacity * target) - 1e-9) if rps > 0 else 0


def assess_fleet(c, avg: Load, peak: Load, view: FlowView) -> Assessment:
    now, most = fleet_instances(c)
    out = Assessment()
    sizing = {"target_utilization": c.target_utilization, "capacity_rps_per_instance": c.capacity_rps}
    if isinstance(c, m.Ec2Instances):
        sizing["count"] = c.count
    else:
        sizing.update({"min": c.min, "desired": c.desired, "max": c.max})
    if c.capacity_rps is None:
        out.notes.append("capacity_rps is not set: capacity unknown")
        out.sizing = sizing
        return out
    sizing["instances_needed_avg"] = _per_instance_needed(avg.rps, c.capacity_rps, c.target_utilization)
    sizing["instances_needed_peak"] = _per_instance_needed(peak.rps, c.capacity_rps, c.target_utilization)
    out.capacity_rps = now * c.capacity_rps
    out.max_capacity_rps = most * c.capacity_rps
    what = "count" if isinstance(c, m.Ec2Instances) else "max"
    per = f"capacity_rps {c.capacity_rps:g}"
    if c.concurrency is not None:
        per += f" (concurrency {c.concurrency} / latency {c.latency_ms:g} ms, Little's law)"
    out.limits.append(Limit(f"{most} instance{'s' if most != 1 else ''}", peak.rps, out.max_capacity_rps, "rps",
                            f"{what} {most} × {per}"))
    out.sizing = sizing
    return out


def assess_lambda(c: m.LambdaFunction, avg: Load, peak: Load, view: FlowView) -> Assessment:
    available, shared = lambda_concurrency_available(c, view.spec)
    need_avg = lambda_concurrency_needed(avg.rps, c.duration_ms)
    need_peak = lambda_concurrency_needed(peak.rps, c.duration_ms)
    out = Assessment(capacity_rps=_lambda_rps(available, c.duration_ms))
    out.max_capacity_rps = out.capacity_rps
    src = "AWS Lambda Developer Guide, Understanding Lambda function scaling"
    if shared:
        pool = view.lambda_pool_demand.get(c.region, need_peak)
        out.limits.append(Limit("unreserved account concurrency (Region pool)", pool, available,
                                "concurrent executions", f"account concurrency {c.account_concurrency} "
                                f"minus reservations in {c.region}; {src}"))
        out.notes.append("draws on the Region's unreserved concurrency, shared with other functions")
    else:
        out.limits.append(Limit("reserved concurrency", need_peak, available, "concurrent executions",
                                f"reserved_concurrency {available}; {src}"))
    out.sizing = {
        "duration_ms": c.duration_ms, "memory_mb": c.memory_mb,
        "concurrency_avg": need_avg, "concurrency_peak": need_peak,
        "reserved_concurrency": c.reserved_concurrency, "provisioned_concurrency": c.provisioned_concurrency,
        "account_concurrency": c.account_concurrency, "concurrency_available": available,
        "max_rps_by_invocation_cap": facts.LAMBDA_RPS_PER_CONCURRENCY * available,
    }
    return out


def _dynamo_charges(c: m.DynamoTable, view: FlowView) -> list[tuple[dynamodb_units.CallCosts, tuple[float, ...]]]:
    """(what one call costs, the 8 flow floats) of each connection calling the table: each connection's cost per
    call worked out once for both operating points, its index writes once for the table."""
    index_writes = dynamodb_units.index_write_units(c)
    return [(dynamodb_units.call_costs(c, consistency=conn.consistency, transactional_writes=conn.transactional_writes,
                                       index=conn.index, item_bytes=conn.item_bytes, calls=conn.item_calls,
                                       index_writes=index_writes), view.edges[conn.id])
            for conn in view.spec.incoming(c.id) if conn.carries_requests]


def _dynamo_tally(charges, point: int) -> dynamodb_units.UnitTally:
    """The table's units at one operating point (AVG or PEAK)."""
    tally = dynamodb_units.UnitTally()
    for costs, carried in charges:
        costs.add(tally, carried[point + R], carried[point + W])
    return tally


_DYNAMODB_GUIDE = "Amazon DynamoDB Developer Guide"
_TABLE_QUOTA = f"default per-table quota; {_DYNAMODB_GUIDE}, Quotas"
_INDEX_QUOTA = f"default per-index quota; {_DYNAMODB_GUIDE}, Quotas"
_PARTITION_LIMITS = f"3,000 RCU / 1,000 WCU per partition; {_DYNAMODB_GUIDE}, partition key design"


def assess_dynamodb(c: m.DynamoTable, avg: Load, peak: Load, view: FlowView) -> Assessment:
    """The table's and each GSI's limits at peak; the units at average and the rest of the sizing when first read."""
    charges = _dynamo_charges(c, view)
    t_peak = _dynamo_tally(charges, PEAK)
    provisioned = c.capacity_mode == "provisioned"
    unit_r, unit_w = ("RCU", "WCU") if provisioned else ("RRU/s", "WRU/s")
    out = Assessment()
    if provisioned:
        out.limits.append(Limit("table reads", t_peak.table_read, c.read_capacity or 0, unit_r,
                                f"provisioned read {c.read_capacity}"))
        out.limits.append(Limit("table writes", t_peak.table_write, c.write_capacity or 0, unit_w,
                                f"provisioned write {c.write_capacity}"))
    else:
        out.limits.append(Limit("table reads", t_peak.table_read, facts.TABLE_QUOTA_RCU, unit_r, _TABLE_QUOTA))
        out.limits.append(Limit("table writes", t_peak.table_write, facts.TABLE_QUOTA_WCU, unit_w, _TABLE_QUOTA))
    for gsi in c.gsis:
        r_peak, w_peak = t_peak.index_read.get(gsi.name, 0.0), t_peak.index_write.get(gsi.name, 0.0)
        cap_r = gsi.read_capacity if provisioned else facts.TABLE_QUOTA_RCU
        cap_w = gsi.write_capacity if provisioned else facts.TABLE_QUOTA_WCU
        src = f"provisioned on GSI {gsi.name}" if provisioned else _INDEX_QUOTA
        out.limits.append(Limit(f"GSI {gsi.name} reads", r_peak, cap_r or 0, unit_r, src))
        out.limits.append(Limit(f"GSI {gsi.name} writes", w_peak, cap_w or 0, unit_w, src))
    if c.hot_key_share is not None:
        hot_reads, hot_writes = _hot_partition(c, t_peak)
        out.limits.append(Limit("hot partition reads", hot_reads, facts.PARTITION_MAX_RCU, "RCU", _PARTITION_LIMITS))
        out.limits.append(Limit("hot partition writes", hot_writes, facts.PARTITION_MAX_WCU, "WCU", _PARTITION_LIMITS))
    else:
        out.notes.append("hot partition not checked: set hot_key_share")
    worst = max((lim.utilization for lim in out.limits), default=0.0)
    if peak.rps > 0 and worst > 0:
        out.capacity_rps = out.max_capacity_rps = peak.rps / worst
    out.sizing = LazySizing(partial(_dynamodb_sizing, c, charges, t_peak))
    out.notes.append("burst capacity (up to 300 s of unused capacity) is not counted")
    return out


def _hot_partition(c: m.DynamoTable, t_peak: dynamodb_units.UnitTally) -> tuple[float, float]:
    """(read units, write units) at peak on the partition holding the hottest key."""
    return c.hot_key_share * t_peak.table_read, c.hot_key_share * t_peak.table_write


def _dynamodb_sizing(c: m.DynamoTable, charges, t_peak: dynamodb_units.UnitTally) -> dict:
    t_avg = _dynamo_tally(charges, AVG)
    indexes = []
    for gsi in c.gsis:
        indexes.append({"name": gsi.name, "kind": "gsi",
                        "read_units_avg": t_avg.index_read.get(gsi.name, 0.0),
                        "read_units_peak": t_peak.index_read.get(gsi.name, 0.0),
                        "write_units_avg": t_avg.index_write.get(gsi.name, 0.0),
                        "write_units_peak": t_peak.index_write.get(gsi.name, 0.0),
                        "provisioned_read": gsi.read_capacity, "provisioned_write": gsi.write_capacity,
                        "item_bytes": gsi.item_bytes, "write_share": gsi.write_share})
    for lsi in c.lsis:
        indexes.append({"name": lsi.name, "kind": "lsi", "item_bytes": lsi.item_bytes,
                        "note": "LSI reads and writes consume the base table's capacity"})
    hot = _hot_partition(c, t_peak) if c.hot_key_share is not None else (None, None)
    return {
        "capacity_mode": c.capacity_mode,
        "read_units_avg": t_avg.table_read, "read_units_peak": t_peak.table_read,
        "write_units_avg": t_avg.table_write, "write_units_peak": t_peak.table_write,
        "index_read_units_avg": sum(t_avg.index_read.values(), 0.0),
        "index_write_units_avg": sum(t_avg.index_write.values(), 0.0),
        "provisioned_read": c.read_capacity, "provisioned_write": c.write_capacity,
        "partitions_needed": dynamodb_units.partitions_needed(t_peak.table_read, t_peak.table_write),
        "hot_key_share": c.hot_key_share,
        "hot_partition_read_units": hot[0],
        "hot_partition_write_units": hot[1],
        "indexes": tuple(indexes),
    }


def assess_rds(c: m.RdsInstance, avg: Load, peak: Load, view: FlowView) -> Assessment:
    writer, replicas = _rds_layout(c, None)
    out = Assessment()
    primary = peak.writes + peak.reads / (1 + replicas)
    out.sizing = {"instance_class": c.instance_class, "multi_az": c.multi_az, "read_replicas_serving": replicas,
                  "capacity_rps_per_instance": c.capacity_rps, "primary_rps_peak": primary,
                  "replica_rps_peak": peak.reads / (1 + replicas) if replicas else None}
    if c.capacity_rps is None:
        out.notes.append("capacity_rps is not set: capacity unknown")
        return out
    out.capacity_rps = out.max_capacity_rps = _rds_rps(c.capacity_rps, _read_share(peak), writer, replicas)
    out.limits.append(Limit("primary instance", primary, c.capacity_rps, "rps",
                            f"capacity_rps {c.capacity_rps:g} per DB instance"))
    if any(r.region not in (None, c.region) for r in c.read_replicas):
        out.notes.append("cross-Region read replicas serve their own Region, not this traffic")
    return out


def assess_aurora(c: m.AuroraCluster, avg: Load, peak: Load, view: FlowView) -> Assessment:
    writer, readers = _aurora_layout(c, None)
    out = Assessment()
    writer_load = peak.writes + (peak.reads if readers == 0 else 0.0)
    reader_load = peak.reads / readers if readers else None
    out.sizing = {"instances": len(c.instances), "readers": readers, "capacity_rps_per_instance": c.capacity_rps,
                  "writer_rps_peak": writer_load, "reader_rps_peak": reader_load}
    if c.capacity_rps is None:
        out.notes.append("capacity_rps is not set: capacity unknown")
        return out
    out.capacity_rps = out.max_capacity_rps = _aurora_rps(c.capacity_rps, _read_share(peak), writer, readers)
    src = f"capacity_rps {c.capacity_rps:g} per DB instance"
    out.limits.append(Limit("writer instance", writer_load, c.capacity_rps, "rps", src))
    if readers:
        out.limits.append(Limit("each reader instance", reader_load, c.capacity_rps, "rps", src))
    return out


def assess_cache(c: m.CacheCluster, avg: Load, peak: Load, view: FlowView) -> Assessment:
    out = Assessment()
    out.sizing = {"nodes": c.nodes, "shards": c.shards, "hit_ratio": c.hit_ratio,
                  "capacity_rps_per_node": c.capacity_rps, "hits_per_s_peak": peak.reads * c.hit_ratio}
    if c.capacity_rps is None:
        out.notes.append("capacity_rps is not set: capacity unknown")
        return out
    out.capacity_rps = out.max_capacity_rps = cache_capacity(c, None)
    out.sizing["nodes_needed_peak"] = math.ceil(peak.rps / c.capacity_rps - 1e-9) if peak.rps > 0 else 0
    out.limits.append(Limit(f"{c.nodes} node{'s' if c.nodes != 1 else ''}", peak.rps, out.capacity_rps, "rps",
                            f"nodes {c.nodes} × capacity_rps {c.capacity_rps:g}"))
    return out


def assess_api_gateway(c: m.ApiGateway, avg: Load, peak: Load, view: FlowView) -> Assessment:
    out = Assessment(capacity_rps=c.throttle_rps, max_capacity_rps=c.throttle_rps)
    out.limits.append(Limit("throttle", peak.rps, c.throttle_rps, "rps",
                            "throttle_rps (account default 10,000 rps per Region; Amazon API Gateway quotas)"))
    out.sizing = {"api_type": c.api_type, "throttle_rps": c.throttle_rps, "burst": c.burst}
    return out


def assess_sqs(c: m.Queue, avg: Load, peak: Load, view: FlowView) -> Assessment:
    out = Assessment()
    out.sizing = {"fifo": c.fifo, "messages_per_s_peak": peak.rps}
    if c.fifo:
        out.capacity_rps = out.max_capacity_rps = facts.SQS_FIFO_TPS
        out.limits.append(Limit("FIFO sends (no batching)", peak.rps, facts.SQS_FIFO_TPS, "messages/s",
                                "300 transactions/s per API action without high throughput; "
                                "Amazon SQS Developer Guide, message quotas"))
        out.notes.append(f"batching {facts.SQS_FIFO_BATCH} messages per call raises the FIFO limit to "
                         f"{facts.SQS_FIFO_TPS * facts.SQS_FIFO_BATCH:,.0f} messages/s")
    return out


def assess_alb(c: m.LoadBalancer, avg: Load, peak: Load, view: FlowView) -> Assessment:
    """LCUs: the largest of the new-connection, active-connection, processed-bytes and rule-evaluation
    dimensions (Elastic Load Balancing pricing; ``loadbalancer.alb_lcu``), worked out when first read."""
    return _scales_automatically(partial(_alb_sizing, c, avg, peak, view))


def _alb_sizing(c: m.LoadBalancer, avg: Load, peak: Load, view: FlowView) -> dict:
    to_lambda = [view.edges[conn.id] for conn in view.spec.outgoing(c.id)
                 if conn.carries_requests and isinstance(view.spec.component(conn.target), m.LambdaFunction)]

    def units(point: int, load: Load) -> dict:
        lambda_bytes = sum(carried[point + RQ] + carried[point + RS] for carried in to_lambda)
        return alb_lcu(load.rps, load.bytes_per_s, requests_per_connection=c.requests_per_connection,
                       connection_duration_s=c.connection_duration_s, rules=c.rules, lambda_bytes_per_s=lambda_bytes)

    return _capacity_units(units(AVG, avg), units(PEAK, peak), "lcu", c.rules)


def assess_nlb(c: m.LoadBalancer, avg: Load, peak: Load, view: FlowView) -> Assessment:
    """NLCUs: the largest of the new-connection, active-connection and processed-bytes dimensions, worked out when
    first read."""
    return _scales_automatically(partial(_nlb_sizing, c, avg, peak))


def _nlb_sizing(c: m.LoadBalancer, avg: Load, peak: Load) -> dict:
    def units(load: Load) -> dict:
        return nlb_nlcu(load.rps, load.bytes_per_s, requests_per_connection=c.requests_per_connection,
                        connection_duration_s=c.connection_duration_s)

    return _capacity_units(units(avg), units(peak), "nlcu", None)


def _scales_automatically(sizing: Callable[[], dict]) -> Assessment:
    """A load balancer: no ceiling, its capacity units (``sizing``) only for the reports and the cost."""
    return Assessment(sizing=LazySizing(sizing), notes=["Elastic Load Balancing scales automatically: no fixed ceiling"])


def _capacity_units(a: dict, p: dict, name: str, rules: int | None) -> dict:
    return {f"{name}_avg": a["lcu"], f"{name}_peak": p["lcu"], f"{name}_dimension_peak": p["lcu_dimension"],
            "dimensions_peak": p, "dimensions_avg": a, "rules": rules}


def assess_cloudfront(c: m.CloudFront, avg: Load, peak: Load, view: FlowView) -> Assessment:
    """The requests passed on to the origins, worked out when first read."""
    return Assessment(sizing=LazySizing(partial(_cloudfront_sizing, c, view)))


def _cloudfront_sizing(c: m.CloudFront, view: FlowView) -> dict:
    def origin(point: int) -> float:
        return sum(view.edges[conn.id][point + R] + view.edges[conn.id][point + W]
                   for conn in view.spec.outgoing(c.id) if conn.carries_requests)

    return {"cache_hit_ratio": c.cache_hit_ratio, "origin_rps_avg": origin(AVG), "origin_rps_peak": origin(PEAK)}


def _record_ttls(zone: m.Route53Zone) -> dict[str | None, tuple[float, bool]]:
    """Target -> (TTL in s, all-alias) of the records pointing at it, in one pass over the zone (it may hold
    thousands of records): the shortest TTL of them; aliases use the target's 60 s."""
    out: dict[str | None, tuple[float, bool]] = {}
    for record in zone.records:
        ttl = facts.ALIAS_TTL_S if record.alias or record.ttl is None else record.ttl
        found = out.get(record.target)
        out[record.target] = (ttl, record.alias) if found is None else (min(found[0], ttl), found[1] and record.alias)
    return {target: (float(ttl), alias) for target, (ttl, alias) in out.items()}


_NO_RECORD = (float(facts.ALIAS_TTL_S), False)


def route53_queries(zone: m.Route53Zone, spec: m.Spec, view: FlowView) -> tuple[tuple[float, float], ...]:
    """(DNS queries/s, of which to non-alias records) at average, then at peak — an ESTIMATE (derived; AWS gives
    no formula).

    Resolvers cache an answer for the record's TTL (Route 53 Developer Guide, "Best practices
    for DNS"). If a user's n daily requests arrive at random over the day and each lookup is
    cached for TTL seconds, lookups come once per TTL + mean gap between requests, i.e.
    n / (1 + n × TTL / 86,400) a day (renewal argument) — at most n, at most 86,400 / TTL.
    Shared resolvers answer many users from one lookup, so this overestimates. Entry points
    without daily users (peak_rps only) count one query per request.
    """
    totals = [[0.0, 0.0], [0.0, 0.0]]  # (queries, billable) at AVG, at PEAK
    record_ttls = _record_ttls(zone)
    shares: dict[tuple[int, float], float] = {}  # (point, TTL) -> _dns_query_share, without a call per record
    for conn in spec.outgoing(zone.id):
        if not conn.carries_requests:
            continue
        values = view.edges[conn.id]
        for point, sums in zip((AVG, PEAK), totals):
            carried = values[point + R] + values[point + W]
            if carried <= 0:
                continue
            ttl, alias = record_ttls.get(conn.target, _NO_RECORD)
            share = shares.get((point, ttl))
            if share is None:
                share = shares[point, ttl] = _dns_query_share(spec, view, point, ttl)
            queries = carried * share
            sums[0] += queries
            sums[1] += 0.0 if alias else queries
    return tuple((queries, billable) for queries, billable in totals)


def _dns_query_share(spec: m.Spec, view: FlowView, point: int, ttl: float) -> float:
    """Share of requests that cause a DNS query for an answer cached ``ttl`` s, weighted over every
    entry point by its requests/s (see route53_queries); memoised on the view by (point, TTL):
    a spec of many products has as many zones as entry points, and this was their product."""
    shares = view.dns_query_shares
    if (point, ttl) not in shares:
        if ("weights", point) not in shares:
            weights = []  # (entry rps, share of its requests that cause a query) per entry point
            for users in view.entry_points:
                t = users.traffic
                if t is None:
                    continue
                rps = sum(view.edges[c.id][point + R] + view.edges[c.id][point + W] for c in spec.outgoing(users.id))
                weights.append((rps, t.requests_per_user_per_day if t.daily_active_users else None))
            shares["weights", point] = weights
        weights = shares["weights", point]
        weight = sum(w for w, _ in weights)
        shares[point, ttl] = sum(w * (1 / (1 + rpd * ttl / facts.SECONDS_PER_DAY) if rpd else 1.0)
                                 for w, rpd in weights) / weight if weight else 1.0
    return shares[point, ttl]


def assess_route53(c: m.Route53Zone, avg: Load, peak: Load, view: FlowView) -> Assessment:
    """The DNS queries, estimated when first read (a zone may hold thousands of records)."""
    return Assessment(sizing=LazySizing(partial(_route53_sizing, c, view)),
                      notes=["DNS queries are an estimate: each client caches answers for the record TTL; shared resolvers lower it"])


def _route53_sizing(c: m.Route53Zone, view: FlowView) -> dict:
    (q_avg, bill_avg), (q_peak, _) = route53_queries(c, view.spec, view)
    return {"dns_queries_per_s_avg": q_avg, "dns_queries_per_s_peak": q_peak, "billable_queries_per_s_avg": bill_avg,
            "estimate": True, "health_checks": len(c.health_checks)}


def assess_s3(c: m.S3Bucket, avg: Load, peak: Load, view: FlowView) -> Assessment:
    return Assessment(sizing={"get_per_s_peak": peak.reads, "put_per_s_peak": peak.writes,
                              "storage_class": c.storage_class, "storage_gb": c.storage_gb},
                      notes=["S3 scales per prefix (3,500 writes/s and 5,500 reads/s each): not modelled"])
