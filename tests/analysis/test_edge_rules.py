"""The edge and network types' rules: each page's failing spec gives exactly this finding, the passing one none.

(tests/analysis/test_rule_docs.py runs every page; here the findings themselves are pinned.)
"""

from __future__ import annotations

import pytest

from archgen.analysis.rule import RuleContext
from archgen.analysis.rules import rule_by_id
from tests.support import snippets, spec_from_text

EXPECTED = {
    "AG111": [(("lb",), "warning",
               "cross-zone load balancing is off for Classic Load Balancer 'lb' (off unless set in CloudFormation, "
               "the API and the CLI): each node sends only to its own AZ; targets per AZ are uneven "
               "(us-east-1a: 2, us-east-1b: 1), so some AZs run hotter than others")],
    "AG112": [(("lb",), "error",
               "Classic Load Balancer 'lb' is enabled in us-east-1a only: the tier's entry point fails with that AZ "
               "(ELB SLA 99.9% instead of 99.99%)")],
    "AG113": [(("sqs-endpoint", "workers"), "warning",
               "interface endpoint 'sqs-endpoint' has network interfaces in us-east-1a only, but it is called from "
               "'workers' (us-east-1b): those calls cross AZs and fail with that AZ")],
    "AG114": [(("hub", "app"), "error",
               "'app' runs in us-east-1b, where transit gateway 'hub' has no attachment in VPC 'app-vpc': its "
               "instances there cannot reach the transit gateway")],
    "AG115": [(("dx",), "error",
               "Direct Connect 'dx' has one connection (at EqDC2): it fails with one fibre, one device or their "
               "maintenance, and no Direct Connect SLA covers it")],
    "AG116": [(("tunnel",), "warning",
               "VPN connection 'tunnel' uses one tunnel: AWS maintenance of that tunnel's endpoint, or the loss of its "
               "AZ, cuts the on-premises network off")],
    "AG406": [(("payments",), "warning",
               "user requests wait on 'payments', outside AWS, with no fallback: when it fails or throttles, they "
               "fail; its SLA of 99.9% is below the 99.95% objective")],
    "AG508": [(("payments",), "error",
               "'payments' (outside AWS) gets 150 rps at peak, over its rate limit (rate limit 150 rps > 100 (150%)): "
               "its provider refuses the excess")],
    "AG509": [(("tunnel",), "error",
               "'tunnel' carries more at peak than its bandwidth (standard tunnel 1.65 Gbps > 1.25 (132%)): packets "
               "are dropped and requests time out")],
    "AG510": [(("identity",), "error",
               "user pool 'identity' gets 200 sign-ins/s at peak, over the account's quota (UserAuthentication "
               "quota 200 rps > 120 (167%)): Cognito throttles the excess")],
    "AG117": [(("tunnel",), "warning",
               "VPN connection 'tunnel' uses static routing: without BGP's liveness detection, traffic keeps going to "
               "a tunnel that is down unless the customer gateway checks it itself")],
    "AG118": [(("lb",), "warning",
               "Classic Load Balancer 'lb' has connection draining off: an instance that is deregistered or fails its "
               "health check loses the requests in flight on it")],
    "AG310": [(("edge", "lb"), "warning",
               "Global Accelerator 'edge' has endpoints in us-east-1 only: when they fail their health checks, its "
               "traffic has no other Region to go to")],
}


def findings(rule_id: str, kind: str) -> list[tuple]:
    rule = rule_by_id(rule_id)
    spec = spec_from_text(snippets(rule)[kind], f"{rule_id}-{kind}.yaml")
    return [(f.components, f.severity, f.message) for f in rule.check(RuleContext(spec))]


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_failing_spec_gives_exactly_its_finding(rule_id):
    assert findings(rule_id, "failing") == EXPECTED[rule_id]


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_passing_spec_gives_none(rule_id):
    assert findings(rule_id, "passing") == []


ONE_LOCATION = """\
version: 1
name: dx-one-location
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: office, type: users}
  - {id: dx, type: direct_connect, region: us-east-1, connections: [{location: EqDC2}, {location: EqDC2}]}
  - {id: app, type: ecs, region: us-east-1, azs: [us-east-1a, us-east-1b], desired: 2, health_check: true}
connections:
  - {from: office, to: dx}
  - {from: dx, to: app}
"""


def test_direct_connect_connections_at_one_location_are_a_warning():
    spec = spec_from_text(ONE_LOCATION)
    found = [(f.components, f.severity, f.message) for f in rule_by_id("AG115").check(RuleContext(spec))]
    assert found == [(("dx",), "warning", "Direct Connect 'dx' has all 2 connections at EqDC2: they fail together "
                      "with that location, and no Direct Connect SLA covers one location")]


def external_findings(text: str) -> list[tuple]:
    spec = spec_from_text(text)
    return [(f.components, f.message) for f in rule_by_id("AG406").check(RuleContext(spec))]


def test_an_external_behind_a_queue_is_not_waited_on_and_a_fallback_below_the_objective_is_named():
    behind_queue = snippets(rule_by_id("AG406"))["failing"].replace(
        "  - {from: checkout, to: payments}",
        "  - {from: checkout, to: jobs, kind: async}\n  - {from: jobs, to: worker, kind: async}\n"
        "  - {from: worker, to: payments}").replace(
        "  - {id: payments, type: external, sla: 99.9}",
        "  - {id: payments, type: external, sla: 99.9}\n  - {id: jobs, type: sqs, region: us-east-1}\n"
        "  - {id: worker, type: lambda, region: us-east-1, duration_ms: 100}")
    assert external_findings(behind_queue) == []
    with_fallback = snippets(rule_by_id("AG406"))["passing"].replace("sla: 99.99", "sla: 99.9")
    assert external_findings(with_fallback) == [
        (("payments",), "user requests wait on 'payments', outside AWS: its SLA of 99.9% is below the 99.95% "
                        "objective, so the objective rests on its fallback 'retry-queue'")]
