"""AG220 efs-one-zone: an EFS file system that keeps its data in one AZ.

What it flags
-------------
An ``efs`` file system with ``storage: one_zone``.

Why it matters
--------------
A One Zone file system stores its data in a single AZ and has a single mount target there:
while that AZ is down every client, in any AZ, loses the file system, and AWS warns that its
data may be lost if the AZ is damaged. Its SLA is 99.9% against 99.99% for a Regional file
system. With automatic backups on, a restore brings back at most the last daily backup;
with them off, nothing.

Failing spec
------------

```yaml
version: 1
name: one-zone-files
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: files, type: efs, storage: one_zone, subnets: [app-a]}
```

Expected finding: AG220 at line 13 on files

Passing spec
------------

```yaml
version: 1
name: regional-files
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: files, type: efs, subnets: [app-a, app-b]}
```

Fix
---
Use a Regional file system (``storage: regional``) with a mount target in each AZ of its
clients; keep One Zone for data that can be re-created.

Source
------
Amazon EFS User Guide, "EFS file system types" —
https://docs.aws.amazon.com/efs/latest/ug/availability-durability.html ;
Amazon EFS SLA — https://aws.amazon.com/efs/sla/
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list, backup_intervals
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.efs import AUTOMATIC_BACKUP_S as DAILY_S, FileSystem
from archgen.formatting import duration

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG220", name="efs-one-zone", severity="warning",
    summary="EFS One Zone file system: data and its only mount target in one AZ",
    source="Amazon EFS User Guide, EFS file system types — "
           "https://docs.aws.amazon.com/efs/latest/ug/availability-durability.html",
)


def check(ctx):
    planned = backup_intervals(ctx.spec, ctx.backup_plans)
    for fs in ctx.of_class(FileSystem):
        if not fs.one_zone:
            continue
        every = planned.get(fs.id)
        if every is not None and (not fs.automatic_backups or every < DAILY_S):
            backups = f"its last backup (a backup plan takes one every {duration(every)}) is all a restore brings back"
        elif fs.automatic_backups:
            backups = "its last automatic daily backup is all a restore brings back"
        else:
            backups = "with automatic backups off, nothing can be restored"
        yield RULE.finding(
            f"EFS file system '{fs.id}' is One Zone: its data and its only mount target are in {az_list(fs.azs)}, "
            f"so every client loses it with that AZ, and if the AZ is damaged {backups}",
            [fs.id], location=fs.location, fix="use storage: regional with a mount target in each AZ of its clients",
            details={"az": list(fs.azs), "automatic_backups": fs.automatic_backups})
