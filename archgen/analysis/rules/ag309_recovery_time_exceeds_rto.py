"""AG309 recovery-time-exceeds-rto: the design cannot recover within the RTO.

What it flags
-------------
The recovery time in the scope of the objectives against ``objectives.rto``
(``archgen analyze`` → recovery; docs/dr-model.md explains the model):

* ``survive: az`` — losing the worst AZ: automatic failovers (RDS Multi-AZ 60–120 s, Aurora
  under 60 s, as AWS publishes them), load-balancer health checks taking lost targets out
  (interval × unhealthy threshold, derived); a flow that losing the AZ cuts is rebuilt by hand;
* ``survive: region`` — the steps AWS's DR whitepaper describes for the strategy: detecting
  the loss (Route 53 health checks, derived) or deciding to fail over (``dr.decision_time``),
  rebuilding and restoring (backup & restore: ``dr.rebuild_time``, ``dr.restore_time``),
  switching on (pilot light: ``dr.rebuild_time``), promoting the data's copies (Aurora global
  database under a minute; an RDS read replica: ``dr.promotion_time``), scaling out the Regions
  left to the peak (Lambda's published rate, else ``dr.scale_out_time``), and the DNS TTL.

An error when even the fastest recovery is longer than the RTO, or when nothing in the design
recovers a flow; a warning when the slowest recovery is longer than the RTO, or when a step
has no figure (AWS publishes none and the spec declares none), so the RTO cannot be checked.
A one-Region design is AG307's business.

Why it matters
--------------
An RTO the design cannot physically meet is a promise that fails on the first bad day; an RTO
nobody can estimate is one nobody has checked.

Failing spec
------------

```yaml
version: 1
name: pilot-light-fast-rto
objectives: {rto: 5m, rpo: 15m, survive: region}
dr: {strategy: pilot-light, primary_region: us-east-1, secondary_region: us-west-2, failover: automatic,
     rebuild_time: 20m}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: failover, failover: primary, health_check: east}
      - {name: api, type: A, alias: true, target: api-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: api-east, interval: 30, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 40}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 40}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: table}
  - {from: fn-west, to: table}
```

Expected finding: AG309 at line 3

Passing spec
------------

```yaml
version: 1
name: warm-standby-fast-rto
objectives: {rto: 5m, rpo: 15m, survive: region}
dr: {strategy: warm-standby, primary_region: us-east-1, secondary_region: us-west-2, failover: automatic,
     scale_out_time: 1m}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: clients, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: failover, failover: primary, health_check: east}
      - {name: api, type: A, alias: true, target: api-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: api-east, interval: 30, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 40}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 40}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: table}
  - {from: fn-west, to: table}
```

Fix
---
Choose a DR strategy whose recovery time fits (warm standby or active/active for minutes),
automate failover with health-checked DNS, remove the single points of failure whose loss
needs a manual rebuild, and declare the durations your drills measure for the steps AWS
publishes no figure for.

Source
------
AWS whitepaper "Disaster Recovery of Workloads on AWS: Recovery in the Cloud" —
https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html ;
Amazon RDS User Guide, "Failing over a Multi-AZ DB instance"
"""

from __future__ import annotations

from archgen.analysis.dr import ESTIMATED, NOT_EVALUATED, backups_in_recovery_region
from archgen.analysis.rule import Rule, RuleFamily
from archgen.formatting import duration, duration_range

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG309", name="recovery-time-exceeds-rto", severity="error",
    summary="estimated recovery time (the DR strategy's steps, failover timing, manual rebuilds) longer than the "
            "RTO, or not known",
    source="AWS whitepaper Disaster Recovery of Workloads on AWS — "
           "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
)


def check(ctx):
    spec = ctx.spec
    rto = spec.objectives.rto_s
    if rto is None:
        return
    if spec.objectives.survive == "region" and (spec.dr is None or (
            len({c.region for c in spec.components if c.region}) < 2 and not backups_in_recovery_region(spec))):
        return  # AG307 reports the missing second Region
    recovery = ctx.recovery
    estimate = recovery.rto
    if estimate.status == NOT_EVALUATED or estimate.meets:
        return
    scope = "losing an AZ" if recovery.scope == "az" else f"losing {recovery.lost or 'the primary Region'}"
    blocking = [s for s in recovery.rto_steps if s.blocking]
    severity = "error"
    if blocking:
        message = f"after {scope} recovery has no bound ({_shorten(blocking[0].what)}), against an RTO of {duration(rto)}"
    elif estimate.status != ESTIMATED and estimate.meets is False:
        message = (f"after {scope} the steps with a figure already take at least {duration(estimate.at_least_s)}, "
                   f"longer than the RTO of {duration(rto)} (and {estimate.reason})")
    elif estimate.status != ESTIMATED:
        message = f"after {scope} the recovery time is unknown ({estimate.reason}), against an RTO of {duration(rto)}"
        severity = "warning"
    elif estimate.low_s > rto:
        message = (f"after {scope} recovery takes {duration_range(estimate.low_s, estimate.high_s)}, longer than "
                   f"the RTO of {duration(rto)}{_slowest(recovery)}")
    else:
        message = (f"after {scope} recovery takes {duration_range(estimate.low_s, estimate.high_s)}: it may exceed "
                   f"the RTO of {duration(rto)}{_slowest(recovery)}")
        severity = "warning"
    involved = sorted({cid for s in blocking for cid in s.components})
    yield RULE.finding(message, involved, location=spec.objectives.location, severity=severity,
                       fix="automate recovery (health-checked failover, a strategy that keeps the recovery Region "
                           "running), remove manual rebuilds, and declare the durations your drills measure",
                       details={"scope": recovery.scope, "rto_seconds": rto, "estimate": estimate.to_json(),
                                "steps": [s.to_json() for s in recovery.rto_steps]})


def _slowest(recovery) -> str:
    timed = [s for s in recovery.rto_steps if s.high_s is not None]
    if not timed:
        return ""
    step = max(timed, key=lambda s: s.high_s)
    return f"; slowest step: {_shorten(step.what)} ({duration_range(step.low_s, step.high_s)})"


def _shorten(text: str) -> str:
    return text if len(text) <= 160 else text[:157] + "..."
