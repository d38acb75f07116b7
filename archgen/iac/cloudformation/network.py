"""VPCs, subnets and NAT gateways from a template, with what the route tables say about them.

A subnet is public when its route table's default route (0.0.0.0/0) goes to an internet
gateway, private otherwise; a private subnet whose default route goes to a NAT gateway names
that NAT gateway (so archgen can see "the private subnets of AZ b use the NAT in AZ a"). A
subnet with no route table association in the template uses the VPC's main route table,
which a template cannot change: it is public only if it maps public IPs on launch.
"""

from __future__ import annotations

from archgen.iac.cloudformation.context import DEFAULT_ROUTE, Mapper
from archgen.iac.cloudformation.stack import Resource
from archgen.iac.cloudformation.values import Unknown
from archgen.iac.naming import stand_in_name
from archgen.iac.zones import availability_zones

INTERNET_GATEWAY = "AWS::EC2::InternetGateway"
NAT_GATEWAY = "AWS::EC2::NatGateway"


def map_network(m: Mapper) -> None:
    for vpc in m.of_type("AWS::EC2::VPC"):
        m.draft.add_vpc(m.key(vpc), vpc.logical_id, m.origin(vpc), cidr=vpc.properties.get("CidrBlock"))
        m.fold(vpc)
    for attachment in m.of_type("AWS::EC2::VPCGatewayAttachment"):
        gateway, vpc = m.target(attachment.properties.get("InternetGatewayId")), m.target(attachment.properties.get("VpcId"))
        if gateway is not None and gateway.type == INTERNET_GATEWAY and vpc is not None and m.draft.vpc(m.key(vpc)):
            m.draft.vpc(m.key(vpc))["internet_gateway"] = True
        m.fold(attachment, gateway)
    m.fold(*m.of_type(INTERNET_GATEWAY, "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::VPCCidrBlock",
                      "AWS::EC2::DHCPOptions", "AWS::EC2::VPCDHCPOptionsAssociation", "AWS::EC2::NetworkAcl",
                      "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation"))

    default_routes = _default_routes(m)
    table_of = _route_tables(m)
    nat_of_subnet: dict[tuple, Resource] = {}
    for subnet in m.of_type("AWS::EC2::Subnet"):
        route = default_routes.get(table_of.get(m.key(subnet)))
        if route is not None and route.type == INTERNET_GATEWAY:
            kind = "public"
        elif m.key(subnet) in table_of:
            kind = "private"
            if route is not None and route.type == NAT_GATEWAY:
                nat_of_subnet[m.key(subnet)] = route
        else:
            kind = "public" if m.flag(subnet, "MapPublicIpOnLaunch") else "private"
        vpc = m.target(subnet.properties.get("VpcId"))
        vpc_key = m.key(vpc) if vpc is not None and m.draft.vpc(m.key(vpc)) else m.draft.placeholder_vpc()
        m.draft.add_subnet(m.key(subnet), subnet.logical_id, vpc_key, m.origin(subnet), az=_subnet_az(m, subnet),
                           kind=kind, cidr=subnet.properties.get("CidrBlock"))
        m.fold(subnet)

    for nat in m.of_type(NAT_GATEWAY):
        _nat_gateway(m, nat)
    # a route of this template may be the default route of a route table another template made
    # (stacks imported together): its subnets are found through that template's associations
    elsewhere = {m.key(table): gateway for table_key, gateway in default_routes.items()
                 for table in [m.registry.get(table_key)] if table is not None and table_key not in m.resources}
    if elsewhere:
        for association in (r for r in m.registry.values() if r.type == "AWS::EC2::SubnetRouteTableAssociation"):
            table, subnet = m.target(association.properties.get("RouteTableId")), m.target(
                association.properties.get("SubnetId"))
            if table is not None and subnet is not None and m.key(table) in elsewhere \
                    and elsewhere[m.key(table)].type == NAT_GATEWAY:
                nat_of_subnet[m.key(subnet)] = elsewhere[m.key(table)]
    for subnet_key, nat in nat_of_subnet.items():
        nat_id = m.component_id(nat)
        if nat_id and subnet_key in m.draft.subnet_ids:
            m.draft.subnet(m.draft.subnet_ids[subnet_key])["nat_gateway"] = nat_id


def _subnet_az(m: Mapper, subnet: Resource) -> str:
    az = subnet.properties.get("AvailabilityZone")
    if isinstance(az, str) and az:
        return az
    zone_id = subnet.properties.get("AvailabilityZoneId")
    if isinstance(zone_id, str):
        names = availability_zones(m.draft.region) or ()
        number = zone_id.rsplit("-az", 1)[-1]
        by_letter = [name for name in names if number.isdigit() and name.endswith("abcdefghijklmnop"[int(number) - 1])]
        if by_letter:
            return by_letter[0]
    if az is not None:
        return m.draft.assume_az(m.label(az), m.origin(subnet), f"subnet {subnet.logical_id} (AvailabilityZone "
                                                                 f"{m.label(az)})", name=stand_in_name(m.label(az)))
    return m.draft.assume_az(("subnet", subnet.logical_id), m.origin(subnet),
                             f"subnet {subnet.logical_id} names no AZ (EC2 picks one)")


def _route_tables(m: Mapper) -> dict[tuple, tuple]:
    """Subnet key -> route table key, from the associations."""
    out = {}
    for association in m.of_type("AWS::EC2::SubnetRouteTableAssociation"):
        subnet = m.target(association.properties.get("SubnetId"))
        table = m.target(association.properties.get("RouteTableId"))
        if subnet is not None and table is not None:
            out[m.key(subnet)] = m.key(table)
        m.fold(association)
    m.fold(*m.of_type("AWS::EC2::RouteTable"))
    return out


def _default_routes(m: Mapper) -> dict[tuple, Resource]:
    """Route table key -> the gateway (internet or NAT) its 0.0.0.0/0 route goes to."""
    out: dict[tuple, Resource] = {}
    for route in m.of_type("AWS::EC2::Route"):
        m.fold(route)
        props = route.properties
        if props.get("DestinationCidrBlock") != DEFAULT_ROUTE:
            continue
        table = m.target(props.get("RouteTableId"))
        gateway = next((g for g in (m.target(props.get(k)) for k in ("GatewayId", "NatGatewayId", "InstanceId"))
                        if g is not None), None)
        if table is None:
            if gateway is not None and isinstance(props.get("RouteTableId"), Unknown):
                m.draft.note(m.origin(route), f"route {route.logical_id} sends the default route of route table "
                                              f"{m.label(props['RouteTableId'])} (defined in another stack) to "
                                              f"{gateway.logical_id}: the subnets using it are not in this template")
            continue
        if gateway is not None:
            out[m.key(table)] = gateway
    return out


def _nat_gateway(m: Mapper, nat: Resource) -> None:
    if str(nat.properties.get("ConnectivityType", "public")).lower() == "private":
        m.draft.note(m.origin(nat), f"{nat.logical_id} is a private NAT gateway (no internet egress): not modelled")
        m.fold(nat)
        return
    subnets = m.subnets(nat, "SubnetId")
    if not subnets:
        m.draft.note(m.origin(nat), f"{nat.logical_id} names no subnet: not modelled")
        m.fold(nat)
        return
    subnet = m.draft.subnet(subnets[0])
    if subnet["kind"] != "public":
        subnet["kind"] = "public"
        m.draft.note(m.origin(nat), f"subnet '{subnets[0]}' holds NAT gateway {nat.logical_id}, so it must be public "
                                    "(its route to the internet gateway is not in this template)")
    m.draft.add_component(m.key(nat), m.name(nat), "nat_gateway", {"subnets": subnets[:1]}, m.origin(nat))
    m.fold(m.target(nat.properties.get("AllocationId")))

