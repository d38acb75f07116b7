"""The layers, as the imports draw them: spec -> model -> analysis, traffic -> render, report -> commands -> cli.

Read from the source with ``ast`` (imports inside functions count too), so a new arrow that
runs the wrong way fails here, naming the module and the line.
"""

from __future__ import annotations

import ast
import importlib
import inspect
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


TOP = ("archgen.pipeline", "archgen.outputs", "archgen.docs", "archgen.commands", "archgen.cli")
# what each layer must never import: everything above it
ABOVE = {
    "archgen.spec": ("archgen.analysis", "archgen.traffic", "archgen.render", "archgen.report", "archgen.diff", *TOP),
    "archgen.model": ("archgen.analysis", "archgen.traffic", "archgen.render", "archgen.report", "archgen.diff", *TOP),
    "archgen.catalogue": ("archgen.analysis", "archgen.render", "archgen.report", "archgen.diff", *TOP),
    "archgen.traffic": ("archgen.analysis", "archgen.render", "archgen.report", "archgen.diff", *TOP),
    "archgen.analysis": ("archgen.render", "archgen.report", "archgen.diff", *TOP),
    "archgen.render": ("archgen.analysis", "archgen.traffic", "archgen.report", "archgen.diff", *TOP),
    "archgen.report": TOP,
    "archgen.diff": ("archgen.report", *TOP),
    "archgen.pipeline": ("archgen.outputs", "archgen.docs", "archgen.commands", "archgen.cli"),
    "archgen.outputs": ("archgen.docs", "archgen.commands", "archgen.cli"),
}


@pytest.mark.parametrize("layer", sorted(ABOVE))
def test_no_layer_imports_one_above_it(layer):
    up = [f"{path.relative_to(ROOT)}:{line}: imports {target}" for _, path, target, _, line in arrows_from(layer)
          if target.startswith(ABOVE[layer]) and not target.startswith(layer)]
    assert up == []


def test_formatting_is_the_bottom_layer():
    assert [target for _, _, target, _, _ in arrows_from("archgen.formatting") if target.startswith("archgen")] == []


def test_report_borrows_no_formatter_from_analysis_or_traffic():
    """report/ may read analysis and traffic results, but writes figures with archgen.formatting only."""
    borrowed = []
    for _, path, target, imported, line in arrows_from("archgen.report"):
        if not target.startswith(("archgen.analysis", "archgen.traffic")) or not imported:
            continue
        value = getattr(importlib.import_module(target), imported)
        if inspect.isfunction(value) and inspect.signature(value).return_annotation in ("str", str):
            borrowed.append(f"{path.relative_to(ROOT)}:{line}: {target}.{imported} returns text")
    assert borrowed == [], "figures are written by archgen.formatting"


# the formatters archgen.formatting replaced; a text function by one of these names elsewhere is a second one
FORMATTER_NAMES = {"fmt", "pct", "percent", "number", "money", "duration", "rate", "format_duration",
                   "format_rps", "format_number", "format_percent", "format_money", "_num", "_rps", "_pct", "_fmt"}


def test_one_formatting_module():
    elsewhere = [f"{path.relative_to(ROOT)}:{node.lineno}: def {node.name}"
                 for name, path in MODULES.items() if name != "archgen.formatting"
                 for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.FunctionDef) and node.name in FORMATTER_NAMES
                 and isinstance(node.returns, ast.Name) and node.returns.id == "str"]
    assert elsewhere == [], "numbers, rates, percentages, money and durations are written by archgen.formatting"


def test_commands_build_no_json_and_run_no_rules():
    """A command parses options, makes one pipeline call, picks a writer in report/ and returns an exit code."""
    wrong = []
    for name, path, target, imported, line in arrows_from("archgen.commands"):
        if target == "json":
            wrong.append(f"{path.relative_to(ROOT)}:{line}: imports json (JSON is written in archgen/report/)")
        if target.startswith(("archgen.analysis.engine", "archgen.analysis.rule", "archgen.traffic")) \
                and target != "archgen.analysis.rules":
            wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {target} (analysis runs in archgen.pipeline)")
    for name, path in MODULES.items():
        if name.startswith("archgen.commands."):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and node.attr in ("check", "dumps", "RuleContext"):
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
    assert wrong == []


def test_module_names_are_distinct():
    """One name, one module: `build.py` in three folders sends a reader to the wrong one.

    A command module is named after its command; the importers' per-format modules pair up by design.
    """
    seen: dict[str, list[str]] = {}
    for name, path in MODULES.items():
        if path.name != "__init__.py":
            seen.setdefault(path.name, []).append(name)
    shared = {leaf: names for leaf, names in seen.items()
              if len(names) > 1 and not all(n.startswith("archgen.iac.") for n in names)}
    assert shared == {}


# imports made inside a function, each for a start-up cost measured with python -X importtime and written beside it
LAZY_IMPORTS = {
    ("archgen.spec.schema_check", "jsonschema"),  # 60 ms `archgen rules` does not need
    ("archgen.report.traffic_text", "rich.console"), ("archgen.report.traffic_text", "rich.table"),  # 30 ms: a terminal
    ("archgen.report.build_summary", "rich.console"), ("archgen.report.build_summary", "rich.table"),
    ("archgen.commands.build", "rich.console"), ("archgen.commands.build", "rich.progress"),
    ("archgen.pipeline", "archgen.iac.importer"),  # 35 ms a spec does not need
    ("archgen.pipeline", "archgen.render"),  # 35 ms analyze and traffic do not need
    ("archgen.render.icons", "diagrams"),
}


def test_imports_inside_functions_are_the_measured_ones():
    """An import inside a function hides an arrow: only those kept off a start-up path that does not need them."""
    inside = set()
    for name, path in MODULES.items():
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(function):
                    if isinstance(node, ast.Import):
                        inside |= {(name, alias.name) for alias in node.names}
                    elif isinstance(node, ast.ImportFrom) and node.module:
                        inside.add((name, node.module))
    assert sorted(inside - LAZY_IMPORTS) == [], "import at the top of the module, or measure why not and list it here"
