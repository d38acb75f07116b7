"""backup_plan: an AWS Backup plan — rules that back up the components it protects on a schedule, keep each
backup for a retention period, and may copy it to a vault in another Region.

It is off the request path (never in a connection): it acts on the stores it names in ``protects``,
each of a type AWS Backup supports (``Capability.BACKUP_RESOURCE``) and holding data, in the plan's
Region (a plan backs up resources of its own Region). What it gives the analysis:

* ``copies``: the Regions each protected store's backups are copied to (copy rules), read as a
  cross-Region copy by the DR model and the rules (AG308, AG311);
* ``copy_every``: the longest time between two backups copied there — the recovery point of
  backup & restore;
* ``backup_every``: the longest time between two backups in the Region — what a store with no
  copy of its own outside a lost AZ restores from, and the copy a deleted store leaves behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen import catalogue
from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, Redundancy, Role, SlaFigure, State, Tier, Traffic, one_figure,
)
from archgen.formatting import long_duration
from archgen.spec import cron
from archgen.spec.schema_parts import REGION_PATTERN, array, duration as duration_key, id_ref, obj, prop
from archgen.spec.units import parse_duration

NAME = "backup_plan"
DAY = 86400.0
RULE_API = ("AWS Backup API Reference, BackupRule: ScheduleExpression is a cron expression in UTC; without one "
            "AWS Backup uses cron(0 5 ? * * *) — https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRule.html")
DEFAULT_SCHEDULE = "cron(0 5 ? * * *)"  # RULE_API
LIFECYCLE_API = ("AWS Backup API Reference, Lifecycle: DeleteAfterDays must be at least 90 days after "
                 "MoveToColdStorageAfterDays; without one the recovery points are kept — "
                 "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html")
COLD_MINIMUM_S = 90 * DAY  # LIFECYCLE_API
CONTINUOUS_PAGE = ('AWS Backup Developer Guide, "Changing your retention period" (continuous backups): retention '
                   "1 to 35 days — https://docs.aws.amazon.com/aws-backup/latest/devguide/"
                   "point-in-time-recovery-retention-period.html")
CONTINUOUS_MAX_S = 35 * DAY  # CONTINUOUS_PAGE
MINIMUM_INTERVAL_S = 3600.0  # AWS Backup rejects a schedule whose jobs are less than 60 minutes apart (MINIMUM_PAGE)
MINIMUM_PAGE = ("AWS re:Post, AWS Backup's error 'The interval between backup jobs shouldn't be less than 60 "
                "minutes' — https://repost.aws/questions/QUwYlivOoWTHi1nSuSGjTVFg")
SUPPORTED_PAGE = ("AWS Backup API Reference, GetSupportedResourceTypes — "
                  "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetSupportedResourceTypes.html")
VAULT_LOCK_API = ("AWS Backup API Reference, PutBackupVaultLockConfiguration: a locked vault fails backup and copy "
                  "jobs whose retention is outside its minimum and maximum — "
                  "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html")
RESTORE_PAGE = ('AWS Backup Developer Guide, "Restore a backup" (restore jobs; no duration published) — '
                "https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html")
COPY_LIFECYCLE = ("AWS Security Hub API Reference, AwsBackupBackupPlanRuleDetails: without a lifecycle of its own, a "
                  "copy gets the source backup's — https://docs.aws.amazon.com/securityhub/1.0/APIReference/"
                  "API_AwsBackupBackupPlanRuleDetails.html")
PRICING = "https://aws.amazon.com/backup/pricing/"

COPY = obj("A copy action: each backup the rule takes is copied to a backup vault in another Region.", {
    "region": prop("string", "Region of the destination vault.", pattern=REGION_PATTERN),
    "retention": duration_key("How long each copy is kept (its lifecycle DeleteAfterDays; default: the rule's "
                              "retention)."),
}, required=("region",))
RULE = obj("A backup rule: when backups run, how long each is kept, and where copies go.", {
    "name": prop("string", "Rule name (AWS Backup RuleName).", pattern=r"^[A-Za-z0-9_.-]{1,50}$"),
    "schedule": prop("string", f"When backups start: an AWS cron expression in UTC, e.g. {DEFAULT_SCHEDULE} (AWS "
                               "Backup's default: daily at 05:00 UTC). Leave out when 'every' is given.",
                     maxLength=200),
    "every": duration_key("Time between backups, instead of a cron schedule (at least 1h), e.g. 12h or 1d."),
    "retention": duration_key("How long each backup is kept (lifecycle DeleteAfterDays; default: until deleted)."),
    "cold_after": duration_key("When a backup moves to cold storage (MoveToColdStorageAfterDays); the retention must "
                               "be at least 90 days longer."),
    "continuous": prop("boolean", "Continuous backup for point-in-time restore (RDS, Aurora, S3; retention 1 to 35 "
                                  "days)."),
    "copy_to": array("Copy actions: vaults in other Regions each backup is copied to.", COPY, minItems=1),
}, required=("name",))
PROPERTIES = {
    "protects": array("Ids of the components the plan backs up (its backup selection): stores of a type AWS Backup "
                      "supports, in the plan's Region.", id_ref("Component id."), minItems=1, uniqueItems=True),
    "rules": array("The plan's backup rules.", RULE, minItems=1),
    "vault_lock": obj("AWS Backup Vault Lock on the plan's vault: backups and copies whose retention is outside "
                      "this range fail; locked recovery points cannot be deleted early.", {
                          "min_retention": duration_key("Shortest retention the vault accepts (MinRetentionDays)."),
                          "max_retention": duration_key("Longest retention the vault accepts (MaxRetentionDays)."),
                      }),
}


@dataclass(unsafe_hash=True)
class BackupCopy:
    """A copy rule of a backup rule: the Region its recovery points are copied to, and how long kept."""

    region: str
    retention_s: float | None  # None: kept until deleted


@dataclass(unsafe_hash=True)
class BackupRule:
    """One rule of a backup plan: when it backs up, how long it keeps, where it copies."""

    name: str
    schedule: str  # the cron expression ('every' written as text when the spec gives an interval)
    every_s: float | None  # longest time between two backups; None: the schedule could not be read
    retention_s: float | None  # None: kept until deleted
    cold_after_s: float | None
    continuous: bool
    copies: tuple[BackupCopy, ...]
    location: m.Location = m.NOWHERE


@dataclass(unsafe_hash=True)
class VaultLock:
    """The retention limits a Backup Vault Lock enforces on the vault's recovery points."""

    min_retention_s: float | None
    max_retention_s: float | None


@dataclass(unsafe_hash=True, kw_only=True)
class BackupPlan(m.Component):
    """An AWS Backup plan: the stores it protects and its rules."""

    protects: tuple[str, ...] = ()
    rules: tuple[BackupRule, ...] = ()
    vault_lock: VaultLock | None = None


def _seconds(raw: dict, key: str) -> float | None:
    return parse_duration(raw[key]) if key in raw else None


def _interval(rule: dict) -> float | None:
    if "every" in rule:
        return parse_duration(rule["every"])
    try:
        return cron.interval(rule.get("schedule", DEFAULT_SCHEDULE))
    except cron.CronError:  # the semantic check reported it
        return None


def build(builder, index: int, c: dict, common: dict) -> BackupPlan:
    rules = []
    for j, r in enumerate(c["rules"]):
        retention = _seconds(r, "retention")
        copies = tuple(BackupCopy(x["region"], _seconds(x, "retention") if "retention" in x else retention)
                       for x in r.get("copy_to", ()))  # a copy without a retention keeps the rule's (COPY_LIFECYCLE)
        schedule = f"every {r['every']}" if "every" in r else r.get("schedule", DEFAULT_SCHEDULE)
        rules.append(BackupRule(r["name"], schedule, _interval(r), retention, _seconds(r, "cold_after"),
                                bool(r.get("continuous", False)), copies, builder.at("components", index, "rules", j)))
    lock = c.get("vault_lock")
    return BackupPlan(**common, protects=tuple(c["protects"]), rules=tuple(rules),
                      vault_lock=VaultLock(_seconds(lock, "min_retention"), _seconds(lock, "max_retention"))
                      if lock is not None else None)


# --------------------------------------------------------------------------- checks
def check(checker, path: tuple, c: dict) -> None:
    """What it protects exists, holds data, is a type AWS Backup supports and lives in the plan's Region; the
    schedules read and run at least an hour apart; lifecycles are ones AWS Backup accepts; copies go to other
    declared Regions; the plan is in no connection (it is not on the request path)."""
    for j, target_id in enumerate(checker.as_list(c.get("protects"))):
        target = checker.ref(path + ("protects", j), target_id)
        if target is not None:
            _check_protected(checker, path + ("protects", j), c, target)
    for j, rule in enumerate(checker.as_list(c.get("rules"))):
        if isinstance(rule, dict):
            _check_rule(checker, path + ("rules", j), c, rule)
    lock = c.get("vault_lock") or {}
    if "min_retention" in lock and "max_retention" in lock and \
            parse_duration(lock["min_retention"]) > parse_duration(lock["max_retention"]):
        checker.error(path + ("vault_lock",), "the vault lock's min_retention is longer than its max_retention")
    ends = {i: "to" for i, _ in checker.connections_to(c.get("id"))}
    ends.update({i: "from" for i, _ in checker.connections_from(c.get("id"))})  # a connection to itself: 'from'
    for i in sorted(ends):
        checker.error(("connections", i, ends[i]), f"backup plan '{c.get('id')}' is not on the request path: it is in "
                      "no connection", "name what it backs up in its 'protects' list")


def _check_protected(checker, path: tuple, plan: dict, target: dict) -> None:
    kind = catalogue.by_name().get(target.get("type"))
    if kind is None:
        return
    what = f"'{target.get('id')}' is {kind.with_article()}"
    if Capability.BACKUP_RESOURCE not in kind.capabilities:
        checker.error(path, f"{what}, which AWS Backup cannot back up",
                      "protect it with the service's own backups or replication")
    elif kind.state is State.STATELESS or (kind.state is State.HOSTED and not target.get("hosts")):
        checker.error(path, f"{what} that holds no data (a stateless tier): a backup plan protects data",
                      "list the stores it backs up; for software keeping state on an instance, name it in 'hosts'")
    else:
        region, _ = checker.placement(target)
        if region is not None and plan.get("region") is not None and region != plan.get("region"):
            checker.error(path, f"{what} in {region}: a backup plan backs up resources of its own Region "
                          f"({plan.get('region')})", "put a plan in that Region, or copy to it with copy_to")


def _check_rule(checker, path: tuple, plan: dict, rule: dict) -> None:
    if "schedule" in rule and "every" in rule:
        checker.error(path + ("every",), "give a rule either a cron schedule or an interval ('every'), not both")
    elif "every" in rule and parse_duration(rule["every"]) < MINIMUM_INTERVAL_S:
        checker.error(path + ("every",), "AWS Backup runs a rule's backups at least 60 minutes apart", "every: 1h or more")
    elif "schedule" in rule:
        try:
            cron.interval(rule["schedule"])
            too_close = cron.shortest_gap(rule["schedule"]) < MINIMUM_INTERVAL_S
        except cron.CronError as error:
            checker.error(path + ("schedule",), f"schedule {rule['schedule']!r}: {error}",
                          f"an AWS cron expression such as {DEFAULT_SCHEDULE}, or an interval with 'every'")
        else:
            if too_close:
                checker.error(path + ("schedule",), "AWS Backup runs a rule's backups at least 60 minutes apart")
    retention, cold = _seconds(rule, "retention"), _seconds(rule, "cold_after")
    if cold is not None and retention is not None and retention < cold + COLD_MINIMUM_S:
        checker.error(path + ("retention",), "a backup moved to cold storage is kept there at least 90 days: "
                      "the retention must be at least cold_after + 90d")
    if rule.get("continuous") and (retention is None or retention > CONTINUOUS_MAX_S):
        checker.error(path + ("retention",) if retention is not None else path,
                      "continuous backups are kept 1 to 35 days", "set retention: 35d or less")
    for k, copy in enumerate(checker.as_list(rule.get("copy_to"))):
        if not isinstance(copy, dict) or "region" not in copy:
            continue
        if checker.need_region(path + ("copy_to", k, "region"), copy["region"]) and copy["region"] == plan.get("region"):
            checker.error(path + ("copy_to", k, "region"), "this copy stays in the plan's own Region",
                          "copy to another Region (a same-Region copy does not survive a Region loss)")


# --------------------------------------------------------------------------- what the analysis reads
def copies(c: BackupPlan) -> dict[str, tuple[str, ...]]:
    """Protected store -> the other Regions its backups are copied to."""
    regions = tuple(dict.fromkeys(x.region for r in c.rules for x in r.copies if x.region != c.region))
    return {store: regions for store in c.protects} if regions else {}


def copy_every(c: BackupPlan) -> dict[str, float]:
    """Protected store -> the longest time between two backups copied to another Region (the most frequent
    rule that copies; a rule whose schedule cannot be read gives no figure)."""
    intervals = [r.every_s for r in c.rules if r.every_s is not None and any(x.region != c.region for x in r.copies)]
    return {store: min(intervals) for store in c.protects} if intervals else {}


def backup_every(c: BackupPlan) -> dict[str, float]:
    """Protected store -> the longest time between two backups in the plan's Region (its most frequent rule)."""
    intervals = [r.every_s for r in c.rules if r.every_s is not None]
    return {store: min(intervals) for store in c.protects} if intervals else {}


# --------------------------------------------------------------------------- drawing
def _retention(seconds: float | None) -> str:
    return "kept until deleted" if seconds is None else f"kept {long_duration(seconds)}"


def details(c: BackupPlan) -> list[str]:
    lines = []
    for r in c.rules:
        every = f"every {long_duration(r.every_s)}" if r.every_s is not None else r.schedule
        copied = f" → {', '.join(x.region for x in r.copies)}" if r.copies else ""
        lines.append(f"{every}, {_retention(r.retention_s)}{copied}")
    if c.vault_lock is not None:
        lines.append("vault lock")
    return lines


SLA = SlaFigure("backup", "AWS Backup", "backup and restore jobs", 99.9, "AWS Backup Service Level Agreement",
                "https://aws.amazon.com/backup/sla/", "2026-11-29")

TYPE = ComponentType(
    name=NAME, title="AWS Backup plan", article="an",
    description="AWS Backup plan: rules that back up the stores it protects on a schedule, keep each backup for a "
                "retention period and may copy it to vaults in other Regions (off the request path).",
    model=BackupPlan, properties=PROPERTIES, required=("region", "protects", "rules"), build=build, check=check,
    placement=Placement.REGIONAL, role=Role.CALLER, tier=Tier.DATA, state=State.STATELESS,
    icon=("diagrams.aws.storage", "Backup"),
    redundancy=Redundancy("AWS runs the plan's jobs in its Region; its backups live in the Region's vault, and "
                          "copy_to copies them to vaults in other Regions (what survives a Region loss)"),
    recovery=Recovery("a Regional service with nothing to fail over: jobs run again on the next schedule; restoring "
                      "from a backup takes a time AWS does not publish (it depends on the resource and its size)",
                      None, RESTORE_PAGE),
    sla=one_figure(SLA),
    traffic=Traffic("not on the request path: no request capacity; backup storage is priced per GB-month by "
                    f"resource type and Region ({PRICING}), which archgen's price table does not hold (not priced)"),
    details=details,
    capabilities=frozenset({Capability.BACKUP_COPY}),
    copies=copies, copy_every=copy_every, backups=backup_every,
)
