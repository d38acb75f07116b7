"""eks: an Amazon EKS cluster: a Kubernetes control plane AWS runs across three AZs, with the managed node groups
(EC2 Auto Scaling groups EKS manages) and Fargate profiles its pods run on, each in the AZs of its subnets.

The cluster's own subnets are where EKS places its control-plane network interfaces (two AZs at least); a node
group or Fargate profile without subnets uses them. Its AZs are the AZs its nodes and Fargate pods run in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    DOWN, FAILOVER, UP, ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, either,
)
from archgen.catalogue.components import _fleet, _nodes
from archgen.formatting import number, percent
from archgen.spec.schema_parts import AZ_PATTERN, array, count, id_ref, obj, positive, prop, ref
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.cost import service_prices
from archgen.traffic.types import Limit

GUIDE = "Amazon EKS User Guide"
SUBNET_REQUIREMENTS = (f'{GUIDE}, "View Amazon EKS networking requirements for VPC and subnets" (subnets in at least '
                       "two Availability Zones) — https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html")
FARGATE_PROFILE = ('Amazon EKS API Reference, CreateFargateProfile ("only private subnets with no direct route to an '
                   'Internet Gateway are accepted")')
MANAGED_NODE_GROUPS = (f'{GUIDE}, "Simplify node lifecycle with managed node groups" (each node group is an EC2 Auto '
                       "Scaling group; EKS spreads nodes over the AZs of its subnets) — "
                       "https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html")
PRICING = "https://aws.amazon.com/eks/pricing/"
CLUSTER_HOUR_USD = 0.10  # per cluster-hour on Kubernetes standard support (PRICING)
SPOT, ON_DEMAND = "spot", "on_demand"

NODE_GROUP = obj("A managed node group: EC2 nodes in an Auto Scaling group EKS manages, spread over its subnets' AZs.", {
    "name": prop("string", "Node group name (unique in the cluster).", minLength=1, maxLength=63),
    "subnets": array("Subnets its nodes run in (default: the cluster's).", id_ref("Subnet id."), minItems=1,
                     uniqueItems=True),
    "azs": array("AZs its nodes run in, when no subnets are given.",
                 prop("string", "Availability Zone name.", pattern=AZ_PATTERN), minItems=1, uniqueItems=True),
    "min": count("Minimum nodes.", 0, 100_000),
    "desired": count("Desired nodes.", 0, 100_000),
    "max": count("Maximum nodes.", 1, 100_000),
    "instance_type": prop("string", "Node instance type, e.g. m6i.large (used for cost).", maxLength=64),
    "capacity_type": prop("string", "on_demand (default) or spot nodes.", enum=[ON_DEMAND, SPOT]),
}, required=("name",))
FARGATE = obj("A Fargate profile: the pods its selectors match run on Fargate, one pod per Fargate node, in its "
              "(private) subnets.", {
                  "name": prop("string", "Fargate profile name (unique in the cluster).", minLength=1, maxLength=63),
                  "subnets": array("Private subnets its pods run in (default: the cluster's private subnets).",
                                   id_ref("Subnet id."), minItems=1, uniqueItems=True),
                  "azs": array("AZs its pods run in, when no subnets are given.",
                               prop("string", "Availability Zone name.", pattern=AZ_PATTERN), minItems=1,
                               uniqueItems=True),
                  "pods": count("Pods it runs (for capacity and cost; default 1).", 1, 100_000),
                  "cpu": positive("vCPU per pod (for Fargate cost).", 16),
                  "memory_gb": positive("Memory per pod in GB (for Fargate cost).", 120),
              }, required=("name",))
PROPERTIES = {
    "version": prop("string", "Kubernetes version, e.g. '1.31'.", maxLength=16),
    "node_groups": array("Managed node groups.", ref("eks_node_group", "A managed node group.")),
    "fargate_profiles": array("Fargate profiles.", ref("eks_fargate_profile", "A Fargate profile.")),
    "capacity_rps": positive("Requests per second ONE node (or one Fargate pod) sustains at 100% utilisation."),
    "target_utilization": _fleet.SCALING["target_utilization"],
}


@dataclass(unsafe_hash=True)
class NodeGroup:
    """A node group of an EKS cluster."""

    name: str
    azs: tuple[str, ...]
    subnets: tuple[str, ...]
    min: int
    desired: int
    max: int
    instance_type: str | None = None
    spot: bool = False
    location: m.Location = m.NOWHERE


@dataclass(unsafe_hash=True)
class FargateProfile:
    """A Fargate profile of an EKS cluster."""

    name: str
    azs: tuple[str, ...]
    subnets: tuple[str, ...]
    pods: int = 1
    cpu: float | None = None
    memory_gb: float | None = None
    location: m.Location = m.NOWHERE


@dataclass(unsafe_hash=True, kw_only=True)
class EksCluster(m.Component):
    """An EKS cluster with its node groups and Fargate profiles."""

    version: str | None = None
    node_groups: tuple[NodeGroup, ...] = ()
    fargate_profiles: tuple[FargateProfile, ...] = ()
    capacity_rps: float | None = None
    target_utilization: float = 0.7

    @property
    def nodes(self) -> int:
        """Nodes running now: node groups' desired counts and Fargate pods (one Fargate node each)."""
        return sum(g.desired for g in self.node_groups) + sum(p.pods for p in self.fargate_profiles)

    @property
    def most_nodes(self) -> int:
        return sum(max(g.max, g.desired) for g in self.node_groups) + sum(p.pods for p in self.fargate_profiles)


def _ordered(azs, order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(azs), key=lambda az: (order.index(az) if az in order else len(order), az)))


def build(builder, index: int, c: dict, common: dict) -> EksCluster:
    order = builder.region_azs.get(common["region"], ())
    own_subnets, own_azs = common["subnets"], common["azs"]

    def placed(raw: dict, private_only: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
        subnets = tuple(raw.get("subnets", ()))
        if not subnets and "azs" in raw:
            return (), _ordered(raw["azs"], order)
        if not subnets:
            subnets = tuple(s for s in own_subnets if not private_only or builder.subnets[s].kind == "private")
            if not subnets:
                return (), own_azs
        return subnets, _ordered((builder.subnets[s].az for s in subnets), order)

    groups, profiles = [], []
    for j, g in enumerate(c.get("node_groups", [])):
        subnets, azs = placed(g, False)
        scaling = _fleet.scaling_fields(g)
        groups.append(NodeGroup(g["name"], azs, subnets, scaling["min"], scaling["desired"], scaling["max"],
                                scaling["instance_type"], spot=g.get("capacity_type") == SPOT,
                                location=builder.at("components", index, "node_groups", j)))
    for j, p in enumerate(c.get("fargate_profiles", [])):
        subnets, azs = placed(p, True)
        profiles.append(FargateProfile(p["name"], azs, subnets, pods=p.get("pods", 1), cpu=p.get("cpu"),
                                       memory_gb=p.get("memory_gb"),
                                       location=builder.at("components", index, "fargate_profiles", j)))
    node_subnets = [s for x in (*groups, *profiles) for s in x.subnets]
    node_azs = [az for x in (*groups, *profiles) for az in x.azs]
    vpc = common["vpc"] or next((builder.subnets[s].vpc for s in node_subnets), None)
    common = {**common, "azs": _ordered(node_azs, order) if node_azs else own_azs, "vpc": vpc,
              "subnets": tuple(dict.fromkeys((*own_subnets, *node_subnets)))}
    return EksCluster(**common, version=c.get("version"), node_groups=tuple(groups), fargate_profiles=tuple(profiles),
                      capacity_rps=c.get("capacity_rps"), target_utilization=c.get("target_utilization", 0.7))


def places_itself(c: dict) -> bool:
    """With a region, node groups and Fargate profiles with their own subnets or AZs place the cluster."""
    members = [*c.get("node_groups", []), *c.get("fargate_profiles", [])] if isinstance(c, dict) else []
    return c.get("region") is not None and bool(members) and all(
        isinstance(x, dict) and ("subnets" in x or "azs" in x) for x in members)


def check(checker, path: tuple, c: dict) -> None:
    """Control-plane subnets in two AZs; node groups and profiles named once, in the cluster's Region and VPC;
    Fargate pods in private subnets; min <= desired <= max."""
    region, azs = checker.placement(c)
    if c.get("subnets") and len(set(azs)) < 2:
        checker.error(path + ("subnets",), f"EKS cluster '{c.get('id')}' needs subnets in at least two AZs for its "
                      "control-plane network interfaces", "add a subnet in a second AZ")
    groups = checker.as_list(c.get("node_groups"))
    profiles = checker.as_list(c.get("fargate_profiles"))
    if not groups and not profiles:
        checker.error(path, f"EKS cluster '{c.get('id')}' has no node group and no Fargate profile: no pod can run",
                      "add node_groups (managed EC2 nodes) or fargate_profiles")
    vpcs = {vpc.get("id") for s in checker.as_list(c.get("subnets")) if s in checker.subnets
            for _, _, vpc in [checker.subnets[s]]}
    for key, members in (("node_groups", groups), ("fargate_profiles", profiles)):
        seen: set = set()
        for j, member in enumerate(members):
            if not isinstance(member, dict):
                continue
            where = path + (key, j)
            if member.get("name") in seen:
                checker.error(where + ("name",), f"two {key.replace('_', ' ')} are named '{member.get('name')}'")
            seen.add(member.get("name"))
            if "subnets" in member and "azs" in member:
                checker.error(where + ("azs",), "give either subnets or azs")
            for i, subnet_id in enumerate(checker.as_list(member.get("subnets"))):
                found = checker.subnets.get(subnet_id)
                if found is None:
                    checker.unknown(where + ("subnets", i), "subnet", subnet_id, checker.subnets)
                    continue
                _, subnet, vpc = found
                if region is not None and vpc.get("region") != region:
                    checker.error(where + ("subnets", i), f"subnet '{subnet_id}' is in {vpc.get('region')}, not {region}")
                elif vpcs and vpc.get("id") not in vpcs:
                    checker.error(where + ("subnets", i), f"subnet '{subnet_id}' is in VPC '{vpc.get('id')}', not the "
                                  f"cluster's", "use subnets of the cluster's VPC")
                if key == "fargate_profiles" and subnet.get("kind") == "public":
                    checker.error(where + ("subnets", i), f"Fargate pods run in private subnets only: '{subnet_id}' is "
                                  "public", "use a private subnet (its pods get no public IP address)")
            for i, az in enumerate(checker.as_list(member.get("azs"))):
                checker.need_az(where + ("azs", i), az, region)
            if key == "node_groups":
                _fleet.check_scaling(checker, where, member)


def members_per_az(c: EksCluster) -> dict[str, int]:
    """Nodes per AZ: each node group's desired count and each profile's pods spread over their AZs like EC2 Auto
    Scaling spreads a group (``model.spread``)."""
    out: dict[str, int] = {}
    for count_, azs in [*((g.desired, g.azs) for g in c.node_groups), *((p.pods, p.azs) for p in c.fargate_profiles)]:
        for az, n in m.spread(count_, azs).items():
            if n:
                out[az] = out.get(az, 0) + n
    return {az: out[az] for az in c.azs if az in out}


def single_instance(c: EksCluster) -> bool:
    return c.nodes <= 1


def after_az_loss(c: EksCluster, lost_azs: frozenset, alive: bool) -> str:
    """Pods keep running on the nodes left; with none left, a node group relaunches nodes (and Fargate reschedules
    pods) in the AZs it still has."""
    if alive:
        return UP
    spare = any(set(g.azs) - lost_azs and g.max > 0 for g in c.node_groups) or any(
        set(p.azs) - lost_azs for p in c.fargate_profiles)
    return FAILOVER if spare else DOWN


def state_azs(c: EksCluster) -> tuple[str, ...]:
    return tuple(dict.fromkeys(az for x in (*c.node_groups, *c.fargate_profiles) for az in x.azs))


def _needed(rps: float, c: EksCluster) -> int:
    return math.ceil(rps / (c.capacity_rps * c.target_utilization) - 1e-9) if rps > 0 else 0


def assess(c: EksCluster, avg, peak, view) -> Assessment:
    out = Assessment(sizing={"node_groups": len(c.node_groups), "fargate_pods": sum(p.pods for p in c.fargate_profiles),
                             "nodes": c.nodes, "max_nodes": c.most_nodes, "capacity_rps_per_node": c.capacity_rps,
                             "target_utilization": c.target_utilization})
    if c.capacity_rps is None:
        out.notes.append("capacity_rps is not set: capacity unknown")
        return out
    out.sizing["nodes_needed_avg"] = _needed(avg.rps, c)
    out.sizing["nodes_needed_peak"] = _needed(peak.rps, c)
    out.capacity_rps = c.nodes * c.capacity_rps
    out.max_capacity_rps = c.most_nodes * c.capacity_rps
    out.limits.append(Limit(f"{c.most_nodes} node{'s' if c.most_nodes != 1 else ''}", peak.rps, out.max_capacity_rps,
                            "rps", f"node groups' max and Fargate pods {c.most_nodes} × capacity_rps "
                                   f"{number(c.capacity_rps)}"))
    out.notes.append("requests are assumed spread evenly over the nodes (pods placed where their Service routes them)")
    return out


def surviving(c: EksCluster, spec, surviving_azs) -> float | None:
    return _nodes.surviving_per_az(members_per_az(c), c.capacity_rps, surviving_azs)


def price(c: EksCluster, avg, sizing, spec, bill) -> None:
    bill.add("EKS cluster (standard support)", facts.HOURS_PER_MONTH, "cluster-hours", CLUSTER_HOUR_USD, PRICING)
    ec2, fargate = service_prices("ec2"), service_prices("fargate")
    for group in c.node_groups:
        hourly = ec2["instance_types"].get(group.instance_type or "")
        if group.spot:
            bill.missing(f"node group {group.name}: Spot nodes (Spot prices vary)")
        elif hourly is None:
            bill.missing(f"node group {group.name}: {group.desired} × instance type {group.instance_type or '(not set)'} "
                         "(not in the price table)")
        else:
            bill.add(f"node group {group.name}: {group.desired} × {group.instance_type}",
                     group.desired * facts.HOURS_PER_MONTH, "instance-hours", hourly, ec2["source"])
    for profile in c.fargate_profiles:
        if profile.cpu is None or profile.memory_gb is None:
            bill.missing(f"Fargate profile {profile.name}: {profile.pods} pods need cpu and memory_gb to be priced")
            continue
        hours = profile.pods * facts.HOURS_PER_MONTH
        bill.add(f"Fargate profile {profile.name}: {profile.pods} pods × {profile.cpu:g} vCPU", hours * profile.cpu,
                 "vCPU-hours", fargate["vcpu_hour"], fargate["source"])
        bill.add(f"Fargate profile {profile.name}: {profile.pods} pods × {profile.memory_gb:g} GB",
                 hours * profile.memory_gb, "GB-hours", fargate["gb_hour"], fargate["source"])


def needs(sizing) -> str:
    if sizing.get("nodes_needed_peak") is None:
        return "capacity_rps unset"
    return f"{sizing['nodes_needed_peak']} nodes @{percent(sizing['target_utilization'])} (of {sizing['max_nodes']})"


def details(c: EksCluster) -> list[str]:
    parts = [f"{len(c.node_groups)} node group{'s' if len(c.node_groups) != 1 else ''}" if c.node_groups else "",
             f"{sum(p.pods for p in c.fargate_profiles)} Fargate pods" if c.fargate_profiles else ""]
    return [" · ".join(p for p in parts if p)]


CONTROL_PLANE = SlaFigure("eks", "Amazon EKS", "cluster (Kubernetes endpoint), nodes in two or more AZs", 99.95,
                          "Amazon EKS Service Level Agreement (last updated 2022-05-04)",
                          "https://aws.amazon.com/eks/sla/", "2026-11-30")


TYPE = ComponentType(
    name="eks", title="EKS cluster", article="an",
    description="Amazon EKS cluster: a Kubernetes control plane AWS runs across three AZs, with managed node groups "
                "and Fargate profiles its pods run on, each in the AZs of its subnets.",
    model=EksCluster, properties=PROPERTIES, required=(), build=build, check=check, places_itself=places_itself,
    placement=Placement.ZONAL, role=Role.CALLER, tier=Tier.COMPUTE, state=State.STATELESS,
    icon=("diagrams.aws.compute", "EKS"),
    redundancy=Redundancy("its node groups' desired nodes and its Fargate profiles' pods, spread over the AZs of their "
                          "subnets; a node group relaunches nodes in the AZs it still has; the control plane runs in "
                          "three AZs (AWS's)",
                          instances_per_az=members_per_az, single_instance=single_instance,
                          after_az_loss=after_az_loss, state_azs=state_azs),
    recovery=Recovery("a managed node group's Auto Scaling group replaces failed nodes in its AZs; Kubernetes "
                      "reschedules their pods; AWS publishes no replacement time", None, MANAGED_NODE_GROUPS),
    # the control plane's 99.95%; with every node in one AZ the nodes' instance-level Compute SLA is the lower
    sla=either(CONTROL_PLANE, _fleet.SINGLE, lambda c: len(members_per_az(c)) >= 2),
    traffic=Traffic(f"capacity_rps per node or Fargate pod × nodes (node groups' max; ⌈λ / (C × ρ)⌉ needed, derived); "
                    f"priced ${CLUSTER_HOUR_USD:.2f} per cluster-hour ({PRICING}), nodes per instance-hour and Fargate "
                    "pods per vCPU- and GB-hour", assess=assess, surviving_capacity=surviving, cost=price, needs=needs),
    details=details, instance_noun="node",
    definitions={"eks_node_group": NODE_GROUP, "eks_fargate_profile": FARGATE},
)
