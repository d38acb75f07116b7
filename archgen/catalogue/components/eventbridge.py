"""eventbridge: an Amazon EventBridge event bus (regional): routes the custom events put on it to the targets of
the rules they match (its connections' targets; a connection's ``share`` is the share of events a rule matches).

Each request arriving is one event put with PutEvents. PutEvents and target invocations have quotas per account
and Region, shared by every event bus there. A global endpoint fails custom events over to an event bus of the
same name in a secondary Region.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
)
from archgen.catalogue.components import _quotas
from archgen.formatting import number
from archgen.spec.schema_parts import REGION_PATTERN, count, positive, prop
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.flow import AVG, PEAK, R, W
from archgen.traffic.types import Limit

QUOTAS = ('Amazon EventBridge User Guide, "Amazon EventBridge quotas" — '
          "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html")
GLOBAL_ENDPOINTS = ('Amazon EventBridge User Guide, "Making applications Regional-fault tolerant with global endpoints" '
                    "(RTO and RPO 360 seconds, at most 420, with AWS's alarm guidance) — "
                    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html")
FAILOVER_TYPICAL_S, FAILOVER_MAX_S = 360.0, 420.0  # a global endpoint's failover, with AWS's alarm (GLOBAL_ENDPOINTS)
PRICING = "https://aws.amazon.com/eventbridge/pricing/"

# Default soft quotas per account and Region (QUOTAS); the other Regions take the last figure.
PUT_EVENTS_PER_S = {
    "us-east-1": 10_000.0, "us-east-2": 2_400.0, "us-west-1": 1_200.0, "us-west-2": 10_000.0, "ap-east-1": 600.0,
    "ap-northeast-1": 1_200.0, "ap-northeast-2": 600.0, "ap-south-1": 600.0, "ap-southeast-1": 1_200.0,
    "ap-southeast-2": 1_200.0, "ca-central-1": 600.0, "eu-central-1": 2_400.0, "eu-north-1": 600.0,
    "eu-south-2": 2_400.0, "eu-west-1": 10_000.0, "eu-west-2": 1_200.0, "eu-west-3": 600.0, "sa-east-1": 600.0,
}
OTHER_PUT_EVENTS_PER_S = 400.0
INVOCATIONS_PER_S = {
    "us-east-1": 18_750.0, "us-east-2": 4_500.0, "us-west-1": 2_250.0, "us-west-2": 18_750.0, "ap-east-1": 1_100.0,
    "ap-northeast-1": 2_250.0, "ap-northeast-2": 1_100.0, "ap-south-1": 1_100.0, "ap-southeast-1": 2_250.0,
    "ap-southeast-2": 2_250.0, "ca-central-1": 1_100.0, "eu-central-1": 4_500.0, "eu-north-1": 1_100.0,
    "eu-south-2": 4_500.0, "eu-west-1": 18_750.0, "eu-west-2": 2_250.0, "eu-west-3": 1_100.0, "sa-east-1": 1_100.0,
}
OTHER_INVOCATIONS_PER_S = 750.0
MAX_ENTRIES_PER_CALL = 10  # a PutEvents request carries up to 10 entries (Amazon EventBridge API Reference, PutEvents)
# $1.00 per million custom events published; each 64 KB chunk of an event's payload is billed as one event (PRICING)
MILLION_EVENTS_USD = 1.00
EVENT_CHUNK_BYTES = 64 * 1024

PROPERTIES = {
    "entries_per_call": count("Events its senders put per PutEvents request (1 to 10; default 1): the PutEvents quota "
                              "counts requests.", 1, MAX_ENTRIES_PER_CALL),
    "put_events_quota": positive("The account's PutEvents quota in this Region when raised (requests/s; default: "
                                 "AWS's for the Region)."),
    "invocations_quota": positive("The account's target invocations quota in this Region when raised "
                                  "(invocations/s; default: AWS's for the Region)."),
    "secondary_region": prop("string", "Secondary Region of its global endpoint: custom events fail over to the event "
                                       "bus of the same name there when the endpoint's Route 53 health check fails.",
                             pattern=REGION_PATTERN),
}


@dataclass(unsafe_hash=True, kw_only=True)
class EventBus(m.Component):
    """An EventBridge event bus."""

    entries_per_call: int = 1
    put_events_quota: float | None = None
    invocations_quota: float | None = None
    secondary_region: str | None = None  # its global endpoint's


def build(builder, index: int, c: dict, common: dict) -> EventBus:
    return EventBus(**common, entries_per_call=c.get("entries_per_call", 1), put_events_quota=c.get("put_events_quota"),
                    invocations_quota=c.get("invocations_quota"), secondary_region=c.get("secondary_region"))


def check(checker, path: tuple, c: dict) -> None:
    """A global endpoint fails over to another Region, one the spec declares."""
    secondary = c.get("secondary_region")
    if checker.need_region(path + ("secondary_region",), secondary) and secondary == c.get("region"):
        checker.error(path + ("secondary_region",), "a global endpoint fails over to another Region",
                      "name a Region other than the event bus's own")


def put_events_quota(c: EventBus) -> float:
    return c.put_events_quota or _quotas.by_region(PUT_EVENTS_PER_S, c.region, OTHER_PUT_EVENTS_PER_S)


def invocations_quota(c: EventBus) -> float:
    return c.invocations_quota or _quotas.by_region(INVOCATIONS_PER_S, c.region, OTHER_INVOCATIONS_PER_S)


def _put_requests(c: EventBus, view) -> float:
    return _quotas.arriving(view, c.id) / c.entries_per_call


def _invocations(c: EventBus, view, point: int) -> float:
    """Events sent on to rule targets: each connection out is a target, its share the events its rule matches."""
    total = 0.0
    for connection in view.spec.outgoing(c.id):
        if connection.carries_requests:
            carried = view.edges[connection.id]
            total += carried[point + R] + carried[point + W]
    return total


def _peak_invocations(c: EventBus, view) -> float:
    return _invocations(c, view, PEAK)


def assess(c: EventBus, avg, peak, view) -> Assessment:
    requests = _quotas.region_demand(view, "eventbridge.put_events", EventBus, lambda x: None, _put_requests)
    invocations = _quotas.region_demand(view, "eventbridge.invocations", EventBus, lambda x: None, _peak_invocations)
    region_requests, region_invocations = requests[(c.region, None)], invocations[(c.region, None)]
    shared = f"every event bus of the account in {c.region}"
    out = Assessment(sizing={
        "events_per_s_peak": peak.rps, "put_events_requests_per_s_peak": peak.rps / c.entries_per_call,
        "invocations_per_s_peak": _peak_invocations(c, view), "invocations_per_s_avg": _invocations(c, view, AVG),
        "region_put_events_requests_per_s_peak": region_requests, "region_invocations_per_s_peak": region_invocations,
        "put_events_quota": put_events_quota(c), "invocations_quota": invocations_quota(c),
        "event_bytes": peak.request_bytes / peak.rps if peak.rps > 0 else 0.0,
    })
    out.limits.append(Limit("PutEvents requests (Region)", region_requests, put_events_quota(c), "requests/s",
                            f"quota shared by {shared}" + (", raised" if c.put_events_quota else "")
                            + f"; entries_per_call {c.entries_per_call}; {QUOTAS}"))
    out.limits.append(Limit("target invocations (Region)", region_invocations, invocations_quota(c), "invocations/s",
                            f"quota shared by {shared}" + (", raised" if c.invocations_quota else "") + f"; {QUOTAS}"))
    out.capacity_rps = out.max_capacity_rps = _quotas.worst_capacity(out.limits, peak.rps)
    out.notes.append("PutEvents above its quota is refused (throttled); invocations above theirs are delayed, not lost")
    return out


def billed_events(event_bytes: float) -> int:
    """Events billed for one event: each 64 KB chunk of its payload (PRICING)."""
    return max(1, math.ceil(event_bytes / EVENT_CHUNK_BYTES - 1e-9))


def price(c: EventBus, avg, sizing, spec, bill) -> None:
    events = avg.rps * facts.SECONDS_PER_MONTH * billed_events(sizing["event_bytes"])
    bill.add("custom events published (64 KB chunks)", events / 1e6, "million events", MILLION_EVENTS_USD, PRICING)
    if c.secondary_region:
        bill.missing("global endpoint event replication (replicated events are billed as custom events)")


def needs(sizing) -> str:
    return (f"{number(sizing['region_put_events_requests_per_s_peak'])} of {number(sizing['put_events_quota'])} "
            "PutEvents/s")


def replica_regions(c: EventBus) -> tuple[str, ...]:
    return (c.secondary_region,) if c.secondary_region else ()


def region_failover(c: EventBus) -> Recovery | None:
    """Losing its Region: the global endpoint sends custom events to the secondary Region's event bus."""
    if not c.secondary_region:
        return None
    return Recovery(f"its global endpoint fails over to the event bus in {c.secondary_region}", FAILOVER_MAX_S,
                    GLOBAL_ENDPOINTS, low_seconds=FAILOVER_TYPICAL_S)


def details(c: EventBus) -> list[str]:
    return [f"global endpoint → {c.secondary_region}"] if c.secondary_region else []


# The AWS page could not be read when this type was added; 99.99% is the figure independent compilations of AWS
# SLAs give for it. Re-check it at the URL below.
SLA = SlaFigure("eventbridge", "Amazon EventBridge", "event bus", 99.99, "Amazon EventBridge Service Level Agreement",
                "https://aws.amazon.com/eventbridge/sla/", "2026-11-30")

TYPE = ComponentType(
    name="eventbridge", title="EventBridge event bus", article="an",
    description="Amazon EventBridge event bus (regional): routes the events put on it to its rules' targets (its "
                "connections; a connection's share is the events its rule matches). secondary_region adds a global "
                "endpoint.",
    model=EventBus, properties=PROPERTIES, required=("region",), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.QUEUE, tier=Tier.INTEGRATION, state=State.STATELESS,
    icon=("diagrams.aws.integration", "Eventbridge"),
    redundancy=Redundancy("AWS runs it across the AZs of its Region; a global endpoint (secondary_region) sends custom "
                          "events to the event bus of the same name in another Region when its health check fails",
                          replica_regions=replica_regions, region_failover=region_failover),
    recovery=Recovery("AWS serves from the AZs still up, nothing to fail over within the Region; a global endpoint "
                      "fails over to its secondary Region in 360 seconds (at most 420) with AWS's alarm guidance",
                      None, GLOBAL_ENDPOINTS),
    sla=one_figure(SLA),
    traffic=Traffic(f"PutEvents requests and target invocations per account and Region: 10,000 and 18,750 per second in "
                    f"us-east-1, us-west-2 and eu-west-1, less elsewhere ({QUOTAS}); priced "
                    f"${MILLION_EVENTS_USD:.2f} per million custom events, each 64 KB chunk one event ({PRICING})",
                    assess=assess, surviving_capacity=_quotas.modelled_capacity, cost=price, needs=needs),
    details=details,
)
