"""AG503 lambda-concurrency-exhausted: a Lambda function needs more concurrency than it can get at peak

What it flags
-------------
Functions whose peak concurrency — requests/s × average duration (Little's law), and at least
requests/s ÷ 10 because one execution environment serves up to 10 requests/s — reaches or
exceeds their reserved concurrency, or, for functions without a reservation, whose Region's
unreserved account concurrency (default 1,000, minus every reservation in the Region) is used
up by all such functions together. Exactly 100% is a finding: there is no headroom.

Why it matters
--------------
Invocations beyond the available concurrency are throttled (HTTP 429 for synchronous calls;
asynchronous events are retried and may be dropped). A peak that uses every execution
environment throttles the first request above the average: real traffic is never exactly flat.

Failing spec
------------
```yaml
version: 1
name: ag503-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 500}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 400, reserved_concurrency: 100}
connections:
  - {from: clients, to: fn}
```

Expected finding: AG503 at line 9 on fn

Passing spec
------------
```yaml
version: 1
name: ag503-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 500}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 400, reserved_concurrency: 300}
connections:
  - {from: clients, to: fn}
```

Fix
---
Raise ``reserved_concurrency`` (or the account quota, ``account_concurrency``), shorten the
function, or buffer the calls through a queue.

Source
------
AWS Lambda Developer Guide, "Understanding Lambda function scaling" (concurrency = requests/s
× duration; 100 requests/s × 0.5 s = 50) and "Lambda quotas" (1,000 concurrent executions per
Region by default) — https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe, over_ceiling, saturated, scale_note
from archgen.formatting import number, rate

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG503",
    name="lambda-concurrency-exhausted",
    severity="error",
    summary="Lambda function needs all (or more) of its reserved concurrency or the Region's pool at peak",
    source="AWS Lambda Developer Guide, Understanding Lambda function scaling "
           "(https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html)",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (m.LambdaFunction,), at_ceiling=True):
        size = tier.sizing
        shared = component.reserved_concurrency is None
        where = f"the unreserved concurrency of {component.region}" if shared else "its reserved concurrency"
        how = "more than" if limits[0].utilization > 1.0 + 1e-9 else "all of"
        headroom = "" if how == "more than" else ": no headroom, the first request above it is throttled"
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"lambda '{tier.id}' needs {number(size['concurrency_peak'])} concurrent executions at "
            f"{rate(tier.peak_rps)}{scale_note(ctx)} × {size['duration_ms']:g} ms, {how} {where} "
            f"({describe(limits[0])}){headroom}",
            fix="raise reserved_concurrency (or the account quota), shorten the function, or queue the calls")
