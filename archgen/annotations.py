"""Optional marks a diagram can carry, computed elsewhere (traffic, analysis, diff).

Rendering takes these as plain data, so `render/` never imports analysis or traffic code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


def _empty() -> Mapping:
    return MappingProxyType({})


@dataclass(frozen=True)
class DiagramAnnotations:
    edge_peak_rps: Mapping[str, float] = field(default_factory=_empty)  # connection id -> peak requests/s
    spof: frozenset[str] = frozenset()  # component ids that are single points of failure
    findings: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)  # component id -> rule ids
    # (component id, Region) -> rule ids of findings about its copies there (e.g. a DR replica)
    copy_findings: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=_empty)
    diff: Mapping[str, str] = field(default_factory=_empty)  # component or connection id -> added | removed | changed
