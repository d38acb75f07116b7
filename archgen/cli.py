"""The ``archgen`` command line: finds the commands and runs one, never showing a traceback.

Each subcommand lives in ``archgen/commands/<name>.py`` (defining ``command``) and is imported
only when used, so ``archgen --version`` never loads jsonschema, diagrams, networkx or rich.
Exit codes and the helpers commands share live in ``archgen.commands._common``.
"""

from __future__ import annotations

import ast
import importlib
import os
import pkgutil
import sys
from pathlib import Path

import click

from archgen import __version__, commands
from archgen.commands._common import (EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USAGE, Terminated,
                                     guard_process)
from archgen.paths import UsageError


def short_help(name: str) -> str:
    """The docstring of ``command`` in archgen/commands/<name>.py, as click would show it."""
    source = Path(commands.__file__).with_name(f"{name}.py").read_text(encoding="utf-8")
    function = next(node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef) and node.name == "command")
    return (ast.get_docstring(function) or "").split("\f")[0]


class LazyGroup(click.Group):
    """Finds commands in archgen/commands without importing them until they are run."""

    def list_commands(self, ctx) -> list[str]:
        return sorted(info.name for info in pkgutil.iter_modules(commands.__path__) if not info.name.startswith("_"))

    def format_commands(self, ctx, formatter) -> None:
        """The command list of ``archgen --help``, read from the modules' source rather than imported:
        importing every command (and the layers below it) would take --help from ~0.08 s to ~0.4 s."""
        rows = [(name, short_help(name)) for name in self.list_commands(ctx)]
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                # a stand-in Command shortens the text exactly as the real one would
                formatter.write_dl([(name, click.Command(name, help=text).get_short_help_str(limit)) for name, text in rows])

    def get_command(self, ctx, name: str):
        if name not in self.list_commands(ctx):
            return None
        return importlib.import_module(f"archgen.commands.{name}").command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="archgen", message="%(prog)s %(version)s")
def cli() -> None:
    """archgen: one YAML architecture spec -> validated spec, AWS diagram, resilience review, traffic model.

    \b
    Exit codes: 0 ok, 1 findings or invalid spec, 2 usage error or unreadable input.
    """


def main() -> None:
    """Console entry point: never shows a traceback for user input (set ARCHGEN_DEBUG=1 to see one)."""
    guard_process()
    try:
        # not click's standalone mode: it turns Ctrl-C into exit 1, the findings code
        code = cli.main(prog_name="archgen", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except click.ClickException as exc:  # bad options: exit 2 with click's message
        exc.show()
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("archgen: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        click.echo("archgen: terminated", err=True)
        sys.exit(EXIT_TERMINATED)
    except SystemExit:
        raise
    except Exception as exc:
        if not isinstance(exc, (UsageError, OSError)):
            _internal_error(exc)
        # a path the user chose cannot be written (outside the output directory, read-only, full)
        detail = exc if isinstance(exc, UsageError) else f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
        click.echo(f"archgen: error: {detail}", err=True)
        sys.exit(EXIT_USAGE)


def _internal_error(exc: Exception) -> None:
    """A bug in archgen, not in the user's input: one line, no traceback unless asked for."""
    if os.environ.get("ARCHGEN_DEBUG"):
        raise exc
    click.echo(f"archgen: internal error: {type(exc).__name__}: {exc} "
               "(this is a bug in archgen; rerun with ARCHGEN_DEBUG=1 and report it)", err=True)
    sys.exit(EXIT_INTERNAL)
