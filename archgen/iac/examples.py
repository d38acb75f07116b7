"""Rebuilds ``examples/imported/``: every template of ``examples/imported/corpus.yaml`` imported,
its spec written and reviewed (``report.md``), and an index.

    python -m archgen.iac.examples          (bash scripts/regenerate.sh runs it)

Run from the repository root; paths in the outputs are relative to it, so the files are the
same on every machine. tests/iac/test_corpus_imports.py rebuilds them in a temporary folder
and compares.
"""

from __future__ import annotations

import json
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


REPOSITORY = Path(__file__).resolve().parents[2]


def manifest() -> list[dict]:
    return load_yaml_file(str(REPOSITORY / IMPORTED / "corpus.yaml")).data["templates"]


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


CHECKOV_RESULTS = REPOSITORY / "benchmarks" / "results" / "checkov.json"


def checkov_table(result: dict) -> str:
    """archgen against checkov, side by side, from benchmarks/checkov.py's measured JSON; the problems
    each verdict names (and which rule or check finds each) come from corpus.yaml."""
    problems = {entry["name"]: entry.get("problems", []) for entry in manifest()}
    out = ["| template | verdict | problems found: archgen · checkov | archgen findings (errors · warnings) | "
           "checkov failed checks (availability) | time: archgen · checkov |", "|---|---|---|---|---|---|"]
    totals = {"problems": 0, "archgen": 0, "checkov": 0}
    for row in result["templates"]:
        ours, theirs, named = row["archgen"], row["checkov"], problems.get(row["name"], [])
        by_archgen = sum(1 for p in named if p["archgen"] and p["archgen"] in ours["rules"])
        by_checkov = sum(1 for p in named if p["checkov"] and p["checkov"] in theirs["checks"])
        totals = {"problems": totals["problems"] + len(named), "archgen": totals["archgen"] + by_archgen,
                  "checkov": totals["checkov"] + by_checkov}
        found = f"{by_archgen}/{len(named)} · {by_checkov}/{len(named)}" if named else "none named"
        rules = ", ".join(r for r in ours["rules"])
        out.append(f"| [{row['name']}](examples/imported/{row['name']}/report.md) | {md.text(row['verdict'])} | "
                   f"{found} | {ours['errors']} · {ours['warnings']}{': ' + rules if rules else ''} | "
                   f"{theirs['failed']} ({', '.join(theirs['availability']) or 'none'}) | "
                   f"{ours['seconds']:.2f} s · {theirs['seconds']:.2f} s |")
    seconds = {tool: sum(row[tool]["seconds"] for row in result["templates"]) for tool in ("archgen", "checkov")}
    peak = {tool: max(row[tool]["peak_mb"] for row in result["templates"]) for tool in ("archgen", "checkov")}
    out += ["", f"Problems the verdicts name: archgen finds **{totals['archgen']}** of {totals['problems']}, "
                f"checkov **{totals['checkov']}**. Time for all {len(result['templates'])} (median of {result['repeat']} "
                f"fresh runs each): archgen {seconds['archgen']:.1f} s, checkov {seconds['checkov']:.1f} s; largest peak "
                f"memory archgen {peak['archgen']:.0f} MB, checkov {peak['checkov']:.0f} MB "
                f"(checkov {result['checkov_version']}, Python {result['machine']['python']}, "
                f"{result['machine']['cpus']} CPUs shared with other jobs)."]
    return "\n".join(out)


def readme_checkov_block() -> str:
    """The README's comparison table, from the committed benchmark results (re-measure: bash scripts/bench_checkov.sh)."""
    if not CHECKOV_RESULTS.exists():
        return "Not measured yet: run `bash scripts/bench_checkov.sh`."
    return checkov_table(json.loads(CHECKOV_RESULTS.read_text(encoding="utf-8")))


if __name__ == "__main__":  # pragma: no cover - developer tool
    for entry, report in build():
        print(f"{entry['name']}: {', '.join(sorted({f.rule for f in report.active})) or 'no findings'}")
