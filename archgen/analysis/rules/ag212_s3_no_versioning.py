"""AG212 s3-no-versioning: an S3 bucket the workload writes to, without versioning.

What it flags
-------------
An ``s3`` bucket that requests write to (a connection into it that is not read-only) with
``versioning`` off. Website buckets (their endpoint serves GET and HEAD only: the content is
deployed, not written by requests) are left alone.

Why it matters
--------------
Without versioning, an object the application overwrites or deletes — by a bug, a bad
deploy, or ransomware with the application's credentials — is gone: S3's durability
protects against losing disks, not against writes. Versioning keeps the previous versions,
and S3 replication to another Region requires it.

Failing spec
------------

```yaml
version: 1
name: uploads-unversioned
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: app, type: lambda, region: us-east-1, duration_ms: 100}
  - {id: uploads, type: s3, region: us-east-1}
connections:
  - {from: app, to: uploads}
```

Expected finding: AG212 at line 7 on uploads

Passing spec
------------

```yaml
version: 1
name: uploads-versioned
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: app, type: lambda, region: us-east-1, duration_ms: 100}
  - {id: uploads, type: s3, region: us-east-1, versioning: true}
connections:
  - {from: app, to: uploads}
```

Fix
---
Set ``versioning: true``, with lifecycle rules that expire old versions after the recovery
window you need.

Source
------
Amazon S3 User Guide, "Retaining multiple versions of objects with S3 Versioning" —
https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.redundancy import written_by_workload
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG212", name="s3-no-versioning", severity="warning",
    summary="S3 bucket written by the workload without versioning",
    source="Amazon S3 User Guide, S3 Versioning — https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
)


def check(ctx):
    spec = ctx.spec
    for bucket in ctx.of_class(m.S3Bucket):
        if bucket.versioning or bucket.website or not written_by_workload(spec, bucket):
            continue
        yield RULE.finding(
            f"bucket '{bucket.id}' is written by the workload but has no versioning: an object overwritten or "
            "deleted by mistake cannot be recovered",
            [bucket.id], location=bucket.location, fix="set versioning: true (and expire old versions by lifecycle)")
