"""What every command shares: the exit codes and the few helpers that turn a problem into one.

Command modules import from here (never from ``archgen.cli``, which only finds and runs them).
The leading underscore keeps it out of the command list (``archgen.cli`` skips ``_`` modules).
"""

from __future__ import annotations

import codecs
import os
import signal
import sys
from pathlib import Path

import click

from archgen.output_dir import refuse_unsafe_output
from archgen.paths import UsageError, expand_spec_paths, write_atomic

EXIT_OK = 0  # nothing to report
EXIT_FINDINGS = 1  # findings at the chosen level, an invalid spec, stale outputs
EXIT_USAGE = 2  # bad options or paths, unreadable input, a missing tool
EXIT_INTERNAL = 70  # a bug in archgen (EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it
EXIT_TERMINATED = 143  # SIGTERM (128 + 15), e.g. a CI job cancelled; SIGHUP too
MAX_OUTPUT_BYTES = 100 * 2**20  # one report; refused before it is built (docs/limits.md)


class Terminated(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C, so temporaries are removed and files stay whole."""


def guard_process() -> None:
    """Set up a run: output in any encoding, and signals that unwind instead of killing outright.

    * stdout/stderr never fail to encode (``PYTHONIOENCODING=latin-1``, an ASCII locale): what the
      encoding lacks is written ``\\uXXXX``, which keeps JSON output valid JSON;
    * Ctrl-C, SIGTERM and SIGHUP first kill running Graphviz processes (a signal to archgen does
      not reach them, and build's threads would wait for them), then unwind: ``finally`` blocks
      remove temporary files and directories, and ``write_atomic`` leaves each file old or new.
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=ESCAPE_ERRORS)
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _interrupted)


def _interrupted(signum, frame) -> None:
    graphviz = sys.modules.get("archgen.render.graphviz")  # loaded only by commands that draw
    if graphviz is not None:
        graphviz.stop_all()
    raise KeyboardInterrupt if signum == signal.SIGINT else Terminated(signum)


def _escape_unencodable(error: UnicodeEncodeError) -> tuple[str, int]:
    """``\\uXXXX`` (UTF-16 code units, as JSON writes them) for characters the stream cannot encode."""
    units = error.object[error.start:error.end].encode("utf-16-be")
    return "".join(f"\\u{int.from_bytes(units[i:i + 2], 'big'):04x}" for i in range(0, len(units), 2)), error.end


ESCAPE_ERRORS = "archgen-escape"
codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)


def finite(value: float, option: str) -> float:
    """An option's number, refused when it is not a finite number (click's ranges let 'nan' through)."""
    if value != value or value in (float("inf"), float("-inf")):
        raise click.BadParameter(f"{value!r} is not a finite number", param_hint=option)
    return value


def waiting_for(out_dir: str):
    """What to say while another archgen holds the output directory's lock (archgen/output_dir.py)."""
    return lambda: click.echo(f"archgen: waiting for another archgen writing into {out_dir}/ ...", err=True)


def fail_usage(message: str) -> None:
    """Report a usage problem (bad path, bad option combination) and exit 2."""
    click.echo(f"archgen: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def spec_files(paths, *, output: str | None = None) -> list[str]:
    """Spec files named on the command line, directories expanded; exit 2 on a bad path, or when
    ``output`` (the file or directory the command writes) is empty, the filesystem root, an
    input spec or a directory holding one."""
    try:
        files = expand_spec_paths(paths)
        if output is not None:
            refuse_unsafe_output(output, files)
        return files
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
