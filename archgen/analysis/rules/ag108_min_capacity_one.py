"""AG108 min-capacity-one: an Auto Scaling group or ECS service that can run on one instance.

What it flags
-------------
An ``autoscaling`` group or ``ecs`` service that receives requests (a connection or a DNS
record points at it) and whose ``desired`` or ``min`` count is 1 or less.

Why it matters
--------------
The group replaces a failed instance or task, but replacing is not failing over: while the
new one launches, boots and passes its health checks — minutes — nothing serves. With
``min: 1`` the group also scales *in* to one instance when traffic is low, which is exactly
when nobody watches. Trusted Advisor flags ECS services with one task; the corpus templates
``jenkins2-ha`` (MinSize 1 / MaxSize 1) and the ECS ``EC2LaunchType`` cluster (MinSize 1)
have this shape.

Failing spec
------------

```yaml
version: 1
name: one-task
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
  - {id: team, type: users}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /login}}
  - {id: jenkins, type: autoscaling, subnets: [app-a, app-b], min: 1, max: 1, health_check_type: ELB}
connections:
  - {from: team, to: alb}
  - {from: alb, to: jenkins}
```

Expected finding: AG108 at line 18 on jenkins

Passing spec
------------

```yaml
version: 1
name: two-tasks
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
  - {id: team, type: users}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: api, type: ecs, subnets: [app-a, app-b], min: 2, desired: 2, max: 6, health_check: true}
connections:
  - {from: team, to: alb}
  - {from: alb, to: api}
```

Fix
---
Set ``min`` (and ``desired``) to at least 2 — at least one per AZ — so a failure leaves a
running instance while the replacement starts.

Source
------
AWS Well-Architected Reliability Pillar REL10-BP01/REL11-BP01; Amazon ECS Developer Guide,
"Service load balancing" (run at least two tasks across AZs) —
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html
"""

from __future__ import annotations

from archgen import catalogue, model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import serves_requests

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG108", name="min-capacity-one", severity="warning",
    summary="Auto Scaling group or ECS service that serves requests with min or desired count 1",
    source="AWS Well-Architected Reliability Pillar REL11-BP01; Amazon ECS Developer Guide — "
           "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html",
)


def check(ctx):
    for group in ctx.of_class(m.ScalingGroup):
        if not serves_requests(ctx, group):
            continue
        low = min(group.min, group.desired)
        if low > 1:
            continue
        what = catalogue.get(group.type).instance_noun + "s"
        yield RULE.finding(
            f"'{group.id}' can run on {low} of its {what} (min {group.min}, desired {group.desired}): a failure "
            "leaves nothing serving until a replacement launches",
            [group.id], location=group.location, fix="set min and desired to at least 2 (one per AZ)",
            details={"min": group.min, "desired": group.desired, "max": group.max})
