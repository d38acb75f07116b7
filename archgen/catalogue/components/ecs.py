"""ecs: an ECS service (Fargate or EC2 launch type)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import ComponentType, Drawing, Placement, Recovery, Redundancy, Role, State, Tier, Traffic
from archgen.catalogue.components import _fleet
from archgen.spec.schema_parts import positive, prop
from archgen.traffic.capacity import assess_fleet, surviving_fleet
from archgen.traffic.cost import price_fleet

PROPERTIES = {
    **_fleet.SCALING,
    "launch_type": prop("string", "Where tasks run (default fargate).", enum=["fargate", "ec2"]),
    "cpu": positive("vCPU per task (for Fargate cost).", 192),
    "memory_gb": positive("Memory per task in GB (for Fargate cost).", 1024),
    "health_check": prop("boolean", "Container or load-balancer health checks configured."),
}


def build(builder, index: int, c: dict, common: dict) -> m.EcsService:
    return m.EcsService(**common, **_fleet.scaling_fields(c), launch_type=c.get("launch_type", "fargate"),
                        cpu=c.get("cpu"), memory_gb=c.get("memory_gb"), health_check=bool(c.get("health_check", False)))


def details(c: m.EcsService) -> list[str]:
    launch = "Fargate" if c.launch_type == "fargate" else (c.launch_type or "")
    return [launch] if launch else []


TYPE = ComponentType(
    name="ecs", title="ECS service", article="an",
    description="ECS service (Fargate or EC2 launch type).",
    model=m.EcsService, properties=PROPERTIES, required=("desired",), build=build, check=_fleet.check_scaling,
    placement=Placement.ZONAL, role=Role.CALLER, tier=Tier.COMPUTE, state=State.STATELESS,
    icon=("diagrams.aws.compute", "ECS"),
    redundancy=Redundancy("desired tasks balanced over its AZs; with none left in an AZ the scheduler starts "
                          "them in the AZs it still has",
                          instances_per_az=_fleet.group_per_az, single_instance=_fleet.group_single,
                          after_az_loss=_fleet.group_relaunches),
    recovery=Recovery("the service scheduler replaces stopped or unhealthy tasks in its other AZs; "
                      "AWS publishes no replacement time", None,
                      'Amazon ECS Developer Guide, "Amazon ECS services"'),
    sla=_fleet.compute_sla(_fleet.group_per_az),
    traffic=Traffic(_fleet.TRAFFIC_NOTE, assess=assess_fleet, surviving_capacity=surviving_fleet, cost=price_fleet,
                    needs=_fleet.needs),
    drawing=Drawing.TASKS, details=details, instance_noun="task",
)
