"""autoscaling: an EC2 Auto Scaling group."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Drawing, Placement, Recovery, Redundancy, Role, State, Tier, Traffic,
)
from archgen.catalogue.components import _fleet
from archgen.spec.schema_parts import duration, prop
from archgen.spec.units import parse_duration
from archgen.traffic.capacity import assess_fleet, surviving_fleet
from archgen.traffic.cost import price_fleet

PROPERTIES = {
    **_fleet.SCALING,
    "health_check_type": prop("string", "EC2 (instance status only) or ELB (load balancer health checks).",
                              enum=["EC2", "ELB"]),
    "health_check_grace_period": duration("Time a new instance gets before its health checks count (EC2 Auto "
                                          "Scaling's HealthCheckGracePeriod)."),
    "hosts": _fleet.HOSTS,
}


def build(builder, index: int, c: dict, common: dict) -> m.AutoScalingGroup:
    grace = c.get("health_check_grace_period")
    return m.AutoScalingGroup(**common, **_fleet.scaling_fields(c),
                              health_check_type=c.get("health_check_type", "EC2"),
                              health_check_grace_period_s=parse_duration(grace) if grace is not None else None,
                              hosts=tuple(c.get("hosts", ())))


TYPE = ComponentType(
    name="autoscaling", title="Auto Scaling group", article="an",
    description="EC2 Auto Scaling group.",
    model=m.AutoScalingGroup, properties=PROPERTIES, required=("min", "max"), build=build,
    check=_fleet.check_scaling,
    placement=Placement.ZONAL, role=Role.CALLER, tier=Tier.COMPUTE, state=State.HOSTED,
    icon=("diagrams.aws.compute", "EC2AutoScaling"),
    redundancy=Redundancy("desired instances balanced over its AZs; with none left in an AZ it relaunches "
                          "in the AZs it still has (a relaunched instance starts without the state software "
                          "in hosts kept on the old one)",
                          instances_per_az=_fleet.group_per_az, single_instance=_fleet.group_single,
                          after_az_loss=_fleet.group_relaunches, az_recovery_point=_fleet.hosted_recovery_point),
    recovery=Recovery("replaces instances that fail their health check and launches in its other AZs when one "
                      "is lost; AWS publishes no replacement time (launch, boot and health-check grace period)",
                      None, 'Amazon EC2 Auto Scaling User Guide, "Health checks for instances in an Auto Scaling group"'),
    sla=_fleet.compute_sla(_fleet.group_per_az),
    traffic=Traffic(_fleet.TRAFFIC_NOTE, assess=assess_fleet, surviving_capacity=surviving_fleet, cost=price_fleet,
                    needs=_fleet.needs),
    drawing=Drawing.GROUP,
    capabilities=frozenset({Capability.CONTAINER_HOSTS, Capability.BACKUP_RESOURCE}),
    deletion_policies=_fleet.HOSTED_DELETION_POLICIES,
)
