"""archgen schema: print the spec format's JSON Schema."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def command(output) -> None:
    """Print the spec's JSON Schema (Draft 2020-12), for editors and other tools."""
    from archgen.spec.schema_build import SCHEMA_FILE

    text = SCHEMA_FILE.read_text(encoding="utf-8")
    if output:
        from archgen.paths import write_atomic

        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)
