"""archgen diff: what a change does to the architecture (for pull-request comments)."""

from __future__ import annotations

import sys

import click

from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, echo_diagnostics, emit, fail_usage
from archgen.diff.sources import git_pairs, read_now
from archgen.diff.verdict import judge
from archgen.iac.cloudformation.template import is_template
from archgen.iac.importer import check_drift
from archgen.paths import UsageError
from archgen.pipeline import diff_diagram, review_pairs
from archgen.render import RenderError, write_outputs
from archgen.report import diff_json, diff_markdown, drift_report

WRITERS = {"markdown": diff_markdown.markdown, "json": diff_json.render, "text": diff_markdown.text}
DRIFT_WRITERS = {"markdown": drift_report.render_markdown, "json": drift_report.render_json,
                 "text": drift_report.render_text}


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
    `archgen diff SPEC TEMPLATE`: drift between a design and what a CloudFormation template deploys.

    \b
    Exit codes: 0 compared, verdict ✅ or ⚠️; 1 verdict ❌ (new findings at --fail-on, or an invalid
    new version); 2 usage error, unreadable file, or git problem.
    """
    try:
        if rev:
            pairs = git_pairs(rev, list(paths) or ["specs"])
        else:
            if len(paths) != 2:
                fail_usage("diff needs two spec files (BASE HEAD), or --git REV [PATH...]")
            if is_template(paths[1]) and not is_template(paths[0]):
                drift_command(paths[0], paths[1], fmt)  # SPEC TEMPLATE: what the code deploys vs the design
            pairs = [(read_now(paths[0], paths[0]), read_now(paths[1], paths[1]))]
    except UsageError as exc:
        fail_usage(str(exc))
        return

    reviews = review_pairs(pairs)
    sides = [run for r in reviews for run in (r.base, r.head) if run is not None]
    for run in sides:
        if run.checked.unreadable:
            echo_diagnostics(run.checked)
    judgement = judge(reviews, fail_on)
    for change in reviews if diagram_dir else ():
        try:
            files = diff_diagram(change)
        except RenderError as exc:
            fail_usage(str(exc))
        if files:
            write_outputs(files, diagram_dir, change.head.spec.name)
    emit(WRITERS[fmt](reviews, judgement))
    unreadable = any(run.checked.unreadable for run in sides)
    sys.exit(EXIT_USAGE if unreadable else EXIT_FINDINGS if judgement.failed else EXIT_OK)


def drift_command(design_file: str, template: str, fmt: str) -> None:
    """`archgen diff SPEC TEMPLATE`: exit 1 when the template deploys less resilience than the design says."""
    outcome = check_drift(design_file, template)
    for diagnostic in outcome.diagnostics:
        click.echo(diagnostic.format(), err=True)
    if outcome.result is None:
        sys.exit(EXIT_USAGE if outcome.unreadable else EXIT_FINDINGS)
    emit(DRIFT_WRITERS[fmt](outcome.result, design_file, template))
    sys.exit(EXIT_FINDINGS if outcome.result.weaker else EXIT_OK)
