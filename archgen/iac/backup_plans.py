"""AWS Backup plans from infrastructure code, whatever the format: a plan, the selections that name what
it backs up, and the vault lock of the vault its rules write to become one ``backup_plan`` component.

The CloudFormation and Terraform mappings read their own resources (``cloudformation/backups.py``,
``terraform/backups.py``) and hand this module plain values: what a selection names is resolved to
component ids there (a reference, an ARN of a resource in the code, or tags the resources carry);
what cannot be resolved (a wildcard ARN, an ARN of a resource outside the code, a condition archgen
does not read) is said in a note, never guessed. A rule whose schedule archgen cannot read is left
out with a note (its backups are not counted); a copy whose destination Region is not known, too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archgen import catalogue
from archgen.catalogue.base import Capability, State
from archgen.iac.draft import Origin, SpecDraft
from archgen.iac.zones import REGION
from archgen.spec import cron

TYPE = "backup_plan"


@dataclass(frozen=True)
class Copy:
    destination: str  # how the code names the destination vault (for notes)
    region: str | None  # None: not known from the code
    delete_after_days: int | None


@dataclass(frozen=True)
class Rule:
    name: str
    schedule: str | None  # None: AWS Backup's default schedule
    delete_after_days: int | None
    cold_after_days: int | None
    continuous: bool
    copies: tuple[Copy, ...]


def arn_region(text) -> str | None:
    """The Region field of an ARN (``arn:aws:backup:us-west-2:123456789012:backup-vault:dr``), when it is one."""
    parts = str(text).split(":") if isinstance(text, str) else []
    return parts[3] if len(parts) >= 6 and parts[0] == "arn" and REGION.match(parts[3]) else None


def rule_name(text: str, index: int) -> str:
    """A rule name the spec accepts (letters, digits, '-', '_', '.'; at most 50), else 'rule-<n>'."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:50]
    return name or f"rule-{index}"


def protectable(draft: SpecDraft, component_id: str | None) -> bool:
    """The component is of a type AWS Backup supports and holds data (what a backup plan may protect)."""
    component = draft.component(component_id) if component_id else None
    kind = catalogue.by_name().get(component["type"]) if component is not None else None
    if kind is None or Capability.BACKUP_RESOURCE not in kind.capabilities:
        return False
    if kind.state is State.HOSTED:
        return bool(component.get("hosts"))
    return kind.state is not State.STATELESS


def keep(draft: SpecDraft, origin: Origin, selection: str, found: list[str | None]) -> list[str]:
    """The component ids among ``found`` a plan can protect; the others named in a note."""
    out = []
    for component_id in dict.fromkeys(found):
        if component_id is None:
            continue
        if protectable(draft, component_id):
            out.append(component_id)
        else:
            draft.note(origin, f"{selection} selects '{component_id}', which holds no data AWS Backup backs up in "
                               "archgen's model: left out of its protects")
    return out


def spec_rule(draft: SpecDraft, origin: Origin, plan: str, rule: Rule) -> dict | None:
    """A rule as the spec writes it, or None (with a note) when its schedule cannot be read."""
    out: dict = {"name": rule.name}
    if rule.schedule is not None:
        try:
            cron.interval(rule.schedule)
        except cron.CronError as error:
            draft.note(origin, f"{plan} rule {rule.name}: schedule {rule.schedule!r} is not read ({error}): the "
                               "rule is left out, its backups not counted")
            return None
        out["schedule"] = rule.schedule
    if rule.delete_after_days is not None and rule.delete_after_days > 0:
        out["retention"] = f"{rule.delete_after_days}d"
    if rule.cold_after_days is not None and rule.cold_after_days > 0:
        out["cold_after"] = f"{rule.cold_after_days}d"
    if rule.continuous:
        out["continuous"] = True
    copies = []
    for copy in rule.copies:
        if copy.region is None:
            draft.note(origin, f"{plan} rule {rule.name} copies to {copy.destination}, whose Region the code does "
                               "not give: the copy is left out")
        elif copy.region == draft.region:
            draft.note(origin, f"{plan} rule {rule.name} copies to {copy.destination} in its own Region (another "
                               "vault or account): a same-Region copy is not written")
        else:
            copies.append({"region": copy.region, **({"retention": f"{copy.delete_after_days}d"}
                                                      if copy.delete_after_days else {})})
    if copies:
        out["copy_to"] = copies
    return out


def plan_fields(draft: SpecDraft, origin: Origin, plan: str, protects: list[str], rules: list[Rule],
                lock: tuple[int | None, int | None] | None) -> dict | None:
    """The component's keys, or None (with a note) when it protects nothing or has no rule archgen reads."""
    written = [r for r in (spec_rule(draft, origin, plan, rule) for rule in rules) if r is not None]
    if not protects:
        draft.note(origin, f"{plan}: its selections name no resource of the code that archgen can resolve: not in "
                           "the spec")
        return None
    if not written:
        draft.note(origin, f"{plan}: no rule archgen can read: not in the spec")
        return None
    order = {c["id"]: i for i, c in enumerate(draft.components)}
    fields: dict = {"region": draft.region, "protects": sorted(protects, key=order.__getitem__), "rules": written}
    if lock is not None and any(days for days in lock):
        low, high = lock
        fields["vault_lock"] = {**({"min_retention": f"{low}d"} if low else {}),
                                **({"max_retention": f"{high}d"} if high else {})}
    return fields
