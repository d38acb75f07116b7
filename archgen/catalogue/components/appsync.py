"""appsync: an AWS AppSync GraphQL API (regional): resolves queries and mutations against its data sources (its
connections' targets: Lambda functions, DynamoDB tables, HTTP endpoints, ...).

Each request arriving is one query or mutation. AppSync allocates each request tokens by the processing time
and memory it uses; an account has 5,000 or 10,000 tokens per second in a Region, shared by its APIs there.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
    regional_recovery,
)
from archgen.catalogue.components import _quotas
from archgen.formatting import EMPTY, number
from archgen.spec.schema_parts import positive
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

TOKENS = ('AWS AppSync Developer Guide, "Using token counts to optimize your requests" ("AWS AppSync allocates a '
          "maximum of 5,000 or 10,000 request tokens per second to the APIs in your account, depending upon the AWS "
          'Region") — https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html')
PRICING = "https://aws.amazon.com/appsync/pricing/"
MILLION_OPERATIONS_USD = 4.00  # queries and data modification operations (mutations), US East (N. Virginia) (PRICING)

PROPERTIES = {
    "request_token_quota": positive("The account's rate of request tokens in this Region (tokens/s; 5,000 or 10,000 "
                                    "by Region, see Service Quotas), shared by its GraphQL APIs there. Unset: not "
                                    "checked."),
    "tokens_per_request": positive("Request tokens one request uses on average (default 1: a request of up to 1,500 "
                                   "KB-seconds of memory and vCPU time).", 1_000),
}


@dataclass(unsafe_hash=True, kw_only=True)
class GraphqlApi(m.Component):
    """An AppSync GraphQL API."""

    request_token_quota: float | None = None
    tokens_per_request: float = 1.0


def build(builder, index: int, c: dict, common: dict) -> GraphqlApi:
    return GraphqlApi(**common, request_token_quota=c.get("request_token_quota"),
                      tokens_per_request=float(c.get("tokens_per_request", 1.0)))


def _tokens(c: GraphqlApi, view) -> float:
    return _quotas.arriving(view, c.id) * c.tokens_per_request


def assess(c: GraphqlApi, avg, peak, view) -> Assessment:
    region_tokens = _quotas.region_demand(view, "appsync.tokens", GraphqlApi, lambda x: None, _tokens)[(c.region, None)]
    out = Assessment(sizing={"operations_per_s_peak": peak.rps, "tokens_per_s_peak": peak.rps * c.tokens_per_request,
                             "region_tokens_per_s_peak": region_tokens, "request_token_quota": c.request_token_quota})
    if c.request_token_quota is None:
        out.notes.append("request_token_quota is not set: AWS gives 5,000 or 10,000 request tokens/s by Region (see "
                         "Service Quotas); not checked")
        return out
    out.limits.append(Limit("request tokens (Region)", region_tokens, c.request_token_quota, "tokens/s",
                            f"request_token_quota {number(c.request_token_quota)}, shared by every GraphQL API of the "
                            f"account in {c.region}; {TOKENS}"))
    out.capacity_rps = out.max_capacity_rps = _quotas.worst_capacity(out.limits, peak.rps)
    return out


def price(c: GraphqlApi, avg, sizing, spec, bill) -> None:
    bill.add("queries and mutations", avg.rps * facts.SECONDS_PER_MONTH / 1e6, "million operations",
             MILLION_OPERATIONS_USD, PRICING)
    bill.missing("real-time subscription updates and connection-minutes, caching")


def needs(sizing) -> str:
    if sizing["request_token_quota"] is None:
        return EMPTY
    return f"{number(sizing['region_tokens_per_s_peak'])} of {number(sizing['request_token_quota'])} tokens/s"


# The global SLA page could not be read when this type was added; 99.95% is AWS AppSync's commitment in the SLA
# AWS publishes for its China (Beijing) Region (last updated 2021-06-15). Re-check it at the URL below.
SLA = SlaFigure("appsync", "AWS AppSync", "GraphQL API", 99.95, "AWS AppSync Service Level Agreement",
                "https://aws.amazon.com/appsync/sla/", "2026-11-30")

TYPE = ComponentType(
    name="appsync", title="AppSync GraphQL API", article="an",
    description="AWS AppSync GraphQL API (regional): resolves queries and mutations against its data sources (its "
                "connections' targets).",
    model=GraphqlApi, properties=PROPERTIES, required=("region",), build=build,
    placement=Placement.REGIONAL, role=Role.CALLER, tier=Tier.LOAD_BALANCING, state=State.STATELESS,
    icon=("diagrams.aws.integration", "Appsync"),
    redundancy=Redundancy("AWS runs it across the AZs of its Region; an API has no copy in another Region"),
    recovery=regional_recovery('AWS AppSync Developer Guide, "Resilience in AWS AppSync"'),
    sla=one_figure(SLA),
    traffic=Traffic(f"request tokens per second against the account's Region quota when request_token_quota is set "
                    f"({TOKENS}); priced ${MILLION_OPERATIONS_USD:.2f} per million queries and mutations ({PRICING})",
                    assess=assess, surviving_capacity=_quotas.modelled_capacity, cost=price, needs=needs),
    capabilities=frozenset({Capability.WEB_ACL_TARGET}),
)
