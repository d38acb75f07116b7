"""The analysis report as JSON: the stable, documented format (docs/analysis-json.md).

``schema_version`` changes only when a field is removed or changes meaning; new fields may
appear at any time. Everything is deterministic: no timestamps, no timings, sorted findings.
"""

from __future__ import annotations

from archgen import __version__
from archgen.model import DR_STEP_KEYS
from archgen.report.json_text import json_text
from archgen.report.provenance import code_location

# 2: a failure-domain outcome gives ``served_count`` instead of listing every served flow again
# 3: ``recovery`` gives RTO and RPO as intervals with their status and each step's provenance
SCHEMA_VERSION = 3


def finding_to_json(finding, *, spec=None, file: str | None = None) -> dict:
    """``spec`` and ``file`` add ``code``: the finding's place in the infrastructure code an imported spec came from."""
    out = {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity,
        "message": finding.message,
        "components": list(finding.components),
        "location": {"line": finding.location.line, "column": finding.location.column},
        "fix": finding.fix,
        "source": finding.source,
        "details": finding.details,
        "suppressed": finding.suppressed,
        "suppression_reason": finding.suppression_reason,
    }
    code = code_location(spec, finding, file) if spec is not None and file else None
    if code is not None:
        out["code"] = {"file": code.file, "line": code.line, "logical_id": code.logical_id}
    return out


def analysis_to_json(report, file: str | None = None) -> dict:
    """One analysed spec: findings, notices and every view the analysis computed."""
    spec = report.spec
    graph = report.graph
    return {
        "spec": {"name": spec.name, "title": spec.title, "owner": spec.owner,
                 "objectives": {"availability": spec.objectives.availability, "rto_seconds": spec.objectives.rto_s,
                                "rpo_seconds": spec.objectives.rpo_s, "survive": spec.objectives.survive},
                 "dr": None if spec.dr is None else {
                     "strategy": spec.dr.strategy, "primary_region": spec.dr.primary_region,
                     "secondary_region": spec.dr.secondary_region, "backup_interval_seconds": spec.dr.backup_interval_s,
                     "failover": spec.dr.failover,
                     **{f"{key}_seconds": spec.dr.declared(key) for key in DR_STEP_KEYS}}},
        "summary": report.counts(),
        "findings": [finding_to_json(f, spec=spec, file=file) for f in report.findings],
        "notices": [n.to_json() for n in report.notices],
        "flows": [{"entry": f.entry, "target": f.target} for f in graph.flows],
        "single_points_of_failure": [s.to_json() for s in graph.single_points_of_failure],
        "failure_domains": report.failure_domains.to_json(),
        "availability": report.availability.to_json(),
        "recovery": report.recovery.to_json(),
    }


def file_entry(file: str, *, report=None, diagnostics=(), unreadable: bool = False) -> dict:
    entry = {"file": file, "valid": report is not None, "unreadable": unreadable,
             "diagnostics": [d.to_json() for d in diagnostics]}
    if report is not None:
        entry.update(analysis_to_json(report, file))
    return entry


def render(runs, *, fail_on: str, failed: bool, pretty: bool = False) -> str:
    """Every file (``runs``: archgen.pipeline.SpecRun): its diagnostics and, when valid, its analysis."""
    entries = [file_entry(run.file, report=run.analysis, diagnostics=run.checked.diagnostics,
                          unreadable=run.checked.unreadable) for run in runs]
    payload = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "archgen", "version": __version__},
        "fail_on": fail_on,
        "failed": failed,
        "files": entries,
    }
    return json_text(payload, pretty=pretty)
