"""archgen (import + analyze) against checkov on the 19 real templates, measured in one run.

    bash scripts/bench_checkov.sh          # makes .venv-checkov (pip install checkov) if needed, then this
    .venv/bin/python benchmarks/checkov.py --checkov PATH/TO/checkov [--repeat 3]

For each template of examples/imported/corpus.yaml, both tools run as a user runs them, each in a
fresh process: `archgen analyze --format json TEMPLATE` (the template imported in memory) and
`checkov -f TEMPLATE --framework cloudformation -o json --compact --quiet`. Reported per template:
the problems its reviewer's verdict names that each tool finds (archgen: the rule the corpus lists
fired; checkov: the check the corpus lists failed), every finding each tool reports (archgen:
errors and warnings; checkov: failed checks, of which availability checks), and the median wall
time and peak memory of `--repeat` runs. checkov is an optional benchmark tool, never a dependency
of archgen. Results: benchmarks/results/checkov.json and .md; the README table is generated from the
JSON (`python -m archgen.docs`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (benchmarks/run.py: the fresh-process launcher)

from archgen.iac.examples import TEMPLATES, checkov_table, manifest  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
# checkov's CloudFormation checks about availability (checkov --list --framework cloudformation, 3.3):
# RDS Multi-AZ, DynamoDB point-in-time recovery, S3 versioning, DocumentDB/Neptune backups, QLDB deletion
AVAILABILITY_CHECKS = {"CKV_AWS_157", "CKV_AWS_28", "CKV_AWS_165", "CKV_AWS_21", "CKV_AWS_360", "CKV_AWS_361",
                       "CKV_AWS_172"}


def archgen_run(template: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "archgen", "analyze", "--format", "json", template], cwd=ROOT,
                            capture_output=True, text=True)
    report = json.loads(result.stdout)["files"][0]
    findings = [f for f in report.get("findings", []) if not f["suppressed"]]
    return {"exit": result.returncode, "rules": sorted({f["rule"] for f in findings}),
            "errors": sum(f["severity"] == "error" for f in findings),
            "warnings": sum(f["severity"] == "warning" for f in findings),
            "info": sum(f["severity"] == "info" for f in findings)}


def checkov_run(checkov: str, template: str) -> dict:
    result = subprocess.run([checkov, "-f", template, "--framework", "cloudformation", "-o", "json", "--compact",
                             "--quiet"], cwd=ROOT, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout) if result.stdout.strip() else {}
    except ValueError:
        report = {}
    report = report[0] if isinstance(report, list) and report else report
    failed = (report.get("results") or {}).get("failed_checks", []) if isinstance(report, dict) else []
    checks = sorted({c["check_id"] for c in failed})
    return {"exit": result.returncode, "checks": checks, "failed": len(failed),
            "availability": sorted(set(checks) & AVAILABILITY_CHECKS),
            "parsing_errors": (report.get("summary") or {}).get("parsing_errors", 0) if isinstance(report, dict) else 0}


def measure(argv: list[str], repeat: int) -> dict:
    timing = bench.repeated(argv, ROOT, repeat)
    return {"seconds": round(timing["seconds"], 3), "peak_mb": round(timing["peak_mb"], 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkov", default=shutil.which("checkov") or str(ROOT / ".venv-checkov" / "bin" / "checkov"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not Path(args.checkov).exists():
        sys.exit(f"checkov not found at {args.checkov}: run `bash scripts/bench_checkov.sh` (it installs it)")
    version = subprocess.run([args.checkov, "--version"], capture_output=True, text=True).stdout.strip()
    rows = []
    for entry in manifest():
        template = (TEMPLATES / entry["template"]).as_posix()
        ours, theirs = archgen_run(template), checkov_run(args.checkov, template)
        ours.update(measure([sys.executable, "-m", "archgen", "analyze", "--format", "json", template], args.repeat))
        theirs.update(measure([args.checkov, "-f", template, "--framework", "cloudformation", "-o", "json", "--compact",
                               "--quiet"], args.repeat))
        rows.append({"name": entry["name"], "template": template, "verdict": entry["verdict"], "archgen": ours,
                     "checkov": theirs})
        print(f"{entry['name']}: archgen {ours['seconds']} s {ours['rules']}; checkov {theirs['seconds']} s "
              f"{theirs['availability']} of {theirs['failed']} failed", file=sys.stderr)
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "checkov_version": version, "repeat": args.repeat, "templates": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "checkov.json").write_text(json.dumps(result, indent=1) + "\n")
    (RESULTS / "checkov.md").write_text(checkov_table(result) + "\n")
    print(f"wrote {RESULTS / 'checkov.json'} and checkov.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
