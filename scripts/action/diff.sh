#!/usr/bin/env bash
# Action step (pull requests): compare every spec with the base branch and write the comment
# body to $RUNNER_TEMP/archgen-diff.md, also into the job summary. Sets the step output verdict=fail|warn|pass
# and exits 1 exactly on fail (❌), so the job status and the comment's header agree.
# Env: ARCHGEN_SPECS (space-separated), ARCHGEN_FAIL_ON, ARCHGEN_BASE_REF; GITHUB_OUTPUT and
# GITHUB_STEP_SUMMARY and RUNNER_TEMP come from Actions.
set -uo pipefail
body=$RUNNER_TEMP/archgen-diff.md
errors=$RUNNER_TEMP/archgen-diff.err
base="origin/$ARCHGEN_BASE_REF"

# the checkout may be shallow or lack the base branch: fetch its tip into origin/<base>
git fetch -q --no-tags origin "+refs/heads/$ARCHGEN_BASE_REF:refs/remotes/$base" 2>"$errors"
fetched=$?
if ((fetched == 0)); then
  # shellcheck disable=SC2086  # ARCHGEN_SPECS is a list of paths
  archgen diff --git "$base" $ARCHGEN_SPECS --format markdown --fail-on "$ARCHGEN_FAIL_ON" >"$body" 2>>"$errors"
  status=$?
else
  status=2
fi
cat "$errors" >&2

if ((status > 1)) || [[ ! -s $body ]]; then
  # archgen could not compare (git or usage problem): say so in the comment rather than nothing
  {
    echo "<!-- archgen-diff -->"
    echo "## archgen architecture diff ❌"
    echo
    echo "❌ **archgen could not compare the specs with \`$base\`** (exit $status):"
    echo
    sed -n '1,40s/^/    /p' "$errors"
  } >"$body"
  status=1
fi

header=$(sed -n 2p "$body")
if ((status == 1)); then verdict=fail
elif [[ $header == *"⚠️"* ]]; then verdict=warn
else verdict=pass
fi
echo "verdict=$verdict" >>"${GITHUB_OUTPUT:-/dev/null}"
cat "$body" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
[[ $verdict != fail ]]
