"""AG404 availability-below-target: composite availability from AWS SLAs is below the target.

What it flags
-------------
The least available flow (the critical path) when its composite availability, computed from
the AWS SLA figure of each component as configured, is below ``objectives.availability``.
Components every path crosses multiply (series); alternative paths combine as
1 − ∏(1 − Aᵢ) (parallel), standby paths included. Each component type declares its figures,
dated and sourced, in its module of ``archgen/catalogue/components/``; ``archgen analyze``
shows the arithmetic and the figures it used.

Why it matters
--------------
Every component in series costs availability: three 99.99% components give about 99.97%.
A target above what the components can compose to cannot be met by operations alone. The
estimate assumes independent failures and instant failover, and SLAs are credit
thresholds rather than measured availability — so it is a warning, not an error: a
design question to answer, not a defect.

Failing spec
------------

```yaml
version: 1
name: four-nines-on-one-box
objectives: {availability: 99.99}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
components:
  - {id: visitors, type: users}
  - {id: app, type: ec2, subnets: [public-a], elastic_ip: true}
  - {id: files, type: s3, region: us-east-1}
connections:
  - {from: visitors, to: app}
  - {from: app, to: files}
```

Expected finding: AG404 at line 3 on app, files

Passing spec
------------

```yaml
version: 1
name: serverless-within-target
objectives: {availability: 99.85}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: apps, type: users}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 30}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
connections:
  - {from: apps, to: api}
  - {from: api, to: fn}
  - {from: fn, to: table}
```

Fix
---
Remove components from the critical path, make the weakest ones redundant (Multi-AZ, a
second Region for the whole path), or agree on a target the design can support.

Source
------
AWS Well-Architected Reliability Pillar, "Availability" (series and redundant components) —
https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/availability.html ;
the AWS SLA page each figure names (``archgen analyze --format json``, ``availability.sla``)
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.formatting import availability_percent

RULE = Rule(
    family=RuleFamily.REQUEST_GRAPH,
    id="AG404", name="availability-below-target", severity="warning",
    summary="composite availability of the critical path (from AWS SLAs) below objectives.availability",
    source="AWS Well-Architected Reliability Pillar, Availability — "
           "https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/availability.html",
)


def check(ctx):
    spec = ctx.spec
    report = ctx.availability
    if report.meets_target is not False:
        return
    critical = report.critical
    yield RULE.finding(
        f"critical path {critical.flow.label} composes to {availability_percent(critical.value)} ({critical.expression.text()}), "
        f"below the {report.target_percent:g}% target", list(critical.components),
        location=spec.objectives.location,
        fix="make the weakest components on the path redundant, shorten the path, or revisit the target",
        details={"percent": round(critical.value * 100, 6), "target_percent": report.target_percent,
                 "arithmetic": critical.expression.text()})
