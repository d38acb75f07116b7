"""nat_gateway: a NAT gateway, in one public subnet (one AZ); private subnets name it in their route."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, Sla, State, Tier, Traffic, one_per_az,
)
from archgen.traffic.cost import price_nat


def build(builder, index: int, c: dict, common: dict) -> m.NatGateway:
    return m.NatGateway(**common)


def check(checker, path: tuple, c: dict) -> None:
    """One public subnet."""
    subnets = checker.as_list(c.get("subnets"))
    if len(subnets) != 1:
        checker.error(path + ("subnets",), "a NAT gateway lives in exactly one subnet",
                      "create one NAT gateway per AZ, each in that AZ's public subnet")
        return
    found = checker.subnets.get(subnets[0])
    if found and found[1].get("kind") != "public":
        checker.error(path + ("subnets", 0), f"NAT gateway '{c.get('id')}' must be in a public subnet",
                      f"'{subnets[0]}' is private")


TYPE = ComponentType(
    name="nat_gateway", title="NAT gateway", article="a",
    description="NAT gateway: lives in one public subnet (one AZ). Private subnets name it in their route.",
    model=m.NatGateway, properties={}, required=("subnets",), build=build, check=check,
    placement=Placement.ZONAL, role=Role.ROUTER, tier=Tier.NETWORK, state=State.STATELESS,
    icon=("diagrams.aws.network", "NATGateway"),
    redundancy=Redundancy("one gateway in the AZ of its subnet; AWS makes it redundant inside that AZ",
                          instances_per_az=one_per_az),
    recovery=Recovery("redundant inside its AZ; losing the AZ cuts the outbound access of every subnet routed "
                      "through it", None, 'Amazon VPC User Guide, "NAT gateways"'),
    sla=Sla((), lambda c: None, note="carries no requests in the model (outbound access only)"),
    traffic=Traffic("carries no requests in the model; priced per hour (data processed not included)",
                    cost=price_nat),
    capabilities=frozenset({Capability.SUBNET_EGRESS}),
)
