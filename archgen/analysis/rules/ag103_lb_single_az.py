"""AG103 lb-single-az: a load balancer enabled in fewer than two AZs.

What it flags
-------------
An ``alb`` or ``nlb`` whose subnets (or ``azs``) cover a single Availability Zone (a ``clb``:
AG112).

Why it matters
--------------
A load balancer has a node in each AZ it is enabled in; with one AZ, the entry point of the
tier goes down with that AZ, whatever runs behind it. An Application Load Balancer requires
subnets in at least two AZs; a Network Load Balancer accepts one, silently. The ELB SLA is
99.99% for a load balancer in two or more AZs and 99.9% otherwise. prowler and the AWS Config
rule ``elbv2-multiple-az`` check it.

Failing spec
------------

```yaml
version: 1
name: nlb-one-az
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: clients, type: users}
  - {id: nlb, type: nlb, subnets: [public-a], cross_zone: true, health_check: {protocol: TCP}}
  - {id: api, type: ecs, subnets: [app-a, app-b], desired: 2, health_check: true}
connections:
  - {from: clients, to: nlb}
  - {from: nlb, to: api}
```

Expected finding: AG103 at line 16 on nlb

Passing spec
------------

```yaml
version: 1
name: nlb-two-azs
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
  - {id: clients, type: users}
  - {id: nlb, type: nlb, subnets: [public-a, public-b], cross_zone: true, health_check: {protocol: TCP}}
  - {id: api, type: ecs, subnets: [app-a, app-b], desired: 2, health_check: true}
connections:
  - {from: clients, to: nlb}
  - {from: nlb, to: api}
```

Fix
---
Enable the load balancer in every AZ its targets run in (one subnet per AZ).

Source
------
Elastic Load Balancing User Guide, "Availability Zones and load balancer nodes" —
https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html ;
Elastic Load Balancing SLA — https://aws.amazon.com/elasticloadbalancing/sla/
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG103", name="lb-single-az", severity="error",
    summary="load balancer enabled in fewer than two AZs",
    source="Elastic Load Balancing User Guide, How Elastic Load Balancing works — "
           "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html",
)


def check(ctx):
    for lb in ctx.of_class(m.ApplicationLoadBalancer, m.NetworkLoadBalancer):  # Classic: AG112
        if len(lb.azs) >= 2:
            continue
        note = " (an ALB requires two)" if isinstance(lb, m.ApplicationLoadBalancer) else ""
        yield RULE.finding(
            f"load balancer '{lb.id}' is enabled in {az_list(lb.azs)} only{note}: the tier's entry point fails with that AZ",
            [lb.id], location=lb.location, fix="give it a subnet in each AZ its targets run in",
            details={"azs": list(lb.azs)})
