"""AG101 compute-single-az: an Auto Scaling group, ECS service or EC2 fleet confined to one AZ.

What it flags
-------------
An ``autoscaling`` group, an ``ecs`` service, or an ``ec2`` component with two or more
instances whose subnets (or ``azs``) are all in one Availability Zone. A single EC2 instance
is AG102's business; Lambda functions in a VPC are AG109's.

Why it matters
--------------
An AZ is the unit AWS designs to fail independently. A fleet in one AZ goes down with it,
however many instances it has. EC2 Auto Scaling rebalances only across the AZs it is given.
checkov has no such check; prowler, Security Hub AutoScaling.2 and Trusted Advisor do.

Failing spec
------------

```yaml
version: 1
name: web-one-az
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
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a], min: 2, max: 4, health_check_type: ELB}
connections:
  - {from: visitors, to: alb}
  - {from: alb, to: web}
```

Expected finding: AG101 at line 18 on web

Passing spec
------------

```yaml
version: 1
name: web-two-azs
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
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4, health_check_type: ELB}
connections:
  - {from: visitors, to: alb}
  - {from: alb, to: web}
```

Fix
---
Give the group subnets in at least two AZs (``subnets: [app-a, app-b]``), with at least one
instance per AZ (``min`` ≥ number of AZs).

Source
------
AWS Well-Architected Reliability Pillar REL10-BP01 "Deploy the workload to multiple locations";
Amazon EC2 Auto Scaling User Guide, "Use multiple Availability Zones" —
https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone.html
"""

from __future__ import annotations

from archgen import catalogue
from archgen import model as m
from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG101", name="compute-single-az", severity="error",
    summary="Auto Scaling group, ECS service or EC2 fleet placed in a single AZ",
    source="Amazon EC2 Auto Scaling User Guide, Use multiple Availability Zones — "
           "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone.html",
)



def check(ctx):
    for c in ctx.of_class(m.ScalingGroup, m.Ec2Instances):
        if isinstance(c, m.Ec2Instances) and c.count < 2:
            continue
        if len(c.azs) >= 2:
            continue
        yield RULE.finding(
            f"{'EC2 fleet' if isinstance(c, m.Ec2Instances) else catalogue.title(c.type)} '{c.id}' runs only in {az_list(c.azs)}: losing that AZ stops all of it",
            [c.id], location=c.location,
            fix="place it in subnets of at least two AZs, with at least one instance in each",
            details={"azs": list(c.azs)})
