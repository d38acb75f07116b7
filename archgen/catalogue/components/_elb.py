"""What Application and Network Load Balancers share: keys, model builder, SLA, recovery, traffic text."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import Recovery, Redundancy, SlaFigure, either, one_per_az
from archgen.formatting import number
from archgen.spec.schema_parts import count, duration, obj, positive, prop
from archgen.spec.units import parse_duration

HEALTH_CHECK = obj("Target-group health check.", {
    "protocol": prop("string", "Health check protocol.", enum=["HTTP", "HTTPS", "TCP"]),
    "path": prop("string", "Path probed for HTTP(S) checks.", maxLength=1024),
    "interval": duration("Time between checks (5s to 300s)."),
    "healthy_threshold": count("Consecutive successes before a target is healthy (2-10).", 2, 10),
    "unhealthy_threshold": count("Consecutive failures before a target is unhealthy (2-10).", 2, 10),
})
PROPERTIES = {
    "internal": prop("boolean", "Internal (private) load balancer instead of internet-facing."),
    "health_check": HEALTH_CHECK,
    "requests_per_connection": positive("Average requests a client sends per TCP/TLS connection (default 10); "
                                        "drives the new-connections dimension of LCU/NLCU.", 1_000_000),
    "connection_duration": duration("Average lifetime of a client connection (default 60s); drives active connections."),
}


def build_load_balancer(builder, model: type[m.LoadBalancer], c: dict, common: dict, cross_zone_default: bool,
                        **own) -> m.LoadBalancer:
    """The load balancer ``c`` describes; ``own`` adds the fields its model has beyond LoadBalancer's."""
    hc = c.get("health_check")
    health_check = None
    if hc is not None:
        health_check = m.LbHealthCheck(
            protocol=hc.get("protocol", "HTTP"), path=hc.get("path"),
            interval_s=builder.parsed(parse_duration, hc.get("interval", 30)),
            healthy_threshold=hc.get("healthy_threshold", 5), unhealthy_threshold=hc.get("unhealthy_threshold", 2))
    return model(
        **common, internal=bool(c.get("internal", False)),
        cross_zone=bool(c.get("cross_zone", cross_zone_default)), health_check=health_check,
        rules=c.get("rules", 0), requests_per_connection=float(c.get("requests_per_connection", 10)),
        connection_duration_s=parse_duration(c.get("connection_duration", 60)), **own)


MULTI_AZ = SlaFigure("elb-multi-az", "Elastic Load Balancing", "load balancer in two or more AZs", 99.99,
                     "Elastic Load Balancing Service Level Agreement", "https://aws.amazon.com/elasticloadbalancing/sla/",
                     "2026-11-26")
SINGLE_AZ = SlaFigure("elb-single-az", "Elastic Load Balancing", "load balancer in one AZ", 99.9,
                      "Elastic Load Balancing Service Level Agreement", "https://aws.amazon.com/elasticloadbalancing/sla/",
                      "2026-11-26")


SLA = either(MULTI_AZ, SINGLE_AZ, lambda c: len(c.azs) >= 2)
REDUNDANCY = Redundancy("a load balancer node in each AZ it is enabled in (its subnets or azs)",
                        instances_per_az=one_per_az)
RECOVERY = Recovery("AWS replaces failed load balancer nodes; targets leave after failing the health check "
                    "(interval × unhealthy threshold, derived in the DR estimate); AWS publishes no node "
                    "replacement time", None,
                    'Elastic Load Balancing User Guide, "How Elastic Load Balancing works"')


def capacity_units_needs(unit: str):
    """The traffic table's 'needs' text for a load balancer billed in ``unit`` (LCU or NLCU)."""
    key = unit.lower()

    def needs(sizing) -> str:
        value = sizing[f"{key}_peak"]
        dimension = sizing[f"{key}_dimension_peak"].replace("_", " ")
        return f"{number(value)} {unit} ({dimension})" if value > 0 else f"0 {unit}"

    return needs


def details(c: m.LoadBalancer) -> list[str]:
    return ["internal"] if c.internal else []
