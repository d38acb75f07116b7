"""cognito: an Amazon Cognito user pool (regional): sign-up, sign-in and tokens for an app's users."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, RecoveryPoint, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
    regional_recovery,
)
from archgen.formatting import EMPTY, number
from archgen.spec.schema_parts import positive
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

QUOTAS = ('Amazon Cognito Developer Guide, "Quotas in Amazon Cognito" — '
          "https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html")

PROPERTIES = {
    "auth_quota_rps": positive("The account's UserAuthentication request-rate quota in this Region (InitiateAuth and "
                               "AdminInitiateAuth per second, shared by every user pool of the account in the Region; "
                               "see Service Quotas). Sign-ins above it are throttled.", 1_000_000),
}


@dataclass(unsafe_hash=True, kw_only=True)
class UserPool(m.Component):
    """A Cognito user pool."""

    auth_quota_rps: float | None = None


def build(builder, index: int, c: dict, common: dict) -> UserPool:
    return UserPool(**common, auth_quota_rps=c.get("auth_quota_rps"))


def assess(c: UserPool, avg, peak, view) -> Assessment:
    """Requests arriving are sign-ins (each InitiateAuth counts against the UserAuthentication quota)."""
    out = Assessment(sizing={"auth_quota_rps": c.auth_quota_rps, "sign_ins_per_s_peak": peak.rps})
    if c.auth_quota_rps is None:
        out.notes.append("auth_quota_rps is not set: the account's UserAuthentication quota (Service Quotas) is unknown")
        return out
    out.capacity_rps = out.max_capacity_rps = c.auth_quota_rps
    out.limits.append(Limit("UserAuthentication quota", peak.rps, c.auth_quota_rps, "rps",
                            f"auth_quota_rps {number(c.auth_quota_rps)}; {QUOTAS}"))
    out.notes.append("the quota is per account and Region: other user pools of the account share it")
    return out


def surviving(c: UserPool, spec, surviving_azs) -> float | None:
    return c.auth_quota_rps  # a regional service: an AZ loss leaves the quota


def needs(sizing) -> str:
    if sizing["auth_quota_rps"] is None:
        return EMPTY
    return f"{number(sizing['sign_ins_per_s_peak'])} of {number(sizing['auth_quota_rps'])} sign-ins/s"


def az_recovery_point(c: UserPool) -> RecoveryPoint:
    return RecoveryPoint(None, "AWS keeps user pools across the AZs of their Region (how is not published)",
                         'Amazon Cognito Developer Guide, "Resilience in Amazon Cognito"')


# The AWS page itself could not be read when this type was added; 99.9% is the figure two independent
# compilations of AWS SLAs (2019, 2024) give for it. Re-check it at the URL below.
SLA = SlaFigure("cognito", "Amazon Cognito", "user pool", 99.9, "Amazon Cognito Service Level Agreement",
                "https://aws.amazon.com/cognito/sla/", "2026-11-29")

TYPE = ComponentType(
    name="cognito", title="Cognito user pool", article="a",
    description="Amazon Cognito user pool (regional): sign-up, sign-in and tokens for an app's users. Its requests "
                "are sign-ins; it holds the user directory.",
    model=UserPool, properties=PROPERTIES, required=("region",), build=build,
    placement=Placement.REGIONAL, role=Role.STORE, tier=Tier.EDGE, state=State.STORE,
    icon=("diagrams.aws.security", "Cognito"),
    redundancy=Redundancy("AWS runs a user pool across the AZs of its Region; a user pool has no copy in another "
                          "Region", az_recovery_point=az_recovery_point),
    recovery=regional_recovery('Amazon Cognito Developer Guide, "Resilience in Amazon Cognito"'),
    sla=one_figure(SLA),
    traffic=Traffic("sign-ins per second against the account's UserAuthentication quota when auth_quota_rps is set "
                    f"({QUOTAS}); priced per monthly active user, which the traffic profile does not give: not priced",
                    assess=assess, surviving_capacity=surviving, needs=needs),
    capabilities=frozenset({Capability.WEB_ACL_TARGET}),
    deletion_policies=("retain", "delete"),
)
