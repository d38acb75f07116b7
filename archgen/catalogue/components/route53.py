"""route53: a Route 53 hosted zone with its records and health checks (a global service)."""

from __future__ import annotations

from functools import partial

from archgen import catalogue
from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, Route, SlaFigure, State, Tier, Traffic,
    one_figure,
)
from archgen.formatting import number
from archgen.spec.schema_parts import (
    ID_PATTERN, REGION_PATTERN, array, count, id_ref, obj, prop, ref,
)
from archgen.traffic.capacity import assess_route53
from archgen.traffic.cost import price_route53

DNS_RECORD = obj("A DNS record.", {
    "name": prop("string", "Record name: '@' for the zone apex, a relative name ('www') or a full name ending in the zone.",
                 minLength=1, maxLength=253),
    "type": prop("string", "Record type.", enum=["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"]),
    "alias": prop("boolean", "Alias record: resolves to an AWS resource (only A/AAAA), free and allowed at the apex."),
    "target": id_ref("Component the record points at (alias target, or the instance whose address it holds)."),
    "value": prop("string", "Literal value for records not pointing at a component.", maxLength=4000),
    "ttl": count("Time to live in seconds (not allowed on alias records: they use the target's TTL).", 0, 2_147_483_647),
    "routing": prop("string", "Routing policy (default simple).",
                    enum=["simple", "failover", "weighted", "latency", "geolocation"]),
    "failover": prop("string", "Role in a failover pair.", enum=["primary", "secondary"]),
    "weight": count("Weight of a weighted record (0-255).", 0, 255),
    "region": prop("string", "Region of a latency record.", pattern=REGION_PATTERN),
    "geolocation": prop("string", "Where a geolocation record's users are: a continent code (EU), a country code "
                                  "(US, DE) or * for the default record.", pattern=r"^([A-Z]{2}|\*)$"),
    "set_identifier": prop("string", "Distinguishes records of the same name and type.", maxLength=128),
    "health_check": id_ref("Health check id (from this zone's health_checks)."),
    "evaluate_target_health": prop("boolean", "Alias record inherits the health of its target."),
}, required=("name", "type"))

HEALTH_CHECK = obj("A Route 53 health check.", {
    "id": prop("string", "Health check id, referenced by records.", pattern=ID_PATTERN),
    "target": id_ref("Component whose endpoint is probed."),
    "protocol": prop("string", "Probe protocol.", enum=["HTTP", "HTTPS", "TCP"]),
    "path": prop("string", "Path for HTTP(S) probes.", maxLength=1024),
    "interval": prop("integer", "Request interval in seconds: 30 (standard) or 10 (fast).", enum=[10, 30]),
    "failure_threshold": count("Consecutive failed checks before unhealthy (1-10, default 3).", 1, 10),
}, required=("id", "target"))

PROPERTIES = {
    "zone": prop("string", "Zone (domain) name, e.g. example.com.", pattern=r"^[A-Za-z0-9*]([A-Za-z0-9*.-]{0,252})\.?$"),
    "private_zone": prop("boolean", "Private hosted zone (resolves inside VPCs only)."),
    "records": array("DNS records of the zone.", ref("dns_record", "A DNS record.")),
    "health_checks": array("Route 53 health checks.", ref("health_check", "A health check.")),
}


def zone_name(zone: str) -> str:
    """A zone's name as records are compared with it: lower case, no trailing dot."""
    return zone.rstrip(".").lower()


def record_fqdn(name: str, zone: str) -> tuple[str, bool]:
    """(fully qualified name, is_apex) of a record name written relative or absolute, in the zone ``zone``
    (as ``zone_name`` gives it)."""
    name = name.rstrip(".").lower()
    if name == zone or name == "@":
        return zone, True
    if name.endswith(zone) and name[-len(zone) - 1] == ".":  # ends in ".zone" (tested without building it)
        return name, False
    return f"{name}.{zone}", False


def build(builder, index: int, c: dict, common: dict) -> m.Route53Zone:
    zone = zone_name(c["zone"])
    raw_records = c.get("records", [])
    at = builder.item_locations("components", index, "records", count=len(raw_records))
    records = [dns_record(r, zone, location) for r, location in zip(raw_records, at)]
    checks = tuple(m.HealthCheck(
        id=h["id"], target=h["target"], protocol=h.get("protocol", "HTTPS"), path=h.get("path"),
        interval_s=h.get("interval", 30), failure_threshold=h.get("failure_threshold", 3),
        location=builder.at("components", index, "health_checks", j))
        for j, h in enumerate(c.get("health_checks", [])))
    return m.Route53Zone(**common, zone=zone, private_zone=bool(c.get("private_zone", False)),
                         records=tuple(records), health_checks=checks)


def dns_record(r: dict, zone: str, location: m.Location) -> m.DnsRecord:
    """The record ``r`` of the zone ``zone`` (as ``zone_name`` gives it)."""
    name, is_apex = record_fqdn(r["name"], zone)
    get = r.get
    # positional, in the model's field order: a zone may hold thousands of records, and binding 16 keywords
    # was a third of making one
    return m.DnsRecord(name, r["type"], bool(get("alias", False)), get("target"), get("value"), get("ttl"),
                       get("routing", "simple"), get("failover"), get("weight"), get("region"), get("geolocation"),
                       get("set_identifier"), get("health_check"), bool(get("evaluate_target_health", False)),
                       is_apex, location)


def check(checker, path: tuple, c: dict) -> None:
    """Record names, alias rules (RFC 1034: no CNAME at the apex) and routing-policy keys."""
    zone = str(c.get("zone", ""))
    apex = zone_name(zone)
    checks = {}
    for i, health_check in enumerate(checker.as_list(c.get("health_checks"))):
        if not isinstance(health_check, dict):
            continue
        if health_check.get("id") in checks:
            checker.error(path + ("health_checks", i, "id"), f"duplicate health check id '{health_check.get('id')}'")
        checks[health_check.get("id")] = health_check
        checker.ref(path + ("health_checks", i, "target"), health_check.get("target"))
    alias_targets = catalogue.with_capability(Capability.ALIAS_TARGET)
    accepted = checker.accepted  # what ref returns for an id it knows: a zone can hold thousands of records
    # Records clash when their full names (record_fqdn) and types are equal, that is when their names relative
    # to the zone are (the apex as None): compared so, the ~10,000 records of a large zone need no full name built
    subdomain = "." + apex
    names: dict[tuple[str | None, str], int] = {}  # (relative name, type) -> index of its first record
    clashes: dict[tuple[str | None, str], list[dict]] = {}  # (relative name, type) -> its records, if more than one
    records = checker.as_list(c.get("records"))

    def at(i: int, *keys: str) -> tuple:  # where a record or its key is, for a report (most records have none)
        return path + ("records", i, *keys)

    for i, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        name = str(record.get("name", "")).rstrip(".").lower()
        at_apex = name == apex or name == "@"
        relative = None if at_apex else name[:-len(subdomain)] if name.endswith(subdomain) else name
        rtype, routing = record.get("type"), record.get("routing", "simple")
        first = names.setdefault((relative, rtype), i)
        if first != i:
            clashes.setdefault((relative, rtype), [records[first]]).append(record)
        if rtype == "CNAME" and at_apex:
            checker.error(at(i, "type"), f"a CNAME record cannot be at the zone apex ({zone})",
                          "use an alias A/AAAA record to the target instead (RFC 1034; Route 53 alias records are allowed at the apex)")
        target_id = record.get("target")
        if record.get("alias"):
            if rtype not in ("A", "AAAA"):
                checker.error(at(i, "alias"), f"alias records are A or AAAA, not {rtype}")
            if "ttl" in record:
                checker.error(at(i, "ttl"), "alias records have no TTL of their own (Route 53 uses the target's)",
                              "remove ttl")
            if "target" not in record:
                checker.error(at(i), "an alias record needs a 'target'")
            target = accepted.get(target_id) or checker.ref(at(i, "target"), target_id)
            if target is not None and target.get("type") not in alias_targets:
                checker.error(at(i, "target"), f"an alias record cannot point at {catalogue.title(target.get('type'), article=True)}",
                              "alias targets: CloudFront, ALB/NLB, S3 website, API Gateway, another record; "
                              "for an instance use an A record with its Elastic IP")
        elif "target" in record:
            if target_id not in accepted:
                checker.ref(at(i, "target"), target_id)
        elif "value" not in record:
            checker.error(at(i), "a record needs a 'target' (component) or a 'value'")
        if "health_check" in record and record["health_check"] not in checks:
            checker.unknown(at(i, "health_check"), "health check", record["health_check"], checks)
        if routing == "simple" and "failover" not in record and "geolocation" not in record:
            continue  # the keys of the routing policies below do not apply
        if routing == "failover" and "failover" not in record:
            checker.error(at(i), "a failover record needs 'failover: primary' or 'failover: secondary'")
        if routing != "failover" and "failover" in record:
            checker.error(at(i, "failover"), "'failover' is only meaningful with routing: failover")
        if routing == "weighted" and "weight" not in record:
            checker.error(at(i), "a weighted record needs a 'weight'")
        if routing == "geolocation" and "geolocation" not in record:
            checker.error(at(i), "a geolocation record needs the 'geolocation' it serves (a continent or country "
                                 "code, or * for the default)")
        if routing != "geolocation" and "geolocation" in record:
            checker.error(at(i, "geolocation"), "'geolocation' is only meaningful with routing: geolocation")
        if routing == "latency":
            if "region" not in record:
                checker.error(at(i), "a latency record needs the 'region' it serves")
            else:
                checker.need_region(at(i, "region"), record["region"])
    for relative, rtype in names if clashes else ():  # in the order the names first appear
        same = clashes.get((relative, rtype))
        if same is None:  # most names: one record, nothing to clash with
            continue
        fqdn = apex if relative is None else f"{relative}.{apex}"  # as record_fqdn gives it
        if rtype == "CNAME" and all(r.get("routing", "simple") == "simple" for r in same):
            checker.error(path + ("records",), f"CNAME '{fqdn}' is defined more than once")
        roles = [r.get("failover") for r in same if r.get("routing") == "failover"]
        if roles.count("primary") > 1 or roles.count("secondary") > 1:
            checker.error(path + ("records",), f"'{fqdn}' {rtype} has more than one failover primary or secondary")


def needs(sizing) -> str:
    return f"≈{number(sizing['dns_queries_per_s_peak'])} DNS queries/s (estimate)"


# --- failover timing of a record (Route 53 publishes no formula: derived from its figures) ---------
ALIAS_TTL_S = 60
DEFAULT_TTL_S = 300  # the Route 53 console's default TTL, for a record that gives none
ALIAS_TTL_SOURCE = ("Amazon Route 53 FAQ: alias records to ELB and S3 website endpoints have a fixed 60-second TTL "
                    "(60 s assumed for other alias targets, whose TTL Route 53 takes from the target) — "
                    "https://aws.amazon.com/route53/faqs/")
TTL_SOURCE = ('Amazon Route 53 Developer Guide, "Best practices for Amazon Route 53 DNS": resolvers cache an answer '
              "for its TTL — https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-dns.html")
HEALTH_SOURCE = ('Amazon Route 53 Developer Guide, "How Amazon Route 53 determines whether a health check is healthy": '
                 "unhealthy after failure-threshold consecutive failed checks, one per request interval — "
                 "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html")
LB_HEALTH_SOURCE = ('Elastic Load Balancing User Guide, "Health checks for your target groups" (interval × unhealthy '
                    "threshold), which an alias record evaluating target health inherits")
FAILS_OVER = ("failover", "latency", "weighted", "geolocation")  # policies that route around an unhealthy record


def record_ttl(record: m.DnsRecord) -> float:
    """Seconds resolvers keep the record's answer: its TTL; 60 s for an alias."""
    return float(ALIAS_TTL_S if record.alias else (record.ttl if record.ttl is not None else DEFAULT_TTL_S))


def record_detection(spec, zone: m.Route53Zone, record: m.DnsRecord) -> Recovery | None:
    """How long until Route 53 treats the record's endpoint as unhealthy (derived); None when nothing
    tells it (no health check, no evaluated target health): it then never routes around a failure."""
    check = zone.health_check(record.health_check)
    if check is not None:
        seconds = float(check.interval_s * check.failure_threshold)
        return Recovery(f"health check {check.interval_s} s × {check.failure_threshold}", seconds, HEALTH_SOURCE,
                        low_seconds=seconds, derived=True)
    if record.alias and record.evaluate_target_health:
        target = spec.get(record.target)
        hc = getattr(target, "health_check", None)
        if isinstance(target, m.LoadBalancer) and hc is not None:
            seconds = hc.interval_s * hc.unhealthy_threshold
            return Recovery(f"target health: load balancer check {hc.interval_s:g} s × {hc.unhealthy_threshold}",
                            seconds, LB_HEALTH_SOURCE, low_seconds=seconds, derived=True)
        return Recovery("evaluates the alias target's health; how fast it sees a failure is not published", None,
                        'Amazon Route 53 Developer Guide, "Evaluate target health"')
    return None


def record_switch(record: m.DnsRecord) -> Recovery:
    """Once Route 53 answers with another endpoint, resolvers that cached the old answer keep it up to the TTL."""
    ttl = record_ttl(record)
    return Recovery(f"resolvers keep the old answer up to the {'alias ' if record.alias else ''}TTL of {ttl:g} s",
                    ttl, ALIAS_TTL_SOURCE if record.alias else TTL_SOURCE, low_seconds=0.0, derived=True)


_new_route = partial(tuple.__new__, Route)  # Route(...) from its fields in order: a zone may have thousands


def routes(zone: m.Route53Zone, spec) -> tuple[Route, ...]:
    """Each record pointing at a component: its record set (name and type) is the group of targets that
    stand in for each other; a record fails over when Route 53 can see its endpoint fail (a health check,
    or an alias evaluating target health) under a policy that routes around unhealthy records."""
    groups: dict[tuple[str, str], set[str]] = {}
    for record in zone.records:
        if record.target:
            groups.setdefault((record.name, record.type), set()).add(record.target)
    names = {key: f"{key[0]} {key[1]}" for key in groups}  # each record set's group, written once
    out = []
    switches: dict[tuple[bool, int | None], Recovery] = {}  # record_switch by TTL: thousands of records share a few
    for record in zone.records:
        if not record.target:
            continue
        key = (record.name, record.type)
        # record_detection is None, without its look-ups, for a record with neither a health check nor target health
        watched = record.health_check is not None or (record.alias and record.evaluate_target_health)
        detection = record_detection(spec, zone, record) if watched and record.routing in FAILS_OVER else None
        switch = switches.get(ttl := (record.alias, record.ttl))
        if switch is None:
            switch = switches[ttl] = record_switch(record)
        out.append(_new_route((record.target, names[key], len(groups[key]) > 1 and detection is not None,
                               record.routing == "failover" and record.failover == "secondary", detection, switch)))
    return tuple(out)


SLA = SlaFigure("route53", "Amazon Route 53", "hosted zone (DNS queries)", 100.0,
                "Amazon Route 53 Service Level Agreement", "https://aws.amazon.com/route53/sla/", "2026-11-26")

TYPE = ComponentType(
    name="route53", title="Route 53 hosted zone", article="a",
    description="Route 53 hosted zone with its records and health checks (a global service).",
    model=m.Route53Zone, properties=PROPERTIES, required=("zone",), build=build, check=check,
    placement=Placement.GLOBAL, role=Role.ROUTER, tier=Tier.EDGE, state=State.STATELESS,
    icon=("diagrams.aws.network", "Route53"),
    redundancy=Redundancy("a global service AWS runs from many locations; its records decide where requests go"),
    recovery=Recovery("a global service with no failover of its own; its failover records move traffic "
                      "(health-check interval × failure threshold + TTL, derived in the DR estimate)", None,
                      'Amazon Route 53 Developer Guide, "How Amazon Route 53 determines whether a health check is healthy"'),
    sla=one_figure(SLA),
    traffic=Traffic("DNS queries estimated from the record TTLs (AWS gives no formula); "
                    "priced per hosted zone, query and health check",
                    assess=assess_route53, cost=price_route53, needs=needs),
    capabilities=frozenset({Capability.ALIAS_TARGET}),
    definitions={"dns_record": DNS_RECORD, "health_check": HEALTH_CHECK},
    routes=routes,
)
