"""Edges of the capacity model the rules judge (issue #13, item 7), from AWS's own figures."""

from __future__ import annotations

from archgen.analysis.engine import analyze
from tests.support import spec_from_text

# AWS Lambda Developer Guide, "Understanding Lambda function scaling": 100 requests/s of a
# function whose average duration is 500 ms need 100 × 0.5 = 50 concurrent executions
LAMBDA = """
version: 1
name: lambda-at-ceiling
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: clients, type: users, traffic: {peak_rps: 100}}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 500, reserved_concurrency: RESERVED}
connections:
  - {from: clients, to: fn}
"""


def lambda_findings(reserved: int):
    report = analyze(spec_from_text(LAMBDA.replace("RESERVED", str(reserved))))
    return [f for f in report.active if f.rule == "AG503"]


def test_lambda_at_exactly_its_reserved_concurrency_is_saturated():
    (finding,) = lambda_findings(50)
    assert finding.message == (
        "lambda 'fn' needs 50 concurrent executions at 100 rps × 500 ms, all of its reserved concurrency "
        "(reserved concurrency 50 concurrent executions = 50 (100%)): no headroom, the first request above "
        "it is throttled")


def test_lambda_over_its_reserved_concurrency_is_saturated_and_with_headroom_is_not():
    (finding,) = lambda_findings(49)
    assert "more than its reserved concurrency (reserved concurrency 50 concurrent executions > 49" in finding.message
    assert lambda_findings(51) == []
