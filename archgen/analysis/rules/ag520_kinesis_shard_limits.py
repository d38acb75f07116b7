"""AG520 kinesis-shard-limits: a Kinesis data stream written or read faster than its shards allow at peak

What it flags
-------------
``kinesis`` streams whose peak exceeds what their shards take: 1,000 records/s or 1 MiB/s
written per shard, and 2 MiB/s read per shard shared by the consumers that read with
GetRecords (every connection out of the stream not listed in ``enhanced_fan_out``). An
on-demand stream is flagged above the most AWS scales one to in its Region (10 GB/s written in
us-east-1, us-west-2 and eu-west-1, 200 MB/s elsewhere).

Why it matters
--------------
Writes over a shard's limit fail with ProvisionedThroughputExceededException: producers retry,
fall behind and drop records when their buffers fill. Consumers sharing a shard's 2 MiB/s fall
behind the stream; records older than the retention period are gone before they are read.

Failing spec
------------
```yaml
version: 1
name: ag520-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: devices
    type: users
    traffic: {peak_rps: 100, read_ratio: 0, request_size: 35KB}
  - {id: telemetry, type: kinesis, region: us-east-1, shards: 3}
  - {id: scorer, type: lambda, region: us-east-1, duration_ms: 50}
connections:
  - {from: devices, to: telemetry, kind: async}
  - {from: telemetry, to: scorer, kind: async}
```

Expected finding: AG520 at line 9 on telemetry

Passing spec
------------
```yaml
version: 1
name: ag520-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: devices
    type: users
    traffic: {peak_rps: 100, read_ratio: 0, request_size: 35KB}
  - {id: telemetry, type: kinesis, region: us-east-1, shards: 4}
  - {id: scorer, type: lambda, region: us-east-1, duration_ms: 50}
connections:
  - {from: devices, to: telemetry, kind: async}
  - {from: telemetry, to: scorer, kind: async}
```

(100 records/s of 35 KB are 3.42 MiB/s: AWS's formula, max(write KiB/s ÷ 1,024, read KiB/s ÷
2,048), gives 4 shards.)

Fix
---
Add shards (``UpdateShardCount``; AWS's formula gives how many), switch the stream to on-demand
mode, aggregate small records (KPL), or register readers for enhanced fan-out so each gets its
own 2 MiB/s per shard.

Source
------
Amazon Kinesis Data Streams Developer Guide, "Quotas and limits" —
https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html; "Choose the data
stream capacity mode" — https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe_all, over_ceiling, saturated, scale_note
from archgen.catalogue.components.kinesis import KinesisStream

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG520", name="kinesis-shard-limits", severity="error",
    summary="Kinesis data stream written or read at peak beyond its shards' limits",
    source="Amazon Kinesis Data Streams Developer Guide, Quotas and limits — "
           "https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (KinesisStream,)):
        needed = tier.sizing.get("shards_needed_peak")
        fix = f"raise the stream to {needed} shards (AWS's sizing formula), or use on-demand mode" \
            if tier.sizing.get("mode") == "provisioned" else "split the traffic over more streams"
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"stream '{tier.id}' is over its limits at its {tier.peak_rps:,.0f} records/s peak{scale_note(ctx)}: "
            f"{describe_all(limits)}: writes over a shard's limit are throttled", fix)
