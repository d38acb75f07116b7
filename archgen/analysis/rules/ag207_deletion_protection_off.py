"""AG207 deletion-protection-off: a database or table that one API call can delete.

What it flags
-------------
An ``rds`` instance, ``aurora`` cluster or ``dynamodb`` table without
``deletion_protection: true``.

Why it matters
--------------
Deleting a stateful resource by mistake — a stack update that replaces it, a cleanup
script, a wrong console click — is an outage and possibly data loss that no amount of
Multi-AZ prevents. With deletion protection the delete call fails until the flag is
cleared. checkov CKV_AWS_139 (RDS) and cfn-lint I3011 check related settings.

Failing spec
------------

```yaml
version: 1
name: unprotected
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - {id: db, type: rds, engine: postgres, subnets: [data-a, data-b], multi_az: true, backup_retention_days: 14}
```

Expected finding: AG207 at line 13 on db

Passing spec
------------

```yaml
version: 1
name: protected
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - {id: db, type: rds, engine: postgres, subnets: [data-a, data-b], multi_az: true, backup_retention_days: 14, deletion_protection: true}
  - {id: carts, type: dynamodb, region: us-east-1, partition_key: {name: id}, capacity: {mode: on-demand}, deletion_protection: true}
```

Fix
---
Set ``deletion_protection: true`` (and keep a snapshot-on-delete policy in the template).

Source
------
Amazon RDS User Guide, "Deletion protection" —
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection ;
Amazon DynamoDB Developer Guide, "Using deletion protection"
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG207", name="deletion-protection-off", severity="warning",
    summary="RDS instance, Aurora cluster or DynamoDB table without deletion protection",
    source="Amazon RDS User Guide, Deletion protection — "
           "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html",
)

KIND = {m.RdsInstance: "RDS instance", m.AuroraCluster: "Aurora cluster", m.DynamoTable: "DynamoDB table"}


def check(ctx):
    for store in ctx.of_class(*KIND):
        if not store.deletion_protection:
            yield RULE.finding(
                f"{KIND[type(store)]} '{store.id}' has no deletion protection: one mistaken delete or stack "
                "replacement removes it", [store.id], location=store.location,
                fix="set deletion_protection: true")
