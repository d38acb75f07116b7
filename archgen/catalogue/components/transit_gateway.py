"""transit_gateway: an AWS Transit Gateway (a regional router between VPCs, VPNs and Direct Connect);
each VPC attachment reaches the AZs of its subnets."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
)
from archgen.catalogue.components import _links
from archgen.spec.schema_parts import array, id_ref, obj, ref

PRICING = "https://aws.amazon.com/transit-gateway/pricing/"
ATTACHMENT_HOUR_USD = 0.05  # per attachment-hour, US East (N. Virginia) (PRICING)
GB_USD = 0.02  # per GB processed, US East (N. Virginia) (PRICING)

ATTACHMENT = obj("A VPC attachment: one subnet in each AZ whose resources use the transit gateway.", {
    "subnets": array("Subnets of the attachment (one VPC, one subnet per AZ).", id_ref("Subnet id."),
                     minItems=1, uniqueItems=True),
}, required=("subnets",))
PROPERTIES = {
    "attachments": array("VPC attachments; resources in an AZ without an attachment subnet cannot reach the transit "
                         "gateway.", ref("tgw_attachment", "A VPC attachment.")),
}


@dataclass(unsafe_hash=True)
class VpcAttachment:
    """A VPC attachment of a transit gateway: the VPC and the subnets it uses."""

    vpc: str
    subnets: tuple[str, ...]
    azs: tuple[str, ...]


@dataclass(unsafe_hash=True, kw_only=True)
class TransitGateway(m.Component):
    """A transit gateway and its VPC attachments."""

    attachments: tuple[VpcAttachment, ...] = ()

    def attachment(self, vpc: str | None) -> VpcAttachment | None:
        return next((a for a in self.attachments if a.vpc == vpc), None)


def build(builder, index: int, c: dict, common: dict) -> TransitGateway:
    attachments = []
    for raw in c.get("attachments", []):
        subnets = [builder.subnets[s] for s in raw["subnets"]]
        order = builder.region_azs.get(common["region"], ())
        azs = sorted({s.az for s in subnets}, key=lambda az: (order.index(az) if az in order else len(order), az))
        attachments.append(VpcAttachment(subnets[0].vpc, tuple(raw["subnets"]), tuple(azs)))
    return TransitGateway(**common, attachments=tuple(attachments))


def check(checker, path: tuple, c: dict) -> None:
    """Each attachment: subnets of one VPC in the gateway's Region, one per AZ; one attachment per VPC."""
    attached: dict = {}
    for i, attachment in enumerate(checker.as_list(c.get("attachments"))):
        apath = path + ("attachments", i)
        azs: dict = {}
        vpcs = set()
        for j, subnet_id in enumerate(checker.as_list(attachment.get("subnets")) if isinstance(attachment, dict) else ()):
            found = checker.subnets.get(subnet_id)
            if found is None:
                checker.unknown(apath + ("subnets", j), "subnet", subnet_id, checker.subnets)
                continue
            _, subnet, vpc = found
            vpcs.add(vpc.get("id"))
            if vpc.get("region") != c.get("region"):
                checker.error(apath + ("subnets", j), f"subnet '{subnet_id}' is in {vpc.get('region')}, not "
                              f"{c.get('region')}", "a transit gateway attaches VPCs of its own Region")
            where = (vpc.get("id"), subnet.get("az"))
            if where in azs:
                checker.error(apath + ("subnets", j), f"subnets '{azs[where]}' and '{subnet_id}' are both in "
                              f"{subnet.get('az')}: an attachment takes one subnet per AZ")
            azs.setdefault(where, subnet_id)
        if len(vpcs) > 1:
            checker.error(apath + ("subnets",), "an attachment's subnets belong to one VPC: " + ", ".join(sorted(vpcs)))
        for vpc_id in vpcs:
            if vpc_id in attached:
                checker.error(apath, f"VPC '{vpc_id}' is attached twice: a transit gateway has one attachment per VPC")
            attached.setdefault(vpc_id, i)


def price(c: TransitGateway, avg, sizing, spec, bill) -> None:
    _links.hours(bill, f"{len(c.attachments)} VPC attachments", ATTACHMENT_HOUR_USD, PRICING, count=len(c.attachments))
    _links.per_gb(bill, "data processed", avg, GB_USD, PRICING)


def assess(c: TransitGateway, avg, peak, view):
    return _links.carried(avg, peak, attachments=len(c.attachments))


def details(c: TransitGateway) -> list[str]:
    return [f"{len(c.attachments)} VPC attachment{'s' if len(c.attachments) != 1 else ''}"]


# The version read is the SLA of 2019-03-19 (the current page could not be read when this type was added).
SLA = SlaFigure("transit-gateway", "AWS Transit Gateway", "transit gateway", 99.95,
                "AWS Transit Gateway Service Level Agreement (version of 2019-03-19)",
                "https://aws.amazon.com/transit-gateway/sla/historical/", "2026-11-29")

TYPE = ComponentType(
    name="transit_gateway", title="transit gateway", article="a",
    description="AWS Transit Gateway: a regional router between VPCs, VPNs and Direct Connect. Each VPC attachment "
                "has a subnet per AZ; resources in other AZs cannot reach it.",
    model=TransitGateway, properties=PROPERTIES, required=("region",), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.ROUTER, tier=Tier.NETWORK, state=State.STATELESS,
    icon=("diagrams.aws.network", "TransitGateway"),
    redundancy=Redundancy("AWS runs it across the AZs of its Region; each VPC attachment serves the AZs of its "
                          "subnets"),
    recovery=Recovery("an attachment's network interface serves its AZ: losing the AZ leaves the others; AWS "
                      "publishes no recovery time", None,
                      'Amazon VPC Transit Gateways, "How transit gateways work" (Availability Zones)'),
    sla=one_figure(SLA),
    traffic=Traffic(f"priced ${ATTACHMENT_HOUR_USD} per VPC attachment-hour and ${GB_USD} per GB processed "
                    f"({PRICING}); VPN, Direct Connect and peering attachments are billed too but not counted; "
                    "bandwidth (up to 100 Gbps per attachment per AZ, Transit Gateway quotas) is not modelled",
                    assess=assess, cost=price, needs=_links.data_needs),
    details=details,
    definitions={"tgw_attachment": ATTACHMENT},
)
