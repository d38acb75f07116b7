"""archgen validate PATH...: schema and semantic checks with FILE:LINE:COL errors."""

from __future__ import annotations

import json
import sys

import click

from archgen import __version__
from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, spec_files


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: FILE:LINE:COL lines; json: machine-readable diagnostics.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing for valid files.")
def command(paths, fmt, strict, quiet) -> None:
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
