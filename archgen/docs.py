"""Blocks of README.md generated from the code and the bundled specs, so the README cannot drift.

``python -m archgen.docs`` rewrites them (and docs/spec-reference.md); tests/test_docs.py fails
when any is stale. A block sits between ``<!-- BEGIN GENERATED: name -->`` and ``<!-- END GENERATED: name -->``.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- BEGIN GENERATED: (?P<name>[a-z0-9 -]+) -->\n)(?P<body>.*?)(<!-- END GENERATED: (?P=name) -->)", re.S)


def _command_output(*args: str) -> str:
    """What `archgen ARGS` prints, run from the repository root without colour."""
    import os

    from click.testing import CliRunner

    from archgen.cli import cli

    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "200"}).invoke(cli, list(args))
    finally:
        os.chdir(cwd)
    return result.stdout.rstrip("\n")


def _rules_table() -> str:
    from archgen.analysis.rules import all_rules

    rows = ["| id | name | severity | what it flags |", "|---|---|---|---|"]
    for rule in all_rules():
        summary = rule.summary.replace("|", "\\|")
        rows.append(f"| {rule.id} | `{rule.name}` | {rule.severity} | {summary} |")
    return "\n".join(rows)


def generated_blocks() -> dict[str, str]:
    from archgen.spec.reference import component_types_table

    return {
        "component types": component_types_table(),
        "fragile findings": "```text\n" + _command_output("analyze", "specs/fragile.yaml") + "\n```",
        "shop traffic": "```text\n" + _command_output("traffic", "specs/shop.yaml") + "\n```",
        "rules": _rules_table(),
    }


def readme_with_blocks(text: str, blocks: dict[str, str] | None = None) -> str:
    blocks = generated_blocks() if blocks is None else blocks

    def fill(match: re.Match) -> str:
        name = match.group("name")
        if name not in blocks:
            raise KeyError(f"README block '{name}' has no generator")
        return f"{match.group(1)}{blocks[name]}\n{match.group(4)}"

    return BLOCK.sub(fill, text)


def main() -> None:  # pragma: no cover - developer tool
    from archgen.spec.reference import REFERENCE_FILE, reference_markdown

    REFERENCE_FILE.write_text(reference_markdown(), encoding="utf-8")
    README.write_text(readme_with_blocks(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {REFERENCE_FILE} and the generated blocks of {README}")


if __name__ == "__main__":  # pragma: no cover
    main()
