"""Positioned messages about user input.

Every problem archgen reports about a spec is a Diagnostic, so the CLI can print
``FILE:LINE:COL: severity: message`` lines and the JSON/SARIF writers share one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archgen.untrusted import visible


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int  # 1-based; 0 when the problem has no position (e.g. unreadable file)
    column: int  # 1-based; 0 when unknown
    message: str
    path: str = ""  # JSON-path-like location inside the spec, e.g. components[3].multi_az
    hint: str = ""
    code: str = ""  # stable machine id: yaml, schema, semantic, io, limit
    severity: str = "error"

    def format(self) -> str:
        """One line: ``file:line:col: error: message (at path) — hint``."""
        where = visible(self.file)
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.path:
            text += f" (at {self.path})"
        if self.hint:
            text += f"; {self.hint}"
        return " ".join(visible(text).split())  # a diagnostic is always exactly one line, nothing invisible

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "path": self.path,
            "hint": self.hint,
        }


class SpecError(Exception):
    """Raised with the diagnostics that make a spec unusable (invalid or unreadable)."""

    def __init__(self, diagnostics: list[Diagnostic], unreadable: bool = False):
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics
        # unreadable input (missing file, bad bytes, over the size limit) maps to exit 2,
        # an invalid spec to exit 1
        self.unreadable = unreadable


@dataclass
class DiagnosticSink:
    """Collects diagnostics so one run reports every error, not just the first."""

    file: str
    items: list[Diagnostic] = field(default_factory=list)

    def add(self, line: int, column: int, message: str, *, path: str = "", hint: str = "",
            code: str = "semantic", severity: str = "error") -> None:
        self.items.append(Diagnostic(self.file, line, column, message, path, hint, code, severity))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]
