"""AG305 dns-to-single-instance: a DNS record that points at one EC2 instance's address.

What it flags
-------------
A non-alias ``A``/``AAAA`` record whose ``target`` is an ``ec2`` component (typically its
Elastic IP).

Why it matters
--------------
The record holds one address of one instance in one AZ. Nothing behind it can take over:
when the instance or its AZ fails, the name resolves to an address that no longer answers,
and moving the Elastic IP or editing the record is manual work, slowed further by the TTL.
The corpus template ``EIP_With_Association`` is this design.

Failing spec
------------

```yaml
version: 1
name: eip-record
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
components:
  - {id: readers, type: users}
  - id: dns
    type: route53
    zone: blog.example.com
    records:
      - {name: "@", type: A, target: server, ttl: 3600}
  - {id: server, type: ec2, subnets: [public-a], elastic_ip: true}
connections:
  - {from: readers, to: dns}
  - {from: dns, to: server}
```

Expected finding: AG305 at line 18 on dns, server

Passing spec
------------

```yaml
version: 1
name: alias-record
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
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: readers, type: users}
  - id: dns
    type: route53
    zone: blog.example.com
    records:
      - {name: "@", type: A, alias: true, target: alb, evaluate_target_health: true}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: servers, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4, health_check_type: ELB}
connections:
  - {from: readers, to: dns}
  - {from: dns, to: alb}
  - {from: alb, to: servers}
```

Fix
---
Put the instances behind a load balancer in two AZs and point an alias record at it.

Source
------
Amazon Route 53 Developer Guide, "Routing traffic to an Amazon EC2 instance" —
https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-ec2-instance.html ;
Amazon EC2 User Guide, "Elastic IP addresses"
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG305", name="dns-to-single-instance", severity="error",
    summary="DNS A/AAAA record pointing at one EC2 instance's (Elastic) IP address",
    source="Amazon Route 53 Developer Guide, Routing traffic to an Amazon EC2 instance — "
           "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-to-ec2-instance.html",
)


def check(ctx):
    spec = ctx.spec
    for zone in ctx.of_class(m.Route53Zone):
        for record in zone.records:
            target = spec.get(record.target)
            if record.alias or record.type not in ("A", "AAAA") or not isinstance(target, m.Ec2Instances):
                continue
            address = "Elastic IP" if target.elastic_ip else "IP address"
            yield RULE.finding(
                f"{record.name} {record.type} points at the {address} of EC2 '{target.id}' in {az_list(target.azs)}: "
                "one instance in one AZ, and failing over means editing DNS by hand",
                [zone.id, target.id], location=record.location,
                fix="point an alias record at a load balancer in front of instances in two AZs",
                details={"ttl": record.ttl})
