"""Every component type has a minimal example spec (docs/examples/types/<type>.yaml) that validates and renders.

The loop is over the catalogue, so a new type is covered as soon as its module exists, and
fails until its example does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from archgen import catalogue
from archgen.render import render, render_dot
from archgen.render.icons import type_icon
from archgen.spec.load import check_file
from tests.support import ROOT

EXAMPLES = ROOT / "docs" / "examples" / "types"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../archgen/spec/archgen.schema.json"


@pytest.mark.parametrize("name", catalogue.names())
def test_every_type_has_an_example_that_validates_and_renders(name):
    path = EXAMPLES / f"{name}.yaml"
    assert path.is_file(), f"add a minimal example spec for '{name}' at {path.relative_to(ROOT)}"
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    checked = check_file(str(path))
    assert checked.spec is not None, [d.format() for d in checked.errors]
    spec = checked.spec
    assert any(c.type == name for c in spec.components), f"the example of '{name}' has no '{name}' component"
    dot = render_dot(spec)
    assert type_icon(name) in dot  # drawn with its own icon
    svg = render(spec, ("svg",))["diagram.svg"]
    assert ET.fromstring(svg).tag.endswith("svg")


def test_no_example_for_a_type_that_does_not_exist():
    strays = sorted(p.stem for p in EXAMPLES.glob("*.yaml") if p.stem not in catalogue.names())
    assert not strays, f"examples of unknown types: {strays}"
