"""The AWS documentation's worked examples, reproduced exactly (DynamoDB, Lambda, ALB LCU)."""

from __future__ import annotations

import pytest

from archgen.traffic import facts
from archgen.traffic.capacity import lambda_concurrency_needed
from archgen.traffic.dynamodb_units import partitions_needed, read_units, write_units
from archgen.traffic.loadbalancer import alb_lcu, nlb_nlcu

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


def test_partitions_needed_from_3000_rcu_and_1000_wcu():
    # derived: ⌈RCU / 3,000 + WCU / 1,000⌉
    assert partitions_needed(0, 0) == 1
    assert partitions_needed(3000, 0) == 1
    assert partitions_needed(3000, 1000) == 2
    assert partitions_needed(4500, 1500) == 3


# --- Lambda Developer Guide, "Understanding Lambda function scaling" --------------------------
def test_lambda_100_rps_of_half_a_second_is_50_concurrent():
    assert lambda_concurrency_needed(100, 500) == 50


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
