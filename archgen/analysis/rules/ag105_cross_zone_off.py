"""AG105 cross-zone-off: cross-zone load balancing is turned off.

What it flags
-------------
An ``nlb`` with cross-zone load balancing off (its default) or an ``alb`` whose target group
turns it off (``cross_zone: false``; it is always on at the ALB level). Both load-balancer
types are judged, unlike checkov's NLB check that answers "unknown" for ALBs (a ``clb``: AG111).

Why it matters
--------------
With cross-zone off, each load-balancer node sends only to targets in its own AZ. Clients are
spread evenly over the nodes by DNS, so an AZ with fewer healthy targets — after an instance
failure, during a deployment, or when the fleet is spread unevenly — overloads them while
the other AZs idle. checkov CKV_AWS_152 checks the NLB setting.

Failing spec
------------

```yaml
version: 1
name: nlb-cross-zone-off
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
  - {id: nlb, type: nlb, subnets: [public-a, public-b], health_check: {protocol: TCP}}
  - {id: api, type: autoscaling, subnets: [app-a, app-b], min: 3, max: 6, health_check_type: ELB}
connections:
  - {from: clients, to: nlb}
  - {from: nlb, to: api}
```

Expected finding: AG105 at line 17 on nlb

Passing spec
------------

```yaml
version: 1
name: nlb-cross-zone-on
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
  - {id: api, type: autoscaling, subnets: [app-a, app-b], min: 3, max: 6, health_check_type: ELB}
connections:
  - {from: clients, to: nlb}
  - {from: nlb, to: api}
```

Fix
---
Set ``cross_zone: true`` (NLB attribute ``load_balancing.cross_zone.enabled``; for an ALB,
leave the target-group setting at its default). NLB cross-zone traffic is billed as
inter-AZ data transfer.

Source
------
Elastic Load Balancing User Guide, "Cross-zone load balancing" —
https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import cross_zone_consequence, targets_per_az

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG105", name="cross-zone-off", severity="warning",
    summary="cross-zone load balancing turned off (NLB default, or an ALB target group)",
    source="Elastic Load Balancing User Guide, Cross-zone load balancing — "
           "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html",
)


def check(ctx):
    for lb in ctx.of_class(m.ApplicationLoadBalancer, m.NetworkLoadBalancer):  # Classic: AG111
        if lb.cross_zone:
            continue
        per_az = targets_per_az(ctx.spec, lb)
        where = "turned off in its target group" if isinstance(lb, m.ApplicationLoadBalancer) else "off by default on an NLB"
        yield RULE.finding(
            f"cross-zone load balancing is off for '{lb.id}' ({where}): each node sends only to its own AZ"
            f"{cross_zone_consequence(per_az)}",
            [lb.id], location=lb.location, fix="set cross_zone: true",
            details={"targets_per_az": per_az})
