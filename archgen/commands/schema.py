"""archgen schema: print the spec format's JSON Schema."""

from __future__ import annotations

import click

from archgen.commands._common import emit
from archgen.spec.schema_build import SCHEMA_FILE


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def command(output) -> None:
    """Print the spec's JSON Schema (Draft 2020-12), for editors and other tools."""
    emit(SCHEMA_FILE.read_text(encoding="utf-8"), output)
