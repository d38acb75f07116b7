"""step_functions: an AWS Step Functions state machine (regional), Standard or Express workflow.

Each request arriving starts one execution; each connection out is a Task step calling its target (``calls``
per execution). Its throttling quotas are per account and Region, shared by every state machine of the same
workflow type there: a state machine is judged against the Region's total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure, regional_recovery,
)
from archgen.catalogue.components import _quotas
from archgen.formatting import number
from archgen.spec.schema_parts import count, positive, prop
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

QUOTAS = ('AWS Step Functions Developer Guide, "Step Functions service quotas" — '
          "https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html")
PRICING = "https://aws.amazon.com/step-functions/pricing/"
STANDARD, EXPRESS = "standard", "express"

# Token-bucket refill rates (sustained per second), per account and Region, soft quotas (QUOTAS); the first
# figure is for US East (N. Virginia), US West (Oregon) and Europe (Ireland), the second for the other Regions.
# Express state transitions are unlimited; synchronous Express executions do not count against StartExecution.
START_EXECUTION_PER_S = {STANDARD: (300.0, 150.0), EXPRESS: (6_000.0, 6_000.0)}
STANDARD_TRANSITIONS_PER_S = (5_000.0, 800.0)
EXPRESS_MAX_DURATION_MS = 5 * 60 * 1000  # an Express execution runs at most 5 minutes (QUOTAS, hard quota)
# Pricing, US East (N. Virginia) (PRICING): Standard per state transition; Express per request and per GB-second,
# the duration rounded up to the next 100 ms and the memory billed in 64 MB chunks; $0.00001667 per GB-second
# is the rate of the first 1,000 GB-hours a month.
STANDARD_THOUSAND_TRANSITIONS_USD = 0.025
EXPRESS_MILLION_REQUESTS_USD = 1.00
EXPRESS_GB_SECOND_USD = 0.00001667
EXPRESS_FIRST_TIER_GB_HOURS = 1_000
EXPRESS_DURATION_STEP_MS = 100
EXPRESS_MEMORY_CHUNK_MB = 64

PROPERTIES = {
    "workflow": prop("string", "Workflow type: standard (exactly-once, up to a year, priced per state transition; the "
                               "default) or express (at-least-once, up to 5 minutes, priced per request and duration).",
                     enum=[STANDARD, EXPRESS]),
    "state_transitions": count("State transitions one execution makes (every step that runs, retries included). "
                               "Default: one per call its connections make.", 1, 1_000_000),
    "synchronous": prop("boolean", "Express executions started with StartSyncExecution (they do not count against "
                                   "the StartExecution quota)."),
    "start_execution_quota": positive("The account's StartExecution refill rate in this Region for this workflow type, "
                                      "when raised (executions/s; default: AWS's)."),
    "state_transition_quota": positive("The account's StateTransition refill rate in this Region (Standard), when "
                                       "raised (transitions/s; default: AWS's)."),
    "duration_ms": positive("Average execution duration in milliseconds (Express: billed per 100 ms).", 31_536_000_000),
    "memory_mb": count("Memory an Express execution uses in MB (billed in 64 MB chunks; default 64).", 1, 1_000_000),
}


@dataclass(unsafe_hash=True, kw_only=True)
class StateMachine(m.Component):
    """A Step Functions state machine."""

    express: bool = False
    state_transitions: int | None = None  # None: one per call of its connections
    synchronous: bool = False
    start_execution_quota: float | None = None
    state_transition_quota: float | None = None
    duration_ms: float | None = None
    memory_mb: int = EXPRESS_MEMORY_CHUNK_MB

    @property
    def workflow(self) -> str:
        return EXPRESS if self.express else STANDARD


def build(builder, index: int, c: dict, common: dict) -> StateMachine:
    return StateMachine(**common, express=c.get("workflow") == EXPRESS, state_transitions=c.get("state_transitions"),
                        synchronous=bool(c.get("synchronous", False)),
                        start_execution_quota=c.get("start_execution_quota"),
                        state_transition_quota=c.get("state_transition_quota"), duration_ms=c.get("duration_ms"),
                        memory_mb=c.get("memory_mb", EXPRESS_MEMORY_CHUNK_MB))


def check(checker, path: tuple, c: dict) -> None:
    """Express-only keys on Express workflows; an Express execution within its 5 minutes."""
    express = c.get("workflow") == EXPRESS
    for key in ("synchronous", "memory_mb"):
        if key in c and not express:
            checker.error(path + (key,), f"{key} applies to Express workflows", "set workflow: express, or remove it")
    if "state_transition_quota" in c and express:
        checker.error(path + ("state_transition_quota",), "Express workflows have no state transition quota",
                      "remove state_transition_quota")
    duration = c.get("duration_ms")
    if express and isinstance(duration, (int, float)) and duration > EXPRESS_MAX_DURATION_MS:
        checker.error(path + ("duration_ms",), f"an Express execution runs at most 5 minutes, not {duration:g} ms",
                      "use a Standard workflow for longer executions")


def transitions_per_execution(c: StateMachine, spec) -> float:
    """Declared, else one state transition per call its connections make (each a Task step)."""
    if c.state_transitions is not None:
        return float(c.state_transitions)
    return max(1.0, sum(x.calls for x in spec.outgoing(c.id) if x.carries_requests))


def default_quota(table: tuple[float, float], region: str | None) -> float:
    return table[0] if region in _quotas.LARGE_REGIONS else table[1]


def start_quota(c: StateMachine) -> float:
    return c.start_execution_quota or default_quota(START_EXECUTION_PER_S[c.workflow], c.region)


def transition_quota(c: StateMachine) -> float:
    return c.state_transition_quota or default_quota(STANDARD_TRANSITIONS_PER_S, c.region)


def _executions(c: StateMachine, view) -> float:
    return 0.0 if c.synchronous else _quotas.arriving(view, c.id)


def _transitions(c: StateMachine, view) -> float:
    return _quotas.arriving(view, c.id) * transitions_per_execution(c, view.spec) if not c.express else 0.0


def assess(c: StateMachine, avg, peak, view) -> Assessment:
    executions = _quotas.region_demand(view, "step_functions.executions", StateMachine, lambda x: x.workflow,
                                       _executions)[(c.region, c.workflow)]
    transitions = _quotas.region_demand(view, "step_functions.transitions", StateMachine, lambda x: x.workflow,
                                        _transitions)[(c.region, c.workflow)]
    per_execution = transitions_per_execution(c, view.spec)
    out = Assessment(sizing={
        "workflow": c.workflow, "executions_per_s_peak": peak.rps, "state_transitions_per_execution": per_execution,
        "transitions_per_s_peak": peak.rps * per_execution, "region_executions_per_s_peak": executions,
        "region_transitions_per_s_peak": None if c.express else transitions,
        "start_execution_quota": None if c.synchronous else start_quota(c),
        "state_transition_quota": None if c.express else transition_quota(c),
    })
    shared = f"every {c.workflow} state machine of the account in {c.region}"
    if c.synchronous:
        out.notes.append(f"synchronous Express executions do not count against StartExecution ({QUOTAS})")
    else:
        out.limits.append(Limit("StartExecution (Region)", executions, start_quota(c), "executions/s",
                                f"refill rate shared by {shared}" + (", raised" if c.start_execution_quota else "")
                                + f"; {QUOTAS}"))
    if not c.express:
        out.limits.append(Limit("state transitions (Region)", transitions, transition_quota(c), "transitions/s",
                                f"StateTransition refill rate shared by {shared}"
                                + (", raised" if c.state_transition_quota else "") + f"; {QUOTAS}"))
        if c.state_transitions is None:
            out.notes.append(f"state_transitions not set: {number(per_execution)} per execution, one per call of its "
                             "connections")
        out.notes.append("new AWS accounts start with lower state transition quotas that AWS raises with use")
    out.capacity_rps = out.max_capacity_rps = _quotas.worst_capacity(out.limits, peak.rps)
    return out


def gb_seconds_per_execution(c: StateMachine) -> float:
    """Billed duration (next 100 ms) × billed memory (64 MB chunks), in GB-seconds (PRICING)."""
    seconds = math.ceil(c.duration_ms / EXPRESS_DURATION_STEP_MS - 1e-9) * EXPRESS_DURATION_STEP_MS / 1000
    memory_gb = math.ceil(c.memory_mb / EXPRESS_MEMORY_CHUNK_MB - 1e-9) * EXPRESS_MEMORY_CHUNK_MB / 1024
    return seconds * memory_gb


def price(c: StateMachine, avg, sizing, spec, bill) -> None:
    executions = avg.rps * facts.SECONDS_PER_MONTH
    if not c.express:
        transitions = executions * sizing["state_transitions_per_execution"]
        bill.add("state transitions", transitions / 1000, "thousand transitions", STANDARD_THOUSAND_TRANSITIONS_USD,
                 PRICING)
        return
    bill.add("Express requests", executions / 1e6, "million requests", EXPRESS_MILLION_REQUESTS_USD, PRICING)
    if c.duration_ms is None:
        bill.missing("Express duration (set duration_ms)")
        return
    gb_seconds = executions * gb_seconds_per_execution(c)
    bill.add("Express duration", gb_seconds, "GB-seconds", EXPRESS_GB_SECOND_USD, PRICING)
    if gb_seconds > EXPRESS_FIRST_TIER_GB_HOURS * 3600:
        bill.missing("the lower rates beyond 1,000 GB-hours a month (all priced at the first tier's)")


def needs(sizing) -> str:
    if sizing["state_transition_quota"] is not None:
        return (f"{number(sizing['region_transitions_per_s_peak'])} of {number(sizing['state_transition_quota'])} "
                "transitions/s")
    if sizing["start_execution_quota"] is not None:
        return (f"{number(sizing['region_executions_per_s_peak'])} of {number(sizing['start_execution_quota'])} "
                "executions/s")
    return f"{number(sizing['executions_per_s_peak'])} executions/s (synchronous)"


def details(c: StateMachine) -> list[str]:
    return ["Express" + (" (synchronous)" if c.synchronous else "") if c.express else "Standard"]


# The AWS page could not be read when this type was added; 99.9% is the figure two independent compilations of
# AWS SLAs (2019, 2025) give for it. Re-check it at the URL below.
SLA = SlaFigure("step-functions", "AWS Step Functions", "state machine", 99.9, "AWS Step Functions Service Level "
                "Agreement", "https://aws.amazon.com/step-functions/sla/", "2026-11-30")

TYPE = ComponentType(
    name="step_functions", title="Step Functions state machine", article="a",
    description="AWS Step Functions state machine (regional), Standard or Express workflow. Requests arriving start "
                "executions; each connection out is a step calling its target.",
    model=StateMachine, properties=PROPERTIES, required=("region",), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.CALLER, tier=Tier.INTEGRATION, state=State.STATELESS,
    icon=("diagrams.aws.integration", "StepFunctions"),
    redundancy=Redundancy("AWS runs it across the AZs of its Region (Standard executions keep their state there); a "
                          "state machine has no copy in another Region"),
    recovery=regional_recovery('AWS Step Functions Developer Guide, "Resilience in Step Functions"'),
    sla=one_figure(SLA),
    traffic=Traffic(f"StartExecution 300/s (Standard) or 6,000/s (Express) and 5,000 state transitions/s (Standard) "
                    f"per account in us-east-1, us-west-2 and eu-west-1, 150/s and 800/s elsewhere ({QUOTAS}); "
                    f"Standard priced ${STANDARD_THOUSAND_TRANSITIONS_USD} per 1,000 transitions, Express "
                    f"${EXPRESS_MILLION_REQUESTS_USD:.2f} per million requests and ${EXPRESS_GB_SECOND_USD} per "
                    f"GB-second ({PRICING})",
                    assess=assess, surviving_capacity=_quotas.modelled_capacity, cost=price, needs=needs),
    details=details,
)
