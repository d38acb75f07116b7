"""The AWS documentation's worked examples, reproduced exactly (DynamoDB, Lambda, ALB LCU)."""

from __future__ import annotations

import pytest

from archgen.traffic import facts
from archgen.traffic.capacity import lambda_concurrency_needed
from archgen.traffic import model_traffic
from archgen.traffic.dynamodb_units import partitions_needed, read_call_units, read_units, write_call_units, write_units
from archgen.traffic.loadbalancer import alb_lcu, nlb_nlcu
from tests.support import spec_from_text

KB = 1024


# --- DynamoDB Developer Guide, "DynamoDB read and write operations" / pricing page --------------
def test_8kb_read_costs_2_rcu_strong_1_eventual_4_transactional():
    assert read_units(8 * KB, "strong") == 2
    assert read_units(8 * KB, "eventual") == 1
    assert read_units(8 * KB, "transactional") == 4


def test_2kb_write_costs_2_wcu_and_4_transactional():
    assert write_units(2 * KB) == 2
    assert write_units(2 * KB, transactional=True) == 4


def test_80_strong_reads_per_second_of_3kb_need_80_rcu():
    assert 80 * read_units(3 * KB, "strong") == 80


def test_100_writes_per_second_of_512_bytes_need_100_wcu():
    assert 100 * write_units(512) == 100


def test_item_sizes_round_up_to_4kb_for_reads():
    # 3.5 KB rounds to 4 KB (one unit), 10 KB to 12 KB (three units)
    assert read_units(3.5 * KB, "strong") == read_units(4 * KB, "strong") == 1
    assert read_units(10 * KB, "strong") == read_units(12 * KB, "strong") == 3
    assert read_units(3500, "strong") == 1  # "reading a 3,500-byte item consumes the same as a 4 KB item"


def test_write_sizes_round_up_to_1kb():
    # the pricing page: a 3 KB write is 3 WCU, 6 transactional; 1 KB is 1
    assert write_units(1 * KB) == 1
    assert write_units(3 * KB) == 3
    assert write_units(3 * KB, transactional=True) == 6
    assert write_units(1.5 * KB) == 2
    assert write_units(1) == 1


# --- the same page, per operation: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
def test_a_query_rounds_the_total_size_of_the_items_it_returns_once():
    # "your query returns 10 items whose combined size is 40.8 KB. DynamoDB rounds the item size for the operation
    # to 44 KB": 11 RCU strongly consistent, half of it eventually consistent
    assert read_call_units(4.08 * KB, "strong", "query", items=10) == 11
    assert read_call_units(4.08 * KB, "eventual", "query", items=10) == 5.5
    # "a query returns 1500 items of 64 bytes each, the cumulative size is 96 KB": 24 RCU
    assert read_call_units(64, "strong", "query", items=1500) == 24


def test_a_scan_is_charged_on_the_items_it_evaluates_not_those_it_returns():
    # 1,000 items of 1 KB evaluated, whatever the filter returns: 1,000 KB, 250 RCU strong, 125 eventual
    assert read_call_units(1 * KB, "strong", "scan", items=1000) == 250
    assert read_call_units(1 * KB, "eventual", "scan", items=1000) == 125


def test_batch_operations_round_each_item_then_add():
    # "BatchGetItem reads a 1.5 KB item and a 6.5 KB item, DynamoDB calculates the size as 12 KB (4 KB + 8 KB)"
    assert read_call_units(1.5 * KB, "strong", "batch_get_item") + read_call_units(6.5 * KB, "strong",
                                                                                   "batch_get_item") == 3
    # two 1.5 KB items: 8 KB in a batch (2 RCU) where a query of the same two rounds 3 KB once (1 RCU)
    assert read_call_units(1.5 * KB, "strong", "batch_get_item", items=2) == 2
    assert read_call_units(1.5 * KB, "strong", "query", items=2) == 1
    # "BatchWriteItem writes a 500-byte item and a 3.5 KB item, DynamoDB calculates the size as 5 KB (1 KB + 4 KB)"
    assert write_call_units(500, operation="batch_write_item") + write_call_units(3.5 * KB,
                                                                                  operation="batch_write_item") == 5
    assert write_call_units(500, operation="batch_write_item", items=25) == 25


def test_an_update_is_charged_on_the_larger_of_the_item_before_and_after():
    # "UpdateItem ... the item size that matters is the larger of the item sizes before and after the update"
    assert write_call_units(4 * KB, operation="update_item", item_bytes_before=6 * KB) == 6
    assert write_call_units(2.5 * KB, operation="update_item", item_bytes_before=0.5 * KB) == 3
    assert write_call_units(2.5 * KB, transactional=True, operation="update_item", item_bytes_before=512) == 6
    # DeleteItem: the size of the item it deletes
    assert write_call_units(1 * KB, operation="delete_item", item_bytes_before=3 * KB) == 3


def test_a_spec_declares_the_operations_and_an_indexed_key_change_writes_the_index_twice():
    """50 Query calls/s of 10 items of 4 KB, strongly consistent: 40 KB, 10 RCU each, 500 RCU; 50 UpdateItem/s of
    an item that was 6 KB and is 4 KB: 6 WCU each, 300 WCU; half of them change the GSI's key ("two writes are
    required to update the index — one to delete the previous item from the index and another to put the new
    item": Developer Guide, "Global secondary indexes"), 100 B entries: 50 × 1.5 = 75 GSI WCU."""
    spec = spec_from_text("""
        version: 1
        name: ddb-operations
        regions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]
        components:
          - {id: users, type: users, traffic: {peak_rps: 100, read_ratio: 0.5}}
          - {id: api, type: lambda, region: us-east-1, duration_ms: 50}
          - id: table
            type: dynamodb
            region: us-east-1
            partition_key: {name: pk}
            sort_key: {name: sk}
            capacity: {mode: provisioned, read: 1000, write: 1000}
            item_size: 4KB
            gsis: [{name: by-status, partition_key: {name: status}, projection: KEYS_ONLY, item_size: 100B,
                    read: 100, write: 100}]
        connections:
          - {from: users, to: api}
          - {from: api, to: table, read_operation: query, items_per_read: 10, consistency: strong,
             write_operation: update_item, item_size_before: 6KB, index_key_change_share: 0.5}
        """)
    sizing = model_traffic(spec).tiers["table"].sizing
    (gsi,) = sizing["indexes"]
    assert (sizing["read_units_peak"], sizing["write_units_peak"], gsi["write_units_peak"]) == (500, 300, 75)


def test_partitions_needed_from_3000_rcu_and_1000_wcu():
    # derived: ⌈RCU / 3,000 + WCU / 1,000⌉
    assert partitions_needed(0, 0) == 1
    assert partitions_needed(3000, 0) == 1
    assert partitions_needed(3000, 1000) == 2
    assert partitions_needed(4500, 1500) == 3


# --- Lambda Developer Guide, "Understanding Lambda function scaling" --------------------------
def test_lambda_100_rps_of_half_a_second_is_50_concurrent():
    assert lambda_concurrency_needed(100, 500) == 50


def test_a_fleet_serves_its_concurrency_over_its_service_time():
    """The same law the other way (λ = L / W, derived): instances working on 50 requests at once, each taking
    500 ms, serve 100 requests/s each; two of them at most 200 rps, at their desired size of one 100 rps."""
    spec = spec_from_text("""
        version: 1
        name: service-time
        regions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]
        components:
          - {id: users, type: users, traffic: {peak_rps: 150}}
          - {id: web, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 1, desired: 1, max: 2, concurrency: 50,
             latency_ms: 500}
        connections:
          - {from: users, to: web}
        """)
    assert spec.component("web").capacity_rps == 100
    web = model_traffic(spec).tiers["web"]
    assert (web.capacity_rps, web.max_capacity_rps) == (100, 200)
    assert web.peak.in_flight == 75  # 150 rps × 0.5 s: the in-flight count from the same service time


def test_short_lambda_needs_a_tenth_of_its_rps_in_concurrency():
    # 1,000 rps × 5 ms = 5 by Little's law, but one environment serves at most 10 rps
    assert lambda_concurrency_needed(1000, 5) == 100


# --- ELB pricing page, Application Load Balancer example (US East) ----------------------------
def test_alb_pricing_example():
    # 1 new connection/s lasting 2 minutes, 5 requests/s, 300 KB/s processed, 60 rules:
    # new connections 1/25 = 0.04 LCU; active 120/3,000 = 0.04; bytes 300 KB/s = 1.08 GB/h =
    # 1.08 LCU; rules (60 - 10) × 5 = 250 evaluations/s = 0.25 LCU. Billed: the maximum, 1.08.
    units = alb_lcu(5, 300_000, requests_per_connection=5, connection_duration_s=120, rules=60)
    dims = units["lcu_by_dimension"]
    assert dims["new_connections"] == pytest.approx(0.04)
    assert dims["active_connections"] == pytest.approx(0.04)
    assert dims["processed_bytes"] == pytest.approx(1.08)
    assert dims["rule_evaluations"] == pytest.approx(0.25)
    assert units["lcu"] == pytest.approx(1.08)
    assert units["lcu_dimension"] == "processed_bytes"
    # $0.008 per LCU-hour: 1.08 × 0.008 = $0.00864 an hour, $6.22 for 24 h × 30 days; the
    # $0.0225 hourly charge is $16.20 over the same month.
    from archgen.traffic.cost import prices

    alb = prices()["services"]["alb"]
    assert units["lcu"] * alb["lcu_hour"] == pytest.approx(0.00864)
    assert round(units["lcu"] * alb["lcu_hour"] * 24 * 30, 2) == 6.22
    assert round(alb["hour"] * 24 * 30, 2) == 16.20


def test_alb_lambda_targets_count_0_4_gb_per_lcu():
    units = alb_lcu(0, 400_000_000 / 3600, lambda_bytes_per_s=400_000_000 / 3600)  # 0.4 GB an hour
    assert units["lcu_by_dimension"]["processed_bytes"] == pytest.approx(1.0)


def test_alb_first_10_rules_are_free():
    assert alb_lcu(1000, 0, rules=10)["lcu_by_dimension"]["rule_evaluations"] == 0
    assert alb_lcu(1000, 0, rules=11)["lcu_by_dimension"]["rule_evaluations"] == pytest.approx(1.0)


def test_nlb_nlcu_is_the_largest_tcp_dimension():
    # 800 new connections/s = 1 NLCU; each lives 60 s: 48,000 active = 0.48; 1 GB/h = 1 NLCU
    units = nlb_nlcu(8000, 1e9 / 3600, requests_per_connection=10, connection_duration_s=60)
    assert units["lcu_by_dimension"] == pytest.approx(
        {"new_connections": 1.0, "active_connections": 0.48, "processed_bytes": 1.0})
    assert units["lcu"] == pytest.approx(1.0)


def test_units_follow_aws_conventions():
    assert facts.READ_UNIT_BYTES == 4096 and facts.WRITE_UNIT_BYTES == 1024  # DynamoDB: binary KB
    assert facts.GB == 10**9  # ELB and data transfer: decimal GB
    assert facts.HOURS_PER_MONTH == 730
