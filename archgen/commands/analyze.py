"""archgen analyze SPEC...: resilience review — rules, single points of failure, failure domains,
availability and RTO/RPO — as text, JSON, Markdown or SARIF."""

from __future__ import annotations

import sys

import click

from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, colour_wanted, echo_diagnostics, emit, spec_files
from archgen.iac.notes import import_summary
from archgen.pipeline import run_files
from archgen.report import findings_json, findings_markdown, findings_text, sarif

FORMATS = ("text", "json", "markdown", "sarif")


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for programs (docs/analysis-json.md), markdown for a PR comment, "
                   "sarif for code scanning.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when an unsuppressed finding is at least this severe.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the report to this file instead of stdout (not written when a spec is invalid).")
@click.option("--pretty", is_flag=True, help="Indent the JSON for people (compact by default).")
def command(paths, fmt, fail_on, output, pretty) -> None:
    """Review spec files (or directories of them) for resilience: exit 0 clean, 1 findings at --fail-on
    or an invalid spec, 2 unreadable input."""
    runs = run_files(spec_files(paths, output=output))  # a CloudFormation template is imported in memory
    for run in runs:
        if run.import_notes:
            click.echo(import_summary(run.file, run.import_notes), err=True)
        echo_diagnostics(run.checked)
    failed = any(not run.valid or run.analysis.fails(fail_on) for run in runs)
    unreadable = any(run.checked.unreadable for run in runs)
    if output and not all(run.valid for run in runs):
        sys.exit(EXIT_USAGE if unreadable else EXIT_FINDINGS)  # no report file for an invalid spec
    colour = colour_wanted(output)
    if fmt == "json":
        text = findings_json.render(runs, fail_on=fail_on, failed=failed, pretty=pretty)
    elif fmt == "markdown":
        text = findings_markdown.render(runs, fail_on=fail_on, failed=failed)
    elif fmt == "sarif":
        text = sarif.render(runs)
    else:
        text = findings_text.render_all(runs, colour=colour)
    emit(text, output, colour=colour)
    sys.exit(EXIT_USAGE if unreadable else EXIT_FINDINGS if failed else EXIT_OK)
