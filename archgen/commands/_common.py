"""What every command shares: the exit codes and the few helpers that turn a problem into one.

Command modules import from here (never from ``archgen.cli``, which only finds and runs them).
The leading underscore keeps it out of the command list (``archgen.cli`` skips ``_`` modules).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from archgen.paths import UsageError, expand_spec_paths, write_atomic

EXIT_OK = 0  # nothing to report
EXIT_FINDINGS = 1  # findings at the chosen level, an invalid spec, stale outputs
EXIT_USAGE = 2  # bad options or paths, unreadable input, a missing tool
EXIT_INTERNAL = 70  # a bug in archgen (EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


def fail_usage(message: str) -> None:
    """Report a usage problem (bad path, bad option combination) and exit 2."""
    click.echo(f"archgen: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def spec_files(paths) -> list[str]:
    """Spec files named on the command line, directories expanded; exit 2 on a bad path."""
    try:
        return expand_spec_paths(paths)
    except UsageError as exc:
        fail_usage(str(exc))
        raise  # unreachable: fail_usage exits


def echo_diagnostics(checked, *, warnings: bool = True) -> None:
    """A checked spec's diagnostics on stderr, one line each; warnings only when asked or the spec is invalid."""
    for diagnostic in checked.diagnostics:
        if warnings or checked.spec is None or diagnostic.severity == "error":
            click.echo(diagnostic.format(), err=True)


def colour_wanted(output: str | None = None) -> bool:
    """Colour only for a person: stdout is a terminal, no -o file, and NO_COLOR is not set."""
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def emit(text: str, output: str | None = None, *, colour: bool = False) -> None:
    """The report to ``output`` (written atomically) or to stdout."""
    if output:
        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False, color=colour or None)
