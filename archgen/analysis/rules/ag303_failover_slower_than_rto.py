"""AG303 failover-slower-than-rto: DNS failover takes longer than the RTO, or the TTL is long.

What it flags
-------------
A health-checked Route 53 record in a failover, latency, weighted or geolocation set whose failover time
exceeds ``objectives.rto`` (an error), or whose TTL is above 60 seconds (a warning). The
failover time is **derived**, not published by AWS: health-check interval × failure
threshold (time to declare the endpoint unhealthy) + TTL (time resolvers keep the old
answer). Alias records use their target's TTL: 60 s for load balancers and S3 websites.

Why it matters
--------------
Clients keep resolving to the failed endpoint until their cached answer expires. Route 53
recommends a TTL of 60 seconds or less for failover records; a 1-hour TTL on a failover
pair makes a 5-minute RTO impossible whatever else is automated.

Failing spec
------------

```yaml
version: 1
name: slow-failover
objectives: {rto: 2m, survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: CNAME, value: api-east.example.net, ttl: 300, routing: failover, failover: primary, health_check: east}
      - {name: api, type: CNAME, value: api-west.example.net, ttl: 300, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: api-east, interval: 30, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
```

Expected finding: AG303 at line 13 on dns

Passing spec
------------

```yaml
version: 1
name: fast-failover
objectives: {rto: 2m, survive: region}
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
      - {id: east, target: api-east, interval: 10, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
```

Fix
---
Use alias records (60 s) or a TTL of 60 s or less, fast health checks (10 s interval) and a
failure threshold that fits: interval × threshold + TTL must stay inside the RTO.

Source
------
Amazon Route 53 Developer Guide, "Best practices for Amazon Route 53 DNS" (TTL for failover)
and "Values that you specify when you create or update health checks" —
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-dns.html ;
Route 53 FAQ (alias records to ELB use a 60-second TTL)
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.route53 import FAILS_OVER, record_detection, record_switch, record_ttl
from archgen.formatting import duration

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG303", name="failover-slower-than-rto", severity="error",
    summary="DNS failover time (health check interval × threshold + TTL, derived) above the RTO, or TTL > 60 s",
    source="Amazon Route 53 Developer Guide, Best practices for DNS — "
           "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-dns.html",
)

MAX_FAILOVER_TTL_S = 60  # Route 53 recommends 60 s or less for records behind health checks


def check(ctx):
    spec = ctx.spec
    rto = spec.objectives.rto_s
    for zone in ctx.of_class(m.Route53Zone):
        for record in zone.records:
            if record.routing not in FAILS_OVER:
                continue
            detection = record_detection(spec, zone, record)
            if detection is None or detection.seconds is None:
                continue  # no health check: AG301's business
            ttl = record_ttl(record)
            seconds = detection.seconds + record_switch(record).seconds
            formula = f"{detection.how} + TTL {ttl:g} s = {seconds:g} s (derived)"
            components = [zone.id] + ([record.target] if record.target else [])
            details = {"detection_seconds": detection.seconds, "ttl_seconds": ttl, "failover_seconds": seconds,
                       "rto_seconds": rto, "formula": formula, "derived": True}
            if rto is not None and seconds > rto:
                yield RULE.finding(
                    f"{record.name} {record.type} fails over in about {duration(seconds)} ({formula}), "
                    f"longer than the RTO of {duration(rto)}", components, location=record.location,
                    fix="use a 10 s health-check interval, a lower failure threshold and a TTL of 60 s or less",
                    details=details)
            elif not record.alias and ttl > MAX_FAILOVER_TTL_S:
                yield RULE.finding(
                    f"{record.name} {record.type} has a {ttl:g} s TTL: resolvers keep the failed answer "
                    f"that long (Route 53 recommends 60 s or less for failover)", components,
                    location=record.location, severity="warning", fix="set ttl: 60 or use an alias record",
                    details=details)
