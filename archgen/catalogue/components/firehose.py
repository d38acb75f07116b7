"""firehose: an Amazon Data Firehose stream (regional): takes records by Direct PUT, or reads a stream, buffers
them and delivers them to its destination (its connections' targets: S3, Redshift, OpenSearch, an HTTP endpoint).

Each request arriving is one record. With Direct PUT the stream has AWS's per-Region throughput quota (records/s,
requests/s and MiB/s, raised together); with a Kinesis data stream as its source that quota does not apply.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archgen import catalogue
from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
)
from archgen.catalogue.components import _quotas
from archgen.formatting import number
from archgen.spec.schema_parts import count, id_ref, positive, size
from archgen.spec.units import parse_size
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

QUOTAS = ('Amazon Data Firehose Developer Guide, "Amazon Data Firehose Quota" — '
          "https://docs.aws.amazon.com/firehose/latest/dev/limits.html")
PRICING = "https://aws.amazon.com/firehose/pricing/"
MIB = 1024 * 1024

# Direct PUT quota per Firehose stream, PutRecord and PutRecordBatch combined (QUOTAS): (records/s, requests/s,
# MiB/s). Raising one raises the others in proportion ("if you increase the throughput quota in US East
# (N. Virginia) ... to 10 MiB/second, the other two quota increase to 4,000 requests/second and 1,000,000
# records/second").
LARGE_REGION_QUOTA = (500_000.0, 2_000.0, 5.0)  # US East (N. Virginia), US West (Oregon), Europe (Ireland)
OTHER_REGION_QUOTA = (100_000.0, 1_000.0, 1.0)  # every other Region the page lists
MAX_RECORDS_PER_CALL = 500  # PutRecordBatch takes up to 500 records or 4 MiB per call (QUOTAS)
BUFFER_HOURS = 24  # records kept while the destination is unavailable (QUOTAS)
# Ingestion is billed per GB of records, each rounded up to the nearest 5 KB (5,120 bytes): a 3 KB record bills
# as 5 KB, a 12 KB record as 15 KB (QUOTAS; PRICING). $0.029 per GB for the first 500 TB a month, Direct PUT and
# Kinesis Data Streams sources, US East (N. Virginia) (PRICING).
INGEST_ROUNDING_BYTES = 5 * 1024
GB_INGESTED_USD = 0.029

PROPERTIES = {
    "source_stream": id_ref("The Kinesis data stream or MSK cluster it reads from (it then takes no direct PUTs). "
                            "Unset: Direct PUT, its senders are its callers."),
    "records_per_call": count("Records its senders put per PutRecordBatch call (1 to 500; default 1, PutRecord): the "
                              "requests/s quota counts calls.", 1, MAX_RECORDS_PER_CALL),
    "throughput_quota": positive("The stream's Direct PUT throughput quota in MiB/s when raised (default: the Region's, "
                                 "5 MiB/s in us-east-1, us-west-2 and eu-west-1, else 1 MiB/s); AWS raises the records/s "
                                 "and requests/s quotas in proportion.", 1_000_000),
    "record_size": size("Average record size (default: the average size of the requests arriving)."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class FirehoseStream(m.Component):
    """An Amazon Data Firehose stream."""

    source_stream: str | None = None  # None: Direct PUT
    records_per_call: int = 1
    throughput_quota_mib: float | None = None
    record_bytes: float | None = None


def build(builder, index: int, c: dict, common: dict) -> FirehoseStream:
    return FirehoseStream(**common, source_stream=c.get("source_stream"), records_per_call=c.get("records_per_call", 1),
                          throughput_quota_mib=c.get("throughput_quota"),
                          record_bytes=parse_size(c["record_size"]) if "record_size" in c else None)


def stream_types() -> tuple[str, ...]:
    return catalogue.names_where(lambda kind: kind.role is Role.STREAM)


def check(checker, path: tuple, c: dict) -> None:
    """A stream as source: it connects to this Firehose stream, and nothing else puts records into it."""
    source = c.get("source_stream")
    if source is None or checker.ref(path + ("source_stream",), source, *stream_types()) is None:
        return
    senders = [(i, x) for i, x in checker.connections_to(c.get("id")) if x.get("kind") != "replication"]
    if not any(x.get("from") == source for _, x in senders):
        checker.error(path + ("source_stream",), f"'{source}' does not connect to Firehose stream '{c.get('id')}'",
                      f"add a connection from {source} to {c.get('id')}")
    for i, connection in senders:
        if connection.get("from") != source:
            checker.error(("connections", i, "from"), f"Firehose stream '{c.get('id')}' reads '{source}': it takes no "
                          f"direct PUTs, so '{connection.get('from')}' cannot send to it",
                          f"send to {source} instead, or remove source_stream")


def quota(c: FirehoseStream) -> tuple[float, float, float]:
    """(records/s, requests/s, MiB/s) of the stream's Direct PUT quota, raised in proportion when declared."""
    base = LARGE_REGION_QUOTA if c.region in _quotas.LARGE_REGIONS else OTHER_REGION_QUOTA
    factor = c.throughput_quota_mib / base[2] if c.throughput_quota_mib is not None else 1.0
    return base[0] * factor, base[1] * factor, base[2] * factor


def record_size(c: FirehoseStream, load) -> float:
    if c.record_bytes is not None:
        return c.record_bytes
    return load.request_bytes / load.rps if load.rps > 0 else 0.0


def billed_bytes(record_bytes: float) -> float:
    """A record's ingested size as billed: rounded up to the next 5 KB (5,120 bytes)."""
    return max(1, math.ceil(record_bytes / INGEST_ROUNDING_BYTES - 1e-9)) * INGEST_ROUNDING_BYTES


def assess(c: FirehoseStream, avg, peak, view) -> Assessment:
    size_bytes = record_size(c, peak) or record_size(c, avg)
    mib = peak.rps * size_bytes / MIB
    out = Assessment(sizing={"source": c.source_stream or "direct_put", "record_bytes": size_bytes,
                             "records_per_s_peak": peak.rps, "requests_per_s_peak": peak.rps / c.records_per_call,
                             "mib_per_s_peak": mib, "quota_records_per_s": None, "quota_requests_per_s": None,
                             "quota_mib_per_s": None})
    if c.source_stream is not None:
        out.notes.append(f"reads '{c.source_stream}': the Direct PUT quota does not apply ({QUOTAS})")
        return out
    records, requests, mib_quota = quota(c)
    out.sizing.update(quota_records_per_s=records, quota_requests_per_s=requests, quota_mib_per_s=mib_quota)
    where = f"Direct PUT quota in {c.region}" + (f", raised to {number(mib_quota)} MiB/s" if c.throughput_quota_mib else "")
    out.limits.append(Limit("records", peak.rps, records, "records/s", f"{where}; {QUOTAS}"))
    out.limits.append(Limit("put requests", peak.rps / c.records_per_call, requests, "requests/s",
                            f"{where}; records_per_call {c.records_per_call}; {QUOTAS}"))
    if size_bytes:
        out.limits.append(Limit("throughput", mib, mib_quota, "MiB/s", f"{where}; {QUOTAS}"))
    elif peak.rps > 0:
        out.notes.append("record size unknown (set record_size, or the traffic's request_size): MiB/s not checked")
    out.capacity_rps = out.max_capacity_rps = _quotas.worst_capacity(out.limits, peak.rps)
    return out


def price(c: FirehoseStream, avg, sizing, spec, bill) -> None:
    size_bytes = sizing["record_bytes"]
    if not size_bytes:
        bill.missing("ingestion (record size unknown: set record_size)")
        return
    gb = avg.rps * facts.SECONDS_PER_MONTH * billed_bytes(size_bytes) / facts.GB
    bill.add("data ingested (records rounded up to 5 KB)", gb, "GB", GB_INGESTED_USD, PRICING)
    bill.missing("format conversion, VPC delivery and dynamic partitioning, when used")


def needs(sizing) -> str:
    if sizing["quota_records_per_s"] is None:
        return f"{number(sizing['records_per_s_peak'])} records/s (no quota: reads a stream)"
    return f"{number(sizing['mib_per_s_peak'])} of {number(sizing['quota_mib_per_s'])} MiB/s"


def details(c: FirehoseStream) -> list[str]:
    return [f"reads {c.source_stream}" if c.source_stream else "Direct PUT"]


# The global SLA page could not be read when this type was added; 99.9% is Amazon Data Firehose's commitment in
# the SLA AWS publishes for its China (Beijing) Region (last updated 2024-02-18) and in a 2019 compilation of AWS
# SLAs (cloudonaut.io). Re-check it at the URL below.
SLA = SlaFigure("firehose", "Amazon Data Firehose", "Firehose stream", 99.9, "Amazon Data Firehose Service Level "
                "Agreement", "https://aws.amazon.com/firehose/sla/", "2026-11-30")

TYPE = ComponentType(
    name="firehose", title="Firehose stream", article="a",
    description="Amazon Data Firehose stream (regional): takes records by Direct PUT or reads a Kinesis data stream, "
                "buffers them and delivers them to its destination (its connections' targets).",
    model=FirehoseStream, properties=PROPERTIES, required=("region",), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.QUEUE, tier=Tier.INTEGRATION, state=State.STATELESS,
    icon=("diagrams.aws.analytics", "KinesisDataFirehose"),
    redundancy=Redundancy("AWS runs it across the AZs of its Region (it replicates records synchronously to three "
                          "AZs); nothing in the spec makes it more or less redundant"),
    recovery=Recovery(f"AWS serves from the AZs still up; when the destination is unavailable it keeps records for up "
                      f"to {BUFFER_HOURS} hours and retries; AWS publishes no recovery time", None, QUOTAS),
    sla=one_figure(SLA),
    traffic=Traffic(f"Direct PUT quota per stream: 500,000 records/s, 2,000 requests/s and 5 MiB/s in us-east-1, "
                    f"us-west-2 and eu-west-1, 100,000 records/s, 1,000 requests/s and 1 MiB/s elsewhere, raised "
                    f"together; no quota with a Kinesis data stream as source ({QUOTAS}); priced ${GB_INGESTED_USD} per "
                    f"GB ingested, records rounded up to 5 KB ({PRICING})",
                    assess=assess, surviving_capacity=_quotas.modelled_capacity, cost=price, needs=needs),
    details=details,
)
