"""AG301 dns-record-without-health-check: a Route 53 record that cannot route around a failure.

What it flags
-------------
* a failover **primary** record with neither a ``health_check`` nor, for an alias,
  ``evaluate_target_health: true`` (an error: Route 53 then never fails over);
* a record in a latency, weighted or geolocation set (two or more records of one name and
  type) with neither (a warning: Route 53 keeps answering with the failed endpoint). The
  availability estimate and the Region-loss simulation agree: such a target is no alternative
  to the others, and losing it cuts the requests routed to it.

Why it matters
--------------
Route 53 routes away from an endpoint only when it knows the endpoint is unhealthy. A
failover pair without a health check on its primary looks resilient in review and fails
over never. Only Trusted Advisor checks this, and only on deployed records.

Failing spec
------------

```yaml
version: 1
name: failover-blind
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: failover, failover: primary}
      - {name: api, type: A, alias: true, target: api-west, routing: failover, failover: secondary}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
```

Expected finding: AG301 at line 12 on dns, api-east

Passing spec
------------

```yaml
version: 1
name: failover-checked
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: failover, failover: primary, health_check: east}
      - {name: api, type: A, alias: true, target: api-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: api-east, protocol: HTTPS, path: /health, interval: 10, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
```

Fix
---
Attach a Route 53 health check that probes an endpoint exercising the application (or, for
an alias to a load balancer, set ``evaluate_target_health: true``).

Source
------
Amazon Route 53 Developer Guide, "Configuring DNS failover" and "How health checks work in
simple Amazon Route 53 configurations" —
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG301", name="dns-record-without-health-check", severity="error",
    summary="Route 53 failover primary (or latency/weighted record) without a health check",
    source="Amazon Route 53 Developer Guide, Configuring DNS failover — "
           "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-configuring.html",
)


def _checked(record) -> bool:
    return record.health_check is not None or (record.alias and record.evaluate_target_health)


def check(ctx):
    for zone in ctx.of_class(m.Route53Zone):
        sets: dict[tuple[str, str], list] = {}
        for record in zone.records:
            sets.setdefault((record.name, record.type), []).append(record)
        for record in zone.records:
            if _checked(record):
                continue
            components = [zone.id] + ([record.target] if record.target else [])
            if record.routing == "failover" and record.failover == "primary":
                yield RULE.finding(
                    f"failover primary {record.name} {record.type} has no health check: Route 53 never fails over "
                    "to the secondary", components, location=record.location,
                    fix="add health_check (or evaluate_target_health: true on an alias to a load balancer)")
            elif record.routing in ("latency", "weighted", "geolocation") and len(sets[(record.name, record.type)]) > 1:
                yield RULE.finding(
                    f"{record.routing} record {record.name} {record.type} → {record.target or record.value} has no "
                    "health check: Route 53 keeps sending its share to a failed endpoint", components,
                    location=record.location, severity="warning",
                    fix="add health_check (or evaluate_target_health: true on an alias)")
