#!/usr/bin/env bash
# Action step, last: turn the outcomes of the earlier steps into the job status, naming for each
# failure the command that fixes it. On a pull request the findings gate is the diff's verdict
# (findings the change adds); on other events every unsuppressed finding at fail-on counts.
# Env: ARCHGEN_SPECS, ARCHGEN_OUTPUT, ARCHGEN_FAIL_ON, ARCHGEN_EVENT and the outcomes
# ARCHGEN_{VALIDATE,OUTPUTS,DIFF,UPLOAD}_OUTCOME (success|failure|skipped|empty), ARCHGEN_VERDICT.
set -uo pipefail
failed=0
fail() {
  echo "::error title=archgen::$1"
  failed=1
}

if ! command -v archgen >/dev/null; then
  fail "archgen is not installed: see the step 'Install archgen'"
  exit 1
fi
if [[ ${ARCHGEN_VALIDATE_OUTCOME:-} == failure ]]; then
  fail "a spec is invalid (see the step 'Validate the specs'); check locally with: archgen validate $ARCHGEN_SPECS"
fi
if [[ ${ARCHGEN_OUTPUTS_OUTCOME:-} == failure ]]; then
  fail "the committed outputs in $ARCHGEN_OUTPUT/ are stale; run: archgen build $ARCHGEN_SPECS -o $ARCHGEN_OUTPUT, then commit $ARCHGEN_OUTPUT/"
fi

if [[ $ARCHGEN_EVENT == pull_request ]]; then
  case ${ARCHGEN_VERDICT:-} in
    fail) fail "❌ the change adds findings at or above '$ARCHGEN_FAIL_ON' or breaks a spec (see the comment or the job summary)" ;;
    warn) echo "::warning title=archgen::⚠️ the change adds warnings (see the comment or the job summary)" ;;
    pass) echo "✅ the change adds no finding of severity warning or worse" ;;
    *) [[ ${ARCHGEN_DIFF_OUTCOME:-} == failure ]] && fail "archgen diff did not run to the end (see the step 'Compare the architecture with the base branch')" ;;
  esac
elif [[ $ARCHGEN_FAIL_ON != none ]]; then
  # shellcheck disable=SC2086  # ARCHGEN_SPECS is a list of paths
  if ! archgen analyze $ARCHGEN_SPECS --fail-on "$ARCHGEN_FAIL_ON" >/dev/null; then
    fail "the specs have findings at or above '$ARCHGEN_FAIL_ON'; see them with: archgen analyze $ARCHGEN_SPECS"
  fi
fi

if [[ ${ARCHGEN_UPLOAD_OUTCOME:-} == failure ]]; then
  echo "::warning title=archgen::the SARIF upload failed: code scanning is unavailable here (a private repository without it, or a fork's pull request), or the workflow lacks 'security-events: write'. The findings are still in the comment and the job log; set 'sarif: false' to skip the upload."
fi
exit $failed
