"""Monthly cost ESTIMATE per tier from the bundled us-east-1 on-demand price table.

Prices live in data/prices.json, each service with its AWS pricing page and the table's
date. Usage is the average load over a 730-hour month (the AWS Pricing Calculator's month);
instance tiers are priced as deployed. What is left out is listed in the table's
``not_included`` and per tier in ``TierCost.unpriced``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from archgen import catalogue
from archgen import model as m
from archgen.traffic import facts
from archgen.traffic.types import CostLine, Load, TierCost

PRICES_FILE = Path(__file__).with_name("data") / "prices.json"
MONTH_S = facts.SECONDS_PER_MONTH
HOURS = facts.HOURS_PER_MONTH


@lru_cache(maxsize=1)
def prices() -> dict:
    return json.loads(PRICES_FILE.read_text(encoding="utf-8"))


def service_prices(name: str) -> dict:
    """The price table entry of one service (its figures and their `source` page)."""
    return prices()["services"][name]


class _Bill:
    def __init__(self) -> None:
        self.lines: list[CostLine] = []
        self.unpriced: list[str] = []

    def add(self, item: str, quantity: float, unit: str, unit_price: float, source: str) -> None:
        self.lines.append(CostLine(item, quantity, unit, unit_price, quantity * unit_price, source))

    def missing(self, what: str) -> None:
        self.unpriced.append(what)

    def result(self) -> TierCost:
        return TierCost(sum(line.monthly for line in self.lines), tuple(self.lines), tuple(self.unpriced))


def running_instances(component, sizing) -> int:
    """Instances a tier runs on average: an ASG/ECS service with target tracking keeps about
    ⌈λ_avg / (C × ρ)⌉, clamped to min..max (derived); desired when capacity_rps is unknown."""
    if isinstance(component, m.Ec2Instances):
        return component.count
    needed = sizing.get("instances_needed_avg")
    if needed is None:
        return component.desired
    return min(component.max, max(component.min, needed))


def tier_cost(component: m.Component, avg: Load, sizing, spec: m.Spec) -> TierCost | None:
    """The monthly estimate for one tier, by its type's ``traffic.cost`` in the catalogue;
    None for tiers that cost nothing themselves (users)."""
    pricer = catalogue.by_name()[component.type].traffic.cost
    if pricer is None:
        return None
    bill = _Bill()
    pricer(component, avg, sizing, spec, bill)
    return bill.result()


def price_fleet(c, avg, sizing, spec, bill):
    n = running_instances(c, sizing)
    if isinstance(c, m.EcsService) and c.launch_type == "fargate":
        fg = service_prices("fargate")
        if c.cpu is None or c.memory_gb is None:
            bill.missing(f"Fargate tasks need cpu and memory_gb to be priced ({n} tasks)")
            return
        bill.add(f"{n} Fargate tasks × {c.cpu:g} vCPU", n * c.cpu * HOURS, "vCPU-hours", fg["vcpu_hour"], fg["source"])
        bill.add(f"{n} Fargate tasks × {c.memory_gb:g} GB", n * c.memory_gb * HOURS, "GB-hours", fg["gb_hour"], fg["source"])
        return
    ec2 = service_prices("ec2")
    price = ec2["instance_types"].get(c.instance_type or "")
    if price is None:
        bill.missing(f"{n} × instance type {c.instance_type or '(not set)'} (not in the price table)")
        return
    bill.add(f"{n} × {c.instance_type}", n * HOURS, "instance-hours", price, ec2["source"])


def price_lambda(c: m.LambdaFunction, avg, sizing, spec, bill):
    svc = service_prices("lambda")
    invocations = avg.rps * MONTH_S
    bill.add("requests", invocations / 1e6, "million requests", svc["per_million_requests"], svc["source"])
    gb_s = invocations * c.duration_ms / 1000 * c.memory_mb / 1024
    bill.add(f"compute at {c.memory_mb} MB", gb_s, "GB-seconds", svc["gb_second"], svc["source"])
    if c.provisioned_concurrency:
        bill.missing("provisioned concurrency")


def price_api_gateway(c: m.ApiGateway, avg, sizing, spec, bill):
    svc = service_prices("api_gateway")
    bill.add(f"{c.api_type} API requests", avg.rps * MONTH_S / 1e6, "million requests",
             svc["per_million_requests"][c.api_type], svc["source"])


def price_dynamodb(c: m.DynamoTable, avg, sizing, spec, bill):
    svc = service_prices("dynamodb")
    if c.capacity_mode == "on-demand":
        reads = (sizing["read_units_avg"] + sizing["index_read_units_avg"]) * MONTH_S / 1e6
        writes = (sizing["write_units_avg"] + sizing["index_write_units_avg"]) * MONTH_S / 1e6
        bill.add("read request units (table and GSIs)", reads, "million RRU", svc["on_demand_per_million_rru"], svc["source"])
        bill.add("write request units (table and GSIs)", writes, "million WRU", svc["on_demand_per_million_wru"], svc["source"])
    else:
        rcu = (c.read_capacity or 0) + sum(g.read_capacity or 0 for g in c.gsis)
        wcu = (c.write_capacity or 0) + sum(g.write_capacity or 0 for g in c.gsis)
        bill.add(f"{rcu} provisioned RCU (table and GSIs)", rcu * HOURS, "RCU-hours", svc["provisioned_rcu_hour"], svc["source"])
        bill.add(f"{wcu} provisioned WCU (table and GSIs)", wcu * HOURS, "WCU-hours", svc["provisioned_wcu_hour"], svc["source"])
    if c.storage_gb is not None:
        bill.add("storage", c.storage_gb, "GB-months", svc["storage_gb_month"], svc["source"])
        if c.point_in_time_recovery:
            bill.add("point-in-time recovery", c.storage_gb, "GB-months", svc["pitr_gb_month"], svc["source"])
    else:
        bill.missing("storage (set storage_gb)")


def price_rds(c: m.RdsInstance, avg, sizing, spec, bill):
    svc = service_prices("rds")
    price = svc["instance_classes"].get(c.engine, {}).get(c.instance_class or "")
    copies = 2 if c.multi_az else 1
    if price is None:
        bill.missing(f"{c.engine} instance class {c.instance_class or '(not set)'} (not in the price table)")
    else:
        label = f"{c.instance_class} {'Multi-AZ (primary + standby)' if c.multi_az else 'Single-AZ'}"
        bill.add(label, copies * HOURS, "instance-hours", price, svc["source"])
        replicas = c.listed_replicas  # a replica named as a component is priced as its own tier
        if replicas:  # a Multi-AZ replica runs a standby too
            instances = sum(2 if r.multi_az else 1 for r in replicas)
            bill.add(f"{len(replicas)} read replica(s) {c.instance_class}", instances * HOURS,
                     "instance-hours", price, svc["source"])
    if c.storage_gb is not None:
        volumes = copies + len(c.listed_replicas)
        bill.add(f"storage ({volumes} volume(s))", c.storage_gb * volumes, "GB-months", svc["storage_gb_month"], svc["source"])
    else:
        bill.missing("storage (set storage_gb)")
    if any(r.region not in (None, c.region) for r in c.listed_replicas):
        bill.missing("cross-Region replica priced at us-east-1 rates; replication transfer not included")


def price_aurora(c: m.AuroraCluster, avg, sizing, spec, bill):
    svc = service_prices("aurora")
    table = svc["instance_classes"].get(c.engine, {})
    for instance in c.instances:
        price = table.get(instance.instance_class or "")
        if price is None:
            bill.missing(f"instance {instance.name}: class {instance.instance_class or '(not set)'} not in the price table")
            continue
        bill.add(f"{instance.name} ({instance.role}, {instance.instance_class})", HOURS, "instance-hours", price, svc["source"])
    bill.missing("Aurora storage and I/O")


def price_cache(c: m.CacheCluster, avg, sizing, spec, bill):
    svc = service_prices("elasticache")
    price = svc["node_types"].get(c.node_type or "")
    if price is None:
        bill.missing(f"{c.nodes} × node type {c.node_type or '(not set)'} (not in the price table)")
        return
    bill.add(f"{c.nodes} × {c.node_type}", c.nodes * HOURS, "node-hours", price, svc["source"])


def price_alb(c: m.LoadBalancer, avg, sizing, spec, bill):
    _load_balancer("alb", "lcu", sizing, bill)


def price_nlb(c: m.LoadBalancer, avg, sizing, spec, bill):
    _load_balancer("nlb", "nlcu", sizing, bill)


def _load_balancer(service: str, unit: str, sizing, bill):
    """Hours plus capacity units (LCU or NLCU) at the average load."""
    svc = service_prices(service)
    bill.add(f"{service.upper()} hours", HOURS, "hours", svc["hour"], svc["source"])
    bill.add(f"{unit.upper()}s (average {sizing[f'{unit}_avg']:.3g})", sizing[f"{unit}_avg"] * HOURS,
             f"{unit.upper()}-hours", svc[f"{unit}_hour"], svc["source"])


def price_cloudfront(c: m.CloudFront, avg, sizing, spec, bill):
    svc = service_prices("cloudfront")
    bill.add("data transfer out to viewers", avg.response_bytes * MONTH_S / facts.GB, "GB",
             svc["data_transfer_out_gb"], svc["source"])
    bill.add("HTTPS requests", avg.rps * MONTH_S / 1e4, "10k requests", svc["https_per_10k_requests"], svc["source"])


def price_s3(c: m.S3Bucket, avg, sizing, spec, bill):
    svc = service_prices("s3")
    if c.storage_gb is not None:
        bill.add(f"{c.storage_class} storage", c.storage_gb, "GB-months", svc["storage_gb_month"][c.storage_class], svc["source"])
    else:
        bill.missing("storage (set storage_gb)")
    bill.add("GET requests", avg.reads * MONTH_S / 1e3, "1k requests", svc["get_per_1k"], svc["source"])
    bill.add("PUT requests", avg.writes * MONTH_S / 1e3, "1k requests", svc["put_per_1k"], svc["source"])


def price_sqs(c: m.Queue, avg, sizing, spec, bill):
    svc = service_prices("sqs")
    # each message is sent, received and deleted: three requests (derived; empty receives not counted)
    bill.add("requests (send + receive + delete)", avg.rps * 3 * MONTH_S / 1e6, "million requests",
             svc["per_million_requests"]["fifo" if c.fifo else "standard"], svc["source"])


def price_sns(c: m.Topic, avg, sizing, spec, bill):
    svc = service_prices("sns")
    bill.add("publishes", avg.rps * MONTH_S / 1e6, "million publishes", svc["per_million_publishes"], svc["source"])


def price_route53(c: m.Route53Zone, avg, sizing, spec, bill):
    svc = service_prices("route53")
    bill.add("hosted zone", 1, "zone-months", svc["hosted_zone_month"], svc["source"])
    routings = {r.routing for r in c.records}
    kind = "geo" if "geolocation" in routings else "latency" if "latency" in routings else "standard"
    bill.add(f"{kind} queries to non-alias records (estimate)", sizing["billable_queries_per_s_avg"] * MONTH_S / 1e6,
             "million queries", svc["per_million_queries"][kind], svc["source"])
    for check in c.health_checks:
        extras = (check.protocol == "HTTPS") + (check.interval_s == 10)
        bill.add(f"health check {check.id}", 1, "check-months",
                 svc["health_check_aws_endpoint_month"] + extras * svc["health_check_optional_feature_month"], svc["source"])


def price_nat(c: m.NatGateway, avg, sizing, spec, bill):
    svc = service_prices("nat_gateway")
    bill.add("NAT gateway hours", HOURS, "hours", svc["hour"], svc["source"])


def not_included() -> tuple[str, ...]:
    return tuple(prices()["not_included"])
