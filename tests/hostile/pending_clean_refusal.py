"""PENDING: refusing to write outside the output directory is a usage error (exit 2), not a crash.

Not collected by pytest. archgen build and archgen diff --diagram let confined()'s UsageError
escape, so a planted symlink gives "archgen: internal error: UsageError: refusing to write ..."
and exit 70 (render already prints the message and exits 2). Nothing is written outside either
way (tests/test_output_safety_paths.py checks that). Once fixed, move this to
tests/test_output_safety_refusal.py.
"""

from __future__ import annotations

import pytest

from test_output_safety_paths import SPEC_NAMED, planted_symlink_run


@pytest.mark.parametrize("command", SPEC_NAMED)
def test_refusal_is_a_clean_usage_error(command, tmp_path):
    run, _, _ = planted_symlink_run(command, tmp_path)
    assert run.code == 2, run.output
    assert "internal error" not in run.output
    assert "refusing to write" in run.output
