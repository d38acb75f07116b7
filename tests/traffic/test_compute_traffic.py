"""Capacity and cost of the compute, streaming and integration types, against AWS's own worked examples where the
pages give them (cited per test) and worked by hand from the published figures otherwise."""

from __future__ import annotations

import pytest

from archgen.catalogue.components import eventbridge, firehose, kinesis, step_functions
from archgen.traffic import model_traffic
from tests.support import spec_from_text

MONTH_S = 730 * 3600  # the AWS Pricing Calculator's month
KB = 1024


def tiers(text: str):
    return model_traffic(spec_from_text(text)).tiers


def lines(tier) -> list[tuple[str, float, float]]:
    """(item, quantity, unit price) of a tier's bill."""
    return [(line.item, pytest.approx(line.quantity), line.unit_price) for line in tier.cost.lines]


STREAM = """\
version: 1
name: stream
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: eu-central-1, azs: [eu-central-1a, eu-central-1b]}
components:
  - {id: devices, type: users, traffic: {peak_rps: 100, read_ratio: 0, request_size: 35KB}}
  - {id: clicks, type: kinesis, region: us-east-1, shards: 4}
  - {id: scorer, type: lambda, region: us-east-1, duration_ms: 50}
  - {id: audit, type: lambda, region: us-east-1, duration_ms: 50}
connections:
  - {from: devices, to: clicks, kind: async}
  - {from: clicks, to: scorer, kind: async}
  - {from: clicks, to: audit, kind: async}
"""


def test_kinesis_shards_follow_aws_sizing_formula_and_the_pricing_pages_example():
    # Kinesis pricing page example: 100 records/s of 35 KB are 3.4 MB/s in (KB = 1,024 bytes here);
    # Developer Guide formula: shards = max(write KiB/s / 1,024, read KiB/s / 2,048) -> 3,500/1,024 = 3.42 -> 4
    clicks = tiers(STREAM)["clicks"]
    assert clicks.sizing["write_mib_per_s_peak"] == pytest.approx(3.418, abs=1e-3)
    assert clicks.sizing["shards_needed_peak"] == 4
    assert clicks.sizing["read_mib_per_s_peak"] == pytest.approx(2 * 3.418, abs=1e-3)  # two GetRecords consumers
    assert [(lim.name, pytest.approx(lim.demand, abs=1e-3), lim.capacity) for lim in clicks.limits] == [
        ("shard writes (records)", 100, 4_000), ("shard writes (bytes)", 3.418, 4),
        ("shard reads (2 GetRecords consumers)", 6.836, 8)]
    assert not clicks.saturated
    # each record is two 25 KB PUT payload units; 4 shards
    assert lines(clicks) == [("4 shards", 4 * 730, 0.015),
                             ("PUT payload units (25 KB chunks)", 100 * 2 * MONTH_S / 1e6, 0.014)]
    assert clicks.cost.monthly == pytest.approx(4 * 730 * 0.015 + 100 * 2 * MONTH_S / 1e6 * 0.014)  # $43.80 + $7.36


def test_put_payload_units_are_25_kb_chunks_as_the_pricing_page_counts_them():
    # "a 5KB record contains one PUT Payload Unit, a 45KB record contains two ..., and a 1MB record contains 40"
    assert [kinesis.payload_units(size * KB) for size in (5, 45, 1_000)] == [1, 2, 40]


def test_an_enhanced_fan_out_reader_does_not_share_the_shards_read_throughput():
    text = STREAM.replace("shards: 4}", "shards: 4, enhanced_fan_out: [audit]}")
    clicks = tiers(text)["clicks"]
    assert clicks.limits[-1].name == "shard reads (1 GetRecords consumer)"
    assert clicks.sizing["enhanced_fan_out_consumers"] == 1
    assert clicks.sizing["shards_needed_peak"] == 4  # the write side still needs 4
    assert "enhanced fan-out consumer-shard hours and data retrieved" in clicks.cost.unpriced


def test_on_demand_streams_are_bounded_by_their_regions_maximum_and_billed_per_rounded_kilobyte():
    # pricing page: "if your data records are 4.5 KB each, Kinesis Data Streams will count each record as 5 KB"
    text = STREAM.replace("request_size: 35KB", "request_size: 4.5KB").replace("shards: 4}", "mode: on_demand}")
    clicks = tiers(text)["clicks"]
    assert clicks.limits == (clicks.limits[0],) and clicks.limits[0].capacity == 10 * 1024
    written_gb = 100 * MONTH_S * 5 * KB / 1e9
    assert lines(clicks) == [("on-demand stream", 730, 0.04), ("data written (records rounded up to 1 KB)", written_gb, 0.08),
                             ("data read by 2 consumers", 2 * written_gb, 0.04)]
    elsewhere = tiers(text.replace("region: us-east-1, mode", "region: eu-central-1, mode"))["clicks"]
    assert elsewhere.limits[0].capacity == 200  # 200 MB/s outside us-east-1, us-west-2 and eu-west-1


def test_a_stream_with_three_shards_saturates_on_bytes_not_records():
    clicks = tiers(STREAM.replace("shards: 4", "shards: 3"))["clicks"]
    assert clicks.saturated and clicks.binding.name == "shard writes (bytes)"
    assert clicks.max_capacity_rps == pytest.approx(100 * 3 / 3.418, rel=1e-3)


FIREHOSE = """\
version: 1
name: delivery
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: servers, type: users, traffic: {peak_rps: 5000, read_ratio: 0, request_size: 1KB}}
  - {id: logs, type: firehose, region: us-east-1, records_per_call: 500}
  - {id: bucket, type: s3, region: us-east-1}
connections:
  - {from: servers, to: logs, kind: async}
  - {from: logs, to: bucket, kind: async}
"""


def test_firehose_rounds_each_record_up_to_5_kb_as_the_pricing_page_shows():
    # "a 3-KB record is billed as 5 KB, a 12-KB record is billed as 15 KB"; "records of 42 KB ... 45 KB"
    assert [firehose.billed_bytes(size * KB) / KB for size in (3, 12, 42)] == [5, 15, 45]
    # Firehose quota page: 5 MiB over 5,000 records costs more than over 1,000 records
    many, few = 5_000 * firehose.billed_bytes(5 * 1024 * KB / 5_000), 1_000 * firehose.billed_bytes(5 * 1024 * KB / 1_000)
    assert many > few and (many, few) == (5_000 * 5 * KB, 1_000 * 10 * KB)
    logs = tiers(FIREHOSE)["logs"]
    assert lines(logs) == [("data ingested (records rounded up to 5 KB)", 5000 * MONTH_S * 5 * KB / 1e9, 0.029)]


def test_firehose_direct_put_quota_by_region_and_raised_in_proportion():
    logs = tiers(FIREHOSE)["logs"]
    assert [(lim.name, pytest.approx(lim.demand), lim.capacity) for lim in logs.limits] == [
        ("records", 5000, 500_000), ("put requests", 10, 2_000), ("throughput", 5000 * KB / 1024 ** 2, 5)]
    other = tiers(FIREHOSE.replace("us-east-1", "ap-south-1"))["logs"]
    assert [lim.capacity for lim in other.limits] == [100_000, 1_000, 1]
    assert other.saturated and other.binding.name == "throughput"
    # quota page: raising US East (N. Virginia) to 10 MiB/s raises the others to 4,000 requests/s and 1,000,000 records/s
    raised = tiers(FIREHOSE.replace("records_per_call: 500}", "records_per_call: 500, throughput_quota: 10}"))["logs"]
    assert [lim.capacity for lim in raised.limits] == [1_000_000, 4_000, 10]


def test_firehose_reading_a_kinesis_stream_has_no_direct_put_quota():
    text = FIREHOSE.replace("  - {id: logs, type: firehose, region: us-east-1, records_per_call: 500}",
                            "  - {id: feed, type: kinesis, region: us-east-1, shards: 10}\n"
                            "  - {id: logs, type: firehose, region: us-east-1, source_stream: feed}").replace(
        "  - {from: servers, to: logs, kind: async}",
        "  - {from: servers, to: feed, kind: async}\n  - {from: feed, to: logs, kind: async}")
    logs = tiers(text)["logs"]
    assert logs.limits == () and logs.sizing["quota_mib_per_s"] is None
    assert "reads 'feed': the Direct PUT quota does not apply" in logs.notes[0]


WORKFLOW = """\
version: 1
name: workflow
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: shoppers, type: users, traffic: {peak_rps: 10}}
  - {id: orders, type: step_functions, region: us-east-1}
  - {id: charge, type: lambda, region: us-east-1, duration_ms: 100}
  - {id: ship, type: lambda, region: us-east-1, duration_ms: 100}
connections:
  - {from: shoppers, to: orders}
  - {from: orders, to: charge}
  - {from: orders, to: ship, calls: 2}
"""


def test_standard_workflows_are_priced_per_state_transition_estimated_from_their_calls():
    orders = tiers(WORKFLOW)["orders"]
    assert orders.sizing["state_transitions_per_execution"] == 3  # one per call: charge once, ship twice
    assert lines(orders) == [("state transitions", 10 * 3 * MONTH_S / 1000, 0.025)]
    assert any(note.startswith("state_transitions not set: 3 per execution") for note in orders.notes)
    assert [(lim.name, lim.demand, lim.capacity) for lim in orders.limits] == [
        ("StartExecution (Region)", 10, 300), ("state transitions (Region)", 30, 5_000)]
    elsewhere = tiers(WORKFLOW.replace("us-east-1", "ap-southeast-2"))["orders"]
    assert [lim.capacity for lim in elsewhere.limits] == [150, 800]


def test_express_workflows_bill_duration_in_100_ms_steps_and_64_mb_chunks():
    text = WORKFLOW.replace("type: step_functions, region: us-east-1}",
                            "type: step_functions, region: us-east-1, workflow: express, duration_ms: 150, memory_mb: 100}")
    orders = tiers(text)["orders"]
    assert orders.limits[0].capacity == 6_000 and len(orders.limits) == 1  # no transition quota on Express
    executions = 10 * MONTH_S
    assert lines(orders) == [("Express requests", executions / 1e6, 1.00),
                             ("Express duration", executions * 0.2 * 128 / 1024, 0.00001667)]  # 0.2 s × 128 MB
    assert step_functions.gb_seconds_per_execution(spec_from_text(text).component("orders")) == pytest.approx(0.025)
    synchronous = tiers(text.replace("workflow: express,", "workflow: express, synchronous: true,"))["orders"]
    assert synchronous.limits == ()  # StartSyncExecution does not count against StartExecution


BUS = """\
version: 1
name: bus
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: services, type: users, traffic: {peak_rps: 1000, read_ratio: 0, request_size: 100KB}}
  - {id: bus, type: eventbridge, region: us-east-1, entries_per_call: 10}
  - {id: audit, type: sqs, region: us-east-1}
  - {id: orders, type: lambda, region: us-east-1, duration_ms: 100}
connections:
  - {from: services, to: bus, kind: async}
  - {from: bus, to: audit, kind: async}
  - {from: bus, to: orders, kind: async, share: 0.1}
"""


def test_eventbridge_counts_put_requests_invocations_and_64_kb_chunks():
    bus = tiers(BUS)["bus"]
    assert [(lim.name, pytest.approx(lim.demand), lim.capacity) for lim in bus.limits] == [
        ("PutEvents requests (Region)", 100, 10_000), ("target invocations (Region)", 1_100, 18_750)]
    # pricing page: each 64 KB chunk of a payload is one event: a 100 KB event bills as two
    assert [eventbridge.billed_events(size * KB) for size in (1, 64, 65, 100)] == [1, 1, 2, 2]
    assert lines(bus) == [("custom events published (64 KB chunks)", 1000 * 2 * MONTH_S / 1e6, 1.00)]
    assert [eventbridge.put_events_quota(spec_from_text(BUS.replace("us-east-1", region)).component("bus"))
            for region in ("us-east-2", "eu-west-3", "me-central-1")] == [2_400, 600, 400]


CLUSTER = """\
version: 1
name: cluster
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
components:
  - {id: visitors, type: users, traffic: {peak_rps: 900}}
  - id: platform
    type: eks
    region: us-east-1
    capacity_rps: 100
    node_groups:
      - {name: web, azs: [us-east-1a, us-east-1b, us-east-1c], min: 3, desired: 6, max: 12, instance_type: m6i.large}
      - {name: batch, azs: [us-east-1a], min: 0, desired: 1, max: 2, instance_type: m6i.large, capacity_type: spot}
    fargate_profiles:
      - {name: jobs, azs: [us-east-1b], pods: 2, cpu: 0.5, memory_gb: 1}
connections:
  - {from: visitors, to: platform}
"""


def test_eks_counts_node_groups_and_fargate_pods_and_prices_cluster_nodes_and_pods():
    from archgen.traffic import capacity_rps

    spec = spec_from_text(CLUSTER)
    platform = model_traffic(spec).tiers["platform"]
    assert platform.capacity_rps == 9 * 100 and platform.max_capacity_rps == 16 * 100  # 6 + 1 + 2; 12 + 2 + 2
    assert platform.sizing["nodes_needed_peak"] == 13  # ⌈900 / (100 × 0.7)⌉
    # spread like EC2 Auto Scaling: web 2/2/2, batch 1 in a, Fargate 1/1 over b
    assert capacity_rps(spec.component("platform"), spec, frozenset({"us-east-1b", "us-east-1c"})) == (2 + 2 + 2) * 100
    assert lines(platform) == [
        ("EKS cluster (standard support)", 730, 0.10), ("node group web: 6 × m6i.large", 6 * 730, 0.096),
        ("Fargate profile jobs: 2 pods × 0.5 vCPU", 2 * 730 * 0.5, 0.04048),
        ("Fargate profile jobs: 2 pods × 1 GB", 2 * 730 * 1, 0.004445)]
    assert platform.cost.unpriced == ("node group batch: Spot nodes (Spot prices vary)",)


def test_app_runner_capacity_follows_littles_law_and_memory_is_billed_on_provisioned_instances():
    text = """\
version: 1
name: runner
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: visitors, type: users, traffic: {peak_rps: 1000, peak_factor: 4}}
  - {id: api, type: app_runner, region: us-east-1, cpu: 1, memory_gb: 2, max_concurrency: 50, min_size: 2,
     max_size: 10, latency_ms: 200}
connections:
  - {from: visitors, to: api}
"""
    api = tiers(text)["api"]
    assert api.peak.in_flight == pytest.approx(200)  # 1,000 rps × 0.2 s
    assert api.max_capacity_rps == pytest.approx(10 * 50 / 0.2)  # 2,500 rps
    assert api.sizing["instances_needed_peak"] == 4 and api.sizing["instances_active_avg"] == 1  # 50 in flight on average
    assert lines(api) == [("2 instances × 2 GB (provisioned or active)", 2 * 2 * 730, 0.007),
                          ("1 active instance × 1 vCPU (average load)", 730, 0.064)]
    unknown = tiers(text.replace(", latency_ms: 200", ""))["api"]
    assert unknown.limits == () and unknown.cost.unpriced == ("active instances' vCPU (set latency_ms)",)


def test_appsync_request_tokens_are_shared_by_the_accounts_apis_in_a_region():
    text = """\
version: 1
name: graphs
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: mobile, type: users, traffic: {peak_rps: 4000}}
  - {id: public-api, type: appsync, region: us-east-1, request_token_quota: 5000}
  - {id: admin-api, type: appsync, region: us-east-1, request_token_quota: 5000, tokens_per_request: 3}
connections:
  - {from: mobile, to: public-api, share: 0.75}
  - {from: mobile, to: admin-api, share: 0.25}
"""
    found = tiers(text)
    assert found["public-api"].limits[0].demand == 3000 + 1000 * 3 and found["public-api"].saturated
    assert lines(found["public-api"]) == [("queries and mutations", 3000 * MONTH_S / 1e6, 4.00)]
    alone = tiers(text.replace("request_token_quota: 5000}", "}"))["public-api"]
    assert alone.limits == () and alone.capacity_rps is None
