"""AG508 external-rate-limited: a dependency outside AWS gets more requests/s at peak than its declared rate limit

What it flags
-------------
``external`` components whose peak requests/s exceed their ``rate_limit`` (the rate their
provider accepts from this workload, as it publishes it).

Why it matters
--------------
A provider refuses or throttles requests above its rate limit (typically HTTP 429). Nothing in
AWS scales it: at peak the excess fails or waits on retries, and retries add to the rate.

Failing spec
------------
```yaml
version: 1
name: ag508-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: shoppers
    type: users
    traffic: {peak_rps: 150}
  - {id: checkout, type: lambda, region: us-east-1, duration_ms: 300}
  - {id: payments, type: external, rate_limit: 100, fallback: backup}
  - {id: backup, type: external, rate_limit: 100}
connections:
  - {from: shoppers, to: checkout}
  - {from: checkout, to: payments}
  - {from: checkout, to: backup, standby: true}
```

Expected finding: AG508 at line 10 on payments

Passing spec
------------
```yaml
version: 1
name: ag508-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: shoppers
    type: users
    traffic: {peak_rps: 150}
  - {id: checkout, type: lambda, region: us-east-1, duration_ms: 300}
  - {id: payments, type: external, rate_limit: 500, fallback: backup}
  - {id: backup, type: external, rate_limit: 100}
connections:
  - {from: shoppers, to: checkout}
  - {from: checkout, to: payments}
  - {from: checkout, to: backup, standby: true}
```

Fix
---
Ask the provider for a higher limit, spread the calls over more than one provider account, or
take the requests through a queue whose consumers call the provider at its rate.

Source
------
AWS Well-Architected Framework, Reliability Pillar, REL05-BP02 "Throttle requests" and
REL05-BP03 "Control and limit retry calls" —
https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_mitigate_interaction_failure_throttle_requests.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.external import ExternalService
from archgen.formatting import rate
from archgen.analysis.rules._saturation import describe, over_ceiling, saturated, scale_note

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG508",
    name="external-rate-limited",
    severity="error",
    summary="dependency outside AWS gets more requests/s at peak than its declared rate limit",
    source="AWS Well-Architected Reliability Pillar, REL05-BP02 Throttle requests "
           "(https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_mitigate_interaction_failure_throttle_requests.html)",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (ExternalService,)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"'{tier.id}' (outside AWS) gets {rate(tier.peak_rps)} at peak{scale_note(ctx)}, over its rate limit "
            f"({describe(limits[0])}): its provider refuses the excess",
            fix="raise the provider's limit, or queue the calls and make them at its rate")
