"""Capacity and cost of the edge and network types, worked by hand from the AWS pricing pages' figures."""

from __future__ import annotations

import pytest

from archgen.traffic import model_traffic
from tests.support import spec_from_text

MONTH_S = 730 * 3600  # the AWS Pricing Calculator's month


def tier(text: str, tier_id: str):
    return model_traffic(spec_from_text(text)).tiers[tier_id]


def lines(t) -> list[tuple[str, float, float]]:
    """(item, quantity, unit price) of a tier's bill."""
    return [(line.item, pytest.approx(line.quantity), line.unit_price) for line in t.cost.lines]


CLB = """\
version: 1
name: clb-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: u, type: users, traffic: {peak_rps: 100, request_size: 1000, response_size: 9000}}
  - {id: lb, type: clb, region: us-east-1, azs: [us-east-1a, us-east-1b], cross_zone: true}
  - {id: web, type: ec2, region: us-east-1, azs: [us-east-1a, us-east-1b], count: 2}
connections:
  - {from: u, to: lb}
  - {from: lb, to: web}
"""


def test_classic_load_balancer_is_billed_per_hour_and_per_gb_and_has_no_published_capacity():
    lb = tier(CLB, "lb")
    gb = 100 * 10_000 * MONTH_S / 1e9  # 100 rps × 10 kB each way = 1 MB/s → 2,628 GB a month
    assert lines(lb) == [("Classic Load Balancer hours", 730, 0.025), ("data processed", gb, 0.008)]
    assert lb.cost.monthly == pytest.approx(730 * 0.025 + gb * 0.008)  # $18.25 + $21.02
    assert lb.capacity_rps is None and lb.max_capacity_rps is None and lb.limits == ()
    assert "AWS publishes no capacity figure for a Classic Load Balancer: capacity unknown" in lb.notes


ACCELERATOR = """\
version: 1
name: ga-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
  - {name: sa-east-1, azs: [sa-east-1a, sa-east-1b]}
components:
  - {id: u, type: users, traffic: {peak_rps: 1000, request_size: 1000, response_size: 5000}}
  - {id: edge, type: global_accelerator}
  - {id: use1, type: nlb, region: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {id: euw1, type: nlb, region: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
  - {id: sae1, type: nlb, region: sa-east-1, azs: [sa-east-1a, sa-east-1b]}
connections:
  - {from: u, to: edge}
  - {from: edge, to: use1, share: 0.5}
  - {from: edge, to: euw1, share: 0.3}
  - {from: edge, to: sae1, share: 0.2}
"""


def test_accelerator_fixed_fee_and_data_transfer_premium_on_the_dominant_direction_per_region():
    edge = tier(ACCELERATOR, "edge")
    out_gb = 1000 * 5000 * MONTH_S / 1e9  # responses (5 kB) dominate requests (1 kB)
    assert lines(edge) == [
        ("accelerator fixed fee", 730, 0.025),
        ("Data Transfer-Premium from eu-west-1 (EU edge locations)", 0.3 * out_gb, 0.015),
        ("Data Transfer-Premium from us-east-1 (NA edge locations)", 0.5 * out_gb, 0.015),
    ]
    assert edge.cost.unpriced == ("Data Transfer-Premium from sa-east-1 (not in the bundled table)",)
    assert edge.cost.monthly == pytest.approx(18.25 + 0.8 * out_gb * 0.015)
    assert edge.capacity_rps is None


WAF = """\
version: 1
name: waf-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: u, type: users, traffic: {daily_active_users: 20000, requests_per_user_per_day: 50, peak_factor: 3}}
  - {id: acl, type: waf, region: us-east-1, rules: 6}
  - {id: api, type: api_gateway, region: us-east-1}
connections:
  - {from: u, to: acl}
  - {from: acl, to: api}
"""


def test_web_acl_is_billed_per_acl_rule_and_million_requests():
    acl = tier(WAF, "acl")
    million = 20000 * 50 / 86400 * MONTH_S / 1e6  # 11.57 rps on average: 30.4 million requests a month
    assert lines(acl) == [("web ACL", 1, 5.0), ("6 rules and rule groups", 6, 1.0),
                          ("requests inspected", million, 0.60)]
    assert acl.cost.monthly == pytest.approx(5 + 6 + million * 0.60)  # $29.25


def test_web_acl_without_rules_or_above_the_included_capacity_units_says_what_is_not_priced():
    acl = tier(WAF.replace("rules: 6", "capacity_units: 2000"), "acl")
    assert acl.cost.unpriced == ("rules (set rules to price them)",
                                 "requests above 1,500 WCU (2,000 WCU) cost more per request")
