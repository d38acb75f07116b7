#!/usr/bin/env bash
# archgen against checkov on the 19 corpus templates (benchmarks/checkov.py), in one run.
# checkov is an optional benchmark tool: it goes into its own .venv-checkov (pip install checkov),
# never into archgen's dependencies. Arguments pass through (e.g. --repeat 5).
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHGEN_BROWSER_TESTS=0 bash scripts/setup.sh --no-build
if [[ ! -x .venv-checkov/bin/checkov ]]; then
  "${PYTHON:-python3}" -m venv .venv-checkov
  .venv-checkov/bin/python -m pip install -q --disable-pip-version-check checkov
fi
.venv/bin/python benchmarks/checkov.py --checkov .venv-checkov/bin/checkov "$@"
.venv/bin/python -m archgen.docs >/dev/null  # the README table is made from benchmarks/results/checkov.json
