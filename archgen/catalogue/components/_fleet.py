"""What EC2 instances, Auto Scaling groups and ECS services share: sizing keys, SLA, traffic text."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import DOWN, FAILOVER, UP, RecoveryPoint, Sla, SlaFigure
from archgen.formatting import percent
from archgen.spec.schema_parts import array, count, positive, prop

SCALING = {
    "min": count("Minimum number of instances/tasks.", 0, 100_000),
    "desired": count("Desired number of instances/tasks.", 0, 100_000),
    "max": count("Maximum number of instances/tasks.", 0, 100_000),
    "instance_type": prop("string", "Instance type or size, e.g. m6i.large (used for cost).", maxLength=64),
    "capacity_rps": positive("Requests per second ONE instance/task sustains at 100% utilisation."),
    "concurrency": count("Requests ONE instance/task works on at once (its worker threads or processes): with "
                         "latency_ms, each serves concurrency / latency requests per second (Little's law), instead "
                         "of a declared capacity_rps.", 1, 100_000),
    "target_utilization": prop("number", "Utilisation the tier is sized for (default 0.7).",
                               exclusiveMinimum=0, maximum=1),
}


# software that keeps state on an instance's volumes: declared, it makes the instances a database
HOSTED_SOFTWARE = ["mysql", "postgresql", "mariadb", "oracle", "sqlserver", "mongodb", "cassandra", "redis",
                   "elasticsearch", "kafka", "rabbitmq", "files"]
HOSTS = array("Software on the instances that keeps state on their volumes (a database, a broker, files the "
              "application writes): archgen then judges them as a data store.",
              prop("string", "Software holding state ('files': data the application writes to local disk).",
                   enum=HOSTED_SOFTWARE), uniqueItems=True)
HOSTED_DELETION_POLICIES = ("retain", "delete")
EBS_SOURCE = 'Amazon EBS User Guide, "Amazon EBS volumes": a volume lives in one Availability Zone'


def hosted_recovery_point(c) -> RecoveryPoint | None:
    """State kept by software on instances lives on their EBS volumes, each in one AZ: nothing copies it."""
    if not c.hosts:
        return None
    return RecoveryPoint(None, f"{', '.join(c.hosts)} on the instances' own volumes, each in one AZ "
                               "(no replica or backup archgen can see)", EBS_SOURCE, lost=True)


def scaling_fields(c: dict) -> dict:
    """min, desired and max with their defaults (each falls back on the others), and the sizing keys."""
    low = c.get("min")
    desired = c.get("desired")
    high = c.get("max")
    desired = desired if desired is not None else (low if low is not None else 1)
    low = low if low is not None else desired
    high = high if high is not None else desired
    return {"min": low, "desired": desired, "max": high, "instance_type": c.get("instance_type"),
            "capacity_rps": capacity_per_instance(c), "concurrency": c.get("concurrency"),
            "target_utilization": c.get("target_utilization", 0.7)}


def capacity_per_instance(c: dict) -> float | None:
    """Requests/s one instance serves at 100%: declared, or its concurrency over its service time (Little's law,
    L = λW, so λ = L / W: AWS Lambda Developer Guide, "Understanding Lambda function scaling", sizes concurrency the
    same way); None when neither is given."""
    if c.get("capacity_rps") is not None:
        return c["capacity_rps"]
    if c.get("concurrency") is not None and c.get("latency_ms"):
        return c["concurrency"] / (c["latency_ms"] / 1000)
    return None


def check_service_time(checker, path: tuple, c: dict) -> None:
    """concurrency gives the capacity only with a service time (latency_ms), and not beside a declared capacity_rps."""
    if "concurrency" not in c:
        return
    if "capacity_rps" in c:
        checker.error(path + ("concurrency",), "give capacity_rps or concurrency with latency_ms, not both",
                      "keep the one you measured")
    elif "latency_ms" not in c:
        checker.error(path + ("concurrency",), "concurrency gives a capacity only with the time one request takes",
                      "add latency_ms (the service time per request)")


def check_scaling(checker, path: tuple, c: dict) -> None:
    """min <= desired <= max; concurrency comes with latency_ms."""
    check_service_time(checker, path, c)
    low, want, high = c.get("min"), c.get("desired"), c.get("max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        checker.error(path + ("min",), f"min ({low}) is greater than max ({high})")
    if isinstance(want, int):
        if isinstance(low, int) and want < low:
            checker.error(path + ("desired",), f"desired ({want}) is below min ({low})")
        if isinstance(high, int) and want > high:
            checker.error(path + ("desired",), f"desired ({want}) is above max ({high})")


def group_per_az(c: m.ScalingGroup) -> dict[str, int]:
    """The group's desired count, balanced over its AZs as EC2 Auto Scaling does (``model.spread``)."""
    return {az: n for az, n in m.spread(c.desired, c.azs).items() if n}


def group_single(c: m.ScalingGroup) -> bool:
    return c.desired <= 1


def group_relaunches(c: m.ScalingGroup, lost_azs: frozenset, alive: bool) -> str:
    """A group keeps serving while an instance survives; with none left it relaunches in the AZs it still has."""
    if alive:
        return UP
    return FAILOVER if c.desired > 0 and set(c.azs) - set(lost_azs) else DOWN


MULTI_AZ = SlaFigure("ec2-multi-az", "Amazon EC2 / ECS / Fargate",
                     "instances or tasks in two or more AZs of a Region (Region-level SLA)", 99.99,
                     "Amazon Compute Service Level Agreement", "https://aws.amazon.com/compute/sla/", "2026-11-26")
SINGLE = SlaFigure("ec2-single", "Amazon EC2 / ECS / Fargate",
                   "a single instance or task, or all in one AZ (instance-level SLA)", 99.5,
                   "Amazon Compute Service Level Agreement", "https://aws.amazon.com/compute/sla/", "2026-11-26")


def compute_sla(instances_per_az) -> Sla:
    """The Compute SLA: the Region-level figure when instances run in two or more AZs."""

    def choose(c: m.Component) -> str:
        return MULTI_AZ.key if len(instances_per_az(c)) >= 2 else SINGLE.key

    return Sla((MULTI_AZ, SINGLE), choose)


def needs(sizing) -> str:
    if sizing.get("instances_needed_peak") is None:
        return "capacity_rps unset"
    size = f"count {sizing['count']}" if "count" in sizing else \
        f"{sizing['min']}-{sizing['max']}, desired {sizing['desired']}"
    return f"{sizing['instances_needed_peak']} inst @{percent(sizing['target_utilization'])} ({size})"


TRAFFIC_NOTE = ("capacity_rps per instance (declared, or concurrency / latency_ms by Little's law, derived) × "
                "instances (target tracking keeps ⌈λ / (C × ρ)⌉, derived); "
                "priced per instance-hour (on-demand list price) or per Fargate vCPU- and GB-hour")
