"""capacity_rps (the resilience analysis' question) and each tier type's ceilings."""

from __future__ import annotations

import pytest

from archgen.traffic import model_traffic
from archgen.traffic.capacity import capacity_rps
from tests.support import spec_from_text

approx = pytest.approx

HEAD = """\
version: 1
name: cap
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 1200, read_ratio: 0.8}
"""


def build(components: str, connections: str):
    return spec_from_text(HEAD + components + "connections:\n" + connections)


def test_fleet_capacity_counts_only_surviving_instances(bundled):
    # shop web: desired 4 over us-east-1a/b (2 + 2) × 250 rps; losing 1a leaves 2 × 250 = 500
    spec = bundled("shop")
    web = spec.component("web")
    assert capacity_rps(web, spec) == 1000
    assert capacity_rps(web, spec, frozenset({"us-east-1b"})) == 500
    assert capacity_rps(web, spec, frozenset()) == 0


def test_fleet_spread_is_round_robin():
    # 5 instances over a, b, c: 2 + 2 + 1; losing a leaves 3 × 400 = 1,200
    spec = build("  - {id: web, type: autoscaling, azs: [us-east-1a, us-east-1b, us-east-1c], min: 5, max: 10, "
                 "capacity_rps: 400}\n", "  - {from: clients, to: web}\n")
    web = spec.component("web")
    assert capacity_rps(web, spec, frozenset({"us-east-1b", "us-east-1c"})) == 1200
    assert capacity_rps(web, spec, frozenset({"us-east-1a", "us-east-1b"})) == 1600


def test_unknown_capacity_is_none():
    spec = build("  - {id: web, type: ec2, azs: [us-east-1a]}\n  - {id: lb, type: alb, azs: [us-east-1a, us-east-1b]}\n",
                 "  - {from: clients, to: lb}\n  - {from: lb, to: web}\n")
    assert capacity_rps(spec.component("web"), spec) is None
    assert capacity_rps(spec.component("lb"), spec) is None
    assert model_traffic(spec).tiers["web"].utilization is None


def test_rds_writes_on_primary_reads_over_replicas(bundled):
    # 1,200 rps, 80% reads, two same-Region replicas: the primary takes 240 writes + 960 / 3 = 560
    # per 1,200 requests, so 1,000 rps per instance serve 1,000 × 1,200 / 560 = 2,142.86 rps.
    spec = build("""  - id: db
    type: rds
    engine: postgres
    azs: [us-east-1a, us-east-1b]
    multi_az: true
    capacity_rps: 1000
    read_replicas: [{az: us-east-1b}, {az: us-east-1c}]
""", "  - {from: clients, to: db}\n")
    db = spec.component("db")
    tier = model_traffic(spec).tiers["db"]
    assert tier.sizing["primary_rps_peak"] == approx(560)
    assert capacity_rps(db, spec) == approx(1000 / (0.2 + 0.8 / 3))
    # losing us-east-1c: one replica left -> primary share 0.2 + 0.4 = 0.6 -> 1,666.67
    assert capacity_rps(db, spec, frozenset({"us-east-1a", "us-east-1b"})) == approx(1000 / 0.6)
    # losing the primary's AZ (1a): the Multi-AZ standby in 1b takes over, both replicas survive
    assert capacity_rps(db, spec, frozenset({"us-east-1b", "us-east-1c"})) == approx(1000 / (0.2 + 0.8 / 3))
    # losing 1a and 1b: no writer is left
    assert capacity_rps(db, spec, frozenset({"us-east-1c"})) == 0


def test_single_az_rds_loses_everything_with_its_az(bundled):
    spec = bundled("fragile")
    db = spec.component("blog-db")
    assert capacity_rps(db, spec) == approx(800)
    assert capacity_rps(db, spec, frozenset({"us-east-1b"})) == 0


def test_aurora_writer_and_readers():
    # 80% reads: writer takes 20% (1,000 / 0.2 = 5,000), two readers 80% (2 × 1,000 / 0.8 = 2,500)
    spec = build("""  - id: db
    type: aurora
    engine: aurora-postgresql
    azs: [us-east-1a, us-east-1b, us-east-1c]
    capacity_rps: 1000
    instances:
      - {name: w, az: us-east-1a, role: writer}
      - {name: r1, az: us-east-1b, role: reader}
      - {name: r2, az: us-east-1c, role: reader}
""", "  - {from: clients, to: db}\n")
    db = spec.component("db")
    assert capacity_rps(db, spec) == approx(2500)
    assert capacity_rps(db, spec, frozenset({"us-east-1a", "us-east-1b"})) == approx(1250)
    # writer's AZ lost: r1 is promoted, r2 alone serves reads
    assert capacity_rps(db, spec, frozenset({"us-east-1b", "us-east-1c"})) == approx(1250)
    # only one instance left: it writes and reads
    assert capacity_rps(db, spec, frozenset({"us-east-1c"})) == approx(1000)
    assert capacity_rps(db, spec, frozenset()) == 0
    tier = model_traffic(spec).tiers["db"]
    assert tier.sizing["reader_rps_peak"] == approx(480)
    assert tier.utilization == approx(1200 / 2500)


def test_cache_nodes_in_surviving_azs(bundled):
    spec = bundled("shop")
    cache = spec.component("cache")
    assert capacity_rps(cache, spec) == 100_000
    assert capacity_rps(cache, spec, frozenset({"us-east-1a"})) == 50_000


def test_lambda_reserved_and_shared_pool():
    # f1 reserves 100: 100 / 0.2 s = 500 rps. f2 and f3 share 1,000 - 100 = 900; at 600 rps × 1 s
    # each they need 1,200 together: over the pool.
    spec = build("""  - {id: f1, type: lambda, region: us-east-1, duration_ms: 200, reserved_concurrency: 100}
  - {id: f2, type: lambda, region: us-east-1, duration_ms: 1000}
  - {id: f3, type: lambda, region: us-east-1, duration_ms: 1000}
""", "  - {from: clients, to: f1}\n  - {from: f1, to: f2, calls: 0.5}\n  - {from: f1, to: f3, calls: 0.5}\n")
    assert capacity_rps(spec.component("f1"), spec) == approx(500)
    assert capacity_rps(spec.component("f2"), spec) == approx(900)
    model = model_traffic(spec)
    f2 = model.tiers["f2"]
    assert f2.binding.demand == approx(1200) and f2.binding.capacity == 900
    assert model.tiers["f1"].utilization == approx(1200 * 0.2 / 100)


def test_regional_services_ignore_az_loss():
    spec = build("""  - {id: api, type: api_gateway, region: us-east-1, throttle_rps: 1000}
  - {id: q, type: sqs, region: us-east-1, fifo: true}
  - {id: t, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
""", "  - {from: clients, to: api}\n  - {from: api, to: q, kind: async}\n  - {from: api, to: t}\n")
    gone = frozenset()
    assert capacity_rps(spec.component("api"), spec, gone) == 1000
    assert capacity_rps(spec.component("q"), spec, gone) == 300
    # API Gateway routes: q and t get 600 rps each. On-demand table: 480 eventually consistent reads
    # of 1 KB = 240 RRU/s, 120 writes = 120 WRU/s; against the 40,000 quota reads bind at 0.6%:
    # 600 / 0.006 = 100,000 rps
    assert capacity_rps(spec.component("t"), spec, gone) == approx(100_000)
    model = model_traffic(spec)
    assert model.tiers["api"].saturated
    assert model.tiers["q"].utilization == approx(600 / 300)


def test_dynamodb_provisioned_gsi_and_hot_key_limits():
    # 1,200 rps, 80% reads, 6 KB items, strong reads: 960 × 2 = 1,920 RCU; 240 writes × 6 = 1,440 WCU
    # transactional -> 2,880 WCU; GSI (1 KB entries, write_share 0.5): 120 WCU; hot key 50%:
    # 960 RCU and 1,440 WCU on one partition (over 1,000).
    spec = build("""  - id: t
    type: dynamodb
    region: us-east-1
    partition_key: {name: pk}
    sort_key: {name: sk}
    capacity: {mode: provisioned, read: 2000, write: 3000}
    item_size: 6KB
    hot_key_share: 0.5
    gsis:
      - {name: by-x, partition_key: {name: x}, item_size: 1KB, write_share: 0.5, read: 10, write: 100}
""", "  - {from: clients, to: t, consistency: strong, transactional_writes: true}\n")
    tier = model_traffic(spec).tiers["t"]
    s = tier.sizing
    assert s["read_units_peak"] == approx(1920)
    assert s["write_units_peak"] == approx(2880)
    assert s["indexes"][0]["write_units_peak"] == approx(120)
    assert s["hot_partition_write_units"] == approx(1440)
    over = {lim.name for lim in tier.limits if lim.utilization > 1}
    assert over == {"GSI by-x writes", "hot partition writes"}
    assert tier.binding.name == "hot partition writes"


def test_reads_through_gsi_are_charged_to_the_index_eventually_consistent():
    # 960 reads/s through by-x with 400 B entries: ⌈400/4,096⌉ × 0.5 = 0.5 RCU each -> 480 RCU on the GSI
    spec = build("""  - id: t
    type: dynamodb
    region: us-east-1
    partition_key: {name: pk}
    capacity: {mode: on-demand}
    gsis:
      - {name: by-x, partition_key: {name: x}, item_size: 400B}
""", "  - {from: clients, to: t, index: by-x}\n")
    s = model_traffic(spec).tiers["t"].sizing
    assert s["read_units_peak"] == 0
    assert s["indexes"][0]["read_units_peak"] == approx(480)
