"""archgen validate PATH...: schema and semantic checks with FILE:LINE:COL errors."""

from __future__ import annotations

import sys

import click

from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, echo_diagnostics, emit, spec_files
from archgen.report import validation
from archgen.spec.load import check_file


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: FILE:LINE:COL lines; json: machine-readable diagnostics.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing for valid files.")
def command(paths, fmt, strict, quiet) -> None:
    """Check spec files (or directories of them) against the schema and the semantic rules."""
    results = [check_file(f) for f in spec_files(paths)]
    code = EXIT_OK
    for result in results:
        failing = [d for d in result.diagnostics if d.severity == "error" or strict]
        if result.unreadable:
            code = EXIT_USAGE
        elif failing and code == EXIT_OK:
            code = EXIT_FINDINGS
    if fmt == "json":
        emit(validation.to_json(results, strict=strict, valid=code == EXIT_OK))
    else:
        for result in results:
            echo_diagnostics(result)
            if result.spec is not None and not quiet:
                emit(validation.ok_line(result))
    sys.exit(code)
