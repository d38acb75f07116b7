"""archgen diff: what a change does to the architecture (for pull-request comments)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail_usage
from archgen.diff.verdict import judge


@click.command("diff")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--git", "rev", metavar="REV",
              help="Compare each spec under PATHS (default specs/) with its version at this git revision.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--diagram", "diagram_dir", type=click.Path(file_okay=False),
              help="Also draw diff diagrams into DIR/<name>/diff.svg and diff.png: added green, removed red "
                   "dashed, changed amber.")
@click.option("--fail-on", type=click.Choice(["none", "error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 (and head the report with ❌) when the change brings a NEW finding this severe or "
                   "worse; other new warnings give ⚠️. none: never fail on findings.")
def command(paths, rev, fmt, diagram_dir, fail_on) -> None:
    """Compare BASE and HEAD spec files (`archgen diff BASE HEAD`), or every spec with its version at a
    git revision (`archgen diff --git origin/main [PATH...]`): components and connections added,
    removed and changed, findings new and resolved, availability, traffic, capacity and cost deltas.

    \b
    Exit codes: 0 compared, verdict ✅ or ⚠️; 1 verdict ❌ (new findings at --fail-on, or an invalid
    new version); 2 usage error, unreadable file, or git problem.
    """
    from archgen.diff.review import review
    from archgen.diff.sources import git_pairs, read_now
    from archgen.paths import UsageError

    try:
        if rev:
            pairs = git_pairs(rev, list(paths) or ["specs"])
        else:
            if len(paths) != 2:
                fail_usage("diff needs two spec files (BASE HEAD), or --git REV [PATH...]")
            pairs = [(read_now(paths[0], paths[0]), read_now(paths[1], paths[1]))]
    except UsageError as exc:
        fail_usage(str(exc))
        return

    reviews = []
    unreadable = False
    for base_side, head_side in pairs:
        base, head = run_side(base_side), run_side(head_side)
        unreadable |= any(run is not None and run.checked.unreadable for run in (base, head))
        reviews.append(review(base, head, base_side.label, head_side.label))

    judgement = judge(reviews, fail_on)
    if diagram_dir:
        draw_diagrams(reviews, diagram_dir)
    emit(reviews, fmt, judgement)
    sys.exit(EXIT_USAGE if unreadable else EXIT_FINDINGS if judgement.failed else EXIT_OK)


def run_side(side):
    """The SpecRun of one side of a diff (None when the spec does not exist there); unreadable sides say why."""
    from archgen.pipeline import SpecRun, run_text
    from archgen.spec.load import CheckedSpec

    if side.problem is not None:
        for diagnostic in side.problem.diagnostics:
            click.echo(diagnostic.format(), err=True)
        return SpecRun(side.label, CheckedSpec(side.label, None, side.problem.diagnostics, unreadable=True))
    return None if side.text is None else run_text(side.text, side.label)


def draw_diagrams(reviews, diagram_dir) -> None:
    from archgen.diff.merge import merged_spec
    from archgen.pipeline import annotations_for
    from archgen.render import RenderError, render, write_outputs

    for r in reviews:
        if r.base is None or r.head is None or not (r.base.valid and r.head.valid) or r.structure.empty:
            continue
        notes = annotations_for(None, r.head.traffic, r.structure.marks())
        try:
            files = render(merged_spec(r.base.spec, r.head.spec), ("svg", "png"), notes)
        except RenderError as exc:
            fail_usage(str(exc))
        write_outputs({name.replace("diagram.", "diff."): data for name, data in files.items()},
                      diagram_dir, r.head.spec.name)


def emit(reviews, fmt, judgement) -> None:
    from archgen.report import diff_markdown

    if fmt == "markdown":
        click.echo(diff_markdown.markdown(reviews, judgement), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(review_json(reviews, judgement), indent=2, ensure_ascii=False))
    else:
        click.echo(diff_markdown.text(reviews, judgement), nl=False)


def review_json(reviews, judgement) -> dict:
    from archgen.diff.structure import plain
    from archgen.report.findings_json import finding_to_json

    def item(change):
        return {"id": change.id, "kind": change.kind, "type": change.type,
                "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in change.changes]}

    out = []
    for r in reviews:
        availability, entry, cost = r.availability(), r.entry_peak(), r.monthly_cost()
        out.append({
            "base": r.base_file, "head": r.head_file,
            "base_exists": r.base is not None, "head_exists": r.head is not None,
            "base_valid": r.base is not None and r.base.valid,
            "head_valid": r.head is not None and r.head.valid,
            "components": [item(c) for c in r.structure.components],
            "connections": [item(c) for c in r.structure.connections],
            "system": [{"field": c.field, "before": plain(c.before), "after": plain(c.after)} for c in r.structure.system],
            "new_findings": [finding_to_json(f) for f in r.new_findings],
            "resolved_findings": [finding_to_json(f) for f in r.resolved_findings],
            "availability_percent": {"before": availability[0], "after": availability[1]},
            "entry_peak_rps": {"before": entry[0], "after": entry[1]},
            "monthly_cost_usd": {"before": cost[0], "after": cost[1]},
            "tiers": [plain(t) for t in r.tiers],
        })
    return {"schema_version": 1, "fail_on": judgement.fail_on, "verdict": judgement.verdict.value,
            "failed": judgement.failed, "reviews": out}
