"""archgen import cloudformation TEMPLATE... / archgen import terraform PLAN.json...: infrastructure
code -> a spec. Option parsing here; the import is archgen.iac.importer.run_import."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail_usage
from archgen.iac.importer import run_import
from archgen.paths import UsageError, write_atomic

OUTPUT_HELP = "Write the spec to this file (atomically) instead of stdout; the file's name is the spec's name."
TRAFFIC_HELP = ("A YAML file of traffic settings merged in by component id (components: {ID: {...}}, "
                "connections: [...], objectives: {...}), kept beside the code so you can re-import freely.")
EXIT = {"ok": EXIT_OK, "invalid": EXIT_FINDINGS, "unreadable": EXIT_USAGE}


def _run(kind: str, files, output, traffic, region, parameters=()) -> None:
    command_line = "archgen " + " ".join(shlex.quote(arg) for arg in sys.argv[1:])
    try:
        outcome = run_import(kind, list(files), output=output, traffic=traffic, region=region,
                             parameters=list(parameters), command_line=command_line)
    except UsageError as exc:  # a --parameter the template does not declare, a malformed --region
        fail_usage(str(exc))
    for diagnostic in outcome.diagnostics:
        click.echo(diagnostic.format(), err=True)
    for note in outcome.notes:
        click.echo(note.format(), err=True)
    if outcome.text is not None:
        if output:
            write_atomic(Path(output), outcome.text)
            click.echo(f"archgen: wrote {output} ({len(outcome.notes)} notes above)", err=True)
        else:
            click.echo(outcome.text, nl=False)
    sys.exit(EXIT[outcome.status])


@click.group("import", invoke_without_command=True)
@click.pass_context
def command(ctx) -> None:
    """Turn infrastructure code into a spec: exit 0 written, 1 the spec came out invalid, 2 unreadable input."""
    if ctx.invoked_subcommand is None:  # `archgen import` alone asks what it can import
        click.echo(ctx.get_help())


@command.command("cloudformation")
@click.argument("templates", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help=OUTPUT_HELP)
@click.option("--parameter", "parameters", multiple=True, metavar="KEY=VALUE",
              help="A template parameter's value (repeatable); parameters without one use their default.")
@click.option("--region", help="Region the stacks are deployed to (default us-east-1, said in a note).")
@click.option("--traffic", type=click.Path(dir_okay=False), help=TRAFFIC_HELP)
def cloudformation(templates, output, parameters, region, traffic) -> None:
    """CloudFormation templates (YAML or JSON, `cdk synth` output too) -> one spec. Local nested stacks are
    followed; nothing is fetched or executed."""
    _run("cloudformation", templates, output, traffic, region, parameters)


@command.command("terraform")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help=OUTPUT_HELP)
@click.option("--region", help="Region of the resources (default: the one their AZs and ARNs name, else us-east-1).")
@click.option("--traffic", type=click.Path(dir_okay=False), help=TRAFFIC_HELP)
def terraform(plans, output, region, traffic) -> None:
    """`terraform show -json` output (a saved plan, or the state) -> one spec of its aws_* resources."""
    _run("terraform", plans, output, traffic, region)
