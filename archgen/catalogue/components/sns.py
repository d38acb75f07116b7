"""sns: an SNS topic (regional, multi-AZ by design); every subscriber receives every message."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure, regional_recovery,
)
from archgen.spec.schema_parts import prop
from archgen.traffic.cost import price_sns

PROPERTIES = {
    "fifo": prop("boolean", "FIFO topic."),
}


def build(builder, index: int, c: dict, common: dict) -> m.Topic:
    return m.Topic(**common, fifo=bool(c.get("fifo", False)))


def details(c: m.Topic) -> list[str]:
    return ["FIFO"] if c.fifo else []


SLA = SlaFigure("sns", "Amazon SNS", "topic", 99.9,
                "Amazon SNS Service Level Agreement", "https://aws.amazon.com/messaging/sla/", "2026-11-26")

TYPE = ComponentType(
    name="sns", title="SNS topic", article="an",
    description="SNS topic (regional, multi-AZ by design). Every subscriber receives every message.",
    model=m.Topic, properties=PROPERTIES, required=("region",), build=build,
    placement=Placement.REGIONAL, role=Role.QUEUE, tier=Tier.INTEGRATION, state=State.STATELESS,
    icon=("diagrams.aws.integration", "SNS"),
    redundancy=Redundancy("AWS stores messages across the AZs of its Region"),
    recovery=regional_recovery('Amazon SNS Developer Guide, "Resilience in Amazon SNS"'),
    sla=one_figure(SLA),
    traffic=Traffic("no publish limit modelled; priced per million publishes", cost=price_sns),
    details=details,
)
