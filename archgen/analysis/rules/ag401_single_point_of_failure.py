"""AG401 single-point-of-failure: a component every request path crosses, with no redundancy.

What it flags
-------------
archgen builds the request graph — entry points (``users``) through DNS, CDN, load
balancers and compute to the data stores — and, for each flow from an entry to a store,
finds the components *every* path crosses (the dominators of the flow's end). A dominator
that is a single instance, or confined to a single AZ, is a single point of failure: its
failure domain (instance or AZ) and the flows it cuts are reported. Redundancy inside a
component counts (an Auto Scaling group over two AZs, RDS Multi-AZ, a load balancer in two
AZs), and so do alternative paths: a standby path (Route 53 failover secondary, CloudFront
origin-group secondary) that avoids the component turns an outage into a failover — still
reported, as a warning. Region-level single points are AG403's business.

Why it matters
--------------
Per-resource scanners look at one resource at a time: a perfectly configured component can
still be the one thing everything depends on, and a redundant-looking design can funnel
every request through one box. No existing tool builds the request path.

Failing spec
------------

```yaml
version: 1
name: funnel
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
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 6, health_check_type: ELB}
  - {id: auth-proxy, type: ec2, subnets: [app-a], instance_type: t3.medium}
  - {id: users-table, type: dynamodb, region: us-east-1, partition_key: {name: user_id}, capacity: {mode: on-demand}}
connections:
  - {from: visitors, to: alb}
  - {from: alb, to: web}
  - {from: web, to: auth-proxy}
  - {from: auth-proxy, to: users-table}
```

Expected finding: AG401 at line 19 on auth-proxy

Passing spec
------------

```yaml
version: 1
name: no-funnel
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
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 6, health_check_type: ELB}
  - {id: auth-proxy, type: ecs, subnets: [app-a, app-b], desired: 2, health_check: true}
  - {id: users-table, type: dynamodb, region: us-east-1, partition_key: {name: user_id}, capacity: {mode: on-demand}}
connections:
  - {from: visitors, to: alb}
  - {from: alb, to: web}
  - {from: web, to: auth-proxy}
  - {from: auth-proxy, to: users-table}
```

Fix
---
Make the component redundant (two or more instances over two AZs, Multi-AZ for databases,
automatic failover for caches), or give the flow an alternative path around it.

Source
------
AWS Well-Architected Reliability Pillar REL10-BP01 "Deploy the workload to multiple
locations" and REL11 "Design your workload to withstand component failures" —
https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/design-your-workload-to-withstand-component-failures.html
"""

from __future__ import annotations

from archgen.analysis.graph import DOMAIN_WORDS
from archgen.analysis.redundancy import REGION
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.REQUEST_GRAPH,
    id="AG401", name="single-point-of-failure", severity="error",
    summary="a single-instance or single-AZ component that every request path of a flow crosses",
    source="AWS Well-Architected Reliability Pillar REL11 — "
           "https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/design-your-workload-to-withstand-component-failures.html",
)


def check(ctx):
    spec = ctx.spec
    for spof in ctx.graph.single_points_of_failure:
        if spof.domain == REGION:
            continue
        c = spec.component(spof.component)
        flows = ", ".join(f.label for f in spof.flows)
        if spof.bypassed_by_failover:
            message = f"'{c.id}' {DOMAIN_WORDS[spof.domain]} and every normal path of {flows} crosses it: only a " \
                      "standby (failover) path avoids it, so its failure forces a failover"
            severity = "warning"
        else:
            message = f"'{c.id}' is a single point of failure: it {DOMAIN_WORDS[spof.domain]} and every path of " \
                      f"{flows} crosses it"
            severity = None
        yield RULE.finding(message, [c.id], location=c.location, severity=severity,
                           fix="make it redundant across AZs, or give the flow a path around it",
                           details=spof.to_json())
