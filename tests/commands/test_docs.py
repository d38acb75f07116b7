"""Generated documentation is current, and the README's examples really work."""

from __future__ import annotations

import re

from archgen.docs import README, generated_blocks, readme_with_blocks
from archgen.spec.load import check_text
from archgen.spec.reference import REFERENCE_FILE, reference_markdown


def test_spec_reference_is_current():
    assert REFERENCE_FILE.read_text(encoding="utf-8") == reference_markdown(), "run: bash scripts/regenerate.sh"


def test_readme_generated_blocks_are_current():
    readme = README.read_text(encoding="utf-8")
    blocks = generated_blocks()
    for name in blocks:
        assert f"<!-- BEGIN GENERATED: {name} -->" in readme, name
    assert readme == readme_with_blocks(readme, blocks), "run: bash scripts/regenerate.sh"


def test_readme_tour_shows_the_real_findings():
    readme = README.read_text(encoding="utf-8")
    assert "specs/fragile.yaml:63:5: AG201 rds-single-az" in readme
    assert "AG401 single-point-of-failure: 'blog-server' is a single point of failure" in readme


def test_readme_spec_example_is_valid():
    readme = README.read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(# yaml-language-server.*?)```", readme, re.S).group(1)
    checked = check_text(example, "README.md")
    assert checked.spec is not None, [d.format() for d in checked.diagnostics]


def test_readme_quick_start_is_two_commands_that_exist():
    readme = README.read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["bash scripts/setup.sh", "bash scripts/test.sh"]
    ci = (README.parent / ".ci" / "run").read_text()
    assert "exec bash scripts/test.sh" in ci, ".ci/run must call exactly the README's test command"


def test_readme_counts_the_rules_it_ships():
    from archgen.analysis.rules import all_rules

    assert f"{len(all_rules())} rules" in README.read_text(encoding="utf-8")
