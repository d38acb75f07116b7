"""What an AWS Backup plan (``backup_plan``) changes in the analysis: backup & restore gets its backups in the
recovery Region from the plan's copy rules, with the rule's schedule as the recovery point (issue #13's
BACKUP_COPY fact); a store that loses every copy with its AZ restores the plan's last backup; a deleted
store's backups stay in the vault (AG211); the findings about a store on one instance or in one zone say
what the plan leaves (AG209, AG220); a store the plan does not copy is still missing in the recovery Region
(AG308)."""

from __future__ import annotations

from archgen.analysis.dr import DECLARED, ESTIMATED
from archgen.analysis.engine import analyze
from tests.support import spec_from_text

BACKUP_RESTORE = """
version: 1
name: plan-restore
objectives: {rto: 8h, rpo: 2h, survive: region}
dr: {strategy: backup-restore, primary_region: us-east-1, secondary_region: us-west-2, decision_time: 15m,
     rebuild_time: 2h, restore_time: 1h}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: users, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: app, type: A, alias: true, target: api}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 50}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, point_in_time_recovery: true}
  - id: plan
    type: backup_plan
    region: us-east-1
    protects: [orders]
    rules:
      - {name: hourly, schedule: cron(0 * ? * * *), retention: 7d, copy_to: [{region: us-west-2}]}
      - {name: nightly, retention: 35d}
connections:
  - {from: users, to: dns}
  - {from: dns, to: api}
  - {from: api, to: fn}
  - {from: fn, to: orders}
"""


def of_rule(report, rule: str):
    return [f for f in report.active if f.rule == rule]


def test_backup_and_restore_restores_the_plans_copies_in_the_recovery_region():
    report = analyze(spec_from_text(BACKUP_RESTORE))
    assert not of_rule(report, "AG307") and not of_rule(report, "AG308") and not of_rule(report, "AG206")
    (store,) = report.recovery.stores
    assert (store.component, store.high_s, store.provenance) == ("orders", 3600, DECLARED)
    assert store.mechanism == "a backup plan copies its backups to us-west-2 (every 1 h)"
    rpo = report.recovery.rpo
    assert (rpo.status, rpo.high_s, rpo.meets) == (ESTIMATED, 3600, True)


def test_the_copy_rule_sets_the_recovery_point_not_a_more_frequent_rule_that_stays_home():
    spec = BACKUP_RESTORE.replace("copy_to: [{region: us-west-2}]}", "}").replace(
        "{name: nightly, retention: 35d}", "{name: nightly, retention: 35d, copy_to: [{region: us-west-2}]}")
    report = analyze(spec_from_text(spec))
    (store,) = report.recovery.stores
    assert store.high_s == 86400  # the nightly rule copies: up to a day of writes lost with the Region
    assert [f.message for f in of_rule(report, "AG206")] == [
        "'orders' can lose up to 24 h of writes (a backup plan copies its backups to us-west-2 (every 24 h)) when "
        "losing a Region, more than the RPO of 2 h"]


def test_a_store_the_plan_does_not_copy_has_no_data_in_the_recovery_region():
    spec = BACKUP_RESTORE.replace("  - id: plan\n", "  - {id: carts, type: dynamodb, region: us-east-1, partition_key: "
                                  "{name: pk}, capacity: {mode: on-demand}, point_in_time_recovery: true}\n  - id: plan\n"
                                  ).replace("  - {from: fn, to: orders}\n", "  - {from: fn, to: orders}\n"
                                            "  - {from: fn, to: carts}\n")
    report = analyze(spec_from_text(spec))
    assert [(f.components, f.message, f.fix) for f in of_rule(report, "AG308")] == [
        (("carts",), "'carts' in us-east-1 has no copy in us-west-2: after failing over, the backup-restore Region has "
                     "no data",
         "copy its backups to the recovery Region (a backup plan's copy_to rule) or replicate it continuously to the "
         "recovery Region (global table, Global Database, cross-Region read replica, S3 replication)")]


ONE_AZ = """
version: 1
name: one-az
objectives: {rpo: 2h}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: a, az: us-east-1a}
        - {id: b, az: us-east-1b}
components:
  - {id: clients, type: users}
  - {id: web, type: ec2, subnets: [a], hosts: [mysql], deletion_policy: delete}
  - {id: files, type: efs, storage: one_zone, subnets: [a], automatic_backups: false, deletion_policy: delete}
  - id: plan
    type: backup_plan
    region: us-east-1
    protects: [web, files]
    rules:
      - {name: hourly, every: 1h, retention: 2d}
connections:
  - {from: clients, to: web}
  - {from: web, to: files}
"""
WITHOUT_PLAN = ONE_AZ.split("  - id: plan\n")[0] + "connections:" + ONE_AZ.split("connections:")[1]


def test_a_store_lost_with_its_az_restores_the_plans_last_backup():
    report = analyze(spec_from_text(ONE_AZ))
    assert [(s.component, s.high_s, s.provenance, s.lost) for s in report.recovery.stores] == [
        ("web", 3600, DECLARED, False), ("files", 3600, DECLARED, False)]
    assert report.recovery.rpo.meets is True and not of_rule(report, "AG206")
    without = analyze(spec_from_text(WITHOUT_PLAN))
    assert [s.lost for s in without.recovery.stores] == [True, True]
    assert sorted(f.components for f in of_rule(without, "AG206")) == [("files",), ("web",)]


def test_a_deleted_store_keeps_its_backups_and_the_findings_say_what_the_plan_leaves():
    report, without = analyze(spec_from_text(ONE_AZ)), analyze(spec_from_text(WITHOUT_PLAN))
    assert not of_rule(report, "AG211")
    assert sorted(f.components for f in of_rule(without, "AG211")) == [("files",), ("web",)]
    assert [f.message for f in of_rule(report, "AG209")] == [
        "'web' keeps mysql data on one EC2 instance's volumes in us-east-1a: losing the instance or its AZ loses it; "
        "no standby or replica protects it, only a backup plan's backups every 1 h"]
    assert [f.message for f in of_rule(without, "AG209")][0].endswith(
        "; no standby, replica or automated backup protects it")
    assert [f.message for f in of_rule(report, "AG220")] == [
        "EFS file system 'files' is One Zone: its data and its only mount target are in us-east-1a, so every client "
        "loses it with that AZ, and if the AZ is damaged its last backup (a backup plan takes one every 1 h) is all a "
        "restore brings back"]
