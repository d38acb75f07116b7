"""AG205 backups-off-or-short: automated database backups off, or kept less than 7 days.

What it flags
-------------
An ``rds`` instance with ``backup_retention_days: 0`` (automated backups and point-in-time
restore off: an error), or an ``rds``/``aurora`` store keeping them fewer than 7 days
(a warning; 1 day is the default).

Why it matters
--------------
Automated backups are what a restore after corruption, a bad migration or the loss of a
Single-AZ instance starts from; with retention 0 there is nothing to restore. A one-day
window means a problem noticed after the weekend cannot be undone. checkov CKV_AWS_133 checks
backups are on; AWS Security Hub control RDS.11 expects at least 7 days. The corpus template
``nist_application`` keeps 1 day.

Failing spec
------------

```yaml
version: 1
name: no-backups
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
  - {id: db, type: rds, engine: postgres, subnets: [data-a, data-b], multi_az: true, backup_retention_days: 0}
```

Expected finding: AG205 at line 13 on db

Passing spec
------------

```yaml
version: 1
name: week-of-backups
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
  - {id: db, type: rds, engine: postgres, subnets: [data-a, data-b], multi_az: true, backup_retention_days: 7}
```

Fix
---
Set ``backup_retention_days`` to 7 or more (up to 35), longer than the time it may take to
notice a problem.

Source
------
Amazon RDS User Guide, "Introduction to backups" (backup retention period) —
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html ;
AWS Security Hub control RDS.11
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG205", name="backups-off-or-short", severity="warning",
    summary="RDS automated backups off, or RDS/Aurora backups kept fewer than 7 days",
    source="Amazon RDS User Guide, Introduction to backups — "
           "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
)

MIN_RETENTION_DAYS = 7  # AWS Security Hub control RDS.11 default


def check(ctx):
    for db in ctx.of_class(m.RdsInstance, m.AuroraCluster):
        days = db.backup_retention_days
        if days == 0:
            yield RULE.finding(
                f"'{db.id}' has automated backups off (retention 0): no point-in-time restore and nothing to "
                "restore from", [db.id], location=db.location, severity="error",
                fix=f"set backup_retention_days to at least {MIN_RETENTION_DAYS}", details={"retention_days": 0})
        elif days < MIN_RETENTION_DAYS:
            yield RULE.finding(
                f"'{db.id}' keeps automated backups {days} day{'s' if days != 1 else ''}: a problem noticed later "
                "cannot be rolled back", [db.id], location=db.location,
                fix=f"set backup_retention_days to at least {MIN_RETENTION_DAYS}", details={"retention_days": days})
