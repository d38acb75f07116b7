"""Documentation generated from the code and the bundled specs, so it cannot drift.

``python -m archgen.docs`` (run by ``bash scripts/regenerate.sh``) rewrites docs/spec-reference.md,
docs/rules.md and the generated blocks of README.md; tests/commands/test_docs.py fails when any
is stale. A README block sits between ``<!-- BEGIN GENERATED: name -->`` and
``<!-- END GENERATED: name -->``; the command outputs in it are made by the same pipeline call
and writer the command uses, for a spec named relative to the repository root.
"""

from __future__ import annotations

import re
from pathlib import Path

from archgen.analysis.rules import all_rules
from archgen.iac.examples import readme_checkov_block
from archgen.pipeline import run_text, traffic_checked
from archgen.report import findings_text, rules_catalogue, traffic_text
from archgen.spec.load import check_text
from archgen.spec.reference import REFERENCE_FILE, component_types_table, reference_markdown

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RULES_FILE = ROOT / "docs" / "rules.md"
BLOCK = re.compile(r"(<!-- BEGIN GENERATED: (?P<name>[a-z0-9 -]+) -->\n)(?P<body>.*?)(<!-- END GENERATED: (?P=name) -->)", re.S)


def _bundled(name: str) -> tuple[str, str]:
    """(text, the path a reader types from the repository root) of a bundled spec."""
    relative = f"specs/{name}.yaml"
    return (ROOT / relative).read_text(encoding="utf-8"), relative


def _text_block(text: str) -> str:
    return "```text\n" + text.rstrip("\n") + "\n```"


def generated_blocks() -> dict[str, str]:
    fragile = run_text(*_bundled("fragile"))
    shop = traffic_checked(check_text(*_bundled("shop")), scale=1.0)
    return {
        "component types": component_types_table(),
        "fragile findings": _text_block(findings_text.render_all([fragile])),  # `archgen analyze specs/fragile.yaml`
        "shop traffic": _text_block(traffic_text.render([shop])),  # `archgen traffic specs/shop.yaml`
        "rules": rules_catalogue.readme_table(all_rules()),
        "checkov comparison": readme_checkov_block(),  # from benchmarks/results/checkov.json
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
    REFERENCE_FILE.write_text(reference_markdown(), encoding="utf-8")
    RULES_FILE.write_text(rules_catalogue.markdown(all_rules()), encoding="utf-8")
    README.write_text(readme_with_blocks(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {REFERENCE_FILE}, {RULES_FILE} and the generated blocks of {README}")


if __name__ == "__main__":  # pragma: no cover
    main()
