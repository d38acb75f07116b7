"""archgen traffic SPEC...: requests, capacity, saturation and monthly cost per tier."""

from __future__ import annotations

import sys

import click

from archgen import __version__
from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, spec_files


def saturation_findings(spec, model) -> list:
    """The AG5xx findings for ``model`` (the same rules `archgen analyze` runs), suppressions applied."""
    from archgen.analysis.engine import apply_suppressions
    from archgen.analysis.rule import RuleContext
    from archgen.analysis.rules import all_rules

    ctx = RuleContext(spec)
    ctx.traffic = model  # the rules read the model at the requested scale
    found = [f for rule in all_rules() if rule.id.startswith("AG5") for f in rule.check(ctx)]
    return sorted(apply_suppressions(spec, found, []), key=lambda f: f.sort_key())


@click.command("traffic")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "csv"]), default="text",
              show_default=True, help="text: a table per spec (rich on a terminal); json: docs/traffic-json.md; "
                                      "markdown: for pull-request comments; csv: one row per tier.")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True, max=1e9), default=1.0, show_default=True,
              metavar="FACTOR", help="Multiply every entry point's traffic, e.g. 10 for 'what breaks first at 10×?'.")
@click.option("--pretty", is_flag=True, help="Indent the JSON for people (compact by default).")
def command(paths, fmt, scale, pretty) -> None:
    """Model requests/s, capacity, saturation and monthly cost of every tier of each spec.

    Requests flow from each users component's traffic profile along the connections
    (shares, fan-out, cache hit ratios); each tier gets average and peak requests/s,
    reads/writes, bandwidth, in-flight requests, the capacity it needs (instances, Lambda
    concurrency, DynamoDB RCU/WCU, load balancer LCUs) and an on-demand cost estimate.
    Tiers are listed in the order they saturate as traffic grows.

    \b
    Exit codes:
      0  no tier saturates at peak
      1  some tier saturates at peak (AG5xx findings, the same `archgen analyze`
         reports; suppressed ones do not count), or a spec is invalid
      2  usage error or unreadable file
    """
    from archgen.spec.load import check_file
    from archgen.traffic import TrafficCycleError, model_traffic

    results = []
    code = EXIT_OK
    for file in spec_files(paths):
        checked = check_file(file)
        entry = {"file": file, "checked": checked, "model": None, "findings": []}
        results.append(entry)
        if checked.spec is None:
            code = EXIT_USAGE if checked.unreadable else max(code, EXIT_FINDINGS) if code != EXIT_USAGE else code
            continue
        try:
            model = model_traffic(checked.spec, scale=scale)
        except TrafficCycleError as exc:  # validate rejects cycles; kept for models built by hand
            click.echo(f"{file}: error: {exc}", err=True)
            code = code if code == EXIT_USAGE else EXIT_FINDINGS
            continue
        entry["model"] = model
        entry["findings"] = saturation_findings(checked.spec, model)
        if any(f.severity == "error" and not f.suppressed for f in entry["findings"]) and code == EXIT_OK:
            code = EXIT_FINDINGS

    if fmt == "json":
        from archgen.report.json_text import json_text
        from archgen.report.traffic_json import SCHEMA_VERSION, findings_json, model_json

        payload = {
            "schema_version": SCHEMA_VERSION, "archgen": __version__, "scale": scale,
            "files": [{
                "file": r["file"], "valid": r["checked"].spec is not None, "unreadable": r["checked"].unreadable,
                "diagnostics": [d.to_json() for d in r["checked"].diagnostics],
                "traffic": model_json(r["model"]) if r["model"] is not None else None,
                "findings": findings_json(r["findings"]),
            } for r in results],
            "saturated": any(f.severity == "error" and not f.suppressed for r in results for f in r["findings"]),
        }
        click.echo(json_text(payload, pretty=pretty, allow_nan=False), nl=False)
        sys.exit(code)

    for r in results:
        for diagnostic in r["checked"].diagnostics:
            if r["checked"].spec is None or diagnostic.severity == "error":
                click.echo(diagnostic.format(), err=True)
    models = [r for r in results if r["model"] is not None]
    if fmt == "csv":
        from archgen.report.traffic_csv import csv_report

        click.echo(csv_report((r["model"], r["file"]) for r in models), nl=False)
    elif fmt == "markdown":
        from archgen.report.traffic_markdown import markdown_report

        click.echo("\n".join(markdown_report(r["model"], r["findings"], r["file"]) for r in models), nl=False)
    elif sys.stdout.isatty():
        from rich.console import Console

        from archgen.report.traffic_text import print_rich

        console = Console()
        for r in models:
            print_rich(r["model"], r["findings"], r["file"], console)
    else:
        from archgen.report.traffic_text import text_report

        click.echo("\n".join(text_report(r["model"], r["findings"], r["file"]) for r in models), nl=False)
    sys.exit(code)
