"""AWS::Backup::BackupPlan with its AWS::Backup::BackupSelection resources and the AWS::Backup::BackupVault
its rules write to -> one ``backup_plan`` component (``archgen.iac.backup_plans``).

Runs after every other component is mapped: a selection names resources by reference (``!Ref``,
``!GetAtt X.Arn``, ``!Sub 'arn:...:file-system/${Files}'``) or by tags (``ListOfTags``, and the
``StringEquals`` conditions of ``Conditions``), and those resources must already be components.
Property names are those of the CloudFormation Template Reference (AWS::Backup::BackupPlan
BackupRuleResourceType, LifecycleResourceType, CopyActionResourceType; AWS::Backup::BackupSelection
BackupSelectionResourceType; AWS::Backup::BackupVault LockConfigurationType).
"""

from __future__ import annotations

from archgen.iac import backup_plans
from archgen.iac.backup_plans import Copy, Rule
from archgen.iac.cloudformation.context import Mapper
from archgen.iac.cloudformation.stack import Resource

TAG_KEY = "aws:ResourceTag/"  # Conditions name tags as aws:ResourceTag/<key>


def map_backup_plans(m: Mapper) -> None:
    for plan in m.of_type("AWS::Backup::BackupPlan"):
        origin = m.origin(plan)
        selections = [s for s in m.of_type("AWS::Backup::BackupSelection")
                      if plan in m.targets(s.properties.get("BackupPlanId"))]
        body = plan.properties.get("BackupPlan") if isinstance(plan.properties.get("BackupPlan"), dict) else {}
        raw_rules = [r for r in m.items(body.get("BackupPlanRule")) if isinstance(r, dict)]
        vaults = [m.target(r.get("TargetBackupVault")) for r in raw_rules]
        m.fold(plan, *selections, *vaults)
        protects = [cid for s in selections for cid in _selected(m, plan, s)]
        rules = [_rule(m, plan, n, r) for n, r in enumerate(raw_rules, start=1)]
        fields = backup_plans.plan_fields(m.draft, origin, plan.logical_id, list(dict.fromkeys(protects)), rules,
                                          _lock(m, vaults))
        if fields is not None:
            m.draft.add_typed(m.key(plan), m.name(plan), backup_plans.TYPE, fields, origin,
                              f"{plan.logical_id} ({plan.type})")


def _rule(m: Mapper, plan: Resource, index: int, raw: dict) -> Rule:
    lifecycle = raw.get("Lifecycle") if isinstance(raw.get("Lifecycle"), dict) else {}
    copies = []
    for action in m.items(raw.get("CopyActions")):
        if not isinstance(action, dict):
            continue
        destination = m.label(action.get("DestinationBackupVaultArn"))
        kept = action.get("Lifecycle") if isinstance(action.get("Lifecycle"), dict) else {}
        copies.append(Copy(destination, backup_plans.arn_region(destination),
                           _number(m, plan, "CopyActions", kept.get("DeleteAfterDays"))))
    schedule = raw.get("ScheduleExpression")
    name = raw.get("RuleName")
    return Rule(name=backup_plans.rule_name(name if isinstance(name, str) else "", index),
                schedule=m.label(schedule) if schedule is not None else None,
                delete_after_days=_number(m, plan, "Lifecycle", lifecycle.get("DeleteAfterDays")),
                cold_after_days=_number(m, plan, "Lifecycle", lifecycle.get("MoveToColdStorageAfterDays")),
                continuous=raw.get("EnableContinuousBackup") is not None
                and m.flag(plan, "EnableContinuousBackup", raw.get("EnableContinuousBackup")) is True,
                copies=tuple(copies))


def _number(m: Mapper, resource: Resource, prop: str, value) -> int | None:
    return m.integer(resource, prop, value) if value is not None else None


def _lock(m: Mapper, vaults: list[Resource | None]) -> tuple[int | None, int | None] | None:
    """The lock of the vault the rules write to (when they all write to one vault of the template)."""
    distinct = {id(v): v for v in vaults}
    if len(distinct) != 1 or None in distinct.values():
        return None
    vault = next(iter(distinct.values()))
    lock = vault.properties.get("LockConfiguration")
    if not isinstance(lock, dict):
        return None
    return (_number(m, vault, "LockConfiguration", lock.get("MinRetentionDays")),
            _number(m, vault, "LockConfiguration", lock.get("MaxRetentionDays")))


def _selected(m: Mapper, plan: Resource, selection: Resource) -> list[str]:
    """Component ids a selection names: resources by reference, or by the tags they carry."""
    body = selection.properties.get("BackupSelection")
    body = body if isinstance(body, dict) else {}
    origin = m.origin(selection)
    found: list[str | None] = []
    every_resource = False
    for item in m.items(body.get("Resources")):
        named = [m.component_id(t) for t in m.targets(item)]
        if any(named):
            found.extend(named)
        elif m.label(item).strip() == "*":
            every_resource = True
        else:
            m.draft.note(origin, f"{selection.logical_id} selects {m.label(item)}, which is no resource of the "
                                 "template archgen can resolve: not counted")
    tags, unread = _tag_tests(m, body)
    if unread:
        m.draft.note(origin, f"{selection.logical_id} narrows its selection with {', '.join(unread)}, which archgen "
                             "does not read: resources selected by tags are not counted")
    elif tags and (every_resource or not body.get("Resources")):
        found.extend(m.component_id(r) for r in m.resources.values() if m.component_id(r) and _matches(m, r, tags))
    elif every_resource:
        m.draft.note(origin, f"{selection.logical_id} selects every resource ('*'): which of them AWS Backup backs "
                             "up depends on the account's settings; not counted")
    excluded = {m.component_id(t) for item in m.items(body.get("NotResources")) for t in m.targets(item)}
    return backup_plans.keep(m.draft, origin, selection.logical_id, [c for c in found if c not in excluded])


def _tag_tests(m: Mapper, body: dict) -> tuple[dict, list[str]]:
    """(tests, what is not read): tests are {"any": [(key, value)], "all": [(key, value)]}: ListOfTags
    entries (any one selects) and StringEquals conditions (all must hold)."""
    tests: dict = {"any": [], "all": []}
    unread: list[str] = []
    for tag in m.items(body.get("ListOfTags")):
        if isinstance(tag, dict) and tag.get("ConditionType") == "STRINGEQUALS" and \
                isinstance(tag.get("ConditionKey"), str) and isinstance(tag.get("ConditionValue"), str):
            tests["any"].append((tag["ConditionKey"], tag["ConditionValue"]))
        else:
            unread.append("a ListOfTags entry")
    conditions = body.get("Conditions") if isinstance(body.get("Conditions"), dict) else {}
    for kind, entries in conditions.items():
        for entry in m.items(entries):
            key = entry.get("ConditionKey") if isinstance(entry, dict) else None
            value = entry.get("ConditionValue") if isinstance(entry, dict) else None
            if kind == "StringEquals" and isinstance(key, str) and key.startswith(TAG_KEY) and isinstance(value, str):
                tests["all"].append((key[len(TAG_KEY):], value))
            else:
                unread.append(f"a {kind} condition")
    return (tests if tests["any"] or tests["all"] else {}), unread


def _matches(m: Mapper, resource: Resource, tests: dict) -> bool:
    tags = _tags(resource)
    wanted_any, wanted_all = tests["any"], tests["all"]
    return (not wanted_any or any(tags.get(k) == v for k, v in wanted_any)) and \
        all(tags.get(k) == v for k, v in wanted_all)


def _tags(resource: Resource) -> dict[str, str]:
    """A resource's literal tags: a list of {Key, Value} or a map (both forms occur in the Template Reference)."""
    raw = resource.properties.get("Tags")
    if isinstance(raw, dict):
        return {str(k): v for k, v in raw.items() if isinstance(v, str)}
    return {t["Key"]: t["Value"] for t in raw or () if isinstance(t, dict) and isinstance(t.get("Key"), str)
            and isinstance(t.get("Value"), str)} if isinstance(raw, list) else {}
