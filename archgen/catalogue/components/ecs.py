"""ecs: an ECS service (Fargate or EC2 launch type)."""

from __future__ import annotations

from archgen import catalogue
from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Drawing, Placement, Recovery, Redundancy, Role, State, Tier, Traffic,
)
from archgen.catalogue.components import _fleet
from archgen.spec.schema_parts import id_ref, positive, prop
from archgen.traffic.capacity import assess_fleet, surviving_fleet
from archgen.traffic.cost import price_fleet

PROPERTIES = {
    **_fleet.SCALING,
    "launch_type": prop("string", "Where tasks run (default fargate; ec2 with container_hosts).", enum=["fargate", "ec2"]),
    "container_hosts": id_ref("Auto Scaling group of container instances the tasks run on (EC2 launch type); "
                              "without subnets or azs the service takes its placement from it."),
    "cpu": positive("vCPU per task (for Fargate cost).", 192),
    "memory_gb": positive("Memory per task in GB (for Fargate cost).", 1024),
    "health_check": prop("boolean", "Container or load-balancer health checks configured."),
}


def build(builder, index: int, c: dict, common: dict) -> m.EcsService:
    hosts = c.get("container_hosts")
    if hosts is not None and not common["azs"] and builder.raw(hosts) is not None:
        common = {**common, **builder.placement(builder.raw(hosts))}  # tasks run where their hosts are
    return m.EcsService(**common, **_fleet.scaling_fields(c), launch_type=c.get("launch_type", "ec2" if hosts else "fargate"),
                        cpu=c.get("cpu"), memory_gb=c.get("memory_gb"), health_check=bool(c.get("health_check", False)),
                        container_hosts=hosts)


def check(checker, path: tuple, c: dict) -> None:
    """min <= desired <= max; container hosts are an Auto Scaling group covering the service's AZs."""
    _fleet.check_scaling(checker, path, c)
    if "container_hosts" not in c:
        return
    if c.get("launch_type") == "fargate":
        checker.error(path + ("launch_type",), "Fargate tasks run on no container hosts",
                      "set launch_type: ec2, or remove container_hosts")
    hosts = checker.ref(path + ("container_hosts",), c["container_hosts"],
                        *sorted(catalogue.with_capability(Capability.CONTAINER_HOSTS)))
    if hosts is None:
        return
    _, own = checker.placement(c)
    _, theirs = checker.placement(hosts)
    outside = [az for az in dict.fromkeys(own) if az not in theirs]
    if own and theirs and outside:
        checker.error(path + ("subnets" if "subnets" in c else "azs",),
                      f"tasks of '{c.get('id')}' cannot run in {', '.join(outside)}: its container hosts "
                      f"'{c['container_hosts']}' are not placed there", "place the service in the AZs of its hosts")


def places_itself(c: dict) -> bool:
    """Container hosts give the service its placement."""
    return "container_hosts" in c


def details(c: m.EcsService) -> list[str]:
    launch = "Fargate" if c.launch_type == "fargate" else (c.launch_type or "")
    return [launch] if launch else []


TYPE = ComponentType(
    name="ecs", title="ECS service", article="an",
    description="ECS service (Fargate or EC2 launch type).",
    model=m.EcsService, properties=PROPERTIES, required=("desired",), build=build, check=check,
    places_itself=places_itself,
    placement=Placement.ZONAL, role=Role.CALLER, tier=Tier.COMPUTE, state=State.STATELESS,
    icon=("diagrams.aws.compute", "ECS"),
    redundancy=Redundancy("desired tasks balanced over its AZs (the AZs of its container hosts on the EC2 "
                          "launch type); with none left in an AZ the scheduler starts them in the AZs it still has",
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
