"""Where a finding on an imported spec lives in the infrastructure code it came from.

An imported component carries ``source: {file, logical_id, line}``, the file relative to the
spec's folder. Reports show that place beside the spec's own line ("code: stack.yaml:42
(WebServerGroup)"), and SARIF puts it first so a pull-request annotation lands on the
template the team edits. When the spec was imported in memory (``archgen analyze
TEMPLATE``) the finding's own position already is the template's line, and nothing is added.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class CodeLocation:
    file: str  # as a reader finds it: relative to the working directory when it is below it
    line: int
    logical_id: str

    def format(self) -> str:
        return f"{self.file}:{self.line} ({self.logical_id})"


def code_location(spec, finding, spec_file: str) -> CodeLocation | None:
    for component_id in finding.components:
        component = spec.get(component_id)
        source = getattr(component, "source", None)
        if source is None:
            continue
        path = os.path.normpath(os.path.join(os.path.dirname(spec_file), source.file))
        if os.path.abspath(path) == os.path.abspath(spec_file) and source.line == finding.location.line:
            return None
        shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
        return CodeLocation(shown, source.line, source.logical_id)
    return None
