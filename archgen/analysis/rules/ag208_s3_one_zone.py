"""AG208 s3-one-zone: an S3 bucket whose default storage class keeps data in one AZ.

What it flags
-------------
An ``s3`` bucket with ``storage_class: ONEZONE_IA``. Every other storage class stores data
across at least three AZs, and S3 buckets are never otherwise flagged as single-AZ.

Why it matters
--------------
S3 One Zone-IA stores objects in a single AZ: the data is unavailable while that AZ is
down and lost if the AZ is destroyed. Its SLA is 99.0% against 99.9% for S3 Standard.
It suits re-creatable data only.

Failing spec
------------

```yaml
version: 1
name: one-zone-bucket
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: uploads, type: s3, region: us-east-1, storage_class: ONEZONE_IA, versioning: true}
```

Expected finding: AG208 at line 6 on uploads

Passing spec
------------

```yaml
version: 1
name: standard-bucket
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: uploads, type: s3, region: us-east-1, storage_class: STANDARD_IA, versioning: true}
```

Fix
---
Use S3 Standard, Standard-IA or Intelligent-Tiering for data that cannot be re-created.

Source
------
Amazon S3 User Guide, "Understanding and managing Amazon S3 storage classes" —
https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html ; Amazon S3 SLA
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG208", name="s3-one-zone", severity="warning",
    summary="S3 bucket stored in One Zone-IA (a single AZ)",
    source="Amazon S3 User Guide, storage classes — https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html",
)


def check(ctx):
    for bucket in ctx.of_class(m.S3Bucket):
        if bucket.storage_class == "ONEZONE_IA":
            yield RULE.finding(
                f"bucket '{bucket.id}' uses S3 One Zone-IA: its objects live in one AZ and are lost with it",
                [bucket.id], location=bucket.location, fix="use a multi-AZ storage class (STANDARD, STANDARD_IA, ...)")
