"""archgen traffic SPEC...: requests, capacity, saturation and monthly cost per tier."""

from __future__ import annotations

import sys

import click

from archgen.commands._common import (EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, MAX_OUTPUT_BYTES, echo_diagnostics, emit,
                                     fail_usage, finite, spec_files)
from archgen.pipeline import traffic_files
from archgen.report import traffic_csv, traffic_json, traffic_markdown, traffic_text


MAX_SCALE = 1e9  # with MAX_PEAK_RPS (archgen/spec/semantic.py) every derived figure stays finite (docs/limits.md)


@click.command("traffic")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "csv"]), default="text",
              show_default=True, help="text: a table per spec (rich on a terminal); json: docs/traffic-json.md; "
                                      "markdown: for pull-request comments; csv: one row per tier.")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True, max=MAX_SCALE), default=1.0, show_default=True,
              callback=lambda ctx, param, value: finite(value, "--scale"),
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
    runs = traffic_files(spec_files(paths), scale)
    for run in runs:
        if run.error:
            click.echo(f"{run.file}: error: {run.error}", err=True)
    if fmt == "json":
        size = traffic_json.estimated_size(runs, pretty=pretty)
        if size > MAX_OUTPUT_BYTES:  # refused before it is built: 50,000 tiers take ~200 MB and ~30 s
            fail_usage(f"the JSON traffic report would be about {size / 2**20:,.0f} MB, over the "
                       f"{MAX_OUTPUT_BYTES // 2**20} MB limit for one output (docs/limits.md); "
                       "use --format csv, or fewer or smaller specs")
        emit(traffic_json.render(runs, scale, pretty=pretty))
    else:
        for run in runs:
            echo_diagnostics(run.checked, warnings=False)
        if fmt == "csv":
            emit(traffic_csv.render(runs))
        elif fmt == "markdown":
            emit(traffic_markdown.render(runs))
        elif sys.stdout.isatty():
            traffic_text.print_all_rich(runs)
        else:
            emit(traffic_text.render(runs))
    if any(run.checked.unreadable for run in runs):
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if any(run.checked.spec is None or run.error or run.saturated for run in runs) else EXIT_OK)
