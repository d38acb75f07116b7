"""AG521 firehose-put-quota: a Firehose stream's Direct PUT traffic exceeds its throughput quota at peak

What it flags
-------------
``firehose`` streams with Direct PUT as their source (no ``source_stream``) whose peak exceeds
the stream's quota: 500,000 records/s, 2,000 requests/s and 5 MiB/s in US East (N. Virginia),
US West (Oregon) and Europe (Ireland); 100,000 records/s, 1,000 requests/s and 1 MiB/s in the
other Regions — or the raised ``throughput_quota`` (the three rise together).

Why it matters
--------------
Calls over the quota fail with ServiceUnavailableException ("Slow down"); producers must retry
or drop the records. The MiB/s quota is usually the one reached first: 1 MiB/s outside the
three largest Regions is about 1,000 one-kilobyte log lines a second.

Failing spec
------------
```yaml
version: 1
name: ag521-failing
regions:
  - {name: eu-central-1, azs: [eu-central-1a, eu-central-1b]}
components:
  - id: app-servers
    type: users
    traffic: {peak_rps: 2000, read_ratio: 0, request_size: 1KB}
  - {id: logs, type: firehose, region: eu-central-1, records_per_call: 100}
  - {id: log-bucket, type: s3, region: eu-central-1}
connections:
  - {from: app-servers, to: logs, kind: async}
  - {from: logs, to: log-bucket, kind: async}
```

Expected finding: AG521 at line 9 on logs

Passing spec
------------
```yaml
version: 1
name: ag521-passing
regions:
  - {name: eu-central-1, azs: [eu-central-1a, eu-central-1b]}
components:
  - id: app-servers
    type: users
    traffic: {peak_rps: 2000, read_ratio: 0, request_size: 1KB}
  - {id: logs, type: firehose, region: eu-central-1, records_per_call: 100, throughput_quota: 3}
  - {id: log-bucket, type: s3, region: eu-central-1}
connections:
  - {from: app-servers, to: logs, kind: async}
  - {from: logs, to: log-bucket, kind: async}
```

Fix
---
Request a higher throughput quota for the stream (the Amazon Data Firehose Limits form) and set
``throughput_quota`` to it, batch records (PutRecordBatch) when requests/s is the limit, or put
a Kinesis data stream in front as its source.

Source
------
Amazon Data Firehose Developer Guide, "Amazon Data Firehose Quota" —
https://docs.aws.amazon.com/firehose/latest/dev/limits.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe_all, over_ceiling, saturated, scale_note
from archgen.catalogue.components.firehose import FirehoseStream

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG521", name="firehose-put-quota", severity="error",
    summary="Firehose stream's Direct PUT traffic exceeds its throughput quota at peak",
    source="Amazon Data Firehose Developer Guide, Quota — https://docs.aws.amazon.com/firehose/latest/dev/limits.html",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (FirehoseStream,)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"Firehose stream '{tier.id}' exceeds its Direct PUT quota at peak{scale_note(ctx)}: "
            f"{describe_all(limits)}: Firehose refuses the excess",
            fix="raise the stream's throughput quota (and set throughput_quota), batch records, or read from a "
                "Kinesis data stream")
