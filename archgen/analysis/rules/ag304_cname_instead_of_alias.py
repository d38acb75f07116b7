"""AG304 cname-instead-of-alias: a CNAME where a Route 53 alias record belongs.

What it flags
-------------
A ``CNAME`` record that points at an AWS resource an alias can target (a CloudFront
distribution, load balancer, S3 website bucket or API Gateway API of the spec), or at a
name inside the same hosted zone.

A CNAME **at the zone apex** is not this rule's business: DNS forbids it (RFC 1034 §3.6.2:
a CNAME cannot coexist with the apex's SOA and NS records), so the spec layer rejects it as
invalid (``archgen validate`` → "a CNAME record cannot be at the zone apex") before any
analysis runs. This rule catches the legal-but-worse cases below the apex.

Why it matters
--------------
An alias answers in one lookup with the target's current addresses, is free to query,
follows the target's own TTL and can ``evaluate_target_health`` — so a failover or latency
record can route around an unhealthy load balancer. A CNAME can do none of that: it adds a
second lookup and a second TTL, and Route 53 cannot see the health of what it names.

Failing spec
------------

```yaml
version: 1
name: cname-to-cdn
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: visitors, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: "@", type: A, alias: true, target: cdn}
      - {name: www, type: CNAME, target: cdn, ttl: 900}
  - {id: cdn, type: cloudfront}
  - {id: site, type: s3, region: us-east-1, website: true}
connections:
  - {from: visitors, to: dns}
  - {from: dns, to: cdn}
  - {from: cdn, to: site}
```

Expected finding: AG304 at line 12 on dns, cdn

Passing spec
------------

```yaml
version: 1
name: alias-to-cdn
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: visitors, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: "@", type: A, alias: true, target: cdn}
      - {name: www, type: A, alias: true, target: cdn}
      - {name: docs, type: CNAME, value: example.readthedocs.io, ttl: 300}
  - {id: cdn, type: cloudfront}
  - {id: site, type: s3, region: us-east-1, website: true}
connections:
  - {from: visitors, to: dns}
  - {from: dns, to: cdn}
  - {from: cdn, to: site}
```

Fix
---
Replace the CNAME with an alias A (and AAAA) record to the same target
(``alias: true, target: <component>``).

Source
------
Amazon Route 53 Developer Guide, "Choosing between alias and non-alias records" —
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG304", name="cname-instead-of-alias", severity="info",
    summary="CNAME to an AWS resource or a name in the same zone where an alias record belongs "
            "(a CNAME at the apex is a validation error)",
    source="Amazon Route 53 Developer Guide, Choosing between alias and non-alias records — "
           "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
)

ALIAS_TARGETS = (m.CloudFront, m.LoadBalancer, m.ApiGateway)  # and S3 buckets with website hosting


def _aliasable(spec, component_id) -> bool:
    c = spec.get(component_id)
    if c is None:
        return False
    return isinstance(c, ALIAS_TARGETS) or (isinstance(c, m.S3Bucket) and c.website)


def check(ctx):
    spec = ctx.spec
    for zone in ctx.of_class(m.Route53Zone):
        for record in zone.records:
            if record.type != "CNAME":
                continue
            value = (record.value or "").rstrip(".").lower()
            if record.target and _aliasable(spec, record.target):
                why = f"'{record.target}' is a {spec.component(record.target).type} an alias can point at"
            elif value and (value == zone.zone or value.endswith("." + zone.zone)):
                why = f"'{value}' is in the same hosted zone"
            else:
                continue
            yield RULE.finding(
                f"CNAME {record.name} → {record.target or value}: {why}; an alias record would answer in one lookup "
                "and can evaluate target health", [zone.id] + ([record.target] if record.target else []),
                location=record.location, fix="use an alias A/AAAA record (alias: true, target: ...)")
