"""AG522 step-functions-quota: state machines start executions or make state transitions faster than the Region's quota

What it flags
-------------
``step_functions`` state machines whose Region's total, at peak, of executions started (all
Standard, or all asynchronous Express, state machines of the account there) or of Standard
state transitions exceeds the account's refill rate: StartExecution 300/s Standard and 6,000/s
Express, state transitions 5,000/s, in US East (N. Virginia), US West (Oregon) and Europe
(Ireland); 150/s, 6,000/s and 800/s in the other Regions — or the raised
``start_execution_quota`` / ``state_transition_quota``.

Why it matters
--------------
Step Functions throttles with a token bucket: once the burst is spent, StartExecution calls
fail with ThrottlingException and throttled state transitions slow every running execution
(``ExecutionThrottled``). The quotas are shared by every state machine of the account in the
Region, so one busy workflow starves the others; new accounts start lower still.

Failing spec
------------
```yaml
version: 1
name: ag522-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: shoppers
    type: users
    traffic: {peak_rps: 400}
  - {id: checkout, type: step_functions, region: us-east-1, state_transitions: 8}
  - {id: charge, type: lambda, region: us-east-1, duration_ms: 200}
connections:
  - {from: shoppers, to: checkout}
  - {from: checkout, to: charge}
```

Expected finding: AG522 at line 9 on checkout

Passing spec
------------
```yaml
version: 1
name: ag522-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: shoppers
    type: users
    traffic: {peak_rps: 400}
  - {id: checkout, type: step_functions, region: us-east-1, workflow: express, duration_ms: 900}
  - {id: charge, type: lambda, region: us-east-1, duration_ms: 200}
connections:
  - {from: shoppers, to: checkout}
  - {from: checkout, to: charge}
```

Fix
---
Request higher StartExecution and StateTransition quotas (Service Quotas) and set them on the
state machines, move short high-volume work to Express workflows (6,000 executions/s, no
transition quota), or batch items into fewer executions (a Map state, Distributed Map).

Source
------
AWS Step Functions Developer Guide, "Step Functions service quotas" —
https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe_all, over_ceiling, saturated, scale_note
from archgen.catalogue.components.step_functions import StateMachine

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG522", name="step-functions-quota", severity="error",
    summary="Step Functions executions or state transitions exceed the Region's account quota at peak",
    source="AWS Step Functions Developer Guide, service quotas — "
           "https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (StateMachine,)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"state machine '{tier.id}' ({tier.sizing['workflow']}) runs into the account's quotas in "
            f"{component.region} at peak{scale_note(ctx)}: {describe_all(limits)}: Step Functions throttles the excess",
            fix="raise the quotas (Service Quotas) and set them, move high-volume short work to Express workflows, "
                "or batch work into fewer executions")
