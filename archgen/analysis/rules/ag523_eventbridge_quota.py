"""AG523 eventbridge-quota: events put on EventBridge, or sent on to targets, exceed the Region's account quota at peak

What it flags
-------------
``eventbridge`` event buses whose Region's total at peak — over every event bus of the account
there — exceeds the PutEvents quota (requests/s; 10,000 in us-east-1, us-west-2 and eu-west-1,
down to 400 in the smallest Regions) or the target invocations quota (18,750/s in those three
Regions, down to 750), or the raised ``put_events_quota`` / ``invocations_quota``. Over the
PutEvents quota is an error; over the invocations quota alone a warning.

Why it matters
--------------
PutEvents calls above the quota are throttled: the producer gets an error and the event is not
published unless it retries. Invocations above theirs are delayed, not dropped — EventBridge
retries for up to 24 hours — so targets fall behind instead.

Failing spec
------------
```yaml
version: 1
name: ag523-failing
regions:
  - {name: ca-central-1, azs: [ca-central-1a, ca-central-1b]}
components:
  - id: services
    type: users
    traffic: {peak_rps: 900, read_ratio: 0}
  - {id: domain-events, type: eventbridge, region: ca-central-1}
  - {id: audit, type: sqs, region: ca-central-1}
connections:
  - {from: services, to: domain-events, kind: async}
  - {from: domain-events, to: audit, kind: async}
```

Expected finding: AG523 at line 9 on domain-events

Passing spec
------------
```yaml
version: 1
name: ag523-passing
regions:
  - {name: ca-central-1, azs: [ca-central-1a, ca-central-1b]}
components:
  - id: services
    type: users
    traffic: {peak_rps: 900, read_ratio: 0}
  - {id: domain-events, type: eventbridge, region: ca-central-1, entries_per_call: 10}
  - {id: audit, type: sqs, region: ca-central-1}
connections:
  - {from: services, to: domain-events, kind: async}
  - {from: domain-events, to: audit, kind: async}
```

Fix
---
Put up to 10 events per PutEvents request (``entries_per_call``), request a higher quota in
Service Quotas and set it on the event buses, or send high-volume streams through Kinesis.

Source
------
Amazon EventBridge User Guide, "Amazon EventBridge quotas" —
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe_all, over_ceiling, saturated, scale_note
from archgen.catalogue.components.eventbridge import EventBus

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG523", name="eventbridge-quota", severity="error",
    summary="EventBridge PutEvents or target invocations exceed the Region's account quota at peak",
    source="Amazon EventBridge User Guide, quotas — https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (EventBus,)):
        refused = any(limit.name.startswith("PutEvents") for limit in limits)
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"event bus '{tier.id}' runs into the account's quotas in {component.region} at peak{scale_note(ctx)}: "
            f"{describe_all(limits)}"
            + (": PutEvents over the quota is refused" if refused else ": invocations over the quota are delayed"),
            fix="batch up to 10 events per PutEvents call (entries_per_call), or raise the quota and set it",
            severity=None if refused else "warning")
