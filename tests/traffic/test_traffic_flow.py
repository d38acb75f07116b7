"""Hand-computed flows through the bundled example specs (cache hits, fan-out, GSI amplification).

Each test writes its arithmetic in comments; the model must agree to the last digit.
"""

from __future__ import annotations

import pytest

from archgen.traffic import edge_peak_rps, model_traffic
from tests.support import spec_from_text

approx = pytest.approx


@pytest.fixture(scope="module")
def shop():
    from archgen.spec.load import load_spec
    from tests.support import SPECS

    return model_traffic(load_spec(str(SPECS / "shop.yaml")))


@pytest.fixture(scope="module")
def serverless():
    from archgen.spec.load import load_spec
    from tests.support import SPECS

    return model_traffic(load_spec(str(SPECS / "serverless.yaml")))


def test_shop_entry_load(shop):
    # 200,000 users × 30 requests / 86,400 s = 69.444 rps average; × peak factor 3 = 208.333
    assert shop.entry_avg.rps == approx(200_000 * 30 / 86_400)
    assert shop.entry.rps == approx(208.3333333)
    assert shop.entry.reads == approx(187.5)  # 90% reads
    assert shop.tiers["dns"].peak_rps == approx(208.3333333)


def test_shop_route53_shares_and_failover_standby(shop):
    # dns -> cdn share 0.7 = 145.833; dns -> web-alb 0.3 = 62.5; dns -> dr-alb is the failover
    # secondary: standby, carries nothing
    edges = edge_peak_rps(shop)
    assert edges["dns->cdn"] == approx(145.8333333)
    assert edges["dns->web-alb"] == approx(62.5)
    assert edges["dns->dr-alb"] == 0
    assert shop.tiers["dr-web"].peak_rps == 0


def test_shop_cloudfront_passes_misses_and_writes(shop):
    # cdn: 208.333 × 0.7 = 145.833 rps, all reads (dns -> cdn read_ratio 1: the storefront is
    # static); hit ratio 0.9 passes 145.833 × 0.1 = 14.583 reads and no writes to the origin.
    # The secondary origin (site-dr) is standby.
    cdn = shop.tiers["cdn"]
    assert (cdn.peak.reads, cdn.peak.writes) == (approx(145.8333333), 0)
    site = shop.tiers["site"]
    assert site.peak.reads == approx(14.5833333)
    assert site.peak.writes == 0
    assert site.peak_rps == approx(14.5833333)
    assert cdn.sizing["origin_rps_peak"] == approx(14.5833333)
    assert shop.tiers["site-dr"].peak_rps == 0
    assert edge_peak_rps(shop)["site->site-dr"] == 0  # replication carries no requests


def test_shop_web_fan_out_to_cache_and_database(shop):
    # web 62.5 rps; web -> cache calls 2 with read_ratio 0.95: 125 calls = 118.75 reads + 6.25 writes.
    # cache hit ratio 0.8: 118.75 × 0.2 = 23.75 reads + 6.25 writes reach orders-db = 30 rps.
    assert shop.tiers["web"].peak_rps == approx(62.5)
    cache = shop.tiers["cache"]
    assert (cache.peak.reads, cache.peak.writes) == (approx(118.75), approx(6.25))
    db = shop.tiers["orders-db"]
    assert (db.peak.reads, db.peak.writes, db.peak_rps) == (approx(23.75), approx(6.25), approx(30))
    # the only read replica is in us-west-2: the primary serves all 30 rps of its 3,000
    assert db.sizing["read_replicas_serving"] == 0
    assert db.utilization == approx(0.01)


def test_shop_carts_rcu_wcu_and_gsi_amplification(shop):
    # web -> carts read_ratio 0.7, strongly consistent: 43.75 reads/s, 18.75 writes/s.
    # 2 KB items: a strong read is ⌈2/4⌉ = 1 RCU -> 43.75 RCU; a write ⌈2/1⌉ = 2 WCU -> 37.5 WCU.
    # GSI by-sku (200 B entries, write_share 1): 18.75 × 1 WCU = 18.75 WCU on the index.
    carts = shop.tiers["carts"]
    s = carts.sizing
    assert s["read_units_peak"] == approx(43.75)
    assert s["write_units_peak"] == approx(37.5)
    gsi = s["indexes"][0]
    assert (gsi["name"], gsi["write_units_peak"], gsi["read_units_peak"]) == ("by-sku", approx(18.75), 0)
    # provisioned 400 RCU / 150 WCU: writes are the binding limit at 37.5 / 150 = 25%
    assert carts.binding.name == "table writes"
    assert carts.utilization == approx(0.25)
    assert shop.saturation_scale("carts") == approx(4.0)
    assert s["partitions_needed"] == 1  # ⌈43.75/3,000 + 37.5/1,000⌉


def test_shop_web_instances_and_in_flight(shop):
    # 62.5 rps at 250 rps per instance and 60% target: ⌈62.5 / 150⌉ = 1 instance; max 8 × 250 =
    # 2,000 rps -> 3.125% utilised; Little's law with 80 ms: 62.5 × 0.08 = 5 in flight.
    web = shop.tiers["web"]
    assert web.sizing["instances_needed_peak"] == 1
    assert web.capacity_rps == 1000  # desired 4 × 250
    assert web.max_capacity_rps == 2000
    assert web.utilization == approx(0.03125)
    assert web.peak.in_flight == approx(5.0)


def test_shop_bandwidth_and_alb_lcu(shop):
    # web-alb: 62.5 rps × (2 KB + 24 KB) = 62.5 × 26,624 B = 1,664,000 B/s = 1.664 MB/s;
    # 1.664 MB/s × 3,600 = 5.9904 GB/h -> 5.9904 LCU (new connections 6.25/s = 0.25 LCU;
    # active 6.25 × 60 s = 375 = 0.125 LCU; 4 rules < 10 free).
    alb = shop.tiers["web-alb"]
    assert alb.peak.mb_per_s == approx(1.664)
    assert alb.sizing["lcu_peak"] == approx(5.9904)
    assert alb.sizing["lcu_dimension_peak"] == "processed_bytes"
    assert alb.sizing["dimensions_peak"]["lcu_by_dimension"]["new_connections"] == approx(0.25)
    assert alb.sizing["dimensions_peak"]["lcu_by_dimension"]["active_connections"] == approx(0.125)
    # average: 20.833 rps × 26,624 B × 730 h × 3,600 s / 1e9 = 1,457.66 GB a month
    assert alb.avg.gb_per_month == approx(20.8333333 * 26_624 * 730 * 3600 / 1e9)


def test_shop_saturation_order(shop):
    # carts at 4×, web at 32× (2,000 / 62.5), the payment provider at 80× (rate limit 100 / (62.5 × 0.02
    # checkouts per request)), orders-db at 100×, cache at 800× (100,000 / 125)
    assert shop.saturation_order() == [("carts", approx(4.0)), ("web", approx(32.0)), ("payments", approx(80.0)),
                                       ("orders-db", approx(100.0)), ("cache", approx(800.0))]


def test_serverless_cache_hits_and_router_split(serverless):
    # 50,000 × 60 / 86,400 = 34.722 rps, × 2.5 = 86.806 peak; 80% reads = 69.444 reads + 17.361 writes.
    # CloudFront hit 0.95: 3.472 reads + 17.361 writes = 20.833 rps to origins, split 0.6 / 0.4:
    # assets 12.5 rps, api 8.333 rps (1.389 reads + 6.944 writes).
    api = serverless.tiers["api"]
    assert serverless.tiers["assets"].peak_rps == approx(12.5)
    assert api.peak_rps == approx(8.3333333)
    assert (api.peak.reads, api.peak.writes) == (approx(1.3888889), approx(6.9444444))


def test_serverless_lambda_concurrency(serverless):
    # notes-fn: 8.333 rps × 0.12 s = 1.0 concurrent (above 8.333 / 10), of 200 reserved = 0.5%
    fn = serverless.tiers["notes-fn"]
    assert fn.sizing["concurrency_peak"] == approx(1.0)
    assert fn.utilization == approx(0.005)
    # thumbs-fn: 8.333 × 0.02 = 0.1667 messages/s through the queue × 1.5 s = 0.25 of 50
    assert serverless.tiers["thumbs-queue"].peak_rps == approx(0.1666667)
    assert serverless.tiers["thumbs-fn"].sizing["concurrency_peak"] == approx(0.25)


def test_serverless_notes_units_with_lsi_and_sparse_gsi(serverless):
    # notes-fn -> notes calls 1.5: 12.5 rps in the api's mix = 2.0833 reads + 10.4167 writes.
    # Reads: 3 KB eventually consistent = ⌈3/4⌉ × 0.5 = 0.5 RRU -> 1.0417 RRU/s.
    # Writes: 3 KB = 3 WRU -> 31.25, plus the LSI (100 B entry, charged to the table) 10.4167
    # -> 41.6667 WRU/s on the table; the GSI by-tag (200 B, write_share 0.3): 10.4167 × 0.3 = 3.125.
    s = serverless.tiers["notes"].sizing
    assert s["read_units_peak"] == approx(1.0416667)
    assert s["write_units_peak"] == approx(41.6666667)
    by_tag = next(ix for ix in s["indexes"] if ix["name"] == "by-tag")
    assert by_tag["write_units_peak"] == approx(3.125)


def test_serverless_uploads_sum_two_callers(serverless):
    # notes-fn -> uploads calls 0.05, read_ratio 0.2: 0.4167 = 0.0833 reads + 0.3333 writes;
    # thumbs-fn -> uploads calls 2, read_ratio 0.5: 0.3333 = 0.1667 + 0.1667. Total 0.75 rps.
    up = serverless.tiers["uploads"]
    assert (up.peak_rps, up.peak.reads, up.peak.writes) == (approx(0.75), approx(0.25), approx(0.5))


def test_fragile_async_mailer_and_database(bundled):
    # 20,000 × 15 / 86,400 = 3.472 rps × 4 = 13.889 peak. blog-server -> blog-db calls 3, 95% reads:
    # 41.667 rps; blog-server -> mailer calls 0.01 async (writes) 0.1389; mailer -> blog-db reads 0.1389.
    # blog-db: 41.806 rps of 800 = 5.226%; blog-server 13.889 of 60 = 23.1% (saturates at 4.32×).
    model = model_traffic(bundled("fragile"))
    db = model.tiers["blog-db"]
    assert db.peak_rps == approx(41.8055556)
    assert db.peak.reads == approx(39.7222222)
    assert db.utilization == approx(41.8055556 / 800)
    assert model.saturation_scale("blog-server") == approx(60 / 13.8888889)


def test_global_latency_split_ecs_and_hot_key(bundled):
    # peak_rps 4,000 (no peak factor: average = peak); latency records split 50/50: 2,000 per Region.
    # use1-api: ⌈2,000 / (300 × 0.6)⌉ = 12 tasks; max 30 × 300 = 9,000 rps -> 22.2%.
    # use1-ledger: calls 2, 60% strong reads of 1 KB: 2,400 RRU/s; 1,600 writes = 1,600 WRU/s + 1,600 on the GSI.
    # hot key 2%: 48 RCU and 32 WCU on one partition; on-demand quota 40,000: reads 6% bind.
    model = model_traffic(bundled("global"))
    api, ledger = model.tiers["use1-api"], model.tiers["use1-ledger"]
    assert api.peak_rps == approx(2000) and api.avg_rps == approx(2000)
    assert api.sizing["instances_needed_peak"] == 12
    assert api.utilization == approx(2000 / 9000)
    assert ledger.sizing["read_units_peak"] == approx(2400)
    assert ledger.sizing["write_units_peak"] == approx(1600)
    assert ledger.sizing["hot_partition_read_units"] == approx(48)
    assert ledger.sizing["hot_partition_write_units"] == approx(32)
    assert ledger.utilization == approx(0.06)
    # NLB: 2,000 rps / 50 per connection = 40 new/s (0.05 NLCU); 2,000 × 3 KB = 6,144,000 B/s
    # = 22.1184 GB/h -> 22.1184 NLCU
    assert model.tiers["use1-nlb"].sizing["nlcu_peak"] == approx(22.1184)
    assert edge_peak_rps(model)["use1-ledger->euw1-ledger"] == 0  # replication


def test_scale_multiplies_every_rate():
    spec = spec_from_text(SMALL)
    base, tenfold = model_traffic(spec), model_traffic(spec, scale=10)
    for tid, tier in base.tiers.items():
        assert tenfold.tiers[tid].peak_rps == approx(10 * tier.peak_rps)
    assert tenfold.saturation_scale("web") == approx(base.saturation_scale("web"))


def test_explicit_peak_and_daily_users_both_given():
    # daily users give the average (8,640,000 × 1 / 86,400 = 100); peak_rps wins for the peak
    spec = spec_from_text(SMALL.replace("peak_rps: 300", "peak_rps: 300, daily_active_users: 8640000, "
                                        "requests_per_user_per_day: 1"))
    model = model_traffic(spec)
    assert model.tiers["web"].avg_rps == approx(100)
    assert model.tiers["web"].peak_rps == approx(300)


def test_several_entry_points_add_up():
    spec = spec_from_text(SMALL.replace("connections:", """  - id: partners
    type: users
    traffic: {peak_rps: 50}
connections:
  - {from: partners, to: web}"""))
    model = model_traffic(spec)
    assert model.tiers["web"].peak_rps == approx(350)
    assert model.entry.rps == approx(350)


def test_no_traffic_profile_gives_zero_load():
    spec = spec_from_text(SMALL.replace("traffic: {peak_rps: 300}", "label: nobody"))
    model = model_traffic(spec)
    assert not model.has_traffic
    assert all(t.peak_rps == 0 for t in model.tiers.values())
    assert model.saturation_order() == []


def test_bad_scale_is_refused():
    spec = spec_from_text(SMALL)
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            model_traffic(spec, scale=bad)


SMALL = """\
version: 1
name: small
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 300}
  - {id: web, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 2, desired: 2, max: 4, capacity_rps: 100}
connections:
  - {from: clients, to: web}
"""
