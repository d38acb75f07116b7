"""AG502 compute-below-target: a compute tier cannot stay at its target utilisation at peak

What it flags
-------------
EC2 instances, Auto Scaling groups and ECS services that still serve their peak, but only
above their ``target_utilization``: the instances needed at peak, ⌈peak / (capacity_rps ×
target_utilization)⌉, exceed ``max`` (``count`` for EC2).

Why it matters
--------------
Target tracking keeps headroom for bursts and for losing an instance or an AZ. A fleet that
must run hotter than its target at peak has no room left: queueing delay grows sharply as
utilisation approaches 100% (M/M/c), and one lost instance tips it over.

Failing spec
------------
```yaml
version: 1
name: ag502-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 900}
  - {id: web, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 2, desired: 4, max: 10,
     capacity_rps: 100, target_utilization: 0.6}
connections:
  - {from: clients, to: web}
```

Expected finding: AG502 at line 9 on web

Passing spec
------------
```yaml
version: 1
name: ag502-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 900}
  - {id: web, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 2, desired: 4, max: 16,
     capacity_rps: 100, target_utilization: 0.6}
connections:
  - {from: clients, to: web}
```

Fix
---
Raise ``max`` (or ``count``) to the instances needed at peak, or lower the per-instance load.

Source
------
Amazon EC2 Auto Scaling User Guide, "Target tracking scaling policies"
(https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html);
instances at a target utilisation ⌈λ / (C × ρ)⌉ (derived, aws-facts.md capacity planning).
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import scale_note, tiers_of
from archgen.formatting import percent, rate

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG502",
    name="compute-below-target",
    severity="warning",
    summary="Compute tier needs more instances than its maximum to stay at its target utilisation at peak",
    source="Amazon EC2 Auto Scaling User Guide, target tracking scaling policies "
           "(https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html)",
)


def check(ctx):
    for tier in tiers_of(ctx, (m.Ec2Instances, m.ScalingGroup)):
        if tier.saturated:
            continue
        size = tier.sizing
        needed = size.get("instances_needed_peak")
        field = "count" if "count" in size else "max"  # EC2 instances have a count, groups a max
        most = size.get(field)
        if needed is None or most is None or needed <= most:
            continue
        yield RULE.finding(
            f"{tier.type} '{tier.id}' needs {needed} instances at {size['target_utilization']:g} utilisation for its "
            f"{rate(tier.peak_rps)} peak{scale_note(ctx)}, but {field} is {most} "
            f"(it would run at {percent(tier.utilization)})",
            (tier.id,), location=ctx.spec.component(tier.id).location,
            fix=f"raise {field} to {needed}, or lower the load per instance",
            details={"peak_rps": tier.peak_rps, "instances_needed_peak": needed, field: most,
                     "utilization": tier.utilization, "scale": ctx.traffic.scale})
