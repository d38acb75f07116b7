"""msk: an Amazon MSK (Managed Streaming for Apache Kafka) provisioned cluster: brokers in each AZ of its client
subnets (two or three), topics replicated over them.

Requests arriving are records produced; each connection out is a consumer group reading them. Kafka spreads a
partition's replicas over the AZs (MSK sets each broker's rack to its AZ), so an AZ loss leaves
replication_factor − ⌈replication_factor / AZs⌉ replicas of every partition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from archgen import model as m
from archgen.catalogue.base import (
    DOWN, FAILOVER, UP, ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, SlaFigure, State, Tier,
    Traffic, one_figure,
)
from archgen.catalogue.components import _nodes
from archgen.formatting import number
from archgen.spec.schema_parts import count, positive, prop
from archgen.traffic import facts
from archgen.traffic.capacity import Assessment
from archgen.traffic.types import Limit

GUIDE = "Amazon MSK Developer Guide"
BEST_PRACTICES = (f'{GUIDE}, "Best practices" (Build highly available clusters: replication factor at least 3 for '
                  "three-AZ clusters, min.insync.replicas at most RF − 1) — "
                  "https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html")
DEFAULTS = (f'{GUIDE}, "The default Amazon MSK configuration" (default.replication.factor 3 for three-AZ clusters, 2 '
            "for two-AZ; min.insync.replicas 2 and 1) — "
            "https://docs.aws.amazon.com/msk/latest/developerguide/msk-default-configuration.html")
PRICING = "https://aws.amazon.com/msk/pricing/"

# Maximum partitions per broker, leader and follower replicas included (BEST_PRACTICES, "Right-size your cluster")
PARTITIONS_PER_BROKER = {"kafka.t3.small": 300, "kafka.m5.large": 1000, "kafka.m5.xlarge": 1000,
                         "kafka.m5.2xlarge": 2000, "kafka.m5.4xlarge": 4000, "kafka.m5.8xlarge": 4000,
                         "kafka.m5.12xlarge": 4000, "kafka.m5.16xlarge": 4000, "kafka.m5.24xlarge": 4000}
# Broker instance-hours, US East (N. Virginia) (PRICING); storage is billed per GB-month on top
BROKER_HOUR_USD = {"kafka.t3.small": 0.0456, "kafka.m5.large": 0.21, "kafka.m5.xlarge": 0.42, "kafka.m7g.large": 0.204}

PROPERTIES = {
    "brokers_per_az": count("Broker nodes in each AZ of its client subnets (MSK takes a multiple of the AZs; default "
                            "1).", 1, 1_000),
    "broker_type": prop("string", "Broker instance type, e.g. kafka.m5.large (cost, partitions per broker).",
                        maxLength=64),
    "replication_factor": count("Replicas of each partition (default.replication.factor; default: MSK's, 3 for a "
                                "three-AZ cluster, 2 for two AZs).", 1, 100),
    "min_insync_replicas": count("min.insync.replicas: replicas that must have a write before a producer with acks=all "
                                 "is answered (default: MSK's, 2 for three AZs, 1 for two).", 1, 100),
    "partitions": count("Partitions over all topics, leaders only (for the partitions-per-broker check).", 1, 10_000_000),
    "capacity_rps": positive("Records per second ONE broker sustains as leader (AWS publishes no figure: measure it)."),
}


@dataclass(unsafe_hash=True, kw_only=True)
class KafkaCluster(m.Component):
    """An Amazon MSK (Kafka) cluster."""

    brokers_per_az: int = 1
    broker_type: str | None = None
    replication_factor: int = 3
    min_insync_replicas: int = 2
    partitions: int | None = None
    capacity_rps: float | None = None
    defaulted: tuple[str, ...] = ()  # replication_factor / min_insync_replicas left to MSK's default

    @property
    def brokers(self) -> int:
        return self.brokers_per_az * len(self.azs)

    def replicas_after_az_loss(self) -> int:
        """Replicas of every partition left when one AZ goes: replicas are spread over the AZs (rack awareness)."""
        return self.replication_factor - math.ceil(self.replication_factor / max(1, len(self.azs)))


def build(builder, index: int, c: dict, common: dict) -> KafkaCluster:
    three = len(common["azs"]) >= 3
    defaulted = tuple(key for key in ("replication_factor", "min_insync_replicas") if key not in c)
    return KafkaCluster(**common, brokers_per_az=c.get("brokers_per_az", 1), broker_type=c.get("broker_type"),
                        replication_factor=c.get("replication_factor", 3 if three else 2),
                        min_insync_replicas=c.get("min_insync_replicas", 2 if three else 1),
                        partitions=c.get("partitions"), capacity_rps=c.get("capacity_rps"), defaulted=defaulted)


def check(checker, path: tuple, c: dict) -> None:
    """Client subnets in two or three AZs, one per AZ; replicas the brokers can hold; min.insync within them."""
    _, azs = checker.placement(c)
    if azs and len(set(azs)) not in (2, 3):
        checker.error(path, f"an MSK cluster's brokers are in two or three AZs, not {len(set(azs))}",
                      "give client subnets in two or three AZs")
    if len(azs) != len(set(azs)):
        checker.error(path + ("subnets",), "two client subnets in one AZ: MSK takes one subnet per AZ")
    brokers = c.get("brokers_per_az", 1) * len(set(azs))
    factor = c.get("replication_factor")
    if isinstance(factor, int) and azs and factor > brokers:
        checker.error(path + ("replication_factor",), f"replication factor {factor} needs at least {factor} brokers, "
                      f"the cluster has {brokers}", "add brokers_per_az or lower replication_factor")
    insync = c.get("min_insync_replicas")
    if isinstance(insync, int) and isinstance(factor, int) and insync > factor:
        checker.error(path + ("min_insync_replicas",), f"min.insync.replicas {insync} is above the replication factor "
                      f"{factor}: no write with acks=all can succeed")


def brokers_per_az(c: KafkaCluster) -> dict[str, int]:
    return {az: c.brokers_per_az for az in c.azs}


def single_instance(c: KafkaCluster) -> bool:
    """With one replica, every partition lives on one broker: losing it takes those partitions offline."""
    return c.replication_factor <= 1


def after_az_loss(c: KafkaCluster, lost_azs: frozenset, alive: bool) -> str:
    """Leaders in the lost AZ move to in-sync followers; with fewer replicas left than min.insync.replicas,
    producers with acks=all are refused (and with none left, partitions are offline)."""
    if not set(c.azs) & lost_azs:
        return UP
    if not alive or c.replicas_after_az_loss() < max(1, c.min_insync_replicas):
        return DOWN
    return FAILOVER


def az_recovery_point(c: KafkaCluster) -> RecoveryPoint:
    if c.replicas_after_az_loss() < 1:
        return RecoveryPoint(None, f"replication factor {c.replication_factor}: a partition's replicas can all be in "
                             "one AZ", BEST_PRACTICES, lost=True)
    if c.min_insync_replicas >= 2:
        return RecoveryPoint(0.0, f"acks=all writes are on {c.min_insync_replicas} replicas in different AZs before "
                             "they are acknowledged", DEFAULTS)
    return RecoveryPoint(None, "min.insync.replicas 1: a write its leader alone has can be lost with its AZ (follower "
                         "lag not published)", DEFAULTS)


def partitions_per_broker(c: KafkaCluster) -> float | None:
    return c.partitions * c.replication_factor / c.brokers if c.partitions and c.brokers else None


def assess(c: KafkaCluster, avg, peak, view) -> Assessment:
    per_broker = partitions_per_broker(c)
    out = Assessment(sizing={"brokers": c.brokers, "broker_type": c.broker_type, "replication_factor":
                             c.replication_factor, "min_insync_replicas": c.min_insync_replicas,
                             "records_per_s_peak": peak.rps, "capacity_rps_per_broker": c.capacity_rps,
                             "partitions_per_broker": per_broker,
                             "max_partitions_per_broker": PARTITIONS_PER_BROKER.get(c.broker_type or "")})
    if per_broker is not None and c.broker_type in PARTITIONS_PER_BROKER and \
            per_broker > PARTITIONS_PER_BROKER[c.broker_type]:
        out.notes.append(f"{number(per_broker)} partitions per broker, above the {PARTITIONS_PER_BROKER[c.broker_type]:,} "
                         f"AWS gives for {c.broker_type}: MSK then refuses configuration, version and broker-type "
                         f"updates ({BEST_PRACTICES})")
    if c.capacity_rps is None:
        out.notes.append("capacity_rps is not set: AWS publishes no broker throughput (measure it); capacity unknown")
        return out
    out.capacity_rps = out.max_capacity_rps = c.brokers * c.capacity_rps
    out.limits.append(Limit(f"{c.brokers} brokers", peak.rps, out.capacity_rps, "records/s",
                            f"brokers {c.brokers} × capacity_rps {number(c.capacity_rps)}"))
    out.notes.append("AWS recommends keeping broker CPU under 60% so a broker's partitions can move when it is replaced")
    return out


def surviving(c: KafkaCluster, spec, surviving_azs) -> float | None:
    return _nodes.surviving_per_az(brokers_per_az(c), c.capacity_rps, surviving_azs)


def price(c: KafkaCluster, avg, sizing, spec, bill) -> None:
    hourly = BROKER_HOUR_USD.get(c.broker_type or "")
    if hourly is None:
        bill.missing(f"{c.brokers} brokers of type {c.broker_type or '(not set)'} (not in archgen's table)")
    else:
        bill.add(f"{c.brokers} × {c.broker_type}", c.brokers * facts.HOURS_PER_MONTH, "broker-hours", hourly, PRICING)
    bill.missing("broker storage (per GB-month)")


def needs(sizing) -> str:
    if sizing["capacity_rps_per_broker"] is None:
        return f"{sizing['brokers']} brokers, RF {sizing['replication_factor']}"
    return f"{number(sizing['records_per_s_peak'])} of {number(sizing['brokers'] * sizing['capacity_rps_per_broker'])} records/s"


def details(c: KafkaCluster) -> list[str]:
    return [f"{c.brokers_per_az} broker{'s' if c.brokers_per_az != 1 else ''} per AZ · RF {c.replication_factor}"]


# The AWS page could not be read when this type was added; 99.9% is the figure compilations of AWS SLAs give for
# a multi-AZ MSK cluster. Re-check it at the URL below.
SLA = SlaFigure("msk", "Amazon MSK", "multi-AZ provisioned cluster", 99.9, "Amazon MSK Service Level Agreement",
                "https://aws.amazon.com/msk/sla/", "2026-11-30")

TYPE = ComponentType(
    name="msk", title="MSK cluster", article="an",
    description="Amazon MSK provisioned Kafka cluster: brokers in each AZ of its client subnets (two or three), topics "
                "replicated over them. Requests arriving are records produced; each connection out is a consumer.",
    model=KafkaCluster, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.ZONAL, role=Role.STREAM, tier=Tier.INTEGRATION, state=State.STORE,
    icon=("diagrams.aws.analytics", "ManagedStreamingForKafka"),
    redundancy=Redundancy("brokers_per_az brokers in each AZ of its client subnets; each partition has "
                          "replication_factor replicas spread over the AZs, and acks=all writes wait for "
                          "min_insync_replicas of them",
                          instances_per_az=brokers_per_az, single_instance=single_instance, after_az_loss=after_az_loss,
                          az_recovery_point=az_recovery_point),
    recovery=Recovery("Kafka elects a new leader among the in-sync replicas; MSK replaces the failed broker; AWS "
                      "publishes no failover time", None, BEST_PRACTICES),
    sla=one_figure(SLA),
    traffic=Traffic(f"capacity_rps per broker × brokers when declared (AWS publishes no broker throughput); partitions "
                    f"per broker against AWS's maximum per broker type ({BEST_PRACTICES}); priced per broker-hour "
                    f"({PRICING}), storage not priced",
                    assess=assess, surviving_capacity=surviving, cost=price, needs=needs),
    details=details, instance_noun="broker",
    deletion_policies=("retain", "delete"),  # CloudFormation takes no Snapshot policy for it
)
