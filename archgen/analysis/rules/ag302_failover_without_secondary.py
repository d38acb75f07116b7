"""AG302 failover-without-secondary: a Route 53 failover record with no partner.

What it flags
-------------
A record with ``routing: failover`` whose name and type have a primary but no secondary, or a
secondary but no primary.

Why it matters
--------------
A failover primary alone behaves like a simple record that can also return nothing: when
its health check fails, Route 53 has no other answer. A lone secondary is never used while
nothing is primary. Only Trusted Advisor checks this, at run time.

Failing spec
------------

```yaml
version: 1
name: half-pair
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: public-b, az: us-east-1b, kind: public}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: www, type: A, alias: true, target: alb, routing: failover, failover: primary, evaluate_target_health: true}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: alb}
```

Expected finding: AG302 at line 19 on dns, alb

Passing spec
------------

```yaml
version: 1
name: full-pair
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: public-b, az: us-east-1b, kind: public}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: www, type: A, alias: true, target: alb, routing: failover, failover: primary, evaluate_target_health: true}
      - {name: www, type: A, alias: true, target: maintenance, routing: failover, failover: secondary}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: maintenance, type: s3, region: us-east-1, website: true}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: alb}
  - {from: dns, to: maintenance}
```

Fix
---
Add the missing half of the pair: a secondary that serves from another Region (or at least
a static maintenance page from S3).

Source
------
Amazon Route 53 Developer Guide, "Failover routing" —
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-failover.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG302", name="failover-without-secondary", severity="error",
    summary="Route 53 failover record without its secondary (or primary)",
    source="Amazon Route 53 Developer Guide, Failover routing — "
           "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-failover.html",
)


def check(ctx):
    for zone in ctx.of_class(m.Route53Zone):
        pairs: dict[tuple[str, str], dict[str, object]] = {}
        for record in zone.records:
            if record.routing == "failover" and record.failover:
                pairs.setdefault((record.name, record.type), {})[record.failover] = record
        for (name, rtype), roles in pairs.items():
            for have, missing in (("primary", "secondary"), ("secondary", "primary")):
                if have in roles and missing not in roles:
                    record = roles[have]
                    yield RULE.finding(
                        f"failover record {name} {rtype} has a {have} but no {missing}: "
                        + ("when the primary fails Route 53 has nothing else to answer" if have == "primary"
                           else "the secondary is never used"),
                        [zone.id] + ([record.target] if record.target else []), location=record.location,
                        fix=f"add the {missing} record of the pair")
