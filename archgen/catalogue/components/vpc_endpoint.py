"""vpc_endpoint: a VPC endpoint — an interface endpoint (AWS PrivateLink: a network interface in each of its
subnets' AZs) or a gateway endpoint (a route-table target for S3 or DynamoDB, no AZ)."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, Sla, State, Tier, Traffic,
)
from archgen.catalogue.components import _links
from archgen.spec.schema_parts import prop

INTERFACE, GATEWAY = "interface", "gateway"
PRICING = "https://aws.amazon.com/privatelink/pricing/"
AZ_HOUR_USD = 0.01  # per interface endpoint per AZ-hour, US East (N. Virginia) (PRICING)
GB_USD = 0.01  # per GB processed, first petabyte a month, US East (N. Virginia) (PRICING)
QUOTAS = ('AWS PrivateLink Guide, "AWS PrivateLink quotas" — '
          "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html")
GBPS_PER_AZ = 100.0  # 10 Gbps per AZ by default, scaling automatically to 100 Gbps per AZ (QUOTAS)

PROPERTIES = {
    "endpoint_type": prop("string", "interface (default: AWS PrivateLink, a network interface in each of its subnets, "
                                    "one subnet per AZ) or gateway (S3 and DynamoDB only: a route-table target, "
                                    "no subnets).", enum=[INTERFACE, GATEWAY]),
}


@dataclass(unsafe_hash=True, kw_only=True)
class VpcEndpoint(m.Component):
    """A VPC endpoint (interface or gateway)."""

    endpoint_type: str = INTERFACE


def build(builder, index: int, c: dict, common: dict) -> VpcEndpoint:
    return VpcEndpoint(**common, endpoint_type=c.get("endpoint_type", INTERFACE))


def check(checker, path: tuple, c: dict) -> None:
    """An interface endpoint takes one subnet per AZ; a gateway endpoint none, and leads to S3 or DynamoDB."""
    subnets = checker.as_list(c.get("subnets"))
    if c.get("endpoint_type", INTERFACE) == GATEWAY:
        if subnets or c.get("azs"):
            checker.error(path + ("subnets" if subnets else "azs",),
                          "a gateway endpoint is a route-table target: it has no subnets or AZs", "give only region")
        _links.check_targets(checker, c, Capability.GATEWAY_ENDPOINT_SERVICE)
        return
    if not subnets:
        checker.error(path, f"interface endpoint '{c.get('id')}' needs subnets (one per AZ it serves)",
                      "add subnets, one in each AZ of its callers")
        return
    seen: dict = {}
    for i, subnet_id in enumerate(subnets):
        found = checker.subnets.get(subnet_id)
        if found is None:
            continue
        az = found[1].get("az")
        if az in seen:
            checker.error(path + ("subnets", i), f"subnets '{seen[az]}' and '{subnet_id}' are both in {az}: an "
                          "interface endpoint takes one subnet per AZ")
        seen.setdefault(az, subnet_id)


def is_interface(c: VpcEndpoint) -> bool:
    return c.endpoint_type == INTERFACE


def instances_per_az(c: VpcEndpoint) -> dict[str, int]:
    return {az: 1 for az in c.azs} if is_interface(c) else {}


def assess(c: VpcEndpoint, avg, peak, view):
    out = _links.carried(avg, peak, endpoint_type=c.endpoint_type, azs=len(c.azs))
    if is_interface(c) and c.azs:
        out.limits.append(_links.bandwidth_limit(f"bandwidth in {len(c.azs)} AZ{'s' if len(c.azs) != 1 else ''}",
                                                 peak, GBPS_PER_AZ * len(c.azs),
                                                 f"{GBPS_PER_AZ:g} Gbps per AZ at most (10 Gbps by default, scaling "
                                                 f"automatically); {QUOTAS}"))
    return out


def price(c: VpcEndpoint, avg, sizing, spec, bill) -> None:
    if not is_interface(c):
        bill.add("gateway endpoint (no charge)", 1, "endpoint-months", 0.0, PRICING)
        return
    _links.hours(bill, f"interface endpoint in {len(c.azs)} AZs", AZ_HOUR_USD, PRICING, count=len(c.azs))
    _links.per_gb(bill, "data processed", avg, GB_USD, PRICING)


def details(c: VpcEndpoint) -> list[str]:
    return [f"{c.endpoint_type} endpoint"]


TYPE = ComponentType(
    name="vpc_endpoint", title="VPC endpoint", article="a",
    description="VPC endpoint: an interface endpoint (AWS PrivateLink; one network interface in each of its subnets' "
                "AZs) or a gateway endpoint (S3, DynamoDB). The service it leads to is its connection's target.",
    model=VpcEndpoint, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.SUBNETS, role=Role.ROUTER, tier=Tier.NETWORK, state=State.STATELESS,
    icon=("diagrams.aws.network", "Endpoint"),
    redundancy=Redundancy("an interface endpoint has a network interface in each AZ of its subnets; a gateway "
                          "endpoint is a route-table entry with no AZ", instances_per_az=instances_per_az),
    recovery=Recovery("an endpoint network interface serves its AZ: losing the AZ removes it, and callers that used "
                      "it need one in another AZ; AWS publishes no recovery time", None,
                      'AWS PrivateLink Guide, "Access an AWS service using an interface VPC endpoint"'),
    sla=Sla((), lambda c: None, note="no figure recorded: the AWS PrivateLink SLA could not be read when this type "
                                     "was added (it counts as always available in the estimate)"),
    traffic=Traffic(f"interface: at most {GBPS_PER_AZ:g} Gbps per AZ ({QUOTAS}); priced ${AZ_HOUR_USD} per AZ-hour "
                    f"and ${GB_USD} per GB processed; gateway endpoints are free ({PRICING})",
                    assess=assess, cost=price, needs=_links.data_needs),
    details=details,
)
