"""ec2: individually managed EC2 instances (not in an Auto Scaling group)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import Capability, ComponentType, Drawing, Placement, Recovery, Redundancy, Role, State, Tier, Traffic
from archgen.catalogue.components import _fleet
from archgen.spec.schema_parts import count, prop
from archgen.traffic.capacity import assess_fleet, surviving_fleet
from archgen.traffic.cost import price_fleet

PROPERTIES = {
    "count": count("Number of identical instances, spread over the subnets/AZs in order (default 1).", 1, 100_000),
    "instance_type": _fleet.SCALING["instance_type"],
    "elastic_ip": prop("boolean", "Instance is reached through an Elastic IP address."),
    "auto_recovery": prop("boolean", "CloudWatch auto-recovery alarm configured (restarts on host failure, same AZ)."),
    "capacity_rps": _fleet.SCALING["capacity_rps"],
    "concurrency": _fleet.SCALING["concurrency"],
    "target_utilization": _fleet.SCALING["target_utilization"],
    "hosts": _fleet.HOSTS,
}


def build(builder, index: int, c: dict, common: dict) -> m.Ec2Instances:
    return m.Ec2Instances(**common, count=c.get("count", 1), instance_type=c.get("instance_type"),
                          elastic_ip=bool(c.get("elastic_ip", False)), auto_recovery=bool(c.get("auto_recovery", False)),
                          capacity_rps=_fleet.capacity_per_instance(c), concurrency=c.get("concurrency"),
                          target_utilization=c.get("target_utilization", 0.7),
                          hosts=tuple(c.get("hosts", ())))


def instances_per_az(c: m.Ec2Instances) -> dict[str, int]:
    """``count`` instances spread over the AZs in order; AZs left without one are not listed."""
    return {az: n for az, n in m.spread(c.count, c.azs).items() if n}


def single_instance(c: m.Ec2Instances) -> bool:
    return c.count <= 1


TYPE = ComponentType(
    name="ec2", title="EC2 instance", article="an",
    description="Individually managed EC2 instance(s), not in an Auto Scaling group.",
    model=m.Ec2Instances, properties=PROPERTIES, required=(), build=build, check=_fleet.check_service_time,
    placement=Placement.ZONAL, role=Role.CALLER, tier=Tier.COMPUTE, state=State.HOSTED,
    icon=("diagrams.aws.compute", "EC2"),
    redundancy=Redundancy("count instances spread over its subnets' AZs in order; software in hosts keeps its "
                          "state on each instance's volumes",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          az_recovery_point=_fleet.hosted_recovery_point),
    recovery=Recovery("a failed instance stays down; auto_recovery restarts it on other hardware in the same AZ "
                      "after a host failure; AWS publishes no recovery time", None,
                      'Amazon EC2 User Guide, "Automatic instance recovery"'),
    sla=_fleet.compute_sla(instances_per_az),
    traffic=Traffic(_fleet.TRAFFIC_NOTE, assess=assess_fleet, surviving_capacity=surviving_fleet, cost=price_fleet,
                    needs=_fleet.needs),
    drawing=Drawing.INSTANCES,
    capabilities=frozenset({Capability.ACCELERATOR_ENDPOINT, Capability.BACKUP_RESOURCE}),
    deletion_policies=_fleet.HOSTED_DELETION_POLICIES,
)
