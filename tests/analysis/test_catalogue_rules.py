"""The rules for what real templates say (AG209-AG213, AG311): each page's failing spec gives exactly
its finding, its passing spec none; and the analysis of the attributes they read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from archgen import model as m
from archgen.analysis import redundancy
from archgen.analysis.availability import sla_key
from archgen.analysis.rule import RuleContext
from archgen.analysis.rules import rule_by_id
from archgen.catalogue.base import AZ, DOWN, FAILOVER
from archgen.render.scene import build_scene
from tests.support import snippets, spec_from_text

EXACT = {
    "AG209": ["'wordpress' keeps mysql data on one EC2 instance's volumes in us-east-1a: losing the instance or its AZ "
              "loses it; no standby, replica or automated backup protects it"],
    "AG210": ["Aurora cluster 'db' lets RDS choose the AZ of a, b: all 2 DB instances may end up in one AZ and fail "
              "with it"],
    "AG211": ["DynamoDB table 'orders' has deletion_policy: delete: deleting it or its stack, or a template change "
              "that replaces it, deletes its data with no copy kept"],
    "AG212": ["bucket 'uploads' is written by the workload but has no versioning: an object overwritten or deleted "
              "by mistake cannot be recovered"],
    "AG213": ["'db' has a Single-AZ read replica in us-west-2: promoted in a Region failover, the database runs there "
              "on one instance in one AZ"],
    "AG311": ["'orders' keeps every copy of its data in us-east-1: the objectives ask to survive losing a Region, and "
              "nothing replicates it or copies its backups to another Region"],
}


def messages(rule_id: str, text: str) -> list[str]:
    rule = rule_by_id(rule_id)
    return [f.message for f in rule.check(RuleContext(spec_from_text(text)))]


@pytest.mark.parametrize("rule_id", sorted(EXACT))
def test_failing_page_spec_gives_exactly_its_finding(rule_id):
    assert messages(rule_id, snippets(rule_by_id(rule_id))["failing"]) == EXACT[rule_id]


@pytest.mark.parametrize("rule_id", sorted(EXACT))
def test_passing_page_spec_gives_none(rule_id):
    assert messages(rule_id, snippets(rule_by_id(rule_id))["passing"]) == []


VPC = """
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: a, az: us-east-1a}
        - {id: b, az: us-east-1b}
    - id: dr
      region: us-west-2
      subnets:
        - {id: dr-a, az: us-west-2a}
        - {id: dr-b, az: us-west-2b}
"""


def text(components: str, extra: str = "") -> str:
    return f"version: 1\nname: t\n{extra}{VPC}components:\n{components}"


def spec(components: str, extra: str = "") -> m.Spec:
    return spec_from_text(text(components, extra))


# --------------------------------------------------------------------------- a database on instances
JENKINS = ("  - {id: app, type: users}\n"
           "  - {id: jenkins, type: autoscaling, subnets: [a, b], min: 1, max: 1, hosts: [files]}\n"
           "connections:\n  - {from: app, to: jenkins}\n")


def test_an_auto_scaling_group_hosting_a_database_is_judged_as_one():
    s = spec(JENKINS)
    assert messages("AG209", text(JENKINS)) == [
        "Auto Scaling group 'jenkins' keeps files data on its instances' own volumes: an instance the group replaces "
        "starts without it; no standby, replica or automated backup protects it"]
    jenkins = s.component("jenkins")
    assert redundancy.is_stateful(jenkins) and redundancy.holds_authoritative_data(s, jenkins)
    store = RuleContext(s).recovery.stores[0]
    assert (store.component, store.lost) == ("jenkins", True)
    assert not redundancy.is_stateful(replace(jenkins, hosts=()))  # instances without state are not a store


# --------------------------------------------------------------------------- read replicas
REPLICA = """  - {id: db, type: rds, engine: postgres, subnets: [a, b], multi_az: true}
  - {id: db-dr, type: rds, engine: postgres, subnets: [dr-a, dr-b], replica_of: db}
"""


def test_a_named_read_replica_joins_its_source():
    s = spec(REPLICA)
    db = s.component("db")
    assert db.read_replicas == (m.ReadReplica(az="us-west-2a", region="us-west-2", multi_az=False, component="db-dr"),)
    assert redundancy.replica_regions(db) == ("us-west-2",)
    assert db.listed_replicas == ()  # priced and drawn as its own component
    scene = build_scene(s)
    assert [n.id for n in scene.nodes["db-dr"]] == ["db-dr"]
    assert any(e.kind == "replication" and e.head == "db-dr" for e in scene.edges)


def test_a_single_az_named_dr_replica_is_flagged_on_the_replica():
    s = spec(REPLICA, "objectives: {survive: region}\n")
    findings = list(rule_by_id("AG213").check(RuleContext(s)))
    assert [f.message for f in findings] == [
        "'db' has a Single-AZ replica 'db-dr' in us-west-2: promoted in a Region failover, the database runs there on "
        "one instance in one AZ"]
    assert findings[0].components == ("db", "db-dr") and findings[0].location == s.component("db-dr").location
    assert list(rule_by_id("AG201").check(RuleContext(s))) == []  # the replica is not judged as a primary


def test_a_multi_az_replica_is_not_flagged():
    s = spec(REPLICA.replace("replica_of: db}", "replica_of: db, multi_az: true}"), "objectives: {survive: region}\n")
    assert list(rule_by_id("AG213").check(RuleContext(s))) == []


# --------------------------------------------------------------------------- Aurora instances RDS places
UNPINNED = """  - id: db
    type: aurora
    engine: aurora-mysql
    subnets: [a, b]
    instances:
      - {name: a}
      - {name: b}
"""


def test_aurora_instances_rds_places_are_assumed_to_share_an_az():
    db = spec(UNPINNED).component("db")
    assert redundancy.instances_per_az(db) == {}
    assert redundancy.failure_domain(db) == AZ
    assert sla_key(db) == "aurora-single-az"
    assert redundancy.state_after(db, frozenset({"us-east-1a"})) == DOWN
    assert redundancy.state_after(db, frozenset({"us-east-1b"})) == DOWN


def test_one_pinned_reader_elsewhere_is_a_failover_target():
    one_pinned = UNPINNED.replace("{name: b}", "{name: b, az: us-east-1b}")
    db = spec(one_pinned).component("db")
    assert redundancy.state_after(db, frozenset({"us-east-1a"})) == FAILOVER
    assert redundancy.failure_domain(db) == AZ  # the writer may be in us-east-1b too
    assert messages("AG210", text(one_pinned)) == [
        "Aurora cluster 'db' lets RDS choose the AZ of a: all 2 DB instances may end up in one AZ and fail with it"]


# --------------------------------------------------------------------------- ECS on container hosts
HOSTS = """  - {id: users, type: users}
  - {id: lb, type: alb, subnets: [a, b]}
  - {id: hosts, type: autoscaling, subnets: [a, b], min: 1, desired: 2, max: 4}
  - {id: api, type: ecs, desired: 2, container_hosts: hosts, health_check: true}
connections:
  - {from: users, to: lb}
  - {from: lb, to: api}
"""


def test_an_ecs_service_runs_where_its_container_hosts_are():
    api = spec(HOSTS).component("api")
    assert (api.azs, api.launch_type, api.container_hosts) == (("us-east-1a", "us-east-1b"), "ec2", "hosts")


def test_container_hosts_of_a_serving_service_serve_requests():
    assert messages("AG108", text(HOSTS)) == [
        "'hosts' can run on 1 of its instances (min 1, desired 2): a failure leaves nothing serving until a "
        "replacement launches"]


# --------------------------------------------------------------------------- deletion policy and backup copies
def test_a_snapshot_capable_store_is_told_to_snapshot():
    db = "  - {id: db, type: rds, engine: mysql, subnets: [a, b], multi_az: true, deletion_policy: delete}\n"
    findings = list(rule_by_id("AG211").check(RuleContext(spec(db))))
    assert [f.message for f in findings] == [
        "RDS DB instance 'db' has deletion_policy: delete: deleting it or its stack, or a template change that replaces "
        "it, deletes its data with no copy kept"]
    assert [f.fix for f in findings] == ["set deletion_policy: snapshot or retain"]


def test_a_backup_copy_to_another_region_counts_as_a_copy():
    """AG311 reads the 'backup copy' capability: an AWS Backup plan's copy rules."""
    failing = snippets(rule_by_id("AG311"))["failing"]
    plan = ("  - {id: plan, type: backup_plan, region: us-east-1, protects: [orders], rules: [{name: daily, "
            "retention: 35d, copy_to: [{region: REGION}]}]}\n")
    with_copy = failing.replace("connections:", plan.replace("REGION", "us-west-2") + "connections:")
    assert redundancy.backup_copy_regions(spec_from_text(with_copy)) == {"orders": ("us-west-2",)}
    assert messages("AG311", with_copy) == []
    assert messages("AG311", failing) == EXACT["AG311"]
    without_copy = failing.replace("connections:", plan.replace(", copy_to: [{region: REGION}]", "") + "connections:")
    assert messages("AG311", without_copy) == EXACT["AG311"]  # backups in the same Region do not survive it


def test_s3_replication_is_a_cross_region_copy():
    text = snippets(rule_by_id("AG212"))["passing"].replace(
        "version: 1\n", "version: 1\nobjectives: {survive: region}\n").replace(
        "  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}\n",
        "  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}\n  - {name: us-west-2, azs: [us-west-2a]}\n")
    assert len(messages("AG311", text)) == 1
    assert messages("AG311", text.replace("versioning: true}", "versioning: true, replica_regions: [us-west-2]}")) == []
