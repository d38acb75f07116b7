"""archgen init: scaffold a new spec from one of the bundled examples."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from archgen.commands._common import EXIT_OK, fail_usage
from archgen.paths import confined, write_atomic
from archgen.spec.schema_build import SCHEMA_FILE
from archgen.templates import new_spec, template_names

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


@click.command("init")
@click.argument("name")
@click.option("-t", "--template", type=click.Choice(template_names()), default="shop", show_default=True,
              help="Bundled example to start from.")
@click.option("-d", "--dir", "directory", type=click.Path(file_okay=False), default="specs", show_default=True,
              help="Directory for the new spec.")
@click.option("--title", help="The system's title in diagrams and reports (default: NAME, capitalised).")
@click.option("--force", is_flag=True, help="Overwrite an existing spec of that name.")
def command(name, template, directory, force, title) -> None:
    """Create DIR/NAME.yaml from a bundled example (and DIR/archgen.schema.json for editor completion)."""
    if not NAME.match(name):
        fail_usage(f"'{name}' is not a valid spec name: use lower-case letters, digits, '-' and '_'")
    target = confined(directory, f"{name}.yaml")
    if target.exists() and not force:
        fail_usage(f"{target} already exists (use --force to overwrite)")
    write_atomic(target, new_spec(template, name, title))
    schema_copy = confined(directory, "archgen.schema.json")
    schema = SCHEMA_FILE.read_text(encoding="utf-8")
    if not schema_copy.exists() or schema_copy.read_text(encoding="utf-8") != schema:
        write_atomic(schema_copy, schema)
    click.echo(f"created {Path(directory) / (name + '.yaml')} from the '{template}' example; "
               f"edit it, then run: archgen build {Path(directory) / (name + '.yaml')}")
    sys.exit(EXIT_OK)

