"""Generated documentation is current, and the README's examples really work."""

from __future__ import annotations

import re

from archgen.spec.load import check_text
from archgen.spec.reference import README, REFERENCE_FILE, readme_with_generated_block, reference_markdown


def test_spec_reference_is_current():
    assert REFERENCE_FILE.read_text(encoding="utf-8") == reference_markdown(), \
        "run: python -m archgen.spec.reference"


def test_readme_component_table_is_current():
    readme = README.read_text(encoding="utf-8")
    assert readme == readme_with_generated_block(readme), "run: python -m archgen.spec.reference"


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
