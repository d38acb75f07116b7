"""The 19 real templates of examples/cloudformation/: each imports into a valid spec, the committed
imports and reports are fresh, and archgen finds what each reviewer's verdict names."""

from __future__ import annotations

import os

import pytest

from archgen.iac import examples
from tests.support import ROOT, files_of

MANIFEST = {entry["name"]: entry for entry in examples.manifest()} if (ROOT / "examples").exists() else {}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """examples/imported/ rebuilt from the templates into a temporary folder (from the repository root)."""
    out = tmp_path_factory.mktemp("imported")
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        results = examples.build(out)
    finally:
        os.chdir(here)
    return out, {entry["name"]: report for entry, report in results}


def test_the_manifest_covers_every_template():
    templates = {p.relative_to(ROOT / "examples" / "cloudformation").as_posix()
                 for p in (ROOT / "examples" / "cloudformation").rglob("*") if p.suffix in (".yaml", ".yml")}
    assert {e["template"] for e in MANIFEST.values()} == templates
    assert len(MANIFEST) == 19


def test_committed_imports_are_fresh(rebuilt):
    """Regenerate with `bash scripts/regenerate.sh` when this fails after an intended change."""
    out, _ = rebuilt
    committed = {k: v for k, v in files_of(ROOT / "examples" / "imported").items() if k != "corpus.yaml"}
    fresh = files_of(out)
    assert sorted(fresh) == sorted(committed)
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"stale: {stale}; run `bash scripts/regenerate.sh`"


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_archgen_finds_what_the_verdict_names(rebuilt, name):
    _, reports = rebuilt
    entry, report = MANIFEST[name], reports[name]
    found = {f.rule for f in report.active}
    expected = {p["archgen"] for p in entry.get("problems", []) if p["archgen"]}
    missing = expected - found
    assert not missing, f"{name}: expected {sorted(missing)} among {sorted(found)}"
    assert all(p["archgen"] or p.get("awaits") for p in entry.get("problems", [])), "a problem nobody finds says why"
    if entry.get("resilient"):
        errors = [f"{f.rule}: {f.message}" for f in report.active if f.severity == "error"]
        assert not errors, f"{name} is resilient, yet: {errors}"
