"""The verdict on a change: does it fail, warn or pass? One pure function every diff report uses.

- ❌ fail: a changed spec is invalid, or the change adds a finding at or above the fail-on level;
- ⚠️ warn: otherwise, the change adds a finding of severity warning or worse (with
  ``--fail-on none`` a new error warns: the comment must never show ✅ over a new error);
- ✅ pass: nothing new at warning or above (new info findings, resolved findings, no change).

The exit code of ``archgen diff`` is 1 exactly when the verdict is ❌, so a CI job's status
and the comment's header always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from archgen.findings import Finding, at_least

FAIL_ON_CHOICES = ("none", "error", "warning", "info")


class Verdict(str, Enum):
    FAIL = "fail"
    WARN = "warn"
    PASS = "pass"

    @property
    def mark(self) -> str:
        return {"fail": "❌", "warn": "⚠️", "pass": "✅"}[self.value]


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    fail_on: str  # none | error | warning | info
    invalid: tuple[str, ...] = ()  # head files that are invalid
    failing: tuple[Finding, ...] = ()  # new findings at or above fail_on
    warning: tuple[Finding, ...] = ()  # other new findings of severity warning or worse

    @property
    def failed(self) -> bool:
        return self.verdict is Verdict.FAIL


def judge(reviews, fail_on: str) -> Judgement:
    """``reviews``: archgen.diff.review.Review objects; ``fail_on``: one of FAIL_ON_CHOICES."""
    if fail_on not in FAIL_ON_CHOICES:
        raise ValueError(f"fail_on must be one of {FAIL_ON_CHOICES}, not {fail_on!r}")
    invalid = tuple(r.head_file for r in reviews if r.head is not None and not r.head.valid)
    new = [f for r in reviews for f in r.new_findings]
    fails = [fail_on != "none" and at_least(f.severity, fail_on) for f in new]
    failing = tuple(f for f, fail in zip(new, fails) if fail)
    warning = tuple(f for f, fail in zip(new, fails) if not fail and at_least(f.severity, "warning"))
    verdict = Verdict.FAIL if invalid or failing else Verdict.WARN if warning else Verdict.PASS
    return Judgement(verdict, fail_on, invalid, failing, warning)
