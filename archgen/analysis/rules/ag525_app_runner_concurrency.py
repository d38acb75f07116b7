"""AG525 app-runner-concurrency: an App Runner service holds more concurrent requests at peak than its instances take

What it flags
-------------
``app_runner`` services (with ``latency_ms``) whose concurrent requests at peak — peak
requests/s × latency, by Little's law — exceed ``max_size`` instances × ``max_concurrency``
requests each.

Why it matters
--------------
App Runner adds instances as concurrency passes ``max_concurrency`` per instance, but never
beyond ``max_size``: past that, requests queue in front of busy instances, latency climbs and
App Runner answers 429 (too many requests).

Failing spec
------------
```yaml
version: 1
name: ag525-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: visitors
    type: users
    traffic: {peak_rps: 2000}
  - {id: api, type: app_runner, region: us-east-1, min_size: 2, max_size: 5, max_concurrency: 100, latency_ms: 300}
connections:
  - {from: visitors, to: api}
```

Expected finding: AG525 at line 9 on api

Passing spec
------------
```yaml
version: 1
name: ag525-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: visitors
    type: users
    traffic: {peak_rps: 2000}
  - {id: api, type: app_runner, region: us-east-1, min_size: 2, max_size: 10, max_concurrency: 100, latency_ms: 300}
connections:
  - {from: visitors, to: api}
```

Fix
---
Raise ``max_size`` (and the account's quota of instances if needed), raise ``max_concurrency``
when the container can take more (at most 200), or make requests faster.

Source
------
AWS App Runner Developer Guide, "Managing App Runner automatic scaling" —
https://docs.aws.amazon.com/apprunner/latest/dg/manage-autoscaling.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe, over_ceiling, saturated, scale_note
from archgen.catalogue.components.app_runner import AppRunnerService
from archgen.formatting import number

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG525", name="app-runner-concurrency", severity="error",
    summary="App Runner service holds more concurrent requests at peak than max_size × max_concurrency",
    source="AWS App Runner Developer Guide, automatic scaling — "
           "https://docs.aws.amazon.com/apprunner/latest/dg/manage-autoscaling.html",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (AppRunnerService,)):
        needed = tier.sizing.get("instances_needed_peak")
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"App Runner service '{tier.id}' holds {number(tier.peak.in_flight)} requests at once at peak"
            f"{scale_note(ctx)}, more than its instances take ({describe(limits[0])}): requests queue and get 429s",
            fix=f"raise max_size to at least {needed}, or max_concurrency if the container takes more")
