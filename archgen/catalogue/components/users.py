"""users: people or clients outside AWS, where requests start (their traffic profile is the load)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, Sla, State, Tier, Traffic,
)
from archgen.spec.schema_parts import count, obj, positive, prop, ratio, size
from archgen.spec.units import parse_size

PROPERTIES = {
    "traffic": obj("Traffic profile of this population.", {
        "daily_active_users": count("Distinct users per day."),
        "requests_per_user_per_day": positive("Requests each user makes per day."),
        "peak_factor": prop("number", "Peak requests/s divided by average requests/s (AWS publishes none; 2-3 is common).",
                            minimum=1, maximum=1000),
        "peak_rps": positive("Explicit peak requests per second (overrides users × requests × peak factor)."),
        "read_ratio": ratio("Share of requests that read (GET) rather than write"),
        "request_size": size("Average request size."),
        "response_size": size("Average response size."),
    }),
}


def build(builder, index: int, c: dict, common: dict) -> m.Users:
    t = c.get("traffic")
    profile = None
    if t is not None:
        profile = m.TrafficProfile(
            daily_active_users=t.get("daily_active_users"),
            requests_per_user_per_day=t.get("requests_per_user_per_day"),
            peak_factor=float(t.get("peak_factor", 1.0)),
            peak_rps=t.get("peak_rps"),
            read_ratio=float(t.get("read_ratio", 1.0)),
            request_bytes=parse_size(t.get("request_size", 0)),
            response_bytes=parse_size(t.get("response_size", 0)),
            unset=tuple(key for key in m.DEFAULTED_TRAFFIC_KEYS if key not in t),
        )
    return m.Users(**common, traffic=profile)


TYPE = ComponentType(
    name="users", title="users", article="",
    description="People or clients outside AWS: the entry point of requests.",
    model=m.Users, properties=PROPERTIES, required=(), build=build,
    placement=Placement.EXTERNAL, role=Role.ROUTER, tier=Tier.ENTRY, state=State.STATELESS,
    icon=("diagrams.aws.general", "Users"),
    redundancy=Redundancy("outside AWS: never a single point of failure of the design"),
    recovery=Recovery("outside AWS: not modelled", None, "not an AWS service"),
    sla=Sla((), lambda c: None, note="not an AWS service: counts as always available"),
    traffic=Traffic("the entry point: its traffic profile is the load the other tiers share"),
    capabilities=frozenset({Capability.ENTRY_POINT}),
)
