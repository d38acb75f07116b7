"""archgen analyze SPEC...: resilience review — rules, single points of failure, failure domains,
availability and RTO/RPO — as text, JSON, Markdown or SARIF."""

from __future__ import annotations

import sys

import click

from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, colour_wanted, emit, spec_files

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
    from archgen.analysis.engine import analyze
    from archgen.iac.importer import check_input, import_summary

    items = []  # (file, report or None, diagnostics, unreadable)
    for file in spec_files(paths):
        checked, import_notes = check_input(file)  # a CloudFormation template is imported in memory
        if import_notes:
            click.echo(import_summary(file, import_notes), err=True)
        for diagnostic in checked.diagnostics:
            click.echo(diagnostic.format(), err=True)
        report = analyze(checked.spec) if checked.spec is not None else None
        items.append((file, report, checked.diagnostics, checked.unreadable))

    failed = any(report is None or report.fails(fail_on) for _, report, _, _ in items)
    colour = colour_wanted(output)
    text = _render(fmt, items, fail_on=fail_on, failed=failed, colour=colour, pretty=pretty)
    if output and any(report is None for _, report, _, _ in items):
        sys.exit(EXIT_USAGE if any(unreadable for *_, unreadable in items) else EXIT_FINDINGS)
    emit(text, output, colour=colour)
    if any(unreadable for *_, unreadable in items):
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _render(fmt: str, items, *, fail_on: str, failed: bool, colour: bool, pretty: bool = False) -> str:
    triples = [(file, report, diagnostics) for file, report, diagnostics, _ in items]
    if fmt == "json":
        from archgen.report import findings_json

        entries = [findings_json.file_entry(file, report=report, diagnostics=diagnostics, unreadable=unreadable)
                   for file, report, diagnostics, unreadable in items]
        return findings_json.render(entries, fail_on=fail_on, failed=failed, pretty=pretty)
    if fmt == "markdown":
        from archgen.report import findings_markdown

        return findings_markdown.render(triples, fail_on=fail_on, failed=failed)
    if fmt == "sarif":
        from archgen.report import sarif

        return sarif.render(triples)
    from archgen.report import findings_text

    parts = []
    for file, report, diagnostics, unreadable in items:
        if report is None:
            parts.append(findings_text.render_invalid(file, diagnostics, unreadable=unreadable))
        else:
            parts.append(findings_text.render(report, file, colour=colour))
    return "\n".join(parts)
