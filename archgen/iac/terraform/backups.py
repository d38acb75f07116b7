"""aws_backup_plan with its aws_backup_selection resources and the aws_backup_vault_lock_configuration of
the vault its rules write to -> one ``backup_plan`` component (``archgen.iac.backup_plans``).

Runs after every other component is mapped. A selection names resources by reference or ARN
(``resources``: a plan records the references, a state the ARNs) or by tag (``selection_tag`` of
type STRINGEQUALS, with ``resources = ["*"]`` or none; the ``string_equals`` entries of ``condition``
blocks on ``aws:ResourceTag/<key>``). Attribute names are those of the AWS provider's
aws_backup_plan (rule, lifecycle, copy_action), aws_backup_selection and
aws_backup_vault_lock_configuration resources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archgen.iac import backup_plans
from archgen.iac.backup_plans import Copy, Rule
from archgen.iac.terraform.plan import Resource

if TYPE_CHECKING:  # the mapper that calls this module, named only in signatures
    from archgen.iac.terraform.mapping import TerraformMapper

TAG_KEY = "aws:ResourceTag/"


def map_backup_plans(m: "TerraformMapper") -> None:
    for plan in m.of_type("aws_backup_plan"):
        origin = m.origin(plan)
        selections = [s for s in m.of_type("aws_backup_selection") if plan in m.refs(s, "plan_id")]
        vaults = [v for v in m.of_type("aws_backup_vault") if v.values.get("name") in
                  {r.get("target_vault_name") for r in _blocks(plan.values.get("rule"))} or v in m.refs(plan, "rule")]
        locks = [lock for lock in m.of_type("aws_backup_vault_lock_configuration")
                 if any(v in m.refs(lock, "backup_vault_name") or v.values.get("name") == lock.values.get(
                     "backup_vault_name") for v in vaults)]
        m.fold(plan, *selections, *vaults, *locks)
        protects = [cid for s in selections for cid in _selected(m, plan, s)]
        rules = [_rule(r, n) for n, r in enumerate(_blocks(plan.values.get("rule")), start=1)]
        lock = (m.number(locks[0], "min_retention_days"), m.number(locks[0], "max_retention_days")) \
            if len(vaults) == 1 and len(locks) == 1 else None
        fields = backup_plans.plan_fields(m.draft, origin, plan.address, list(dict.fromkeys(protects)), rules, lock)
        if fields is not None:
            m.draft.add_typed(plan.address, m.name(plan), backup_plans.TYPE, fields, origin, plan.address)


def _blocks(value) -> list[dict]:
    return [b for b in value or () if isinstance(b, dict)] if isinstance(value, list) else []


def _days(block: dict | None, key: str) -> int | None:
    value = (block or {}).get(key)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _rule(raw: dict, index: int) -> Rule:
    lifecycle = next(iter(_blocks(raw.get("lifecycle"))), None)
    copies = []
    for action in _blocks(raw.get("copy_action")):
        destination = action.get("destination_vault_arn")
        kept = next(iter(_blocks(action.get("lifecycle"))), None)
        copies.append(Copy(str(destination) if destination else "a vault known only after apply",
                           backup_plans.arn_region(destination), _days(kept, "delete_after")))
    name, schedule = raw.get("rule_name"), raw.get("schedule")
    return Rule(name=backup_plans.rule_name(name if isinstance(name, str) else "", index),
                schedule=schedule if isinstance(schedule, str) and schedule else None,
                delete_after_days=_days(lifecycle, "delete_after"), cold_after_days=_days(lifecycle, "cold_storage_after"),
                continuous=raw.get("enable_continuous_backup") is True, copies=tuple(copies))


def _selected(m: "TerraformMapper", plan: Resource, selection: Resource) -> list[str]:
    origin = m.origin(selection)
    named = [r for r in m.refs(selection, "resources")]
    found: list[str | None] = [m.component_id(r) for r in named]
    listed = [v for v in selection.values.get("resources") or () if isinstance(v, str)]
    every_resource = "*" in listed
    unresolved = [v for v in listed if v != "*" and not any(v == r.values.get("arn") for r in named)]
    if unresolved and not named:
        m.draft.note(origin, f"{selection.address} selects {', '.join(sorted(unresolved))}, no resource of the "
                             "configuration archgen can resolve: not counted")
    tests, unread = _tag_tests(selection)
    if unread:
        m.draft.note(origin, f"{selection.address} narrows its selection with {', '.join(unread)}, which archgen "
                             "does not read: resources selected by tags are not counted")
    elif tests and (every_resource or not listed):
        found.extend(m.component_id(r) for r in m.tf.resources if m.component_id(r) and _matches(r, tests))
    elif every_resource:
        m.draft.note(origin, f"{selection.address} selects every resource ('*'): which of them AWS Backup backs up "
                             "depends on the account's settings; not counted")
    excluded = {m.component_id(r) for r in m.refs(selection, "not_resources")}
    return backup_plans.keep(m.draft, origin, selection.address, [c for c in found if c not in excluded])


def _tag_tests(selection: Resource) -> tuple[dict, list[str]]:
    """(tests, what is not read): {"any": [(key, value)], "all": [(key, value)]} from selection_tag blocks
    (any one selects) and condition string_equals entries (all must hold)."""
    tests: dict = {"any": [], "all": []}
    unread: list[str] = []
    for tag in _blocks(selection.values.get("selection_tag")):
        if tag.get("type") == "STRINGEQUALS" and isinstance(tag.get("key"), str) and isinstance(tag.get("value"), str):
            tests["any"].append((tag["key"], tag["value"]))
        else:
            unread.append("a selection_tag")
    for condition in _blocks(selection.values.get("condition")):
        for kind, entries in condition.items():
            for entry in _blocks(entries):
                key, value = entry.get("key"), entry.get("value")
                if kind == "string_equals" and isinstance(key, str) and key.startswith(TAG_KEY) and isinstance(value, str):
                    tests["all"].append((key[len(TAG_KEY):], value))
                else:
                    unread.append(f"a {kind} condition")
    return (tests if tests["any"] or tests["all"] else {}), unread


def _matches(resource: Resource, tests: dict) -> bool:
    tags = resource.values.get("tags") or resource.values.get("tags_all") or {}
    tags = tags if isinstance(tags, dict) else {}
    return (not tests["any"] or any(tags.get(k) == v for k, v in tests["any"])) and \
        all(tags.get(k) == v for k, v in tests["all"])
