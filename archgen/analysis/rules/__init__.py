"""The rule catalogue: every module here named ``agNNN_<slug>.py`` is one rule."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from functools import lru_cache

from archgen.analysis.rule import Rule, RuleFamily


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by id, with its documentation and check function attached."""
    rules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("ag"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule: Rule = module.RULE
        rules.append(replace(rule, doc=(module.__doc__ or "").strip(), check=module.check))
    rules.sort(key=lambda r: r.id)
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):  # pragma: no cover - guarded by tests
        raise RuntimeError(f"duplicate rule ids: {ids}")
    return tuple(rules)


def rules_of(family: RuleFamily) -> tuple[Rule, ...]:
    return tuple(r for r in all_rules() if r.family is family)


def rule_by_id(rule_id: str) -> Rule | None:
    wanted = rule_id.upper()
    return next((r for r in all_rules() if r.id == wanted or r.name == rule_id.lower()), None)
