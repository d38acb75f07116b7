"""The data types (efs, dax, memorydb, opensearch, documentdb, neptune, redshift, mq, backup_plan): the checks
the schema cannot express, and what their catalogue facts say about redundancy after a loss."""

from __future__ import annotations

import textwrap

import pytest

from archgen import catalogue
from archgen.analysis import redundancy
from archgen.catalogue.base import DOWN, FAILOVER, UP
from archgen.spec.load import check_text
from tests.support import spec_from_text

HEAD = """\
version: 1
name: t
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: a, az: us-east-1a}
        - {id: a2, az: us-east-1a}
        - {id: b, az: us-east-1b}
        - {id: c, az: us-east-1c}
components:
"""


def errors(components: str, connections: str = "") -> list[str]:
    text = HEAD + textwrap.indent(textwrap.dedent(components), "  ") + (f"connections:\n{connections}" if connections else "")
    return [d.message for d in check_text(text, "t.yaml").errors]


def model(components: str, connections: str = ""):
    text = HEAD + textwrap.indent(textwrap.dedent(components), "  ") + (f"connections:\n{connections}" if connections else "")
    return spec_from_text(text)


def after(c, *lost: str) -> str:
    return redundancy.state_after(c, frozenset(lost))


# --------------------------------------------------------------------------- dax
def test_dax_caches_dynamodb_tables_only_and_must_cache_one():
    assert errors("- {id: cache, type: dax, subnets: [a, b], nodes: 2}\n") == [
        "DAX cluster 'cache' caches no table"]
    assert errors("- {id: cache, type: dax, subnets: [a, b], nodes: 2}\n- {id: q, type: sqs, region: us-east-1}\n",
                  "  - {from: cache, to: q}\n") == [
        "DAX cluster 'cache' sends requests to 'q', an SQS queue: DAX caches DynamoDB tables only"]
    assert errors("- {id: cache, type: dax, subnets: [a, b], nodes: 2}\n"
                  "- {id: t, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}\n",
                  "  - {from: cache, to: t}\n") == []


DAX = """\
- {id: cache, type: dax, subnets: [a, b, c], nodes: NODES}
- {id: t, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
"""


@pytest.mark.parametrize("nodes, azs, lose_a", [(1, ("us-east-1a",), DOWN), (2, ("us-east-1a", "us-east-1b"), FAILOVER),
                                                (4, ("us-east-1a", "us-east-1b", "us-east-1c"), FAILOVER)])
def test_dax_nodes_spread_over_the_azs_and_the_primary_fails_over_to_a_replica(nodes, azs, lose_a):
    cache = model(DAX.replace("NODES", str(nodes)), "  - {from: cache, to: t}\n").component("cache")
    assert cache.azs == azs  # a one-node cluster is drawn and judged in its one AZ
    assert sum(redundancy.instances_per_az(cache).values()) == nodes
    assert after(cache, "us-east-1a") == lose_a
    assert after(cache, "us-east-1b") == UP
    assert catalogue.of(cache).sla.choose(cache) == ("dax-single-az" if nodes == 1 else "dax-multi-az")


# --------------------------------------------------------------------------- memorydb
def test_memorydb_fails_over_to_a_replica_in_another_az_and_never_loses_acknowledged_writes():
    cluster = model("- {id: m, type: memorydb, subnets: [a, b], shards: 2, replicas_per_shard: 1}\n").component("m")
    assert redundancy.instances_per_az(cluster) == {"us-east-1a": 2, "us-east-1b": 2}
    assert after(cluster, "us-east-1a") == FAILOVER and after(cluster, "us-east-1b") == UP
    assert catalogue.of(cluster).redundancy.az_recovery_point(cluster).seconds == 0.0
    alone = model("- {id: m, type: memorydb, subnets: [a, b], replicas_per_shard: 0}\n").component("m")
    assert alone.azs == ("us-east-1a",) and redundancy.failure_domain(alone) == redundancy.INSTANCE
    assert after(alone, "us-east-1a") == DOWN


# --------------------------------------------------------------------------- efs
def test_efs_one_zone_has_one_mount_target_in_its_own_az():
    assert errors("- {id: f, type: efs, storage: one_zone, region: us-east-1}\n") == [
        "One Zone file system 'f' needs the subnet of its mount target"]
    assert errors("- {id: f, type: efs, storage: one_zone, subnets: [a, b]}\n") == [
        "a One Zone file system has a single mount target, in its own AZ"]
    assert errors("- {id: f, type: efs, subnets: [a, a2, b]}\n") == [
        "two subnets in one AZ: a file system has one mount target per AZ"]
    assert errors("- {id: f, type: efs, subnets: [a, b], replication_region: us-east-1}\n") == [
        "EFS Replication here copies to another Region"]


def test_efs_regional_data_survives_an_az_one_zone_data_does_not():
    spec = model("- {id: r, type: efs, subnets: [a, b], replication_region: us-west-2}\n"
                 "- {id: z, type: efs, storage: one_zone, subnets: [a], automatic_backups: false}\n"
                 "- {id: zb, type: efs, storage: one_zone, subnets: [b]}\n")
    regional, one_zone, backed_up = (spec.component(i) for i in ("r", "z", "zb"))
    point = catalogue.of(regional).redundancy.az_recovery_point
    assert point(regional).seconds == 0.0 and point(one_zone).lost and point(backed_up).seconds == 24 * 3600
    assert after(regional, "us-east-1a") == UP and after(one_zone, "us-east-1a") == DOWN
    assert redundancy.replica_regions(regional) == ("us-west-2",)
    assert catalogue.of(regional).redundancy.region_copy(regional).seconds == 15 * 60
    assert redundancy.failure_domain(one_zone) == redundancy.AZ
