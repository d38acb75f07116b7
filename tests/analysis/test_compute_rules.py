"""The compute, streaming and integration types' rules: each page's failing spec gives exactly this finding, the
passing one none; and the cases the pages do not show.

(tests/analysis/test_rule_docs.py runs every page; here the findings themselves are pinned.)
"""

from __future__ import annotations

import pytest

from archgen.analysis.rule import RuleContext
from archgen.analysis.rules import rule_by_id
from archgen.traffic import model_traffic
from tests.support import snippets, spec_from_text

EXPECTED = {
    "AG130": [(("platform",), "error",
               "every node of EKS cluster 'platform' runs in us-east-1a (node group 'general'): losing that AZ stops "
               "all its pods, and its node groups have no other AZ to launch nodes in")],
    "AG131": [(("platform",), "warning",
               "node group 'apps' of EKS cluster 'platform' can run on 1 node (min 1, desired 2): when it fails, its "
               "pods wait for a replacement node to launch and join")],
    "AG132": [(("events",), "warning",
               "MSK cluster 'events' has its brokers in 2 AZs (us-east-1a, us-east-1b): losing one leaves 1 of 3 "
               "replicas of some partitions, with min.insync.replicas 2")],
    "AG133": [(("api",), "warning",
               "App Runner service 'api' keeps 1 instance provisioned (min_size 1): at low traffic it runs on one "
               "instance in one AZ, and a failure there stops it until a replacement starts")],
    "AG230": [(("events",), "warning",
               "MSK cluster 'events' keeps 2 replicas of each partition: replacing or losing a broker leaves one copy "
               "of its partitions")],
    "AG231": [(("events",), "error",
               "MSK cluster 'events' needs all 3 replicas in sync (min.insync.replicas 3): while one broker is patched "
               "or replaced, writes with acks=all to its partitions fail")],
    "AG330": [(("orders-bus",), "warning",
               "event bus 'orders-bus' has no global endpoint: when us-east-1 fails, every event put on it fails too")],
    "AG520": [(("telemetry",), "error",
               "stream 'telemetry' is over its limits at its 100 records/s peak: shard writes (bytes) 3.42 MiB/s > 3 "
               "(114%): writes over a shard's limit are throttled")],
    "AG521": [(("logs",), "error",
               "Firehose stream 'logs' exceeds its Direct PUT quota at peak: throughput 1.95 MiB/s > 1 (195%): "
               "Firehose refuses the excess")],
    "AG522": [(("checkout",), "error",
               "state machine 'checkout' (standard) runs into the account's quotas in us-east-1 at peak: StartExecution "
               "(Region) 400 executions/s > 300 (133%): Step Functions throttles the excess")],
    "AG523": [(("domain-events",), "error",
               "event bus 'domain-events' runs into the account's quotas in ca-central-1 at peak: PutEvents requests "
               "(Region) 900 requests/s > 600 (150%): PutEvents over the quota is refused")],
    "AG524": [(("graph",), "error",
               "GraphQL API 'graph' needs more request tokens at peak than the account has in us-east-1 (request "
               "tokens (Region) 6,000 tokens/s > 5,000 (120%)): AppSync throttles the excess")],
    "AG525": [(("api",), "error",
               "App Runner service 'api' holds 600 requests at once at peak, more than its instances take (concurrent "
               "requests 600 requests in flight > 500 (120%)): requests queue and get 429s")],
}


def findings(rule_id: str, text: str) -> list[tuple]:
    spec = spec_from_text(text, f"{rule_id}.yaml")
    return [(f.components, f.severity, f.message) for f in rule_by_id(rule_id).check(RuleContext(spec))]


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_failing_spec_gives_exactly_its_finding(rule_id):
    assert findings(rule_id, snippets(rule_by_id(rule_id))["failing"]) == EXPECTED[rule_id]


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_passing_spec_gives_none(rule_id):
    assert findings(rule_id, snippets(rule_by_id(rule_id))["passing"]) == []


def test_eks_nodes_in_one_az_per_node_group_but_two_azs_together_are_not_single_az():
    text = snippets(rule_by_id("AG130"))["failing"].replace(
        "      - {name: general, subnets: [nodes-a], min: 2, desired: 3, max: 6}",
        "      - {name: general-a, subnets: [nodes-a], min: 2, desired: 3, max: 6}\n"
        "      - {name: general-b, subnets: [nodes-b], min: 2, desired: 3, max: 6}")
    assert findings("AG130", text) == []


def test_a_replication_factor_of_one_is_an_error_and_msk_defaults_are_named():
    one = snippets(rule_by_id("AG230"))["failing"].replace("replication_factor: 2, min_insync_replicas: 1",
                                                           "replication_factor: 1, min_insync_replicas: 1")
    assert findings("AG230", one) == [(("events",), "error", "MSK cluster 'events' keeps 1 replica of each partition: "
                                       "each partition lives on one broker: replacing it takes the partition offline "
                                       "and a broker loss loses its data")]
    two_azs_default = snippets(rule_by_id("AG132"))["failing"].replace(
        ", brokers_per_az: 2,\n     replication_factor: 3, min_insync_replicas: 2}", "}")
    assert findings("AG230", two_azs_default) == [(("events",), "warning", "MSK cluster 'events' keeps 2 replicas of "
                                                   "each partition (MSK's default for a two-AZ cluster): replacing or "
                                                   "losing a broker leaves one copy of its partitions")]
    assert findings("AG231", two_azs_default) == []  # MSK's default min.insync.replicas 1 is below 2


def test_a_global_endpoint_to_a_region_without_the_bus_is_flagged():
    text = snippets(rule_by_id("AG330"))["passing"].replace("  - {id: dr-bus, type: eventbridge, region: us-west-2}\n",
                                                            "")
    assert findings("AG330", text) == [(("orders-bus",), "warning", "event bus 'orders-bus''s global endpoint fails "
                                        "over to us-west-2, where the spec has no event bus: failed-over events have "
                                        "nowhere to go")]
    no_region_objective = snippets(rule_by_id("AG330"))["failing"].replace("objectives: {survive: region}\n", "")
    assert findings("AG330", no_region_objective) == []


def test_eventbridge_invocations_alone_over_quota_are_a_warning():
    text = snippets(rule_by_id("AG523"))["failing"].replace(
        "  - {id: domain-events, type: eventbridge, region: ca-central-1}",
        "  - {id: domain-events, type: eventbridge, region: ca-central-1, put_events_quota: 1000}\n"
        "  - {id: copy, type: sqs, region: ca-central-1}").replace(
        "  - {from: domain-events, to: audit, kind: async}",
        "  - {from: domain-events, to: audit, kind: async}\n  - {from: domain-events, to: copy, kind: async}")
    assert findings("AG523", text) == [(("domain-events",), "warning", "event bus 'domain-events' runs into the "
                                        "account's quotas in ca-central-1 at peak: target invocations (Region) 1,800 "
                                        "invocations/s > 1,100 (164%): invocations over the quota are delayed")]


def test_state_machines_in_one_region_share_the_account_quota():
    two = """\
version: 1
name: shared-quota
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: shoppers, type: users, traffic: {peak_rps: 200}}
  - {id: checkout, type: step_functions, region: us-east-1, state_transitions: 4}
  - {id: returns, type: step_functions, region: us-east-1, state_transitions: 4}
connections:
  - {from: shoppers, to: checkout, share: 0.5}
  - {from: shoppers, to: returns, share: 0.5}
"""
    each = [tier for tier in model_traffic(spec_from_text(two)).tiers.values() if tier.type == "step_functions"]
    assert [(t.peak_rps, t.limits[0].demand, t.limits[0].capacity) for t in each] == [(100, 200, 300), (100, 200, 300)]
    assert findings("AG522", two) == []
    assert len(findings("AG522", two.replace("peak_rps: 200", "peak_rps: 400"))) == 2  # each is judged on the total
    express_too = two.replace("id: returns, type: step_functions, region: us-east-1, state_transitions: 4",
                              "id: returns, type: step_functions, region: us-east-1, workflow: express")
    tiers = model_traffic(spec_from_text(express_too)).tiers
    assert tiers["checkout"].limits[0].demand == 100  # Standard and Express have separate quotas
    assert tiers["returns"].limits[0].capacity == 6_000
