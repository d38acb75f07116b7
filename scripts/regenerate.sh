#!/usr/bin/env bash
# Regenerates every generated file after an intended change, in dependency order:
#   the JSON Schema -> docs (README blocks, docs/*.md, docs/rules.md) -> examples/imported/ -> golden files -> output/ (archgen build).
# Tests fail when any of them is stale; each names this script.
#   bash scripts/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-build >/dev/null
py=.venv/bin/python
$py -m archgen.spec.schema_build
$py -m archgen.docs
$py -m archgen.iac.examples >/dev/null  # examples/imported/: the corpus templates imported and reviewed
ARCHGEN_UPDATE_GOLDEN=1 $py -m pytest -q -p no:cacheprovider tests/render -k golden >/dev/null || true
ARCHGEN_UPDATE_GOLDEN=1 $py -m pytest -q -p no:cacheprovider tests -k golden
.venv/bin/archgen build
