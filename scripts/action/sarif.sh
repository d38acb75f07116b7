#!/usr/bin/env bash
# Action step: every finding (info and up) as SARIF 2.1.0 in $RUNNER_TEMP/archgen.sarif, for code scanning.
# archgen exits 1 when there are findings: that is the normal case here, not a failure.
# Env: ARCHGEN_SPECS (space-separated).
set -uo pipefail
# shellcheck disable=SC2086  # ARCHGEN_SPECS is a list of paths
archgen analyze $ARCHGEN_SPECS --format sarif --fail-on info >"$RUNNER_TEMP/archgen.sarif"
status=$?
if ((status > 1)) || [[ ! -s $RUNNER_TEMP/archgen.sarif ]]; then
  echo "::warning title=archgen::no SARIF written (archgen analyze exited $status); nothing to upload"
  exit 1
fi
