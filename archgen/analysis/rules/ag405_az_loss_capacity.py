"""AG405 az-loss-capacity: after losing an AZ, what is left cannot serve the peak (no N+1).

What it flags
-------------
For each declared AZ, the tiers that keep running with fewer instances, when the capacity of
the surviving instances at 100% utilisation (``capacity_rps`` per instance, from the traffic
model ``archgen.traffic``) is below the tier's peak demand. Tiers that lose everything are
the single-point-of-failure rules' business. Without a traffic profile (or without the
traffic model) capacity is "unknown" and nothing is reported.

Why it matters
--------------
Surviving an AZ means serving the peak with the AZs that are left, at least for the
minutes Auto Scaling needs to launch replacements — if the capacity is even available then,
as every other tenant of the Region scales out too. A fleet sized exactly for the peak over
three AZs runs out of capacity the moment one goes.

Failing spec
------------

```yaml
version: 1
name: sized-for-peak
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
  - {id: shoppers, type: users, traffic: {peak_rps: 1200}}
  - {id: alb, type: alb, subnets: [public-a, public-b, public-c], health_check: {path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a, app-b, app-c], min: 3, desired: 3, max: 9, capacity_rps: 400, health_check_type: ELB}
connections:
  - {from: shoppers, to: alb}
  - {from: alb, to: web}
```

Expected finding: AG405 at line 20 on web

Passing spec
------------

```yaml
version: 1
name: sized-for-n-plus-1
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
  - {id: shoppers, type: users, traffic: {peak_rps: 1200}}
  - {id: alb, type: alb, subnets: [public-a, public-b, public-c], health_check: {path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a, app-b, app-c], min: 6, desired: 6, max: 12, capacity_rps: 400, health_check_type: ELB}
connections:
  - {from: shoppers, to: alb}
  - {from: alb, to: web}
```

Fix
---
Size each tier so that the AZs left after losing one serve the peak (for N AZs, run at
least peak × N / (N − 1) of capacity), or pre-scale before known peaks.

Source
------
AWS Well-Architected Reliability Pillar REL10-BP01 and the whitepaper "Advanced Multi-AZ
Resilience Patterns" (static stability: pre-provision capacity to survive an AZ loss) —
https://docs.aws.amazon.com/whitepapers/latest/advanced-multi-az-resilience-patterns/advanced-multi-az-resilience-patterns.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.failure_domains import TierCapacity
from archgen.analysis.rule import Rule, RuleFamily
from archgen.formatting import rate

RULE = Rule(
    family=RuleFamily.REQUEST_GRAPH,
    id="AG405", name="az-loss-capacity", severity="warning",
    summary="after losing one AZ the surviving instances of a tier cannot serve its peak (no N+1)",
    source="AWS whitepaper Advanced Multi-AZ Resilience Patterns (static stability) — "
           "https://docs.aws.amazon.com/whitepapers/latest/advanced-multi-az-resilience-patterns/advanced-multi-az-resilience-patterns.html",
)


def check(ctx):
    spec = ctx.spec
    short: dict[tuple, list[str]] = {}  # one finding per tier and shortfall, naming every AZ that causes it
    for outcome in ctx.failure_domains.azs:
        if outcome.capacity_status != "short":
            continue  # no tier of it is short (most AZs of a large spec): nothing to look at
        for tier in outcome.capacity:
            if tier.instances_left > 0 and tier.enough is False:
                short.setdefault((tier.component, tier.instances_left, tier.instances_before, tier.capacity_rps,
                                  tier.peak_rps), []).append(outcome.name)
    for (component, left_n, before_n, capacity, peak), azs in short.items():
        tier = TierCapacity(component, left_n, before_n, capacity, peak)
        c = spec.component(component)
        per_instance = getattr(c, "capacity_rps", None)
        if isinstance(c, (m.ScalingGroup, m.Ec2Instances)) and per_instance:
            left = f"{left_n} × {rate(per_instance)} = {rate(capacity)}"
        else:
            left = f"{left_n} of {before_n} instances, {rate(capacity)}"
        which = azs[0] if len(azs) == 1 else "any one of " + ", ".join(azs)
        yield RULE.finding(
            f"losing {which} leaves '{c.id}' with {left} for a {rate(peak)} peak",
            [c.id], location=c.location, fix="add capacity so the AZs left after one fails still serve the peak",
            details={"azs": azs, **tier.to_json()})
