"""Route 53 hosted zones, their records and health checks -> ``route53`` components.

Records are grouped by the zone they name (HostedZoneId or HostedZoneName). A zone defined
outside the template (a parameter, another stack's export) still becomes a component, named
``<label>.invalid`` when even its name is unknown, so the records that reach into the system
are kept. A record's target is the component its alias or value names (a load balancer's
DNSName, a distribution's DomainName, an instance's Elastic IP, a database's endpoint).
"""

from __future__ import annotations

from archgen.iac.cloudformation.context import Mapper
from archgen.iac.cloudformation.resources import add
from archgen.iac.cloudformation.stack import Resource
from archgen.iac.cloudformation.values import Text, Unknown
from archgen.iac.naming import kebab, stand_in_name
from archgen.iac.schema_view import enum_of

ROUTING = (("Failover", "failover"), ("Weight", "weighted"), ("Region", "latency"))


def map_zones(m: Mapper) -> None:
    zones: dict[object, dict] = {}  # zone key -> {"name", "origin", "records", "checks", "private", "resource"}
    for zone in m.of_type("AWS::Route53::HostedZone"):
        name = m.text(zone.properties.get("Name"))
        zones[m.key(zone)] = {"name": name.rstrip(".").lower() if name else kebab(zone.logical_id) + ".invalid",
                              "resource": zone, "records": [], "private": bool(zone.properties.get("VPCs")),
                              "id": m.name(zone)}
    for resource, record in _records(m):
        key = _zone_key(m, resource, record, zones)
        zones[key]["records"].append((resource, record))
    for key, zone in zones.items():
        _zone_component(m, zone)


def _records(m: Mapper):
    for resource in m.of_type("AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup"):
        m.fold(resource)
        if resource.type == "AWS::Route53::RecordSet":
            yield resource, resource.properties
            continue
        for record in m.items(resource.properties.get("RecordSets")):
            if isinstance(record, dict):
                yield resource, {"HostedZoneId": resource.properties.get("HostedZoneId"),
                                 "HostedZoneName": resource.properties.get("HostedZoneName"), **record}


def _zone_key(m: Mapper, resource: Resource, record: dict, zones: dict):
    zone = m.target(record.get("HostedZoneId"))
    if zone is not None and m.key(zone) in zones:
        return m.key(zone)
    name = m.text(record.get("HostedZoneName"))
    if name:
        name = name.rstrip(".").lower()
        for key, known in zones.items():
            if known["name"] == name:
                return key
        zones[("name", name)] = {"name": name, "resource": resource, "records": [], "private": False, "id": name}
        return ("name", name)
    given = record.get("HostedZoneName") if record.get("HostedZoneName") is not None else record.get("HostedZoneId")
    label = m.label(given) if given is not None else "zone"
    key = ("unknown", label)
    if key not in zones:
        stem = stand_in_name(label)
        zones[key] = {"name": f"{stem}.invalid", "resource": resource, "records": [], "private": False,
                      "unknown": given, "id": stem}
        m.draft.note(m.origin(resource), f"hosted zone {label} is not in the template: records of it are grouped in "
                                         f"a zone named '{stem}.invalid'")
    return key


def _zone_component(m: Mapper, zone: dict) -> None:
    records, checks, links = [], {}, []
    for resource, record in zone["records"]:
        converted = _record(m, resource, record, zone, checks)
        if converted is not None:
            records.append(converted)
            if converted.get("target"):
                links.append((converted, resource))
    fields = {"zone": zone["name"], "private_zone": zone["private"] or None, "records": records or None,
              "health_checks": list(checks.values()) or None}
    zone_id = add(m, zone["resource"], "route53", fields, name=zone["id"])
    if zone_id is None:
        return
    for record, resource in links:
        how = "aliases" if record.get("alias") else "points at"
        m.draft.connect(zone_id, record["target"], f"record {record['name']} ({record['type']}) {how} "
                                                   f"{record['target']} ({resource.logical_id})", m.origin(resource))


def _record(m: Mapper, resource: Resource, record: dict, zone: dict, checks: dict) -> dict | None:
    kind = m.text(record.get("Type"))
    if kind not in enum_of("route53", "records") and kind not in ("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"):
        m.draft.note(m.origin(resource), f"{resource.logical_id}: record type {kind} is not modelled")
        return None
    out: dict = {"name": _relative_name(m, record.get("Name"), zone), "type": kind}
    alias = record.get("AliasTarget")
    if isinstance(alias, dict):
        out["alias"] = True
        target = _component_behind(m, alias.get("DNSName"))
        if target:
            out["target"] = target
        else:
            out["value"] = m.label(alias.get("DNSName"))[:4000]
        health = m.flag(resource, "AliasTarget", alias.get("EvaluateTargetHealth"))
        if health is not None:
            out["evaluate_target_health"] = health
    else:
        values = m.items(record.get("ResourceRecords"))
        target = next((t for t in (_component_behind(m, v) for v in values) if t), None)
        if target:
            out["target"] = target
        elif values:
            out["value"] = " ".join(m.label(v) for v in values)[:4000]
        ttl = m.integer(resource, "TTL", record.get("TTL"))
        if ttl is not None:
            out["ttl"] = ttl
    for prop, routing in ROUTING:
        if record.get(prop) is not None:
            out["routing"] = routing
            if routing == "failover":
                role = str(m.text(record.get("Failover")) or "").lower()
                if role in ("primary", "secondary"):
                    out["failover"] = role
            elif routing == "weighted":
                weight = m.integer(resource, "Weight", record.get("Weight"))
                if weight is not None and 0 <= weight <= 255:
                    out["weight"] = weight
            elif isinstance(record.get("Region"), str):
                out["region"] = record["Region"]
    identifier = m.text(record.get("SetIdentifier"))
    if identifier:
        out["set_identifier"] = identifier[:128]
    check = m.target(record.get("HealthCheckId"))
    if check is not None and check.type == "AWS::Route53::HealthCheck":
        check_id = _health_check(m, check, checks)
        if check_id:
            out["health_check"] = check_id
    return out


def _relative_name(m: Mapper, value, zone: dict) -> str:
    """The record's name as the spec writes it: '@', a name relative to the zone, or a full name in it."""
    parts = list(value.parts) if isinstance(value, Text) else []
    while parts and isinstance(parts[-1], str) and not parts[-1].strip("."):
        parts.pop()  # the trailing dot of a fully qualified name
    if parts and isinstance(parts[-1], Unknown) and "unknown" in zone:
        # a name ending in something the template cannot know, in a zone it cannot know: the zone's name
        prefix = "".join(p if isinstance(p, str) else kebab(m.label(p)) for p in parts[:-1]).strip(".")
        return prefix or "@"
    text = m.text(value)
    if text is None:
        return kebab(m.label(value))[:253] if value is not None else "@"
    text = text.rstrip(".").lower()
    if text == zone["name"]:
        return "@"
    return text if text.endswith("." + zone["name"]) else text[:253]


def _health_check(m: Mapper, check: Resource, checks: dict) -> str | None:
    if m.key(check) in checks:
        return checks[m.key(check)]["id"]
    config = check.properties.get("HealthCheckConfig")
    config = config if isinstance(config, dict) else {}
    target = _component_behind(m, config.get("FullyQualifiedDomainName")) or _component_behind(m, config.get("IPAddress"))
    m.fold(check)
    if not target:
        m.draft.note(m.origin(check), f"health check {check.logical_id} probes something outside the spec: not modelled")
        return None
    out: dict = {"id": kebab(check.logical_id), "target": target}
    protocol = str(m.text(config.get("Type")) or "").split("_")[0]
    if protocol in ("HTTP", "HTTPS", "TCP"):
        out["protocol"] = protocol
    if m.text(config.get("ResourcePath")):
        out["path"] = m.text(config.get("ResourcePath"))
    interval = m.integer(check, "HealthCheckConfig", config.get("RequestInterval"))
    if interval in (10, 30):
        out["interval"] = interval
    threshold = m.integer(check, "HealthCheckConfig", config.get("FailureThreshold"))
    if threshold is not None and 1 <= threshold <= 10:
        out["failure_threshold"] = threshold
    checks[m.key(check)] = out
    return out["id"]


def _component_behind(m: Mapper, value) -> str | None:
    """The component a DNS value names: directly, or an instance through its Elastic IP."""
    for resource in m.targets(value):
        found = m.component_id(resource)
        if found:
            return found
        if resource.type == "AWS::EC2::EIP":
            instance = m.target(resource.properties.get("InstanceId"))
            for association in m.of_type("AWS::EC2::EIPAssociation"):
                eip = m.target(association.properties.get("EIP")) or m.target(association.properties.get("AllocationId"))
                if eip is resource:
                    instance = m.target(association.properties.get("InstanceId")) or instance
            if m.component_id(instance):
                return m.component_id(instance)
    return None
