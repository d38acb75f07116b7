"""Refusing to write outside the output directory (a planted symlink) is a clean usage error:
exit 2 and one line, from every command that writes files named after a spec."""

from __future__ import annotations

import pytest

from test_output_safety_paths import SPEC_NAMED, planted_symlink_run


@pytest.mark.parametrize("command", SPEC_NAMED)
def test_refusal_is_a_clean_usage_error(command, tmp_path):
    run, _, _ = planted_symlink_run(command, tmp_path)
    assert run.code == 2, run.output
    assert "internal error" not in run.output
    assert "refusing to write" in run.output
