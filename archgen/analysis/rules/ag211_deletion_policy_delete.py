"""AG211 deletion-policy-delete: a store whose deletion policy deletes its data.

What it flags
-------------
A component that holds data (a database, a table, a bucket, a cache, instances that host a
database) with ``deletion_policy: delete``, unless an AWS Backup plan (``backup_plan``) backs it
up: its backups stay in the plan's backup vault, apart from the resource, until their retention
ends (a vault cannot be deleted while it holds them).

Why it matters
--------------
Deleting the stack, removing the resource from the template, or a template change that
replaces it deletes the data with it: no final snapshot, nothing to restore. Deletion
protection (AG207) stops a delete call; the deletion policy decides what a stack operation
does.

Failing spec
------------

```yaml
version: 1
name: table-deleted-with-stack
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: orders
    type: dynamodb
    region: us-east-1
    partition_key: {name: pk}
    capacity: {mode: on-demand}
    deletion_policy: delete
```

Expected finding: AG211 at line 6 on orders

Passing spec
------------

```yaml
version: 1
name: table-retained
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: orders
    type: dynamodb
    region: us-east-1
    partition_key: {name: pk}
    capacity: {mode: on-demand}
    deletion_policy: retain
```

Fix
---
Set ``deletion_policy: snapshot`` where the type supports it (RDS, Aurora, ElastiCache) or
``retain``, or back it up with an AWS Backup plan.

Source
------
AWS CloudFormation User Guide, "DeletionPolicy attribute" —
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html ;
AWS Backup Developer Guide, "Delete a backup vault" —
https://docs.aws.amazon.com/aws-backup/latest/devguide/delete-a-vault.html
"""

from __future__ import annotations

from archgen import catalogue
from archgen.analysis.redundancy import backup_intervals, is_stateful, stateful_types
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG211", name="deletion-policy-delete", severity="warning",
    summary="a component that holds data has deletion_policy: delete",
    source="AWS CloudFormation User Guide, DeletionPolicy attribute — "
           "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html",
)


def check(ctx):
    planned = backup_intervals(ctx.spec, ctx.backup_plans)
    for c in ctx.of_type(*stateful_types()):  # the only types that can hold data (is_stateful)
        if c.deletion_policy != "delete" or not is_stateful(c) or c.id in planned:
            continue
        kind = catalogue.of(c)
        better = "snapshot or retain" if "snapshot" in kind.deletion_policies else "retain"
        yield RULE.finding(
            f"{kind.title} '{c.id}' has deletion_policy: delete: deleting it or its stack, or a template change "
            "that replaces it, deletes its data with no copy kept",
            [c.id], location=c.location, fix=f"set deletion_policy: {better}",
            details={"deletion_policy": c.deletion_policy})
