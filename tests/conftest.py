"""Fixtures shared by every test layer (plain helpers are in tests/support.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from archgen.spec.load import load_spec
from tests.support import ROOT, SPECS, model_classes, never_deleted, set_once


@pytest.fixture(autouse=True, scope="session")
def immutable_model():
    """Model objects are immutable by contract, not frozen at run time (archgen/model.py says why): during
    the tests each field is set once, by the constructor, and changing or deleting one raises."""
    classes = model_classes()
    for cls in classes:
        cls.__setattr__, cls.__delattr__ = set_once, never_deleted
    yield
    for cls in classes:
        del cls.__setattr__, cls.__delattr__


@pytest.fixture
def bundled():
    """Load a bundled spec by name: bundled('shop')."""
    return lambda name: load_spec(str(SPECS / f"{name}.yaml"))


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The bundled specs built once into a temporary directory (from the repo root, as a user would)."""
    out = tmp_path_factory.mktemp("built")
    result = subprocess.run([sys.executable, "-m", "archgen", "build", "-o", str(out)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out, result
