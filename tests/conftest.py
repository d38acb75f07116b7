"""Shared test helpers: paths and spec loading from text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
OUTPUT = ROOT / "output"
BUNDLED_SPECS = sorted(SPECS.glob("*.yaml"))


def spec_from_text(text: str, file: str = "test.yaml"):
    """The model of a spec written inline (dedented); fails the test with its diagnostics if invalid."""
    from archgen.spec.load import check_text

    checked = check_text(textwrap.dedent(text), file)
    if checked.spec is None:
        pytest.fail("spec is invalid:\n" + "\n".join(d.format() for d in checked.diagnostics))
    return checked.spec


@pytest.fixture
def bundled(request):
    """Load a bundled spec by name: bundled('shop')."""
    from archgen.spec.load import load_spec

    return lambda name: load_spec(str(SPECS / f"{name}.yaml"))
