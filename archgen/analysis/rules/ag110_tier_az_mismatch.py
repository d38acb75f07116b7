"""AG110 tier-az-mismatch: consecutive tiers of a request path cover different AZs.

What it flags
-------------
A zonal compute tier (EC2, Auto Scaling group, ECS service, VPC Lambda) that calls another
zonal tier of the same Region (compute, cache, load balancer) from AZs the callee does not
cover. Load balancer → target mismatches are AG104's; databases are judged by their own
rules (an RDS Multi-AZ instance serves from one AZ by design).

Why it matters
--------------
Every tier should cover the same AZs. A caller in an AZ its callee does not cover sends all
its calls across AZs: more latency, inter-AZ data charges, and a dependency on a second AZ —
losing either AZ hurts it. No existing tool checks consistency across components.

Failing spec
------------

```yaml
version: 1
name: tiers-misaligned
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
        - {id: app-c, az: us-east-1c}
components:
  - {id: users, type: users}
  - {id: alb, type: alb, subnets: [public-a, public-b, public-c], health_check: {path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a, app-b, app-c], min: 3, max: 6, health_check_type: ELB}
  - {id: cache, type: elasticache, engine: redis, subnets: [app-a, app-b], nodes: 2, multi_az: true, automatic_failover: true}
connections:
  - {from: users, to: alb}
  - {from: alb, to: web}
  - {from: web, to: cache}
```

Expected finding: AG110 at line 25 on web, cache

Passing spec
------------

```yaml
version: 1
name: tiers-aligned
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
        - {id: app-c, az: us-east-1c}
components:
  - {id: users, type: users}
  - {id: alb, type: alb, subnets: [public-a, public-b, public-c], health_check: {path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a, app-b, app-c], min: 3, max: 6, health_check_type: ELB}
  - {id: cache, type: elasticache, engine: redis, subnets: [app-a, app-b, app-c], nodes: 3, multi_az: true, automatic_failover: true}
connections:
  - {from: users, to: alb}
  - {from: alb, to: web}
  - {from: web, to: cache}
```

Fix
---
Place each tier in the same set of AZs as the tiers it calls (same subnets per AZ).

Source
------
AWS Well-Architected Reliability Pillar REL10-BP01 and the whitepaper "Advanced Multi-AZ
Resilience Patterns" (AZ independence) —
https://docs.aws.amazon.com/whitepapers/latest/advanced-multi-az-resilience-patterns/advanced-multi-az-resilience-patterns.html
"""

from __future__ import annotations

from archgen import catalogue
from archgen.analysis.redundancy import az_list, is_zonal
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.base import Tier

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG110", name="tier-az-mismatch", severity="info",
    summary="a compute tier calls a zonal tier that does not cover all of its AZs",
    source="AWS whitepaper Advanced Multi-AZ Resilience Patterns — "
           "https://docs.aws.amazon.com/whitepapers/latest/advanced-multi-az-resilience-patterns/advanced-multi-az-resilience-patterns.html",
)

CALLEES = (Tier.COMPUTE, Tier.CACHE, Tier.LOAD_BALANCING)  # zonal tiers a compute tier calls


def check(ctx):
    spec = ctx.spec
    # the connections of callers only (findings are sorted by the engine; the order here is free)
    callers = catalogue.names_where(lambda kind: kind.tier is Tier.COMPUTE)
    callees = frozenset(catalogue.names_where(lambda kind: kind.tier in CALLEES))
    for source in ctx.of_type(*callers):
        if not is_zonal(source):
            continue
        for connection in spec.outgoing(source.id):
            if not connection.carries_requests:
                continue
            target = spec.component(connection.target)
            if target.type not in callees or source.region != target.region or not is_zonal(target):
                continue
            missing = [az for az in source.azs if az not in target.azs]
            if missing:
                yield RULE.finding(
                    f"'{source.id}' runs in {az_list(missing)} but '{target.id}' does not: calls from there cross AZs",
                    [source.id, target.id], location=connection.location,
                    fix=f"place '{target.id}' in {az_list(missing)} too (or '{source.id}' only where '{target.id}' is)",
                    details={"source_azs": list(source.azs), "target_azs": list(target.azs), "missing": missing})
