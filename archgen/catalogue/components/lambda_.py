"""lambda: a Lambda function (regional, runs across AZs; in a VPC only in its subnets' AZs)."""

from __future__ import annotations

import math

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure, one_per_az,
)
from archgen.formatting import number
from archgen.spec.schema_parts import count, positive
from archgen.traffic import facts
from archgen.traffic.capacity import assess_lambda, surviving_lambda
from archgen.traffic.cost import price_lambda

PROPERTIES = {
    "duration_ms": positive("Average duration of one invocation in milliseconds.", 900_000),
    "memory_mb": count("Memory size in MB (128-10240).", 128, 10240),
    "reserved_concurrency": count("Reserved concurrency (caps the function).", 0, 1_000_000),
    "provisioned_concurrency": count("Provisioned concurrency (pre-initialised environments).", 0, 1_000_000),
    "account_concurrency": count("Regional account concurrency quota (default 1,000).", 1, 10_000_000),
}


def build(builder, index: int, c: dict, common: dict) -> m.LambdaFunction:
    return m.LambdaFunction(**common, duration_ms=float(c["duration_ms"]), memory_mb=c.get("memory_mb", 128),
                            reserved_concurrency=c.get("reserved_concurrency"),
                            provisioned_concurrency=c.get("provisioned_concurrency"),
                            account_concurrency=c.get("account_concurrency", facts.LAMBDA_ACCOUNT_CONCURRENCY))


def check(checker, path: tuple, c: dict) -> None:
    reserved, provisioned = c.get("reserved_concurrency"), c.get("provisioned_concurrency")
    if isinstance(reserved, int) and isinstance(provisioned, int) and provisioned > reserved:
        checker.error(path + ("provisioned_concurrency",),
                      f"provisioned concurrency ({provisioned}) exceeds reserved concurrency ({reserved})")


def needs(sizing) -> str:
    return f"{number(sizing['concurrency_peak'])} concurrent of {sizing['concurrency_available']}"


SCALING_ENVIRONMENTS, SCALING_PERIOD_S = 1000, 10.0
SCALING_SOURCE = ('AWS Lambda Developer Guide, "Lambda scaling behavior": each function scales by 1,000 execution '
                  "environments every 10 seconds — https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html")


def scale_out(c: m.LambdaFunction, before, after):
    """Time to start the execution environments the new peak needs beyond the old one (derived from the
    published rate); its concurrency ceiling is the capacity check's business."""
    extra = after.sizing["concurrency_peak"] - before.sizing["concurrency_peak"]
    if extra <= 0:
        return None
    steps = math.ceil(extra / SCALING_ENVIRONMENTS - 1e-9)
    seconds = steps * SCALING_PERIOD_S
    return Recovery(f"{number(extra)} more concurrent executions: up to {SCALING_ENVIRONMENTS:,} new execution "
                    f"environments every {SCALING_PERIOD_S:g} s, {steps} × {SCALING_PERIOD_S:g} s", seconds,
                    SCALING_SOURCE, low_seconds=0.0, derived=True)


SLA = SlaFigure("lambda", "AWS Lambda", "function", 99.95,
                "AWS Lambda Service Level Agreement", "https://aws.amazon.com/lambda/sla/", "2026-11-26")

TYPE = ComponentType(
    name="lambda", title="Lambda function", article="a",
    description="Lambda function (regional, runs across AZs).",
    model=m.LambdaFunction, properties=PROPERTIES, required=("duration_ms",), build=build, check=check,
    placement=Placement.SUBNETS, role=Role.CALLER, tier=Tier.COMPUTE, state=State.STATELESS,
    icon=("diagrams.aws.compute", "Lambda"),
    redundancy=Redundancy("AWS runs it in every AZ of its Region; attached to subnets, only in their AZs",
                          instances_per_az=one_per_az),
    recovery=Recovery("AWS runs invocations in the AZs still up; nothing to fail over", None,
                      'AWS Lambda Developer Guide, "Resilience in AWS Lambda"'),
    sla=one_figure(SLA),
    traffic=Traffic("concurrency = rps × duration, at least rps / 10 (Little's law; AWS Lambda Developer Guide, "
                    "scaling); the Region's unreserved account concurrency is shared; priced per request and GB-second",
                    assess=assess_lambda, surviving_capacity=surviving_lambda, cost=price_lambda, needs=needs,
                    scale_out=scale_out),
)
