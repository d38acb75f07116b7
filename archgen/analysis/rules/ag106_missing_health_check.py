"""AG106 missing-health-check: failed instances keep getting traffic, or are never replaced.

What it flags
-------------
* a load balancer without a ``health_check`` (target-group health check left to defaults:
  HTTP on ``/`` of the traffic port, which rarely proves the application works);
* an Auto Scaling group behind a load balancer with ``health_check_type: EC2`` (the group
  replaces an instance only when EC2 status checks fail, not when the application hangs);
* an ECS service that serves requests without ``health_check: true`` (no container or
  load-balancer health check, so a hung task is neither replaced nor taken out).

Why it matters
--------------
Redundancy only helps if failures are noticed. Without a meaningful health check a broken
instance keeps receiving its share of requests. checkov CKV_AWS_261 (target-group health
check) and CKV2_AWS_15 (ASG with ELB health checks) check parts of this.

Failing spec
------------

```yaml
version: 1
name: asg-ec2-health
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
  - {id: visitors, type: users}
  - {id: elb, type: alb, subnets: [public-a, public-b]}
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4}
connections:
  - {from: visitors, to: elb}
  - {from: elb, to: web}
```

Expected finding: AG106 at line 17 on elb
Expected finding: AG106 at line 18 on web

Passing spec
------------

```yaml
version: 1
name: asg-elb-health
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
  - {id: visitors, type: users}
  - id: elb
    type: alb
    subnets: [public-a, public-b]
    health_check: {protocol: HTTP, path: /health, interval: 15s, unhealthy_threshold: 2}
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4, health_check_type: ELB}
connections:
  - {from: visitors, to: elb}
  - {from: elb, to: web}
```

Fix
---
Give each load balancer a health check on a path that exercises the application
(``/health``), set ``health_check_type: ELB`` on Auto Scaling groups behind a load
balancer, and ``health_check: true`` on ECS services.

Source
------
Amazon EC2 Auto Scaling User Guide, "Health checks for instances in an Auto Scaling group" —
https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html ;
Elastic Load Balancing, "Health checks for your target groups"
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import load_balancers_in_front, serves_requests

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG106", name="missing-health-check", severity="warning",
    summary="load balancer, Auto Scaling group or ECS service without a meaningful health check",
    source="Amazon EC2 Auto Scaling User Guide, Health checks — "
           "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html",
)


def check(ctx):
    spec = ctx.spec
    for lb in ctx.of_class(m.LoadBalancer):
        if lb.health_check is None:
            yield RULE.finding(
                f"load balancer '{lb.id}' has no health check of its own: the default probes '/' and may pass "
                "while the application is broken", [lb.id], location=lb.location,
                fix="add health_check with a path that exercises the application, e.g. /health")
    for group in ctx.of_class(m.AutoScalingGroup):
        in_front = load_balancers_in_front(spec, group)
        if in_front and group.health_check_type == "EC2":
            yield RULE.finding(
                f"Auto Scaling group '{group.id}' behind '{in_front[0].id}' uses EC2 health checks only: "
                "an instance whose application hangs is never replaced", [group.id], location=group.location,
                fix="set health_check_type: ELB")
    for service in ctx.of_class(m.EcsService):
        if serves_requests(ctx, service) and not service.health_check:
            yield RULE.finding(
                f"ECS service '{service.id}' has no container or load-balancer health check: a hung task keeps "
                "its share of requests", [service.id], location=service.location, fix="set health_check: true")
