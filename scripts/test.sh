#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up if needed, then pytest (which also
# checks that the committed output/ is exactly what `archgen build` makes of specs/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-build
exec .venv/bin/python -m pytest "$@"
