"""AG501 compute-over-capacity: a compute tier cannot serve its peak even at its largest size

What it flags
-------------
EC2 instances, Auto Scaling groups and ECS services whose peak requests/s (from the traffic
model) exceed what they serve at 100% utilisation with every instance they may run: ``count``
for EC2, ``max`` for Auto Scaling and ECS, each serving ``capacity_rps``.

Why it matters
--------------
Past 100% utilisation a fleet queues requests faster than it serves them: latency grows
without bound and requests time out. Auto Scaling cannot add instances beyond ``max``.

Failing spec
------------
```yaml
version: 1
name: ag501-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 1000}
  - {id: web, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 2, desired: 2, max: 4, capacity_rps: 100}
connections:
  - {from: clients, to: web}
```

Expected finding: AG501 at line 9 on web

Passing spec
------------
```yaml
version: 1
name: ag501-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 1000}
  - {id: web, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 2, desired: 6, max: 16, capacity_rps: 100}
connections:
  - {from: clients, to: web}
```

Fix
---
Raise ``max`` (or ``count``) to at least ⌈peak / (capacity_rps × target_utilization)⌉, use
larger instances (a higher ``capacity_rps``), or take load off the tier with a cache.

Source
------
AWS Well-Architected Framework, Reliability Pillar, REL07 "Design your workload to adapt to
changes in demand"; Amazon EC2 Auto Scaling User Guide, "Set scaling limits for your Auto
Scaling group". Instances needed: ⌈λ / (C × ρ)⌉ (derived, aws-facts.md capacity planning).
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import over_ceiling, saturated, scale_note
from archgen.formatting import number, percent, rate

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG501",
    name="compute-over-capacity",
    severity="error",
    summary="EC2 / Auto Scaling / ECS tier cannot serve its peak even at its maximum size",
    source="AWS Well-Architected Reliability Pillar REL07; Amazon EC2 Auto Scaling User Guide, scaling limits "
           "(https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html)",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (m.Ec2Instances, m.ScalingGroup)):
        size = tier.sizing
        per = size.get("capacity_rps_per_instance")
        target = size.get("target_utilization")
        needed = size.get("instances_needed_peak")
        field = "count" if "count" in size else "max"  # EC2 instances have a count, groups a max
        most = size.get(field)
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"{tier.type} '{tier.id}' peaks at {rate(tier.peak_rps)}{scale_note(ctx)} but serves at most "
            f"{rate(tier.max_capacity_rps)} with {field} {most} × {rate(per)} "
            f"({percent(limits[0].utilization)} utilised)",
            fix=f"raise {field} to at least {needed} (⌈{number(tier.peak_rps)} / ({number(per)} × {target:g})⌉) "
                "or use larger instances")
