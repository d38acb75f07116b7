"""AG406 external-dependency-unprotected: a dependency outside AWS that user requests wait on, without a fallback or below the objective.

What it flags
-------------
An ``external`` component that a user request reaches through synchronous connections only (so
the request waits for it) and that declares no ``fallback``, or whose declared ``sla`` is below
the spec's availability objective.

Why it matters
--------------
A payment provider, a SaaS API or an on-premises system fails, throttles and is maintained on
its provider's schedule, not yours, and no AZ or Region of your design protects the requests
that wait on it. Its availability multiplies into every flow through it: with an SLA below the
objective, the objective cannot be met through it alone; without a fallback (a second
provider, or a queue that takes the request and retries later), its outage is yours. An
external without a declared SLA is counted as always up by the availability estimate.

Failing spec
------------

```yaml
version: 1
name: checkout-one-provider
objectives: {availability: 99.95}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: shoppers, type: users}
  - {id: checkout, type: lambda, region: us-east-1, duration_ms: 300}
  - {id: payments, type: external, sla: 99.9}
connections:
  - {from: shoppers, to: checkout}
  - {from: checkout, to: payments}
```

Expected finding: AG406 at line 9 on payments

Passing spec
------------

```yaml
version: 1
name: checkout-with-fallback
objectives: {availability: 99.95}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: shoppers, type: users}
  - {id: checkout, type: lambda, region: us-east-1, duration_ms: 300}
  - {id: payments, type: external, sla: 99.99, fallback: retry-queue}
  - {id: retry-queue, type: sqs, region: us-east-1}
connections:
  - {from: shoppers, to: checkout}
  - {from: checkout, to: payments}
  - {from: checkout, to: retry-queue, standby: true}
```

Fix
---
Declare a ``fallback`` that answers when it fails (a second provider, or a queue that accepts
the request and retries later) and connect the callers to it (``standby: true`` when it only
takes over); declare the provider's ``sla`` so the estimate counts it; or move the call off the
request path (behind a queue).

Source
------
AWS Well-Architected Framework, Reliability Pillar, REL05-BP01 "Implement graceful degradation
to transform applicable hard dependencies into soft dependencies" —
https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_mitigate_interaction_failure_graceful_degradation.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.external import ExternalService

RULE = Rule(
    family=RuleFamily.REQUEST_GRAPH,
    id="AG406", name="external-dependency-unprotected", severity="warning",
    summary="dependency outside AWS on a synchronous request path without a fallback, or with an SLA below the "
            "objective",
    source="AWS Well-Architected Reliability Pillar, REL05-BP01 graceful degradation — "
           "https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_mitigate_interaction_failure_graceful_degradation.html",
)


def waited_on(spec) -> set[str]:
    """Components a user request reaches through synchronous connections only (the request waits for them)."""
    seen = {u.id for u in spec.entry_points}
    todo = list(seen)
    while todo:
        current = todo.pop()
        for x in spec.outgoing(current):
            if x.kind == "sync" and not x.standby and x.target not in seen:
                seen.add(x.target)
                todo.append(x.target)
    return seen


def check(ctx):
    externals = ctx.of_class(ExternalService)
    if not externals:
        return
    spec = ctx.spec
    waiting = waited_on(spec)
    objective = spec.objectives.availability
    for c in externals:
        if c.id not in waiting:
            continue
        below = c.sla_percent is not None and objective is not None and c.sla_percent < objective
        if c.fallback is not None and not below:
            continue
        if c.sla_percent is None:
            sla = "it declares no SLA (the availability estimate counts it as always up)"
        elif below:
            sla = f"its SLA of {c.sla_percent:g}% is below the {objective:g}% objective"
        else:
            sla = f"its SLA is {c.sla_percent:g}%"
        if c.fallback is None:
            message = (f"user requests wait on '{c.id}', outside AWS, with no fallback: when it fails or throttles, "
                       f"they fail; {sla}")
        else:
            message = f"user requests wait on '{c.id}', outside AWS: {sla}, so the objective rests on its fallback " \
                      f"'{c.fallback}'"
        yield RULE.finding(
            message, [c.id], location=c.location,
            fix="declare a fallback (a second provider, or a queue that retries later) and connect its callers to it",
            details={"sla_percent": c.sla_percent, "objective_percent": objective, "fallback": c.fallback})
