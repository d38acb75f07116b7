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


def limits(t) -> list[tuple[str, float, float, str]]:
    return [(lim.name, pytest.approx(lim.demand), pytest.approx(lim.capacity), lim.unit) for lim in t.limits]


def test_user_pool_sign_ins_against_the_declared_user_authentication_quota():
    spec = """\
version: 1
name: cognito-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: u, type: users, traffic: {peak_rps: 400}}
  - {id: pool, type: cognito, region: us-east-1, auth_quota_rps: 120}
  - {id: unset, type: cognito, region: us-east-1}
connections:
  - {from: u, to: pool, share: 0.5}
  - {from: u, to: unset, share: 0.5}
"""
    pool, unset = tier(spec, "pool"), tier(spec, "unset")
    assert limits(pool) == [("UserAuthentication quota", 200, 120, "rps")] and pool.saturated
    assert pool.cost is None  # priced per monthly active user: not derivable from requests
    assert unset.limits == () and unset.capacity_rps is None
    assert "auth_quota_rps is not set: the account's UserAuthentication quota (Service Quotas) is unknown" in unset.notes


ENDPOINTS = """\
version: 1
name: endpoint-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
network:
  vpcs:
    - {id: v, region: us-east-1, subnets: [{id: p1, az: us-east-1a}, {id: p2, az: us-east-1b}]}
components:
  - {id: u, type: users, traffic: {peak_rps: 1000, request_size: 100000, response_size: 0}}
  - {id: workers, type: ec2, subnets: [p1, p2], count: 2}
  - {id: sqs-ep, type: vpc_endpoint, subnets: [p1, p2]}
  - {id: s3-ep, type: vpc_endpoint, region: us-east-1, endpoint_type: gateway}
  - {id: q, type: sqs, region: us-east-1}
  - {id: b, type: s3, region: us-east-1}
connections:
  - {from: u, to: workers}
  - {from: workers, to: sqs-ep}
  - {from: sqs-ep, to: q}
  - {from: workers, to: s3-ep}
  - {from: s3-ep, to: b}
"""


def test_interface_endpoint_is_billed_per_az_hour_and_gb_and_bounded_per_az():
    model = model_traffic(spec_from_text(ENDPOINTS))
    interface, gateway = model.tiers["sqs-ep"], model.tiers["s3-ep"]
    gb = 1000 * 100_000 * MONTH_S / 1e9  # 100 MB/s
    assert lines(interface) == [("interface endpoint in 2 AZs", 2 * 730, 0.01), ("data processed", gb, 0.01)]
    assert limits(interface) == [("bandwidth in 2 AZs", 0.8, 200, "Gbps")]  # 100 MB/s = 0.8 Gbps; 100 Gbps per AZ
    assert lines(gateway) == [("gateway endpoint (no charge)", 1, 0.0)] and gateway.limits == ()


def test_transit_gateway_is_billed_per_attachment_hour_and_gb():
    spec = """\
version: 1
name: tgw-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - {id: a, region: us-east-1, subnets: [{id: a1, az: us-east-1a}, {id: a2, az: us-east-1b}]}
    - {id: b, region: us-east-1, subnets: [{id: b1, az: us-east-1a}, {id: b2, az: us-east-1b}]}
components:
  - {id: u, type: users, traffic: {peak_rps: 10, request_size: 1000, response_size: 1000}}
  - {id: hub, type: transit_gateway, region: us-east-1, attachments: [{subnets: [a1, a2]}, {subnets: [b1, b2]}]}
  - {id: db, type: ec2, subnets: [b1, b2], count: 2}
connections:
  - {from: u, to: hub}
  - {from: hub, to: db}
"""
    hub = tier(spec, "hub")
    gb = 10 * 2000 * MONTH_S / 1e9
    assert lines(hub) == [("2 VPC attachments", 2 * 730, 0.05), ("data processed", gb, 0.02)]
    assert hub.cost.monthly == pytest.approx(73 + gb * 0.02)


def test_direct_connect_bandwidth_with_and_without_its_largest_connection_and_port_hours():
    spec = """\
version: 1
name: dx-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: office, type: users, traffic: {peak_rps: 1000, request_size: 0, response_size: 250000}}
  - id: dx
    type: direct_connect
    region: us-east-1
    connections:
      - {location: EqDC2, bandwidth: 1Gbps}
      - {location: CSVA1, bandwidth: 1Gbps}
      - {location: CSVA1, bandwidth: 500Mbps, hosted: true}
  - {id: app, type: ec2, region: us-east-1, azs: [us-east-1a, us-east-1b], count: 2}
connections:
  - {from: office, to: dx}
  - {from: dx, to: app}
"""
    dx = tier(spec, "dx")
    assert limits(dx) == [("bandwidth of 3 connections", 2.0, 2.5, "Gbps"),  # 1000 × 250 kB = 250 MB/s = 2 Gbps
                          ("bandwidth with its largest connection down", 2.0, 1.5, "Gbps")]
    assert dx.saturated  # AWS: one failed connection must not overwhelm the others
    assert lines(dx) == [("1Gbps dedicated port at EqDC2", 730, 0.30), ("1Gbps dedicated port at CSVA1", 730, 0.30)]
    assert dx.cost.unpriced == ("hosted 500Mbps connection at CSVA1 (not in the table)",
                                "data transfer out over Direct Connect (per GB, by location)")


def test_vpn_connection_is_bounded_by_one_tunnel_and_billed_per_connection_hour():
    spec = """\
version: 1
name: vpn-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: branch, type: users, traffic: {peak_rps: 1000, request_size: 0, response_size: 200000}}
  - {id: std, type: vpn, region: us-east-1}
  - {id: big, type: vpn, region: us-east-1, tunnel_bandwidth: large}
  - {id: app, type: ec2, region: us-east-1, azs: [us-east-1a, us-east-1b], count: 2}
connections:
  - {from: branch, to: std, share: 0.5}
  - {from: branch, to: big, share: 0.5}
  - {from: std, to: app}
  - {from: big, to: app}
"""
    model = model_traffic(spec_from_text(spec))
    assert limits(model.tiers["std"]) == [("standard tunnel", 0.8, 1.25, "Gbps")]  # 500 × 200 kB = 100 MB/s
    assert limits(model.tiers["big"]) == [("large tunnel", 0.8, 5.0, "Gbps")]
    assert lines(model.tiers["std"]) == [("Site-to-Site VPN connection hours", 730, 0.05)]
