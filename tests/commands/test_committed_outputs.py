"""output/ is exactly what `archgen build` makes of specs/ — the stale-output gate CI relies on."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.support import OUTPUT, ROOT, files_of


# output/ was laid out with these (the CI machine kind; scripts/setup.sh installs the fonts)
LAYOUT_ENVIRONMENT = ("dot - graphviz version 2.43.0 (0)", "Liberation Sans")
LAID_OUT = (".svg", ".png", ".html", ".archgen-manifest.json")  # bytes that depend on Graphviz and fonts (the manifest records them)


def layout_environment() -> tuple[str, str]:
    version = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    font = ""
    if shutil.which("fc-match"):
        font = subprocess.run(["fc-match", "-f", "%{family[0]}", "Helvetica"], capture_output=True, text=True).stdout
    return version, font


def test_committed_output_is_exactly_what_build_makes(built):
    """Byte for byte: text outputs everywhere, laid-out ones where Graphviz and fonts match CI's."""
    out, _ = built
    committed = files_of(OUTPUT)
    fresh = files_of(out)
    assert sorted(committed) == sorted(fresh)
    differing = [name for name in fresh if committed[name] != fresh[name] and not name.endswith(LAID_OUT)]
    assert differing == [], "run: bash scripts/regenerate.sh (it runs archgen build), then commit output/"
    if layout_environment() != LAYOUT_ENVIRONMENT:
        pytest.skip(f"laid-out bytes need {LAYOUT_ENVIRONMENT}, this machine has {layout_environment()}; "
                    "the digest check (build --check) still covers them")
    differing = [name for name in fresh if committed[name] != fresh[name]]
    assert differing == [], "run: bash scripts/regenerate.sh (it runs archgen build), then commit output/"


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
