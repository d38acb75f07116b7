"""Starter specs for `archgen init`: byte-identical copies of specs/*.yaml (a test keeps them in step)."""

from __future__ import annotations

import json
import re
from pathlib import Path

TEMPLATE_DIR = Path(__file__).parent
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=.*$", re.M)
NAME_LINE = re.compile(r"^name: .*$", re.M)
TITLE_LINE = re.compile(r"^title: .*$", re.M)
DESCRIPTION_LINE = re.compile(r"^description: .*$", re.M)
PLAIN_SCALAR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .,()/_-]*$")  # needs no YAML quoting


def template_names() -> list[str]:
    return sorted(p.stem for p in TEMPLATE_DIR.glob("*.yaml"))


def template_text(name: str) -> str:
    return (TEMPLATE_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def new_spec(template: str, name: str, title: str | None = None) -> str:
    """The text of a new spec called ``name``, from a bundled example.

    It points editors at the schema copy beside it, and gets its own title (default: the name,
    capitalised) and a placeholder description: the example's would label it as the example.
    """
    text = template_text(template)
    text = SCHEMA_LINE.sub("# yaml-language-server: $schema=./archgen.schema.json", text, count=1)
    text = NAME_LINE.sub(f"name: {name}", text, count=1)
    title = " ".join((title or name.replace("-", " ").replace("_", " ").capitalize()).split())
    text = TITLE_LINE.sub(lambda _: f"title: {yaml_scalar(title)}", text, count=1)
    description = f"Started from the {template} example: describe the system here."
    return DESCRIPTION_LINE.sub(lambda _: f"description: {yaml_scalar(description)}", text, count=1)


def yaml_scalar(value: str) -> str:
    """A YAML scalar that reads back as ``value`` (a JSON string is a valid YAML double-quoted one)."""
    return value if PLAIN_SCALAR.match(value) else json.dumps(value, ensure_ascii=False)
