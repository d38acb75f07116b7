"""The analysis report as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Rule metadata comes from the catalogue (id, name, summary, documentation page, default
level); each result points at the spec's YAML line and column so a pull request gets the
annotation on the changed line. Artifact URIs are relative to the repository root (the
nearest parent directory holding ``.git``) when there is one, else to the working directory,
else absolute ``file:`` URIs. Suppressed findings are kept, with an in-source suppression
carrying the reason, as SARIF §3.35 prescribes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from urllib.parse import quote

from archgen import __version__
from archgen.analysis.rules import all_rules
from archgen.report.json_text import dumps
from archgen.report.provenance import code_location

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _repo_root(path: Path) -> Path | None:
    for parent in [path.parent, *path.parent.parents]:
        if (parent / ".git").exists():
            return parent
    return None


def artifact_uri(file: str, cwd: str | None = None) -> str:
    """URI of a spec file: relative to the repository root if possible (what GitHub expects)."""
    path = Path(file).resolve()
    base = _repo_root(path) or Path(cwd or os.getcwd()).resolve()
    try:
        return quote(path.relative_to(base).as_posix())
    except ValueError:
        return path.as_uri()


def rule_descriptor(rule) -> dict:
    first_line = rule.doc.splitlines()[0] if rule.doc else rule.summary
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": first_line},
        "help": {"text": rule.doc or rule.summary, "markdown": rule.doc or rule.summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["resilience", "aws", rule.name], "source": rule.source},
    }


def _fingerprint(uri: str, finding) -> str:
    key = "\x1f".join([uri, finding.rule, *finding.components, finding.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _location(uri: str, line: int, column: int) -> dict:
    physical: dict = {"artifactLocation": {"uri": uri}}
    if line > 0:
        physical["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return {"physicalLocation": physical}


def render(runs, *, cwd: str | None = None) -> str:
    """Every file (``runs``: archgen.pipeline.SpecRun) in one SARIF run."""
    rules = list(all_rules())
    index = {r.id: i for i, r in enumerate(rules)}
    results, notifications, artifacts = [], [], []
    for run in runs:
        file, report, diagnostics = run.file, run.analysis, run.checked.diagnostics
        uri = artifact_uri(file, cwd)
        artifacts.append({"location": {"uri": uri}})
        for d in diagnostics:
            notifications.append({"level": "error" if d.severity == "error" else "warning",
                                  "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
                                  "locations": [_location(uri, d.line, d.column)]})
        if report is None:
            continue
        for f in report.findings:
            text = f.message + (f"{'' if f.message.endswith(('.', '!', '?')) else '.'} Fix: {f.fix}" if f.fix else "")
            locations = [_location(uri, f.location.line, f.location.column)]
            code = code_location(report.spec, f, file)
            if code is not None:  # imported: the annotation belongs on the template the team edits
                locations.insert(0, _location(artifact_uri(code.file, cwd), code.line, 1))
            result = {
                "ruleId": f.rule,
                "level": LEVELS[f.severity],
                "message": {"text": text},
                "locations": locations,
                "partialFingerprints": {"archgenFinding/v1": _fingerprint(uri, f)},
                "properties": {"components": list(f.components), "name": f.name},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            if f.components:
                result["locations"][0]["logicalLocations"] = [{"name": c, "kind": "resource"} for c in f.components]
            if f.suppressed:
                result["suppressions"] = [{"kind": "inSource", "justification": f.suppression_reason}]
            results.append(result)
        for n in report.notices:
            notifications.append({"level": "warning" if n.severity == "warning" else "note",
                                  "message": {"text": n.message},
                                  "locations": [_location(uri, n.location.line, n.location.column)]})
    run = {
        "tool": {"driver": {"name": "archgen", "version": __version__, "semanticVersion": __version__,
                            "rules": [rule_descriptor(r) for r in rules]}},
        "artifacts": artifacts,
        "results": results,
        "invocations": [{"executionSuccessful": all(run.analysis is not None for run in runs),
                         "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return dumps(log, indent=2, ensure_ascii=False) + "\n"
