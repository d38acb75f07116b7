"""mq: an Amazon MQ broker (ActiveMQ or RabbitMQ): a single instance, an ActiveMQ active/standby pair in two AZs, or
a three-node RabbitMQ cluster."""

from __future__ import annotations

from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    DOWN, UP, ComponentType, Placement, Recovery, Redundancy, Role, Sla, State, Tier, Traffic,
)
from archgen.catalogue.components import _nodes
from archgen.spec.schema_parts import positive, prop

ACTIVEMQ, RABBITMQ = "activemq", "rabbitmq"
SINGLE, ACTIVE_STANDBY, CLUSTER = "single_instance", "active_standby_multi_az", "cluster_multi_az"
ENGINE_NAMES = {ACTIVEMQ: "ActiveMQ", RABBITMQ: "RabbitMQ"}
MODES = {ACTIVEMQ: (SINGLE, ACTIVE_STANDBY), RABBITMQ: (SINGLE, CLUSTER)}
BROKERS = {SINGLE: 1, ACTIVE_STANDBY: 2, CLUSTER: 3}
ARCHITECTURE = ('Amazon MQ Developer Guide, "Deployment options for Amazon MQ for ActiveMQ brokers": a single-instance '
                "broker is one broker in one AZ; an active/standby broker is two brokers in two AZs, the standby taking "
                "over when the active one fails (it takes Amazon MQ \"a short while\")")
PRICING = "https://aws.amazon.com/amazon-mq/pricing/"

PROPERTIES = {
    "engine": prop("string", "Broker engine.", enum=[ACTIVEMQ, RABBITMQ]),
    "deployment_mode": prop("string", "single_instance (one broker in one AZ), active_standby_multi_az (ActiveMQ: two "
                            "brokers in two AZs) or cluster_multi_az (RabbitMQ: three nodes across AZs).",
                            enum=[SINGLE, ACTIVE_STANDBY, CLUSTER]),
    "instance_type": prop("string", "Broker instance type, e.g. mq.m5.large.", pattern=r"^mq\.[a-z0-9]+\.[a-z0-9]+$"),
    "storage": prop("string", "ActiveMQ storage: efs (durability-optimized, across AZs; the default) or ebs "
                    "(throughput-optimized, one AZ; single-instance only). RabbitMQ uses EBS.", enum=["efs", "ebs"]),
    "capacity_rps": positive("Messages per second the broker (its active instance, or the whole cluster) sustains "
                             "(AWS publishes no per-broker figure: measure it)."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class MqBroker(m.Component):
    """An Amazon MQ broker."""

    engine: str = ACTIVEMQ
    deployment_mode: str = SINGLE
    instance_type: str | None = None
    storage: str = "efs"
    capacity_rps: float | None = None
    broker_azs: tuple[str, ...] = ()  # AZ of each broker instance (the active one first) or cluster node


def build(builder, index: int, c: dict, common: dict) -> MqBroker:
    mode = c.get("deployment_mode", SINGLE)
    engine = c["engine"]
    brokers = BROKERS[mode]
    return MqBroker(**_nodes.used_azs(brokers, common), engine=engine, deployment_mode=mode,
                    instance_type=c.get("instance_type"),
                    storage="ebs" if engine == RABBITMQ else c.get("storage", "efs"), capacity_rps=c.get("capacity_rps"),
                    broker_azs=_nodes.spread(brokers, common["azs"]))


def check(checker, path: tuple, c: dict) -> None:
    """The deployment modes each engine has, and the AZs each mode needs (Amazon MQ's own validation)."""
    engine, mode = c.get("engine"), c.get("deployment_mode", SINGLE)
    if engine in MODES and mode not in MODES[engine]:
        checker.error(path + ("deployment_mode",), f"{engine} brokers have no {mode} deployment",
                      "use " + " or ".join(MODES[engine]))
        return
    _, azs = checker.placement(c)
    zones = len(set(azs))
    if mode == SINGLE and zones > 1:
        checker.error(path, f"a single-instance broker runs in one AZ, not {zones}", "keep one subnet")
    if mode == ACTIVE_STANDBY and zones != 2:
        checker.error(path, f"an active/standby broker needs subnets in two AZs, not {zones}")
    if mode == CLUSTER and zones < 2:
        checker.error(path, "a RabbitMQ cluster spreads its three nodes over several AZs: give subnets in two or more")
    if c.get("storage") == "ebs" and (engine == RABBITMQ or mode != SINGLE):
        checker.error(path + ("storage",), "EBS storage is for single-instance ActiveMQ brokers",
                      "remove storage (active/standby brokers use EFS; RabbitMQ uses EBS)")


def instances_per_az(c: MqBroker) -> dict[str, int]:
    return _nodes.per_az(c.broker_azs)


def single_instance(c: MqBroker) -> bool:
    return c.deployment_mode == SINGLE


def after_az_loss(c: MqBroker, lost_azs: frozenset, alive: bool) -> str:
    """Active/standby: the standby takes over; a RabbitMQ cluster keeps a majority of its three nodes."""
    if c.deployment_mode == CLUSTER:
        return UP if _nodes.quorum_survives(c.broker_azs, lost_azs) else DOWN
    return _nodes.primary_failover(c.broker_azs[0] if c.broker_azs else None, c.broker_azs[1:], lost_azs)


def state_azs(c: MqBroker) -> tuple[str, ...]:
    return c.broker_azs


def assess(c: MqBroker, avg, peak, view):
    out = _nodes.assess_nodes(1, c.capacity_rps, peak, noun="broker",
                              extra={"engine": c.engine, "deployment_mode": c.deployment_mode})
    out.sizing["messages_per_s_peak"] = peak.rps
    return out


def surviving(c: MqBroker, spec, surviving_azs) -> float | None:
    if c.capacity_rps is None:
        return None
    return c.capacity_rps if surviving_azs is None or any(az in surviving_azs for az in c.broker_azs) else 0.0


def price(c: MqBroker, avg, sizing, spec, bill) -> None:
    _nodes.instance_hours(bill, "Amazon MQ broker instance", BROKERS[c.deployment_mode], c.instance_type, PRICING)
    bill.missing("broker storage")


def details(c: MqBroker) -> list[str]:
    mode = {SINGLE: "single instance", ACTIVE_STANDBY: "active/standby", CLUSTER: "3-node cluster"}[c.deployment_mode]
    return [" · ".join(p for p in (ENGINE_NAMES[c.engine], mode, c.instance_type) if p)]


TYPE = ComponentType(
    name="mq", title="Amazon MQ broker", article="an",
    description="Amazon MQ broker (ActiveMQ or RabbitMQ): a single instance in one AZ, an ActiveMQ active/standby pair "
                "in two AZs, or a three-node RabbitMQ cluster across AZs.",
    model=MqBroker, properties=PROPERTIES, required=("engine",), build=build, check=check,
    placement=Placement.ZONAL, role=Role.QUEUE, tier=Tier.INTEGRATION, state=State.STATELESS,
    icon=("diagrams.aws.integration", "MQ"),
    redundancy=Redundancy("a single instance in the first AZ of its subnets; active/standby adds a standby in the "
                          "second, which takes over; a RabbitMQ cluster's three nodes spread over its AZs keep serving "
                          "while a majority is up",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          after_az_loss=after_az_loss, state_azs=state_azs),
    recovery=Recovery("active/standby: the standby becomes active after \"a short while\" (no figure published); a "
                      "single-instance broker is down until Amazon MQ replaces it", None, ARCHITECTURE),
    sla=Sla((), lambda c: None, note="archgen has no Amazon MQ SLA figure it could read and date (the broker counts "
            "as always up in the availability estimate)"),
    traffic=Traffic("capacity_rps of the broker (declared: AWS publishes no per-broker rate); broker instance-hours "
                    f"and storage are priced per instance type ({PRICING}), not in archgen's table",
                    assess=assess, surviving_capacity=surviving, cost=price, needs=_nodes.nodes_needed),
    details=details, instance_noun="broker",
)
