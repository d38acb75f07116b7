"""AG226 backup-retention-gap: an AWS Backup rule that keeps its backups for less time than it takes to make
the next one, or for a time its vault's lock refuses.

What it flags
-------------
A ``backup_plan`` rule, or one of its copies to another Region, whose ``retention`` is shorter
than the longest time between two of the rule's backups (its ``every``, or the longest gap of
its cron ``schedule``): each backup expires before the next exists, so for part of every
interval there is nothing of this rule to restore (a warning). And a rule whose retention is
outside the plan's ``vault_lock`` range (an error): AWS Backup fails every backup job whose
retention is shorter than the lock's minimum or longer than its maximum (a rule with no
retention keeps its backups for ever, longer than any maximum).

Why it matters
--------------
A nightly backup kept 12 hours leaves the data unprotected half of every day; a copy in the
recovery Region kept shorter than the interval leaves backup & restore with nothing to restore
from for part of it. AWS's own guidance is to keep backups longer than the backup frequency.
A vault lock that refuses the rule's retention turns the plan into failed jobs and no backups
at all, which is only seen in the job history.

Failing spec
------------

```yaml
version: 1
name: nightly-kept-12h
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
  - id: backups
    type: backup_plan
    region: us-east-1
    protects: [orders]
    rules:
      - {name: nightly, schedule: cron(0 5 ? * * *), retention: 12h}
```

Expected finding: AG226 at line 12 on backups

Passing spec
------------

```yaml
version: 1
name: nightly-kept-35d
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
  - id: backups
    type: backup_plan
    region: us-east-1
    protects: [orders]
    rules:
      - {name: nightly, schedule: cron(0 5 ? * * *), retention: 35d}
```

Fix
---
Keep each backup (and each copy) longer than the time between two backups — AWS Config's
managed rule ``backup-plan-min-frequency-and-min-retention-check`` asks for daily backups kept
35 days by default — and within the vault lock's minimum and maximum retention.

Source
------
AWS Backup Developer Guide, "Changing your retention period" ("set the retention period for
these backups to be greater than the backup frequency") —
https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html ;
AWS Backup API Reference, PutBackupVaultLockConfiguration —
https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html ;
AWS Config, backup-plan-min-frequency-and-min-retention-check —
https://docs.aws.amazon.com/config/latest/developerguide/backup-plan-min-frequency-and-min-retention-check.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.backup_plan import BackupPlan
from archgen.formatting import long_duration

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG226", name="backup-retention-gap", severity="warning",
    summary="an AWS Backup rule or copy keeps backups shorter than its interval, or outside its vault lock's range",
    source="AWS Backup Developer Guide, Changing your retention period — "
           "https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html",
)


def check(ctx):
    for plan in ctx.of_class(BackupPlan):
        for rule in plan.rules:
            where = rule.location if rule.location.line else plan.location
            yield from _gaps(plan, rule, where)
            if plan.vault_lock is not None:
                yield from _refused(plan, rule, where)


def _gaps(plan: BackupPlan, rule, where):
    if rule.every_s is None:
        return
    kept = [("its backups", rule.retention_s, plan.region)]
    kept += [(f"its copies in {copy.region}", copy.retention_s, copy.region) for copy in rule.copies]
    for what, retention, region in kept:
        if retention is not None and retention < rule.every_s:
            yield RULE.finding(
                f"backup plan '{plan.id}' rule '{rule.name}' keeps {what} {long_duration(retention)} but takes one "
                f"every {long_duration(rule.every_s)}: for {long_duration(rule.every_s - retention)} of every interval "
                f"there is no backup of {', '.join(plan.protects)} from it in {region}",
                [plan.id], location=where,
                fix=f"keep them at least {long_duration(rule.every_s)} (AWS Config's default check: daily, kept 35 days)",
                details={"rule": rule.name, "region": region, "retention_seconds": retention,
                         "interval_seconds": rule.every_s})


def _refused(plan: BackupPlan, rule, where):
    lock, retention = plan.vault_lock, rule.retention_s
    if lock.min_retention_s is not None and retention is not None and retention < lock.min_retention_s:
        problem = f"{long_duration(retention)}, shorter than the vault lock's minimum of {long_duration(lock.min_retention_s)}"
    elif lock.max_retention_s is not None and (retention is None or retention > lock.max_retention_s):
        kept = "for ever (no retention)" if retention is None else long_duration(retention)
        problem = f"{kept}, longer than the vault lock's maximum of {long_duration(lock.max_retention_s)}"
    else:
        return
    yield RULE.finding(
        f"backup plan '{plan.id}' rule '{rule.name}' keeps its backups {problem}: AWS Backup fails every backup job of "
        "this rule, so it makes no backups", [plan.id], location=where, severity="error",
        fix="set the rule's retention within the vault lock's minimum and maximum",
        details={"rule": rule.name, "retention_seconds": retention, "lock_min_seconds": lock.min_retention_s,
                 "lock_max_seconds": lock.max_retention_s})
