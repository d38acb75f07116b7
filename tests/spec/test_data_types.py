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


# --------------------------------------------------------------------------- opensearch
def test_opensearch_checks_zone_awareness_masters_and_standby_prerequisites():
    assert errors("- {id: s, type: opensearch, subnets: [a, b], data_nodes: 2}\n") == [
        "OpenSearch domain 's' spans 2 AZs but zone awareness is off: without it a domain runs in one AZ"]
    assert errors("- {id: s, type: opensearch, subnets: [a], zone_awareness: true, data_nodes: 2}\n") == [
        "OpenSearch domain 's' spans 1 AZ(s): zone awareness uses 2 or 3"]
    assert errors("- {id: s, type: opensearch, subnets: [a], dedicated_masters: 1}\n") == [
        "OpenSearch Service refuses a single dedicated master node"]
    assert errors("- {id: s, type: opensearch, subnets: [a, b], standby: true, data_nodes: 4}\n") == [
        "Multi-AZ with Standby needs subnets in three AZs", "Multi-AZ with Standby needs three dedicated master nodes",
        "Multi-AZ with Standby needs a multiple of three data nodes, not 4"]  # in spec order: standby, then data_nodes


def test_opensearch_survives_an_az_with_a_master_quorum_and_a_copy_of_every_shard():
    spec = model("- {id: three, type: opensearch, subnets: [a, b, c], zone_awareness: true, data_nodes: 3, "
                 "dedicated_masters: 3}\n"
                 "- {id: two, type: opensearch, subnets: [a, b], zone_awareness: true, data_nodes: 4, "
                 "dedicated_masters: 3}\n"
                 "- {id: bare, type: opensearch, subnets: [a, b, c], zone_awareness: true, data_nodes: 3, replicas: 0, "
                 "dedicated_masters: 3}\n"
                 "- {id: standby, type: opensearch, subnets: [a, b, c], standby: true, data_nodes: 3, "
                 "dedicated_masters: 3, replicas: 2}\n"
                 "- {id: one, type: opensearch, subnets: [a], data_nodes: 2}\n")
    three, two, bare, standby, one = (spec.component(i) for i in ("three", "two", "bare", "standby", "one"))
    assert after(three, "us-east-1a") == UP
    # 3 masters over 2 AZs: us-east-1a holds two of them, and 1 of 3 is no quorum
    assert after(two, "us-east-1a") == DOWN and after(two, "us-east-1b") == UP
    assert after(bare, "us-east-1b") == DOWN  # a shard's only copy was there
    assert after(standby, "us-east-1a") == FAILOVER and after(standby, "us-east-1c") == UP  # 1c is the standby AZ
    assert after(one, "us-east-1a") == DOWN and one.azs == ("us-east-1a",)
    point = catalogue.of(one).redundancy.az_recovery_point
    assert point(one).seconds == 3600 and point(three).seconds is None and not point(three).lost
    choose = catalogue.of(one).sla.choose
    assert (choose(standby), choose(three), choose(one)) == ("opensearch-standby", "opensearch-multi-az", None)


# --------------------------------------------------------------------------- documentdb and neptune
@pytest.mark.parametrize("kind, key", [("documentdb", "global_cluster_regions"), ("neptune", "global_database_regions")])
def test_clusters_promote_a_replica_in_another_az_and_keep_the_volume_across_azs(kind, key):
    spec = model(f"- {{id: db, type: {kind}, subnets: [a, b], instances: 3, {key}: [us-west-2]}}\n"
                 f"- {{id: lone, type: {kind}, subnets: [a, b]}}\n")
    db, lone = spec.component("db"), spec.component("lone")
    assert [(i.az, i.role) for i in db.instances] == [("us-east-1a", "writer"), ("us-east-1b", "reader"),
                                                     ("us-east-1a", "reader")]
    assert after(db, "us-east-1a") == FAILOVER and after(db, "us-east-1b") == UP
    assert after(lone, "us-east-1a") == DOWN and redundancy.failure_domain(lone) == redundancy.INSTANCE
    assert catalogue.of(db).redundancy.az_recovery_point(db).seconds == 0.0
    assert redundancy.replica_regions(db) == ("us-west-2",)
    assert errors(f"- {{id: db, type: {kind}, subnets: [a, b], {key}: [us-east-1]}}\n") == [
        "'us-east-1' is the component's own region"]


# --------------------------------------------------------------------------- redshift
def test_redshift_multi_az_and_relocation_are_ra3_features():
    assert errors("- {id: w, type: redshift, subnets: [a, b], node_type: dc2.large, nodes: 2, multi_az: true}\n") == [
        "multi_az needs RA3 nodes, not dc2.large"]
    assert errors("- {id: w, type: redshift, subnets: [a], node_type: ra3.xlplus, nodes: 2, multi_az: true}\n") == [
        "a Multi-AZ cluster needs subnets in two AZs"]
    assert errors("- {id: w, type: redshift, subnets: [a], nodes: 2, snapshot_retention_days: 0, "
                  "snapshot_copy: {region: us-west-2}}\n") == ["with automated snapshots off there is nothing to copy"]


def test_redshift_after_an_az_loss():
    spec = model("- {id: multi, type: redshift, subnets: [a, b], node_type: ra3.xlplus, nodes: 2, multi_az: true}\n"
                 "- {id: moved, type: redshift, subnets: [a, b], node_type: ra3.xlplus, nodes: 2, relocation: true}\n"
                 "- {id: dc2, type: redshift, subnets: [a, b], node_type: dc2.large, nodes: 2, "
                 "snapshot_copy: {region: us-west-2}}\n")
    multi, moved, dc2 = (spec.component(i) for i in ("multi", "moved", "dc2"))
    assert moved.azs == ("us-east-1a",) and multi.azs == ("us-east-1a", "us-east-1b")
    assert (after(multi, "us-east-1a"), after(moved, "us-east-1a"), after(dc2, "us-east-1a")) == (UP, FAILOVER, DOWN)
    point = catalogue.of(dc2).redundancy
    assert point.az_recovery_point(moved).seconds == 0.0 and point.az_recovery_point(dc2).seconds == 8 * 3600
    assert point.copy_regions(dc2) == ("us-west-2",) and point.region_copy(dc2).seconds == 8 * 3600


# --------------------------------------------------------------------------- mq
def test_mq_deployment_modes_belong_to_their_engines_and_need_their_azs():
    assert errors("- {id: q, type: mq, engine: rabbitmq, deployment_mode: active_standby_multi_az, subnets: [a, b]}\n") \
        == ["rabbitmq brokers have no active_standby_multi_az deployment"]
    assert errors("- {id: q, type: mq, engine: activemq, deployment_mode: active_standby_multi_az, subnets: [a]}\n") == [
        "an active/standby broker needs subnets in two AZs, not 1"]
    assert errors("- {id: q, type: mq, engine: activemq, subnets: [a, b]}\n") == [
        "a single-instance broker runs in one AZ, not 2"]
    assert errors("- {id: q, type: mq, engine: rabbitmq, subnets: [a], storage: ebs}\n") == [
        "EBS storage is for single-instance ActiveMQ brokers"]


def test_mq_standby_takes_over_and_a_rabbitmq_cluster_keeps_its_majority():
    spec = model("- {id: pair, type: mq, engine: activemq, deployment_mode: active_standby_multi_az, subnets: [a, b]}\n"
                 "- {id: three, type: mq, engine: rabbitmq, deployment_mode: cluster_multi_az, subnets: [a, b, c]}\n"
                 "- {id: two, type: mq, engine: rabbitmq, deployment_mode: cluster_multi_az, subnets: [a, b]}\n")
    pair, three, two = (spec.component(i) for i in ("pair", "three", "two"))
    assert after(pair, "us-east-1a") == FAILOVER and after(pair, "us-east-1b") == UP
    assert after(three, "us-east-1a") == UP
    assert after(two, "us-east-1a") == DOWN and after(two, "us-east-1b") == UP  # 1a held two of the three nodes


# --------------------------------------------------------------------------- backup_plan
PLAN = """\
- {id: db, type: rds, engine: postgres, subnets: [a, b], multi_az: true}
- {id: files, type: efs, subnets: [a, b]}
- id: plan
  type: backup_plan
  region: us-east-1
  protects: [db, files]
  rules:
    - {name: hourly, schedule: cron(15 * ? * * *), retention: 2d}
    - {name: nightly, retention: 35d, copy_to: [{region: us-west-2, retention: 90d}]}
    - {name: weekly, every: 7d, copy_to: [{region: us-west-2}]}
  vault_lock: {min_retention: 1d}
"""


def test_a_backup_plan_reads_its_rules_schedules_and_copies():
    plan = model(PLAN).component("plan")
    hourly, nightly, weekly = plan.rules
    assert (hourly.every_s, hourly.retention_s, hourly.copies) == (3600.0, 2 * 86400.0, ())
    assert nightly.schedule == "cron(0 5 ? * * *)" and nightly.every_s == 86400.0  # AWS Backup's default schedule
    assert [(x.region, x.retention_s) for x in nightly.copies] == [("us-west-2", 90 * 86400.0)]
    assert [(x.region, x.retention_s) for x in weekly.copies] == [("us-west-2", None)]  # the rule's: kept until deleted
    assert plan.vault_lock.min_retention_s == 86400.0 and plan.vault_lock.max_retention_s is None
    kind = catalogue.of(plan)
    assert kind.copies(plan) == {"db": ("us-west-2",), "files": ("us-west-2",)}
    assert redundancy.backup_copy_regions(model(PLAN)) == {"db": ("us-west-2",), "files": ("us-west-2",)}
    assert kind.details(plan) == ["every 1 h, kept 2 d", "every 24 h, kept 35 d → us-west-2",
                                  "every 7 d, kept until deleted → us-west-2", "vault lock"]


def test_a_backup_plan_without_copy_rules_copies_nothing_to_another_region():
    plan = model(PLAN.replace(", copy_to: [{region: us-west-2, retention: 90d}]", "").replace(
        ", copy_to: [{region: us-west-2}]", "")).component("plan")
    assert catalogue.of(plan).copies(plan) == {}
