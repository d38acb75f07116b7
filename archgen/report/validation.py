"""What `archgen validate` says about each spec file: an 'ok' line, or a JSON document of diagnostics."""

from __future__ import annotations

from archgen import __version__
from archgen.report.json_text import dumps


def ok_line(checked) -> str:
    """A valid spec in one line (``checked``: archgen.spec.load.CheckedSpec)."""
    spec = checked.spec
    return f"{checked.file}: ok ({len(spec.components)} components, {len(spec.connections)} connections)\n"


def to_json(results, *, strict: bool, valid: bool) -> str:
    """Every file's diagnostics; with ``strict`` a warning makes a file invalid."""
    document = {
        "archgen": __version__,
        "valid": valid,
        "files": [{"file": r.file, "valid": r.spec is not None and not (strict and r.diagnostics),
                   "unreadable": r.unreadable, "diagnostics": [d.to_json() for d in r.diagnostics]}
                  for r in results],
    }
    return dumps(document, indent=2, ensure_ascii=False) + "\n"
