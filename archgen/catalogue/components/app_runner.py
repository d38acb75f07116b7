"""app_runner: an AWS App Runner service (regional): containers AWS runs, load-balances and scales on concurrency.

App Runner keeps min_size instances provisioned and adds active instances as concurrent requests pass
max_concurrency per instance, up to max_size. By Little's law a service holds peak rps × latency requests at
once, so it serves max_size × max_concurrency / latency requests/s. AWS spreads a service over more AZs the
higher its min_size. (AWS App Runner takes no new customers; existing services run as before.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, Sla, State, Tier, Traffic,
)
from archgen.spec.schema_parts import count, prop
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

GUIDE = "AWS App Runner Developer Guide"
AUTO_SCALING = (f'{GUIDE}, "Managing App Runner automatic scaling"; App Runner API Reference, '
                "CreateAutoScalingConfiguration (MaxConcurrency default 100; \"a higher MinSize increases the spread of "
                "your App Runner service over more Availability Zones\") — "
                "https://docs.aws.amazon.com/apprunner/latest/dg/manage-autoscaling.html")
ARCHITECTURE = (f'{GUIDE}, "App Runner architecture and concepts" (maintenance: App Runner migrates a service to new '
                "instances when it detects hardware issues)")
PRICING = "https://aws.amazon.com/apprunner/pricing/"
# Defaults of an auto scaling configuration (AUTO_SCALING); MaxConcurrency is at most 200, MinSize and MaxSize 25
DEFAULT_MAX_CONCURRENCY, MOST_CONCURRENCY = 100, 200
DEFAULT_MIN_SIZE, DEFAULT_MAX_SIZE = 1, 25
# US East (N. Virginia), US East (Ohio), US West (Oregon), Europe (Ireland) (PRICING): provisioned instances pay
# their memory; active instances pay their vCPU and any memory beyond the provisioned instances'
VCPU_HOUR_USD = 0.064
GB_HOUR_USD = 0.007
CPU_OPTIONS = [0.25, 0.5, 1, 2, 4]
MEMORY_OPTIONS = [0.5, 1, 2, 3, 4, 6, 8, 10, 12]

PROPERTIES = {
    "cpu": prop("number", "vCPU per instance (0.25 to 4; for cost).", enum=CPU_OPTIONS),
    "memory_gb": prop("number", "Memory per instance in GB (0.5 to 12; for cost).", enum=MEMORY_OPTIONS),
    "max_concurrency": count("Concurrent requests one instance takes before App Runner adds one (default 100, at most "
                             "200).", 1, MOST_CONCURRENCY),
    "min_size": count("Instances kept provisioned, at least 1 (default 1; more spreads the service over more AZs).",
                      1, 1_000),
    "max_size": count("Most instances it scales to (default 25).", 1, 1_000),
}


@dataclass(unsafe_hash=True, kw_only=True)
class AppRunnerService(m.Component):
    """An App Runner service: a container service AWS runs and scales across AZs."""

    cpu: float | None = None
    memory_gb: float | None = None
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY
    min_size: int = DEFAULT_MIN_SIZE
    max_size: int = DEFAULT_MAX_SIZE


def build(builder, index: int, c: dict, common: dict) -> AppRunnerService:
    return AppRunnerService(**common, cpu=c.get("cpu"), memory_gb=c.get("memory_gb"),
                            max_concurrency=c.get("max_concurrency", DEFAULT_MAX_CONCURRENCY),
                            min_size=c.get("min_size", DEFAULT_MIN_SIZE), max_size=c.get("max_size", DEFAULT_MAX_SIZE))


def check(checker, path: tuple, c: dict) -> None:
    """min_size <= max_size."""
    low, high = c.get("min_size", DEFAULT_MIN_SIZE), c.get("max_size", DEFAULT_MAX_SIZE)
    if isinstance(low, int) and isinstance(high, int) and low > high:
        checker.error(path + ("min_size",), f"min_size ({low}) is greater than max_size ({high})")


def single_instance(c: AppRunnerService) -> bool:
    """One provisioned instance: until traffic adds more, the service is that instance, in one AZ."""
    return c.min_size <= 1


def instances_for(in_flight: float, c: AppRunnerService) -> int:
    """Active instances for ``in_flight`` concurrent requests: ⌈in flight / max_concurrency⌉ (AUTO_SCALING)."""
    return math.ceil(in_flight / c.max_concurrency - 1e-9) if in_flight > 0 else 0


def assess(c: AppRunnerService, avg, peak, view) -> Assessment:
    out = Assessment(sizing={"min_size": c.min_size, "max_size": c.max_size, "max_concurrency": c.max_concurrency,
                             "concurrency_peak": peak.in_flight, "concurrency_avg": avg.in_flight,
                             "instances_needed_peak": None, "instances_active_avg": None})
    if peak.in_flight is None:
        out.notes.append("latency_ms is not set: concurrent requests (rps × latency) and capacity unknown")
        return out
    out.sizing["instances_needed_peak"] = instances_for(peak.in_flight, c)
    out.sizing["instances_active_avg"] = instances_for(avg.in_flight or 0.0, c)
    ceiling = c.max_size * c.max_concurrency
    out.limits.append(Limit("concurrent requests", peak.in_flight, ceiling, "requests in flight",
                            f"max_size {c.max_size} × max_concurrency {c.max_concurrency}; {AUTO_SCALING}"))
    latency_s = c.latency_ms / 1000
    out.capacity_rps = out.max_capacity_rps = ceiling / latency_s
    out.notes.append("App Runner adds instances as concurrency grows: a burst waits for them to start")
    return out


def surviving(c: AppRunnerService, spec, surviving_azs) -> float | None:
    """Regional: App Runner starts instances in the AZs still up, to max_size."""
    return c.max_size * c.max_concurrency / (c.latency_ms / 1000) if c.latency_ms else None


def price(c: AppRunnerService, avg, sizing, spec, bill) -> None:
    if c.cpu is None or c.memory_gb is None:
        bill.missing("instances need cpu and memory_gb to be priced")
        return
    active = sizing["instances_active_avg"]
    if active is None:
        bill.add(f"{c.min_size} provisioned instance{'s' if c.min_size != 1 else ''} × {c.memory_gb:g} GB",
                 c.min_size * c.memory_gb * facts.HOURS_PER_MONTH, "GB-hours", GB_HOUR_USD, PRICING)
        bill.missing("active instances' vCPU (set latency_ms)")
        return
    held = max(c.min_size, active)
    bill.add(f"{held} instance{'s' if held != 1 else ''} × {c.memory_gb:g} GB (provisioned or active)",
             held * c.memory_gb * facts.HOURS_PER_MONTH, "GB-hours", GB_HOUR_USD, PRICING)
    bill.add(f"{active} active instance{'s' if active != 1 else ''} × {c.cpu:g} vCPU (average load)",
             active * c.cpu * facts.HOURS_PER_MONTH, "vCPU-hours", VCPU_HOUR_USD, PRICING)


def needs(sizing) -> str:
    if sizing["instances_needed_peak"] is None:
        return "latency_ms unset"
    return f"{sizing['instances_needed_peak']} of {sizing['max_size']} instances"


def details(c: AppRunnerService) -> list[str]:
    return [f"{c.min_size}-{c.max_size} instances"]


TYPE = ComponentType(
    name="app_runner", title="App Runner service", article="an",
    description="AWS App Runner service (regional): containers AWS runs, load-balances and scales on concurrent "
                "requests, from min_size provisioned instances up to max_size.",
    model=AppRunnerService, properties=PROPERTIES, required=("region",), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.CALLER, tier=Tier.COMPUTE, state=State.STATELESS,
    icon=("diagrams.aws.compute", "AppRunner"),
    redundancy=Redundancy("min_size instances kept provisioned, which AWS spreads over more AZs the more there are; "
                          "with one, the service is one instance until traffic adds more",
                          single_instance=single_instance),
    recovery=Recovery("App Runner replaces unhealthy instances and moves the service to new instances when it detects "
                      "hardware issues; AWS publishes no replacement time", None, ARCHITECTURE),
    sla=Sla((), lambda c: None, note="the AWS App Runner SLA page could not be read when this type was added, and the "
                                     "compilations found disagree: no figure is used (counted as always available)"),
    traffic=Traffic(f"max_size × max_concurrency concurrent requests, i.e. that / latency requests/s (Little's law; "
                    f"{AUTO_SCALING}); priced ${VCPU_HOUR_USD} per active vCPU-hour and ${GB_HOUR_USD} per GB-hour of "
                    f"provisioned or active memory ({PRICING})",
                    assess=assess, surviving_capacity=surviving, cost=price, needs=needs),
    details=details,
    capabilities=frozenset({Capability.WEB_ACL_TARGET}),
)
