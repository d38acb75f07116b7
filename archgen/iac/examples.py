"""Rebuilds ``examples/imported/``: every template of ``examples/imported/corpus.yaml`` imported,
its spec written and reviewed (``report.md``), and an index.

    python -m archgen.iac.examples          (bash scripts/regenerate.sh runs it)

Run from the repository root; paths in the outputs are relative to it, so the files are the
same on every machine. tests/iac/test_corpus_imports.py rebuilds them in a temporary folder
and compares.
"""

from __future__ import annotations

import sys
from pathlib import Path

from archgen.analysis.engine import analyze
from archgen.iac.importer import run_import
from archgen.paths import write_atomic
from archgen.report import import_markdown
from archgen.report import markdown as md
from archgen.spec.load import check_text
from archgen.spec.yamlload import load_yaml_file

TEMPLATES = Path("examples/cloudformation")
IMPORTED = Path("examples/imported")


def manifest() -> list[dict]:
    return load_yaml_file(str(IMPORTED / "corpus.yaml")).data["templates"]


def build(out_dir: Path = IMPORTED) -> list[tuple[dict, object]]:
    """Writes ``<out_dir>/<name>/<name>.yaml`` and ``report.md`` per template, then ``README.md``."""
    results = []
    for entry in manifest():
        template = (TEMPLATES / entry["template"]).as_posix()
        # paths inside the files are those of examples/imported/, wherever they are written
        spec_file = (IMPORTED / entry["name"] / f"{entry['name']}.yaml").as_posix()
        command = f"archgen import cloudformation {template} -o {spec_file}"
        outcome = run_import("cloudformation", [template], output=spec_file, traffic=None, region=None,
                             parameters=list(entry.get("parameters", [])), command_line=command)
        if outcome.text is None:
            sys.exit(f"{template}: import failed: " + "; ".join(d.format() for d in outcome.diagnostics))
        report = analyze(check_text(outcome.text, spec_file).spec)
        folder = out_dir / entry["name"]
        write_atomic(folder / f"{entry['name']}.yaml", outcome.text)
        write_atomic(folder / "report.md", import_markdown.render(
            template=template, spec_file=spec_file, command=command, notes=outcome.notes, report=report,
            verdict=entry["verdict"]))
        results.append((entry, report))
    write_atomic(out_dir / "README.md", index(results))
    return results


def index(results) -> str:
    out = ["# CloudFormation templates imported by archgen", "",
           "Each of the 19 real templates in [`examples/cloudformation/`](../cloudformation/README.md), imported with",
           "`archgen import cloudformation` and reviewed (`report.md`). Regenerate with `bash scripts/regenerate.sh`;",
           "a test checks these files are fresh and that archgen finds what each verdict names",
           "([`corpus.yaml`](corpus.yaml)).", "",
           "| template | reviewer's verdict | components | archgen findings (errors · warnings) |", "|---|---|---|---|"]
    for entry, report in results:
        rules = sorted({f.rule for f in report.active if f.severity != "info"})
        counts = report.counts()
        out.append(f"| [{md.text(entry['name'])}]({entry['name']}/report.md) | {md.text(entry['verdict'])} | "
                   f"{len(report.spec.components)} | {counts['error']} · {counts['warning']}"
                   f"{': ' + ', '.join(rules) if rules else ''} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - developer tool
    for entry, report in build():
        print(f"{entry['name']}: {', '.join(sorted({f.rule for f in report.active})) or 'no findings'}")
