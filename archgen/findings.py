"""Findings: what the resilience analysis and the traffic model say about a design.

One shape for every rule (analysis AG1xx-AG4xx, traffic saturation AG5xx) so the text,
JSON, Markdown, SARIF and HTML reports and `--fail-on` treat them alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from archgen.model import NOWHERE, Location

SEVERITIES = ("error", "warning", "info")  # most to least severe
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


def at_least(severity: str, threshold: str) -> bool:
    """True if ``severity`` is as severe as ``threshold`` or more."""
    return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold]


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id, e.g. AG101
    name: str  # stable slug, e.g. asg-single-az
    severity: str  # error | warning | info
    message: str  # what is wrong, in one sentence naming the components
    components: tuple[str, ...] = ()
    # the Regions of the copies it is about (a replica in another Region); empty: the components'
    # serving copies in their own Region
    regions: tuple[str, ...] = ()
    location: Location = NOWHERE  # where in the spec (line/column) to annotate
    fix: str = ""  # how to fix it
    source: str = ""  # AWS documentation the rule rests on (title and URL)
    details: Mapping = field(default_factory=dict)  # structured extras for JSON/HTML (JSON-serialisable)
    suppressed: bool = False
    suppression_reason: str = ""

    def __init__(self, rule: str, name: str, severity: str, message: str, components: tuple[str, ...] = (),
                 regions: tuple[str, ...] = (), location: Location = NOWHERE, fix: str = "", source: str = "",
                 details: Mapping | None = None, suppressed: bool = False, suppression_reason: str = ""):
        # the dataclass's own __init__ for these fields (``details`` defaults to a new dict), filling the instance
        # dict at once: a frozen dataclass sets each field through object.__setattr__, and a large spec has
        # thousands of findings (a third of the time per finding)
        self.__dict__.update(rule=rule, name=name, severity=severity, message=message, components=components,
                             regions=regions, location=location, fix=fix, source=source,
                             details={} if details is None else details, suppressed=suppressed,
                             suppression_reason=suppression_reason)

    def sort_key(self) -> tuple:
        return (SEVERITY_RANK[self.severity], self.rule, self.components, self.message)
