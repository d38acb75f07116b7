"""AG102 single-instance: one EC2 instance that other components or DNS depend on.

What it flags
-------------
An ``ec2`` component with ``count: 1`` that receives requests: another component connects
to it, or a Route 53 record points at it. ``auto_recovery`` does not clear it: recovery
restarts the instance on new hardware in the same AZ, after an outage, and not at all when
the AZ is lost.

Why it matters
--------------
A single instance is down whenever it is: during an instance or host failure, a reboot for
maintenance, a bad deployment, or an AZ outage. The EC2 SLA for a single instance is 99.5%
(about 3.6 hours a month). No static tool flags it; Trusted Advisor infers it at run time.
Compare the corpus templates ``EIP_With_Association`` and ``WordPress_Single_Instance``.

Failing spec
------------

```yaml
version: 1
name: single-box
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
  - {id: visitors, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: "@", type: A, target: wordpress, ttl: 300}
  - {id: wordpress, type: ec2, subnets: [public-a], instance_type: t3.small, elastic_ip: true}
connections:
  - {from: visitors, to: dns}
  - {from: dns, to: wordpress}
```

Expected finding: AG102 at line 20 on wordpress

Passing spec
------------

```yaml
version: 1
name: fleet
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
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: "@", type: A, alias: true, target: alb}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: wordpress, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4, health_check_type: ELB}
connections:
  - {from: visitors, to: dns}
  - {from: dns, to: alb}
  - {from: alb, to: wordpress}
```

Fix
---
Run the tier as an Auto Scaling group of at least two instances over two AZs behind a load
balancer, and point DNS at the load balancer with an alias record. Move local state (a
database on the instance, uploaded files) to RDS Multi-AZ and S3 or EFS first.

Source
------
AWS Well-Architected Reliability Pillar REL10-BP01 and REL11-BP01; Amazon Compute Service
Level Agreement (single instance 99.5%) — https://aws.amazon.com/compute/sla/
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG102", name="single-instance", severity="error",
    summary="a single EC2 instance that other components or DNS records depend on",
    source="AWS Well-Architected Reliability Pillar REL10-BP01; Amazon Compute SLA — https://aws.amazon.com/compute/sla/",
)


def check(ctx):
    spec = ctx.spec
    for c in ctx.of_class(m.Ec2Instances):
        if c.count > 1:
            continue
        records = sorted({r.name for _, r in ctx.dns_records_to(c.id)})
        zones = {z.id for z, _ in ctx.dns_records_to(c.id)}
        callers = sorted({x.source for x in spec.incoming(c.id) if x.carries_requests} - zones)
        if not callers and not records:
            continue
        who = " and ".join([*(f"'{s}'" for s in callers), *(f"DNS record {r}" for r in records)])
        recovery = " (auto-recovery restarts it in the same AZ after an outage; it is still one instance)" \
            if c.auto_recovery else ""
        yield RULE.finding(
            f"'{c.id}' is a single EC2 instance and {who} depend{'s' if len(callers) + len(records) == 1 else ''} on it"
            f"{recovery}",
            [c.id], location=c.location,
            fix="run it as an Auto Scaling group of at least two instances in two AZs behind a load balancer",
            details={"depended_on_by": callers, "dns_records": records})
