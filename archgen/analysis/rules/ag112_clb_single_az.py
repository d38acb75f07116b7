"""AG112 clb-single-az: a Classic Load Balancer enabled in one Availability Zone.

What it flags
-------------
A ``clb`` whose subnets (or ``azs``) cover a single Availability Zone. A Classic Load
Balancer accepts one AZ (an Application Load Balancer refuses it; AG103 judges ALBs and NLBs).

Why it matters
--------------
The load balancer has a node only in the AZs it is enabled in: in one AZ, the entry point of
the tier fails with that AZ, however many instances run elsewhere — and instances in other
AZs get no traffic from it at all. The Elastic Load Balancing SLA is 99.99% for a load
balancer in two or more AZs and 99.9% for one in a single AZ.

Failing spec
------------

```yaml
version: 1
name: clb-one-az
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
components:
  - {id: clients, type: users}
  - {id: lb, type: clb, subnets: [public-a], cross_zone: true, health_check: {protocol: TCP}}
  - {id: web, type: ec2, subnets: [app-a], count: 2}
connections:
  - {from: clients, to: lb}
  - {from: lb, to: web}
```

Expected finding: AG112 at line 15 on lb

Passing spec
------------

```yaml
version: 1
name: clb-two-azs
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
  - {id: lb, type: clb, subnets: [public-a, public-b], cross_zone: true, health_check: {protocol: TCP}}
  - {id: web, type: ec2, subnets: [app-a, app-b], count: 2}
connections:
  - {from: clients, to: lb}
  - {from: lb, to: web}
```

Fix
---
Enable the load balancer in a second AZ (a subnet there; CloudFormation ``Subnets`` or
``AvailabilityZones``) and run instances in it.

Source
------
Elastic Load Balancing, Classic Load Balancers, "Add or remove Availability Zones for your
Classic Load Balancer" — https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-az.html ;
Elastic Load Balancing SLA — https://aws.amazon.com/elasticloadbalancing/sla/
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.clb import ClassicLoadBalancer

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG112", name="clb-single-az", severity="error",
    summary="Classic Load Balancer enabled in one AZ",
    source="Elastic Load Balancing, Classic Load Balancers, Add or remove Availability Zones — "
           "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-az.html",
)


def check(ctx):
    for lb in ctx.of_class(ClassicLoadBalancer):
        if len(lb.azs) >= 2:
            continue
        yield RULE.finding(
            f"Classic Load Balancer '{lb.id}' is enabled in {az_list(lb.azs)} only: the tier's entry point fails with "
            "that AZ (ELB SLA 99.9% instead of 99.99%)",
            [lb.id], location=lb.location, fix="give it a subnet in a second AZ and run instances there",
            details={"azs": list(lb.azs)})
