"""Traffic through the data types: DAX passes its misses and every write on to the table, capacity declared per
node, and the prices AWS publishes (worked against AWS's own examples where the pricing page gives one)."""

from __future__ import annotations

import pytest

from archgen.traffic import model_traffic
from archgen.traffic.capacity import capacity_rps
from tests.support import spec_from_text

DAX = """\
version: 1
name: dax-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
components:
  - {id: u, type: users, traffic: {peak_rps: 10000, read_ratio: 0.8}}
  - {id: cache, type: dax, region: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c], nodes: 3, hit_ratio: 0.9,
     capacity_rps: 5000}
  - {id: t, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
connections:
  - {from: u, to: cache}
  - {from: cache, to: t}
"""


def test_dax_answers_its_hits_and_passes_misses_and_writes_to_the_table():
    traffic = model_traffic(spec_from_text(DAX))
    cache, table = traffic.tiers["cache"], traffic.tiers["t"]
    # 8,000 reads/s × 90% hits answered by DAX; 800 misses + 2,000 writes (write-through) reach the table
    assert table.peak.reads == pytest.approx(800) and table.peak.writes == pytest.approx(2000)
    assert cache.sizing["hits_per_s_peak"] == pytest.approx(7200)
    assert cache.capacity_rps == 15_000 and cache.sizing["nodes_needed_peak"] == 2  # ⌈10,000 / 5,000⌉
    assert [limit.name for limit in cache.limits] == ["3 nodes"]


def test_dax_capacity_after_losing_an_az_counts_the_nodes_left():
    spec = spec_from_text(DAX)
    assert capacity_rps(spec.component("cache"), spec, frozenset({"us-east-1b", "us-east-1c"})) == 10_000


def test_a_cluster_without_capacity_rps_says_its_capacity_is_unknown_and_its_nodes_unpriced():
    cache = model_traffic(spec_from_text(DAX.replace(",\n     capacity_rps: 5000", ""))).tiers["cache"]
    assert cache.capacity_rps is None
    assert "capacity_rps is not set: capacity unknown (AWS publishes no per-node request rate)" in cache.notes
    assert cache.cost.unpriced == ("3 × DAX node (type not set): price not in archgen's table (AWS publishes it at "
                                   "https://aws.amazon.com/dynamodb/pricing/)",)


EFS = """\
version: 1
name: efs-cost
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: u, type: users, traffic: {peak_rps: 1}}
  - {id: files, type: efs, region: us-east-1, storage_gb: STORAGE}
connections:
  - {from: u, to: files}
"""


def test_efs_standard_storage_matches_the_pricing_pages_worked_example():
    # https://aws.amazon.com/efs/pricing/: 100 GB for 15 days and 250 GB for 16 days of March = 177 GB-months,
    # "Total Monthly Storage Charge = 177 GB-Months x $0.30 = $53.10"
    files = model_traffic(spec_from_text(EFS.replace("STORAGE", "177"))).tiers["files"]
    assert [(line.item, line.quantity, line.unit_price) for line in files.cost.lines] == [
        ("Standard storage", 177, 0.30)]
    assert files.cost.monthly == pytest.approx(53.10)


CLUSTER = """\
version: 1
name: cluster-traffic
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: u, type: users, traffic: {peak_rps: 1000, read_ratio: 0.8}}
  - {id: db, type: KIND, region: us-east-1, azs: [us-east-1a, us-east-1b], instances: 3, capacity_rps: 1000}
connections:
  - {from: u, to: db}
"""


@pytest.mark.parametrize("kind", ["documentdb", "neptune"])
def test_clusters_write_on_the_primary_and_read_from_the_replicas(kind):
    db = model_traffic(spec_from_text(CLUSTER.replace("KIND", kind))).tiers["db"]
    # 200 writes/s on the primary; 800 reads/s over the 2 replicas (reader endpoint): 400 each
    assert db.sizing["writer_rps_peak"] == pytest.approx(200) and db.sizing["reader_rps_peak"] == pytest.approx(400)
    # the replicas saturate first: 2 × 1,000 / 0.8 = 2,500 rps
    assert db.capacity_rps == pytest.approx(2500)


def test_opensearch_standby_nodes_take_no_queries_until_promoted():
    text = CLUSTER.replace("azs: [us-east-1a, us-east-1b]}\n", "azs: [us-east-1a, us-east-1b, us-east-1c]}\n", 1) \
        .replace("type: KIND, region: us-east-1, azs: [us-east-1a, us-east-1b], instances: 3",
                 "type: opensearch, region: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c], standby: true, "
                 "data_nodes: 6, dedicated_masters: 3")
    spec = spec_from_text(text)
    search = model_traffic(spec).tiers["db"]
    assert search.sizing["serving_nodes"] == 4 and search.capacity_rps == 4000
    assert capacity_rps(spec.component("db"), spec, frozenset({"us-east-1b", "us-east-1c"})) == 4000  # standby promoted
    assert capacity_rps(spec.component("db"), spec, frozenset({"us-east-1c"})) == 2000


def test_redshift_dc2_large_is_priced_per_node_hour():
    text = CLUSTER.replace("type: KIND, region: us-east-1, azs: [us-east-1a, us-east-1b], instances: 3",
                           "type: redshift, region: us-east-1, azs: [us-east-1a, us-east-1b], node_type: dc2.large, "
                           "nodes: 2")
    warehouse = model_traffic(spec_from_text(text)).tiers["db"]
    assert [(line.item, line.quantity, line.unit_price) for line in warehouse.cost.lines] == [
        ("2 × dc2.large", 2 * 730, 0.25)]
    assert warehouse.capacity_rps == 2000


def test_an_active_standby_broker_serves_at_the_capacity_of_its_active_instance():
    text = CLUSTER.replace("type: KIND, region: us-east-1, azs: [us-east-1a, us-east-1b], instances: 3",
                           "type: mq, engine: activemq, deployment_mode: active_standby_multi_az, region: us-east-1, "
                           "azs: [us-east-1a, us-east-1b]")
    spec = spec_from_text(text)
    broker = model_traffic(spec).tiers["db"]
    assert broker.capacity_rps == 1000 and broker.sizing["messages_per_s_peak"] == 1000
    assert capacity_rps(spec.component("db"), spec, frozenset({"us-east-1b"})) == 1000
