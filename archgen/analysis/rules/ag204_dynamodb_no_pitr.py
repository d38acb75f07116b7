"""AG204 dynamodb-no-pitr: a DynamoDB table without point-in-time recovery.

What it flags
-------------
A ``dynamodb`` table with ``point_in_time_recovery: false`` (the default). The table itself is
never flagged as single-AZ: DynamoDB replicates every table across three AZs.

Why it matters
--------------
Replication protects against infrastructure failure, not against a bad deployment or a
script that overwrites or deletes items: replicas copy the damage. Point-in-time recovery
restores the table to any second of the last 35 days. checkov CKV_AWS_28 checks it; corpus
template ``DynamoDB_Table`` lacks it.

Failing spec
------------

```yaml
version: 1
name: table-no-pitr
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: orders
    type: dynamodb
    region: us-east-1
    partition_key: {name: order_id}
    capacity: {mode: provisioned, read: 5, write: 10}
```

Expected finding: AG204 at line 6 on orders

Passing spec
------------

```yaml
version: 1
name: table-pitr
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: orders
    type: dynamodb
    region: us-east-1
    partition_key: {name: order_id}
    capacity: {mode: provisioned, read: 5, write: 10}
    point_in_time_recovery: true
```

Fix
---
Set ``point_in_time_recovery: true``.

Source
------
Amazon DynamoDB Developer Guide, "Point-in-time recovery for DynamoDB" —
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG204", name="dynamodb-no-pitr", severity="warning",
    summary="DynamoDB table without point-in-time recovery",
    source="Amazon DynamoDB Developer Guide, Point-in-time recovery — "
           "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html",
)


def check(ctx):
    for table in ctx.of_class(m.DynamoTable):
        if not table.point_in_time_recovery:
            yield RULE.finding(
                f"DynamoDB table '{table.id}' has no point-in-time recovery: an overwrite or delete by the "
                "application cannot be undone", [table.id], location=table.location,
                fix="set point_in_time_recovery: true")
