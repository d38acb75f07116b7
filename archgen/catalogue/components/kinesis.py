"""kinesis: a Kinesis data stream (regional): ordered, replayable records in shards, provisioned or on-demand.

Each request arriving is one record put; each connection out of the stream is a consumer reading every record
(a Lambda event source, Firehose, a KCL application). Limits per shard are AWS's: 1 MiB/s or 1,000 records/s
written, 2 MiB/s read (shared by the GetRecords consumers; an enhanced fan-out consumer has its own 2 MiB/s).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, RecoveryPoint, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
    regional_recovery,
)
from archgen.catalogue.components import _quotas
from archgen.formatting import number
from archgen.spec.schema_parts import array, count, id_ref, prop, size
from archgen.spec.units import parse_size
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

QUOTAS = ('Amazon Kinesis Data Streams Developer Guide, "Quotas and limits" — '
          "https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html")
SIZING = ('Amazon Kinesis Data Streams Developer Guide, "Choose the data stream capacity mode" — '
          "https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html")
PUT_RECORDS = ('Amazon Kinesis API Reference, PutRecords ("each shard can support writes up to 1,000 records per '
               'second, up to a maximum data write total of 1 MiB per second")')
FAQ = ('Amazon Kinesis Data Streams FAQs ("synchronously replicates data across three facilities in an AWS Region") — '
       "https://aws.amazon.com/kinesis/data-streams/faqs/")
PRICING = "https://aws.amazon.com/kinesis/data-streams/pricing/"

MIB = 1024 * 1024
SHARD_WRITE_RECORDS = 1_000.0  # records/s written per shard (PUT_RECORDS; QUOTAS)
SHARD_WRITE_MIB = 1.0  # MiB/s written per shard, partition keys included (PUT_RECORDS)
SHARD_READ_MIB = 2.0  # MiB/s read per shard, shared by the GetRecords consumers (QUOTAS); 2 MiB/s each with EFO
# on-demand: the most a stream scales to — 10 GB/s written in US East (N. Virginia), US West (Oregon) and
# Europe (Ireland), 200 MB/s elsewhere (QUOTAS); a new stream starts at 4 MB/s and takes up to double its
# previous 30-day peak without throttling (SIZING)
ON_DEMAND_MAX_WRITE_MIB = {region: 10 * 1024.0 for region in _quotas.LARGE_REGIONS}
ON_DEMAND_OTHER_MAX_WRITE_MIB = 200.0
ON_DEMAND_START_WRITE_MIB = 4.0
# pricing, US East (N. Virginia) (PRICING). A PUT payload unit is each 25 KB chunk of a record (a 5 KB record is
# one unit, a 45 KB record two, a 1 MB record 40); on-demand data is counted per record rounded up to 1 KB.
PUT_PAYLOAD_UNIT_BYTES = 25 * 1024
SHARD_HOUR_USD = 0.015
MILLION_PUT_PAYLOAD_UNITS_USD = 0.014
EXTENDED_RETENTION_SHARD_HOUR_USD = 0.020  # retention beyond 24 hours, up to 7 days
ON_DEMAND_STREAM_HOUR_USD = 0.04
ON_DEMAND_GB_WRITTEN_USD = 0.08
ON_DEMAND_GB_READ_USD = 0.04
DEFAULT_RETENTION_HOURS = 24
EXTENDED_RETENTION_HOURS = 7 * 24

PROVISIONED, ON_DEMAND = "provisioned", "on_demand"
PROPERTIES = {
    "mode": prop("string", "Capacity mode: provisioned (you set the shards, the default) or on_demand (AWS scales "
                           "the shards to the traffic).", enum=[PROVISIONED, ON_DEMAND]),
    "shards": count("Open shards (provisioned mode; each takes 1 MiB/s or 1,000 records/s in, 2 MiB/s out).",
                    1, 1_000_000),
    "record_size": size("Average record size, data blob plus partition key (default: the average size of the "
                        "requests arriving)."),
    "retention_hours": count("Retention period in hours (24 to 8,760; default 24): how far back consumers can "
                             "replay.", DEFAULT_RETENTION_HOURS, 8_760),
    "enhanced_fan_out": array("Consumers (targets of the stream's connections) registered for enhanced fan-out: each "
                              "reads with its own 2 MiB/s per shard instead of sharing it.",
                              id_ref("Component id of a consumer."), uniqueItems=True),
}


@dataclass(unsafe_hash=True, kw_only=True)
class KinesisStream(m.Component):
    """A Kinesis data stream."""

    on_demand: bool = False
    shards: int | None = None  # provisioned mode
    record_bytes: float | None = None  # None: the average request size arriving
    retention_hours: int = DEFAULT_RETENTION_HOURS
    enhanced_fan_out: tuple[str, ...] = ()


def build(builder, index: int, c: dict, common: dict) -> KinesisStream:
    return KinesisStream(**common, on_demand=c.get("mode") == ON_DEMAND, shards=c.get("shards"),
                         record_bytes=parse_size(c["record_size"]) if "record_size" in c else None,
                         retention_hours=c.get("retention_hours", DEFAULT_RETENTION_HOURS),
                         enhanced_fan_out=tuple(c.get("enhanced_fan_out", ())))


def check(checker, path: tuple, c: dict) -> None:
    """Shards in provisioned mode only; enhanced fan-out consumers read the stream."""
    on_demand = c.get("mode") == ON_DEMAND
    if on_demand and "shards" in c:
        checker.error(path + ("shards",), "an on-demand stream has no shard count: AWS scales its shards",
                      "remove shards, or set mode: provisioned")
    if not on_demand and "shards" not in c:
        checker.error(path, f"provisioned stream '{c.get('id')}' needs its shard count",
                      "add shards (each takes 1 MiB/s or 1,000 records/s), or set mode: on_demand")
    consumers = checker.targets_of(c.get("id"))
    for i, consumer in enumerate(checker.as_list(c.get("enhanced_fan_out"))):
        if checker.ref(path + ("enhanced_fan_out", i), consumer) is not None and consumer not in consumers:
            checker.error(path + ("enhanced_fan_out", i), f"'{consumer}' does not read stream '{c.get('id')}'",
                          f"add a connection from {c.get('id')} to {consumer}")


def payload_units(record_bytes: float) -> int:
    """PUT payload units of one record: its 25 KB chunks, rounded up (PRICING)."""
    return max(1, math.ceil(record_bytes / PUT_PAYLOAD_UNIT_BYTES - 1e-9))


def shards_needed(records_per_s: float, record_bytes: float, consumers: int) -> int:
    """AWS's formula, max(write KiB/s / 1,024, read KiB/s / 2,048) with records rounded up to 1 KiB (SIZING),
    and at least a shard per 1,000 records/s (QUOTAS)."""
    write_kib = records_per_s * math.ceil(record_bytes / 1024 - 1e-9)
    needed = max(write_kib / 1024, write_kib * consumers / 2048, records_per_s / SHARD_WRITE_RECORDS)
    return math.ceil(needed - 1e-9) if records_per_s > 0 else 0


def consumers_of(c: KinesisStream, spec) -> tuple[list[str], list[str]]:
    """(consumers sharing the shards' read throughput, enhanced fan-out consumers), in spec order."""
    readers = [x.target for x in spec.outgoing(c.id) if x.carries_requests]
    shared = [r for r in readers if r not in c.enhanced_fan_out]
    return shared, [r for r in readers if r in c.enhanced_fan_out]


def record_size(c: KinesisStream, load) -> float:
    if c.record_bytes is not None:
        return c.record_bytes
    return load.request_bytes / load.rps if load.rps > 0 else 0.0


def assess(c: KinesisStream, avg, peak, view) -> Assessment:
    shared, fan_out = consumers_of(c, view.spec)
    size_bytes = record_size(c, peak) or record_size(c, avg)
    write_mib = peak.rps * size_bytes / MIB
    out = Assessment(sizing={
        "mode": ON_DEMAND if c.on_demand else PROVISIONED, "shards": c.shards, "record_bytes": size_bytes,
        "records_per_s_peak": peak.rps, "write_mib_per_s_peak": write_mib,
        "read_mib_per_s_peak": write_mib * len(shared), "consumers": len(shared) + len(fan_out),
        "enhanced_fan_out_consumers": len(fan_out),
        "shards_needed_peak": shards_needed(peak.rps, size_bytes, len(shared)),
    })
    if size_bytes == 0 and peak.rps > 0:
        out.notes.append("record size unknown (set record_size, or the traffic's request_size): byte limits not checked")
    if c.on_demand:
        ceiling = _quotas.by_region(ON_DEMAND_MAX_WRITE_MIB, c.region, ON_DEMAND_OTHER_MAX_WRITE_MIB)
        out.limits.append(Limit("on-demand write throughput", write_mib, ceiling, "MiB/s",
                                f"the most an on-demand stream scales to in {c.region}; {QUOTAS}"))
        out.notes.append(f"an on-demand stream starts at {number(ON_DEMAND_START_WRITE_MIB)} MB/s written and takes up to "
                         f"double its previous 30-day peak; a faster jump throttles for up to 15 minutes ({SIZING})")
    else:
        shards = c.shards or 0
        source = f"shards {shards} × {{}} per shard; {QUOTAS}"
        out.limits.append(Limit("shard writes (records)", peak.rps, shards * SHARD_WRITE_RECORDS, "records/s",
                                source.format("1,000 records/s")))
        out.limits.append(Limit("shard writes (bytes)", write_mib, shards * SHARD_WRITE_MIB, "MiB/s",
                                source.format("1 MiB/s")))
        if shared:
            out.limits.append(Limit(f"shard reads ({len(shared)} GetRecords consumer{'s' if len(shared) != 1 else ''})",
                                    write_mib * len(shared), shards * SHARD_READ_MIB, "MiB/s",
                                    source.format("2 MiB/s shared by the consumers")))
    out.capacity_rps = out.max_capacity_rps = _quotas.worst_capacity(out.limits, peak.rps)
    out.notes.append("records are assumed spread evenly over the shards: one partition key gets at most one shard's "
                     "1 MiB/s")
    return out


def price(c: KinesisStream, avg, sizing, spec, bill) -> None:
    records_month = avg.rps * facts.SECONDS_PER_MONTH
    size_bytes = sizing["record_bytes"]
    if c.on_demand:
        bill.add("on-demand stream", facts.HOURS_PER_MONTH, "stream-hours", ON_DEMAND_STREAM_HOUR_USD, PRICING)
        written_gb = records_month * math.ceil(size_bytes / 1024 - 1e-9) * 1024 / facts.GB
        bill.add("data written (records rounded up to 1 KB)", written_gb, "GB", ON_DEMAND_GB_WRITTEN_USD, PRICING)
        readers = sizing["consumers"] - sizing["enhanced_fan_out_consumers"]
        bill.add(f"data read by {readers} consumer{'s' if readers != 1 else ''}", written_gb * readers, "GB",
                 ON_DEMAND_GB_READ_USD, PRICING)
    else:
        shards = c.shards or 0
        bill.add(f"{shards} shard{'s' if shards != 1 else ''}", shards * facts.HOURS_PER_MONTH, "shard-hours",
                 SHARD_HOUR_USD, PRICING)
        if size_bytes:
            bill.add("PUT payload units (25 KB chunks)", records_month * payload_units(size_bytes) / 1e6,
                     "million units", MILLION_PUT_PAYLOAD_UNITS_USD, PRICING)
        if c.retention_hours > DEFAULT_RETENTION_HOURS:
            bill.add(f"extended retention ({c.retention_hours} h)", shards * facts.HOURS_PER_MONTH, "shard-hours",
                     EXTENDED_RETENTION_SHARD_HOUR_USD, PRICING)
    if c.retention_hours > EXTENDED_RETENTION_HOURS:
        bill.missing("long-term retention beyond 7 days (per GB-month)")
    if c.enhanced_fan_out:
        bill.missing("enhanced fan-out consumer-shard hours and data retrieved")


def needs(sizing) -> str:
    if sizing["mode"] == ON_DEMAND:
        return f"{number(sizing['write_mib_per_s_peak'])} MiB/s in (on-demand)"
    return f"{sizing['shards_needed_peak']} of {sizing['shards']} shards"


def details(c: KinesisStream) -> list[str]:
    if c.on_demand:
        return ["on-demand"]
    return [f"{c.shards} shard{'s' if c.shards != 1 else ''}"]


def az_recovery_point(c: KinesisStream) -> RecoveryPoint:
    return RecoveryPoint(0.0, "records replicated synchronously to three AZs", FAQ)


SLA = SlaFigure("kinesis", "Amazon Kinesis Data Streams", "data stream", 99.9,
                "Amazon Kinesis Service Level Agreement (last updated 2024-02-09; covers Kinesis Data Streams and "
                "Kinesis Video Streams)", "https://aws.amazon.com/pt/kinesis/data-firehose/sla/", "2026-11-30")

TYPE = ComponentType(
    name="kinesis", title="Kinesis data stream", article="a",
    description="Amazon Kinesis data stream (regional): ordered, replayable records in shards, provisioned or "
                "on-demand. Requests arriving are records put; each connection out is a consumer reading them all.",
    model=KinesisStream, properties=PROPERTIES, required=("region",), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.STREAM, tier=Tier.INTEGRATION, state=State.STORE,
    icon=("diagrams.aws.analytics", "KinesisDataStreams"),
    redundancy=Redundancy("AWS replicates records synchronously to three AZs of the Region; a stream has no copy in "
                          "another Region (retention_hours says how long consumers can replay)",
                          az_recovery_point=az_recovery_point),
    recovery=regional_recovery(FAQ),
    sla=one_figure(SLA),
    traffic=Traffic(f"provisioned: per shard 1 MiB/s or 1,000 records/s written, 2 MiB/s read shared by the GetRecords "
                    f"consumers ({QUOTAS}); on-demand: up to 10 GB/s written in us-east-1, us-west-2 and eu-west-1, "
                    f"200 MB/s elsewhere; priced per shard-hour and PUT payload unit, or per stream-hour and GB "
                    f"({PRICING})", assess=assess, surviving_capacity=_quotas.modelled_capacity, cost=price, needs=needs),
    details=details,
    deletion_policies=("retain", "delete"),  # CloudFormation takes no Snapshot policy for it
)
