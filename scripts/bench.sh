#!/usr/bin/env bash
# The benchmarks, from a fresh clone in one command: set-up if needed, then benchmarks/run.py
# (arguments pass through, e.g. --quick). Results go to benchmarks/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
ARCHGEN_BROWSER_TESTS=0 bash scripts/setup.sh --no-build
exec .venv/bin/python benchmarks/run.py "$@"
