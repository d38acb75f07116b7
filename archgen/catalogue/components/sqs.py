"""sqs: an SQS queue (regional, multi-AZ by design)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure, regional_recovery,
)
from archgen.formatting import EMPTY
from archgen.spec.schema_parts import id_ref, prop
from archgen.traffic.capacity import assess_sqs, surviving_sqs
from archgen.traffic.cost import price_sqs

NAME = "sqs"
PROPERTIES = {
    "fifo": prop("boolean", "FIFO queue (throughput-limited) instead of standard."),
    "dead_letter_queue": id_ref("Component id of the dead-letter queue."),
}


def build(builder, index: int, c: dict, common: dict) -> m.Queue:
    return m.Queue(**common, fifo=bool(c.get("fifo", False)), dead_letter_queue=c.get("dead_letter_queue"))


def check(checker, path: tuple, c: dict) -> None:
    """The dead-letter queue is another SQS queue."""
    if "dead_letter_queue" in c:
        dlq = checker.ref(path + ("dead_letter_queue",), c["dead_letter_queue"], NAME)
        if dlq is c:
            checker.error(path + ("dead_letter_queue",), "a queue cannot be its own dead-letter queue")


def needs(sizing) -> str:
    return "FIFO" if sizing.get("fifo") else EMPTY


def details(c: m.Queue) -> list[str]:
    return ["FIFO"] if c.fifo else []


SLA = SlaFigure("sqs", "Amazon SQS", "queue", 99.9,
                "Amazon SQS Service Level Agreement", "https://aws.amazon.com/messaging/sla/", "2026-11-26")

TYPE = ComponentType(
    name=NAME, title="SQS queue", article="an",
    description="SQS queue (regional, multi-AZ by design).",
    model=m.Queue, properties=PROPERTIES, required=("region",), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.QUEUE, tier=Tier.INTEGRATION, state=State.STATELESS,
    icon=("diagrams.aws.integration", "SQS"),
    redundancy=Redundancy("AWS stores messages across the AZs of its Region"),
    recovery=regional_recovery('Amazon SQS Developer Guide, "Resilience in Amazon SQS"'),
    sla=one_figure(SLA),
    traffic=Traffic("FIFO queues: 300 sends/s per API action without batching (Amazon SQS Developer Guide, "
                    "message quotas); standard queues: no limit modelled; priced per million requests",
                    assess=assess_sqs, surviving_capacity=surviving_sqs, cost=price_sqs, needs=needs),
    details=details,
)
