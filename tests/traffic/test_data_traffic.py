"""Traffic through the data types: DAX passes its misses and every write on to the table, capacity declared per
node, and the prices AWS publishes (worked against AWS's own examples where the pricing page gives one)."""

from __future__ import annotations

import pytest

from archgen.traffic import model_traffic
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
    from archgen.traffic.capacity import capacity_rps

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
