"""output/ is exactly what `archgen build` makes of specs/ — the stale-output gate CI relies on."""

from __future__ import annotations

import subprocess
import sys

from conftest import OUTPUT, ROOT
from test_build import built, files_of  # noqa: F401  (shared module-scoped build of specs/)


def test_committed_output_is_exactly_what_build_makes(built):  # noqa: F811
    """Byte for byte on this machine kind (same Graphviz and fonts, pinned by scripts/setup.sh)."""
    out, _ = built
    committed = files_of(OUTPUT)
    fresh = files_of(out)
    assert sorted(committed) == sorted(fresh)
    differing = [name for name in fresh if committed[name] != fresh[name]]
    assert differing == [], "run: archgen build (then commit output/)"


def test_build_check_passes_on_the_committed_output():
    """The machine-independent form of the same gate (digests for laid-out files)."""
    result = subprocess.run([sys.executable, "-m", "archgen", "build", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 of 4 spec(s) current" in result.stdout


def test_render_check_passes_on_the_committed_output():
    result = subprocess.run([sys.executable, "-m", "archgen", "render", "--check", "specs"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
