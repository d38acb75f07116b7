"""The ``archgen`` command line: a thin layer over the spec, analysis, traffic and render packages.

Exit codes: 0 ok, 1 findings or invalid spec, 2 usage error or unreadable input.
Heavy modules (jsonschema, diagrams, networkx, rich) are imported inside commands so that
``archgen --version`` stays fast.
"""

from __future__ import annotations

import json
import os
import sys

import click

from archgen import __version__
from archgen.paths import UsageError, expand_spec_paths

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def fail_usage(message: str) -> None:
    click.echo(f"archgen: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def spec_files(paths) -> list[str]:
    try:
        return expand_spec_paths(paths)
    except UsageError as exc:
        fail_usage(str(exc))
        raise  # unreachable


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="archgen", message="%(prog)s %(version)s")
def cli() -> None:
    """archgen: one YAML architecture spec -> validated spec, AWS diagram, resilience review, traffic model.

    \b
    Exit codes: 0 ok, 1 findings or invalid spec, 2 usage error or unreadable input.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: FILE:LINE:COL lines; json: machine-readable diagnostics.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing for valid files.")
def validate(paths, fmt, strict, quiet) -> None:
    """Check spec files (or directories of them) against the schema and the semantic rules."""
    from archgen.spec.load import check_file

    results = [check_file(f) for f in spec_files(paths)]
    code = EXIT_OK
    for result in results:
        failing = [d for d in result.diagnostics if d.severity == "error" or strict]
        if result.unreadable:
            code = EXIT_USAGE
        elif failing and code == EXIT_OK:
            code = EXIT_FINDINGS
    if fmt == "json":
        payload = {
            "archgen": __version__,
            "valid": code == EXIT_OK,
            "files": [{"file": r.file, "valid": r.spec is not None and not (strict and r.diagnostics),
                       "unreadable": r.unreadable, "diagnostics": [d.to_json() for d in r.diagnostics]}
                      for r in results],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for result in results:
            for diagnostic in result.diagnostics:
                click.echo(diagnostic.format(), err=True)
            if result.spec is not None and not quiet:
                click.echo(f"{result.file}: ok ({len(result.spec.components)} components, "
                           f"{len(result.spec.connections)} connections)")
    sys.exit(code)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def schema(output) -> None:
    """Print the spec's JSON Schema (Draft 2020-12), for editors and other tools."""
    from archgen.spec.schema_build import SCHEMA_FILE

    text = SCHEMA_FILE.read_text(encoding="utf-8")
    if output:
        from pathlib import Path

        from archgen.paths import write_atomic

        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)


def main() -> None:
    """Console entry point: never shows a traceback for user input (set ARCHGEN_DEBUG=1 to see one)."""
    try:
        cli.main(prog_name="archgen", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("archgen: interrupted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - a bug in archgen, not in the user's input
        if os.environ.get("ARCHGEN_DEBUG"):
            raise
        click.echo(f"archgen: internal error: {type(exc).__name__}: {exc} "
                   "(this is a bug in archgen; rerun with ARCHGEN_DEBUG=1 and report it)", err=True)
        sys.exit(70)
