"""The layers, as the imports draw them: spec -> model -> analysis, traffic -> render, report -> commands -> cli.

Read from the source with ``ast`` (imports inside functions count too), so a new arrow that
runs the wrong way fails here, naming the module and the line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGE = ROOT / "archgen"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, str, int]]:
    """(module imported, name imported or '', line) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.module, alias.name, node.lineno) for alias in node.names]
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def arrows_from(prefix: str):
    for name, path in MODULES.items():
        if name == prefix or name.startswith(prefix + "."):
            for target, imported, line in imports(path):
                yield name, path, target, imported, line


def test_commands_never_import_the_cli_that_runs_them():
    back = [f"{path.relative_to(ROOT)}:{line}: imports {target}" for _, path, target, _, line in arrows_from("archgen.commands")
            if target == "archgen.cli"]
    assert back == [], "exit codes and shared helpers live in archgen.commands._common"


@pytest.mark.parametrize("layer", ["archgen.spec", "archgen.model", "archgen.analysis", "archgen.traffic",
                                   "archgen.render", "archgen.report", "archgen.formatting"])
def test_lower_layers_never_import_commands_or_the_cli(layer):
    up = [f"{path.relative_to(ROOT)}:{line}: imports {target}" for _, path, target, _, line in arrows_from(layer)
          if target.startswith(("archgen.commands", "archgen.cli"))]
    assert up == []


def test_formatting_is_the_bottom_layer():
    assert [target for _, _, target, _, _ in arrows_from("archgen.formatting") if target.startswith("archgen")] == []
