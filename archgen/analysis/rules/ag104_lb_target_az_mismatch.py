"""AG104 lb-target-az-mismatch: load-balancer AZs and target AZs do not match.

What it flags
-------------
Either side of the mismatch between a load balancer and the zonal targets it sends requests to
(EC2, Auto Scaling groups, ECS services, VPC Lambda functions):

* an AZ the load balancer is enabled in where none of its targets run — an error when
  cross-zone load balancing is off, because that AZ's load-balancer node has nowhere to send
  its share of the traffic;
* an AZ where targets run but the load balancer is not enabled: those targets never receive
  traffic, and the capacity you count on after losing an AZ is not there.

Why it matters
--------------
Each load-balancer node serves the clients DNS sends to it. Only Trusted Advisor checks this,
at run time, after the fact; here it is caught in the design.

Failing spec
------------

```yaml
version: 1
name: lb-az-mismatch
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: public-b, az: us-east-1b, kind: public}
        - {id: public-c, az: us-east-1c, kind: public}
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: clients, type: users}
  - {id: nlb, type: nlb, subnets: [public-a, public-b, public-c], health_check: {protocol: TCP}}
  - {id: api, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 6, health_check_type: ELB}
connections:
  - {from: clients, to: nlb}
  - {from: nlb, to: api}
```

Expected finding: AG104 at line 18 on nlb, api

Passing spec
------------

```yaml
version: 1
name: lb-az-match
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
  - {id: api, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 6, health_check_type: ELB}
connections:
  - {from: clients, to: nlb}
  - {from: nlb, to: api}
```

Fix
---
Enable the load balancer in exactly the AZs its targets run in, or add targets in the AZs
that have none.

Source
------
Elastic Load Balancing User Guide, "Availability Zones and load balancer nodes" and
"Cross-zone load balancing" —
https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.redundancy import az_list, is_zonal, load_balancer_targets
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG104", name="lb-target-az-mismatch", severity="warning",
    summary="load-balancer AZ without targets, or targets in an AZ the load balancer does not serve",
    source="Elastic Load Balancing User Guide, How Elastic Load Balancing works — "
           "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html",
)


def check(ctx):
    spec = ctx.spec
    for lb in ctx.of_class(m.LoadBalancer):
        targets = [t for t in load_balancer_targets(spec, lb) if is_zonal(t)]
        if not targets or not lb.azs:
            continue
        target_azs = {az for t in targets for az in t.azs}
        empty = [az for az in lb.azs if az not in target_azs]
        if empty:
            severity = "error" if not lb.cross_zone else None
            effect = ("with cross-zone load balancing off, requests reaching those nodes fail"
                      if not lb.cross_zone else "its nodes there forward every request across AZs")
            yield RULE.finding(
                f"load balancer '{lb.id}' is enabled in {az_list(empty)} where none of its targets run: {effect}",
                [lb.id, *sorted(t.id for t in targets)], location=lb.location, severity=severity,
                fix=f"add targets in {az_list(empty)} or remove those AZs from the load balancer",
                details={"lb_azs": list(lb.azs), "target_azs": sorted(target_azs), "azs_without_targets": empty})
        for t in targets:
            unserved = [az for az in t.azs if az not in lb.azs]
            if unserved:
                yield RULE.finding(
                    f"'{t.id}' runs in {az_list(unserved)} but load balancer '{lb.id}' is not enabled there: "
                    "those instances get no traffic",
                    [lb.id, t.id], location=t.location,
                    fix=f"enable '{lb.id}' in {az_list(unserved)} (a subnet per AZ)",
                    details={"lb_azs": list(lb.azs), "target_azs": list(t.azs), "azs_not_served": unserved})
