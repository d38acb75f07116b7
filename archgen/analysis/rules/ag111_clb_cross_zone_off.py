"""AG111 clb-cross-zone-off: a Classic Load Balancer with cross-zone load balancing off.

What it flags
-------------
A ``clb`` without ``cross_zone: true``. Unlike the console, CloudFormation (``CrossZone``), the
API and the CLI create a Classic Load Balancer with cross-zone load balancing off, so a
template that does not set it gets it off.

Why it matters
--------------
With cross-zone off, each load-balancer node sends only to the registered instances in its
own AZ, while DNS spreads clients evenly over the nodes. An AZ with fewer healthy instances —
after a failure, during a deployment, or because the group is spread unevenly — gets the same
share of requests as the others and overloads. With it on, every node spreads requests over
all registered instances in every enabled AZ (no inter-AZ data charge on a Classic Load
Balancer).

Failing spec
------------

```yaml
version: 1
name: clb-cross-zone-off
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
  - {id: lb, type: clb, subnets: [public-a, public-b], health_check: {protocol: HTTP, path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 3, max: 6, health_check_type: ELB}
connections:
  - {from: clients, to: lb}
  - {from: lb, to: web}
```

Expected finding: AG111 at line 17 on lb

Passing spec
------------

```yaml
version: 1
name: clb-cross-zone-on
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
  - {id: lb, type: clb, subnets: [public-a, public-b], cross_zone: true, health_check: {protocol: HTTP, path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 3, max: 6, health_check_type: ELB}
connections:
  - {from: clients, to: lb}
  - {from: lb, to: web}
```

Fix
---
Set ``cross_zone: true`` (CloudFormation ``CrossZone: true``; Terraform ``cross_zone_load_balancing
= true`` on ``aws_elb``), or move to an Application or Network Load Balancer.

Source
------
Elastic Load Balancing, Classic Load Balancers, "Configure cross-zone load balancing for your
Classic Load Balancer" —
https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import cross_zone_consequence, targets_per_az
from archgen.catalogue.components.clb import ClassicLoadBalancer

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG111", name="clb-cross-zone-off", severity="warning",
    summary="Classic Load Balancer with cross-zone load balancing off (the CloudFormation, API and CLI default)",
    source="Elastic Load Balancing, Classic Load Balancers, Configure cross-zone load balancing — "
           "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html",
)


def check(ctx):
    for lb in ctx.of_class(ClassicLoadBalancer):
        if lb.cross_zone:
            continue
        per_az = targets_per_az(ctx.spec, lb)
        yield RULE.finding(
            f"cross-zone load balancing is off for Classic Load Balancer '{lb.id}' (off unless set in CloudFormation, "
            f"the API and the CLI): each node sends only to its own AZ{cross_zone_consequence(per_az)}",
            [lb.id], location=lb.location, fix="set cross_zone: true",
            details={"targets_per_az": per_az})
