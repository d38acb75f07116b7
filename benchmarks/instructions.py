"""Instructions the pipeline executes (validate + analyze + traffic), counted by valgrind: a figure
that does not move with the machine's load, for before/after comparisons on a shared machine.

    python benchmarks/instructions.py                           # 10,000 components, every shape (~6 min)
    python benchmarks/instructions.py --against bc831a5         # and the same for an older commit
    python benchmarks/instructions.py --sizes 1000 --shapes records

Seconds on a shared machine swing with whatever else runs (CPU seconds rose by up to a fifth
while other engineers' benchmarks ran on the same 2 CPUs); instruction counts do not: two runs of
one tree on one spec agreed to 0.003%. Each count is the pipeline alone: the run that only imports archgen is
subtracted from the run that also checks the spec, analyses it and models its traffic, both under
``valgrind --tool=callgrind`` with PYTHONHASHSEED=0 (set and dict orders, hence work, fixed).
``--against REV`` exports that commit's ``archgen/`` with ``git archive`` into a scratch folder
and counts it the same way. Needs valgrind (Debian package ``valgrind``). Results:
benchmarks/results/instructions.json and instructions.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

# What is counted: archgen imported from the tree given as argv[1]; with argv[3] == "1" the spec argv[2]
# goes through check_file, analyze and model_traffic (the pipeline run.py times in one process).
PIPELINE = r"""
import sys
sys.path.insert(0, sys.argv[1])
from archgen.spec import load as spec_load
from archgen.analysis.engine import analyze
from archgen.traffic import model_traffic
if sys.argv[3] == "1":
    spec = spec_load.check_file(sys.argv[2]).spec
    analyze(spec)
    model_traffic(spec)
"""


def callgrind_total(text: str) -> int:
    """The total instruction count of a callgrind output file (its ``summary:`` or ``totals:`` line)."""
    for line in text.splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise ValueError("no summary line in the callgrind output")


def count(tree: Path, spec: Path, run_pipeline: bool, scratch: Path) -> int:
    out = scratch / "callgrind.out"
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", PIPELINE,
                    str(tree), str(spec), "1" if run_pipeline else "0"],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = callgrind_total(out.read_text(encoding="utf-8", errors="replace"))
    out.unlink()
    return total


def pipeline_instructions(tree: Path, spec: Path, scratch: Path) -> int:
    """Instructions of the pipeline on ``spec`` with the archgen of ``tree``, imports subtracted."""
    return count(tree, spec, True, scratch) - count(tree, spec, False, scratch)


def export(rev: str, scratch: Path) -> Path:
    """``archgen/`` as it was at ``rev``, byte-compiled (as the current tree is after one run)."""
    tree = scratch / f"tree-{rev}"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", rev, "archgen"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree)], check=True)
    return tree


def markdown(result: dict) -> str:
    against = result.get("against")
    head = "| shape | components | instructions |" + (f" at {against} | change |" if against else "")
    rule = "|---|---:|---:|" + ("---:|---:|" if against else "")
    lines = ["# Pipeline instructions (validate + analyze + traffic)", "",
             "Counted by `python benchmarks/instructions.py"
             + (f" --against {against}" if against else "") + "`; imports subtracted.", "", head, rule]
    for row in result["rows"]:
        cells = [row["shape"], f"{row['n']:,}", f"{row['instructions'] / 1e9:.2f} G"]
        if against:
            before = row["against"]
            cells += [f"{before / 1e9:.2f} G", f"{(row['instructions'] - before) / before:+.1%}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000", help="component counts")
    parser.add_argument("--shapes", default=",".join(generate.SHAPES), help="spec shapes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--against", help="a git revision to count the same way")
    parser.add_argument("--out", default=str(RESULTS), help="directory for instructions.json and .md")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed (Debian: apt-get install valgrind)")
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = sorted(set(shapes) - set(generate.SHAPES))
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)}")
    result: dict = {"python": sys.version.split()[0], "seed": args.seed, "against": args.against, "rows": []}
    with tempfile.TemporaryDirectory(prefix="archgen-instructions-") as scratch_name:
        scratch = Path(scratch_name)
        # Both trees byte-compiled first: with PYTHONDONTWRITEBYTECODE a module whose .pyc is stale (after a
        # checkout or rebase) would be compiled again in every count, and the catalogue's type modules are
        # imported inside the pipeline, so their compiling would be counted as the pipeline's work.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "archgen")], check=True)
        baseline = export(args.against, scratch) if args.against else None
        for shape in shapes:
            for n in (int(s) for s in args.sizes.split(",") if s):
                spec = scratch / f"{shape}-{n}.yaml"
                spec.write_text(generate.dump(generate.SHAPES[shape](n, args.seed)), encoding="utf-8")
                row = {"shape": shape, "n": n, "instructions": pipeline_instructions(ROOT, spec, scratch)}
                if baseline is not None:
                    row["against"] = pipeline_instructions(baseline, spec, scratch)
                result["rows"].append(row)
                print(markdown(result).splitlines()[-1], flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "instructions.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "instructions.md").write_text(markdown(result), encoding="utf-8")
    print()
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
