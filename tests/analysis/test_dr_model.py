"""The DR model (issue #13): Region N+1, the four strategies' steps, RTO/RPO intervals with provenance,
multi-Region routing, and figures AWS publishes instead of invented ones.

Figures come from AWS's pages, cited where they are used: the DR whitepaper "Disaster Recovery of
Workloads on AWS: Recovery in the Cloud" (the strategies' steps; Aurora global database promotion
in under a minute), the Route 53 Developer Guide (health check interval × failure threshold), the
Route 53 FAQ (60 s alias TTL), the RDS User Guide (Multi-AZ failover 60–120 s), the Aurora User
Guide (failover under 60 s), the Lambda Developer Guide (1,000 execution environments every 10 s)
and the SLA pages (API Gateway and Lambda 99.95%).
"""

from __future__ import annotations

import json

import pytest

from archgen.analysis.dr import AWS, DECLARED, DERIVED, ESTIMATED, NOT_EVALUATED, NOT_KNOWN, UNBOUNDED, UNKNOWN
from archgen.analysis.engine import analyze
from archgen.analysis.failure_domains import RegionTierCapacity
from tests.support import spec_from_text

REGIONS = """
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
"""

# a warm standby behind a Route 53 failover pair; web-west is sized by the test
WARM = """
version: 1
name: warm
objectives: {rto: 30m, rpo: 5m, survive: region}
dr: {strategy: warm-standby, primary_region: us-east-1, secondary_region: us-west-2, failover: automatic DECLARED}
""" + REGIONS + """
components:
  - {id: shoppers, type: users, traffic: {peak_rps: 140}}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: alb-east, routing: failover, failover: primary, health_check: east}
      - {name: api, type: A, alias: true, target: alb-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: alb-east, interval: 10, failure_threshold: 3}
  - {id: alb-east, type: alb, azs: [us-east-1a, us-east-1b], health_check: {path: /health}}
  - {id: web-east, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 4, desired: 4, max: 8, capacity_rps: 40}
  - {id: alb-west, type: alb, azs: [us-west-2a, us-west-2b], health_check: {path: /health}}
  - {id: web-west, type: autoscaling, azs: [us-west-2a, us-west-2b], min: 2, desired: 2, max: MAX, capacity_rps: 35}
  - {id: orders, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
connections:
  - {from: shoppers, to: dns}
  - {from: dns, to: alb-east}
  - {from: dns, to: alb-west}
  - {from: alb-east, to: web-east}
  - {from: alb-west, to: web-west}
  - {from: web-east, to: orders}
  - {from: web-west, to: orders}
"""


def warm(max_instances: int = 8, declared: str = ""):
    return analyze(spec_from_text(WARM.replace("MAX", str(max_instances)).replace(" DECLARED", declared)))


def of_rule(report, rule: str):
    return [f for f in report.active if f.rule == rule]


# --------------------------------------------------------------------------- 1. Region-level N+1
def test_a_warm_standby_half_the_peak_is_short_until_it_scales_out():
    """The issue's case: a DR Region that serves 70 rps (2 × 35) against a 140 rps peak."""
    report = warm()
    (finding,) = of_rule(report, "AG407")
    assert finding.severity == "warning"
    assert finding.message == (
        "losing us-east-1 sends 'web-west' (us-west-2) a peak of 140 rps (was 0 rps); it serves 70 rps at its current "
        "size, 280 rps at its largest: short by 70 rps until it scales out (AWS publishes no time for it and "
        "dr.scale_out_time declares none, a step of the RTO)")
    region = next(o for o in report.failure_domains.regions if o.name == "us-east-1")
    (tier,) = [t for t in region.capacity if isinstance(t, RegionTierCapacity) and t.component == "web-west"]
    assert (tier.peak_rps, tier.capacity_rps, tier.max_capacity_rps) == (140, 70, 280)
    # the scale-out is a step of the RTO, which is unknown without a figure for it
    assert report.recovery.rto.status == NOT_KNOWN
    assert "dr.scale_out_time" in report.recovery.rto.reason


def test_a_standby_that_cannot_reach_the_peak_even_at_its_largest_is_an_error():
    report = warm(max_instances=3)  # 3 × 35 = 105 rps < 140
    (finding,) = of_rule(report, "AG407")
    assert finding.severity == "error"
    assert finding.message.endswith("105 rps at its largest: short by 35 rps even at its largest")
    assert [s for s in report.recovery.rto_steps if s.blocking]
    # no declared scale-out time could bound it: unbounded, not met (never "unknown", never a number)
    assert (report.recovery.rto.status, report.recovery.rto.meets) == (UNBOUNDED, False)


def test_a_declared_scale_out_time_counts_in_the_rto():
    """Route 53 health check 10 s × 3 = 30 s (derived) + scale out 5 min (declared) + alias TTL up to 60 s."""
    report = warm(declared=", scale_out_time: 5m")
    rto = report.recovery.rto
    assert (rto.status, rto.low_s, rto.high_s) == (ESTIMATED, 30 + 300, 30 + 300 + 60)
    scale = next(s for s in report.recovery.rto_steps if s.components == ("web-west",))
    assert (scale.provenance, scale.high_s) == (DECLARED, 300)


# --------------------------------------------------------------------------- 2. the four strategies
BACKUP_RESTORE = """
version: 1
name: backup-restore
objectives: {rto: 8h, rpo: 2h, survive: region}
dr: {strategy: backup-restore, primary_region: us-east-1, secondary_region: us-west-2, backup_interval: 1h DECLARED}
""" + REGIONS + """
components:
  - {id: users, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: app, type: A, alias: true, target: api}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 50}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, point_in_time_recovery: true}
connections:
  - {from: users, to: dns}
  - {from: dns, to: api}
  - {from: api, to: fn}
  - {from: fn, to: table}
"""


def test_backup_and_restore_is_a_dr_strategy_with_the_whitepapers_steps():
    """Detect and decide, redeploy, restore from backups, switch DNS: nothing left out of the total."""
    report = analyze(spec_from_text(BACKUP_RESTORE.replace(
        " DECLARED", ", decision_time: 15m, rebuild_time: 2h, restore_time: 1h")))
    assert not of_rule(report, "AG307") and not of_rule(report, "AG403")
    steps = [(s.phase, s.provenance, s.high_s) for s in report.recovery.rto_steps]
    assert steps == [("decide", DECLARED, 900), ("recover", DECLARED, 7200), ("recover", DECLARED, 3600),
                     ("switch traffic", DERIVED, 60)]
    rto = report.recovery.rto
    # the recovery phase: its slowest step at least, both one after another at most
    assert (rto.low_s, rto.high_s) == (900 + 7200, 900 + 7200 + 3600 + 60)
    assert rto.meets is True
    rpo = report.recovery.rpo
    assert (rpo.status, rpo.low_s, rpo.high_s) == (ESTIMATED, 0, 3600)


def test_backup_and_restore_without_declared_durations_has_an_unknown_rto_not_a_number():
    report = analyze(spec_from_text(BACKUP_RESTORE.replace(" DECLARED", "")))
    rto = report.recovery.rto
    assert (rto.status, rto.low_s, rto.high_s, rto.meets) == (NOT_KNOWN, None, None, None)
    assert rto.reason.startswith("no figure for: detect the disaster, escalate and decide to fail over "
                                 "(declare dr.decision_time)")
    (finding,) = of_rule(report, "AG309")
    assert finding.severity == "warning"


PILOT = """
version: 1
name: pilot
objectives: {rto: 1h, rpo: 1m, survive: region}
dr: {strategy: pilot-light, primary_region: us-east-1, secondary_region: us-west-2, failover: manual,
     decision_time: 10m, rebuild_time: 15m, scale_out_time: 5m}
""" + REGIONS + """
components:
  - {id: users, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: app, type: A, alias: true, target: alb-east, routing: failover, failover: primary, health_check: east}
      - {name: app, type: A, alias: true, target: alb-west, routing: failover, failover: secondary}
    health_checks:
      - {id: east, target: alb-east}
  - {id: alb-east, type: alb, azs: [us-east-1a, us-east-1b]}
  - {id: app-east, type: autoscaling, azs: [us-east-1a, us-east-1b], min: 2, desired: 2, max: 4}
  - {id: alb-west, type: alb, azs: [us-west-2a, us-west-2b]}
  - {id: app-west, type: autoscaling, azs: [us-west-2a, us-west-2b], min: 0, desired: 0, max: 4}
  - id: db
    type: aurora
    engine: aurora-postgresql
    region: us-east-1
    instances: [{az: us-east-1a}, {az: us-east-1b}]
    global_database_regions: [us-west-2]
connections:
  - {from: users, to: dns}
  - {from: dns, to: alb-east}
  - {from: dns, to: alb-west}
  - {from: alb-east, to: app-east}
  - {from: alb-west, to: app-west}
  - {from: app-east, to: db}
  - {from: app-west, to: db}
"""


def test_pilot_light_switches_on_its_servers_and_promotes_the_aurora_global_database():
    """Its switched-off fleet (desired 0) counts as up once switched on: no flow is cut. The Aurora global
    database secondary is promoted "in less than one minute" (DR whitepaper, "Pilot light")."""
    report = analyze(spec_from_text(PILOT))
    assert not of_rule(report, "AG403")
    steps = {s.what: s for s in report.recovery.rto_steps}
    promote = steps["db: promote the Aurora global database secondary in us-west-2"]
    assert (promote.provenance, promote.low_s, promote.high_s) == (AWS, 0, 60)
    assert "less than one minute" in promote.source and "disaster-recovery-options-in-the-cloud" in promote.source
    switch_on = steps["switch on the servers and deploy what the pilot light leaves out"]
    assert (switch_on.provenance, switch_on.high_s) == (DECLARED, 900)
    rto = report.recovery.rto
    # decide 10 min + recover [15 min, 15 min + 1 min + 5 min] (switch on, promote, scale out) + TTL up to 60 s
    assert (rto.low_s, rto.high_s) == (600 + 900, 600 + 900 + 60 + 300 + 60)


def test_warm_standby_with_an_rds_replica_needs_a_declared_promotion_time():
    """AWS publishes no figure for promoting an RDS read replica ("a few minutes", DR whitepaper)."""
    base = PILOT.replace("pilot-light", "warm-standby").replace("min: 0, desired: 0", "min: 2, desired: 2").replace(
        """  - id: db
    type: aurora
    engine: aurora-postgresql
    region: us-east-1
    instances: [{az: us-east-1a}, {az: us-east-1b}]
    global_database_regions: [us-west-2]""",
        "  - {id: db, type: rds, engine: postgres, azs: [us-east-1a, us-east-1b], multi_az: true, "
        "read_replicas: [{region: us-west-2, az: us-west-2a}]}")
    unknown = analyze(spec_from_text(base))
    promote = next(s for s in unknown.recovery.rto_steps if s.what.startswith("db: promote"))
    assert (promote.provenance, promote.declare) == (UNKNOWN, "dr.promotion_time")
    assert unknown.recovery.rto.status == NOT_KNOWN
    declared = analyze(spec_from_text(base.replace("scale_out_time: 5m", "scale_out_time: 5m, promotion_time: 8m")))
    promote = next(s for s in declared.recovery.rto_steps if s.what.startswith("db: promote"))
    assert (promote.provenance, promote.high_s) == (DECLARED, 480)
    assert declared.recovery.rto.status == ESTIMATED


def test_copies_of_the_newer_stores_take_over_with_a_step_each_never_a_silent_zero():
    """Losing us-east-1, each copy in us-west-2 that takes over is a step of the RTO:
    an EventBridge global endpoint in 360 s, at most 420 s (EventBridge User Guide, "Making applications
    Regional-fault tolerant with global endpoints"); an EFS replica made writable by deleting the replication
    configuration, which "can take several minutes" (EFS User Guide, "Deleting replication configurations")
    and a DocumentDB global cluster secondary promoted (no duration published): both unknown until declared."""
    extra = WARM.replace("MAX", "8").replace(" DECLARED", ", scale_out_time: 5m").replace("connections:\n", """\
  - {id: uploads, type: efs, azs: [us-east-1a, us-east-1b], replication_region: us-west-2}
  - {id: docs, type: documentdb, azs: [us-east-1a, us-east-1b], instances: 2, global_cluster_regions: [us-west-2]}
  - {id: bus, type: eventbridge, region: us-east-1, secondary_region: us-west-2}
connections:
  - {from: web-east, to: uploads}
  - {from: web-east, to: docs}
  - {from: web-east, to: bus}
  - {from: web-west, to: uploads}
  - {from: web-west, to: docs}
  - {from: web-west, to: bus}
""")
    report = analyze(spec_from_text(extra))
    steps = {s.components: s for s in report.recovery.rto_steps if s.phase == "recover"}
    bus = steps[("bus",)]
    assert (bus.provenance, bus.low_s, bus.high_s) == (AWS, 360, 420) and "eb-global-endpoints" in bus.source
    for store, page in (("uploads", "delete-replications"), ("docs", "global clusters")):
        assert (steps[(store,)].provenance, steps[(store,)].declare) == (UNKNOWN, "dr.promotion_time")
        assert page in steps[(store,)].source
    rto = report.recovery.rto
    # the known steps alone: health check 30 s + the slowest recovery step (the endpoint, 360 s) + TTL from 0 s
    assert (rto.status, rto.at_least_s) == (NOT_KNOWN, 30 + 360)
    # EFS Replication's RPO of 15 minutes is published; the DocumentDB global cluster's lag is not
    rpo = {s.component: s for s in report.recovery.stores}
    assert (rpo["uploads"].high_s, rpo["docs"].high_s, report.recovery.rpo.status) == (900, None, NOT_KNOWN)
    declared = analyze(spec_from_text(extra.replace("scale_out_time: 5m", "scale_out_time: 5m, promotion_time: 4m")))
    # decide: none (automatic); recover [360 s, 0 + 240 + 240 + 420 + 300 s in a row]; detect 30 s; TTL up to 60 s
    assert (declared.recovery.rto.low_s, declared.recovery.rto.high_s) == (30 + 360, 30 + 240 + 240 + 420 + 300 + 60)


# --------------------------------------------------------------------------- 3. multi-Region routing
TWO_REGIONS = """
version: 1
name: two-region-serverless
objectives: {availability: 99.99, rto: 5m, survive: region}
dr: {strategy: active-active, primary_region: us-east-1, secondary_region: us-west-2}
""" + REGIONS + """
components:
  - {id: clients, type: users, traffic: {peak_rps: 200}}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: api-east, routing: ROUTING, region: us-east-1, set_identifier: east CHECK_EAST}
      - {name: api, type: A, alias: true, target: api-west, routing: ROUTING, region: us-west-2, set_identifier: west CHECK_WEST}
    health_checks:
      - {id: east, target: api-east, interval: 10, failure_threshold: 3}
      - {id: west, target: api-west, interval: 10, failure_threshold: 3}
  - {id: api-east, type: api_gateway, region: us-east-1}
  - {id: api-west, type: api_gateway, region: us-west-2}
  - {id: fn-east, type: lambda, region: us-east-1, duration_ms: 100}
  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 100}
connections:
  - {from: clients, to: dns}
  - {from: dns, to: api-east}
  - {from: dns, to: api-west}
  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
"""
ONE_REGION = 0.9995 * 0.9995  # API Gateway 99.95% × Lambda 99.95% (their SLA pages) in series


def two_regions(checked: bool, routing: str = "latency"):
    text = TWO_REGIONS.replace("ROUTING", routing)
    if routing == "geolocation":
        text = text.replace("region: us-east-1, set_identifier", "geolocation: US, set_identifier").replace(
            "region: us-west-2, set_identifier", "geolocation: '*', set_identifier")
    text = text.replace(" CHECK_EAST", ", health_check: east" if checked else "").replace(
        " CHECK_WEST", ", health_check: west" if checked else "")
    return analyze(spec_from_text(text))


@pytest.mark.parametrize("routing", ["latency", "geolocation"])
def test_stateless_services_in_two_health_checked_regions_are_alternatives(routing):
    report = two_regions(checked=True, routing=routing)
    assert not of_rule(report, "AG403")
    assert all(not o.cut for o in report.failure_domains.regions)
    expected = 1 - (1 - ONE_REGION) ** 2  # independent alternatives, as the report states
    for flow in report.availability.flows:
        assert flow.value == pytest.approx(expected, abs=1e-12)
    assert "independent" in report.availability.assumptions


def test_without_health_checks_the_regions_do_not_fail_over():
    report = two_regions(checked=False)
    assert {f.rule for f in report.active} >= {"AG301", "AG403"}
    assert sorted(f.message.split(":")[0] for f in of_rule(report, "AG403")) == [
        "losing us-east-1 cuts clients → fn-east", "losing us-west-2 cuts clients → fn-west"]
    assert report.availability.critical.value == pytest.approx(ONE_REGION, abs=1e-12)


GLOBAL_TABLE = TWO_REGIONS.replace("""  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}""", """  - {from: api-east, to: fn-east}
  - {from: api-west, to: fn-west}
  - {from: fn-east, to: table-east}
  - {from: fn-west, to: table-west}
  - {from: table-east, to: table-west, kind: replication, bidirectional: true}""").replace(
    "  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 100}", """  - {id: fn-west, type: lambda, region: us-west-2, duration_ms: 100}
  - {id: table-east, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
  - {id: table-west, type: dynamodb, region: us-west-2, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-east-1]}""")


def test_requests_a_record_without_a_health_check_receives_stay_pinned_to_its_region():
    """Both Regions still reach the global table, but Route 53 keeps sending each Region's users there:
    losing a Region cuts their requests, and the availability is one Region's, not two in parallel."""
    text = GLOBAL_TABLE.replace("ROUTING", "latency").replace(" CHECK_EAST", "").replace(" CHECK_WEST", "")
    report = analyze(spec_from_text(text))
    messages = sorted(f.message for f in of_rule(report, "AG403"))
    assert messages[0] == ("losing us-east-1 cuts clients → table-east for the requests routed to api-east: no health "
                           "check, so the router keeps sending them there")
    critical = report.availability.critical
    assert critical.pinned and critical.value == pytest.approx(ONE_REGION * 0.99999, abs=1e-12)  # global table 99.999%
    checked = analyze(spec_from_text(text.replace("set_identifier: east", "set_identifier: east, health_check: east")
                                     .replace("set_identifier: west", "set_identifier: west, health_check: west")))
    assert not of_rule(checked, "AG403") and not checked.availability.critical.pinned


# --------------------------------------------------------------------------- 4. honest RTO and RPO
def test_manual_failover_and_a_replica_promotion_make_the_rto_unknown_not_a_number():
    """The issue's case: 'RTO 90 s, met' while the decision and the promotion were only notes."""
    report = analyze(spec_from_text(PILOT.replace("pilot-light", "warm-standby").replace(
        "decision_time: 10m, rebuild_time: 15m, scale_out_time: 5m", "scale_out_time: 5m").replace(
        """  - id: db
    type: aurora
    engine: aurora-postgresql
    region: us-east-1
    instances: [{az: us-east-1a}, {az: us-east-1b}]
    global_database_regions: [us-west-2]""",
        "  - {id: db, type: rds, engine: postgres, azs: [us-east-1a, us-east-1b], multi_az: true, "
        "read_replicas: [{region: us-west-2, az: us-west-2b}]}").replace("min: 0, desired: 0", "min: 2, desired: 2")))
    recovery = report.recovery.to_json()
    assert recovery["rto"]["status"] == "unknown" and recovery["rto"]["high_seconds"] is None
    assert recovery["rto"]["meets"] is None
    unknown = [s for s in recovery["rto_steps"] if s["provenance"] == "unknown"]
    assert [s["declare"] for s in unknown] == ["dr.decision_time", "dr.promotion_time"]


def test_json_never_contradicts_itself():
    """A step has numbers exactly when it is not unknown; an estimate has numbers exactly when estimated."""
    for report in (warm(), warm(declared=", scale_out_time: 5m"), two_regions(True), two_regions(False),
                   analyze(spec_from_text(PILOT)), analyze(spec_from_text(BACKUP_RESTORE.replace(" DECLARED", "")))):
        recovery = json.loads(json.dumps(report.recovery.to_json()))
        for step in recovery["rto_steps"]:
            assert (step["high_seconds"] is None) == (step["provenance"] == "unknown"), step
            assert (step["low_seconds"] is None) == (step["high_seconds"] is None)
        for key in ("rto", "rpo"):
            estimate = recovery[key]
            assert (estimate["status"] == "estimated") == (estimate["high_seconds"] is not None), estimate
            if estimate["status"] == "estimated":
                assert estimate["low_seconds"] <= estimate["high_seconds"]


def test_a_design_with_no_entry_point_is_not_evaluated_never_zero():
    report = analyze(spec_from_text("""
        version: 1
        name: no-entry
        objectives: {rto: 1h, rpo: 5m}
        regions:
          - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
        components:
          - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
        """))
    rto, rpo = report.recovery.rto, report.recovery.rpo
    assert (rto.status, rto.high_s, rto.meets) == (NOT_EVALUATED, None, None)
    assert (rpo.status, rpo.high_s, rpo.meets) == (NOT_EVALUATED, None, None)
    assert rto.text() == "not evaluated"


# --------------------------------------------------------------------------- 5. AWS's figures, not invented ones
MULTI_AZ = """
version: 1
name: az-failover
objectives: {rto: 5m, survive: az}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: users, type: users}
  - {id: api, type: api_gateway, region: us-east-1}
  - {id: fn, type: lambda, region: us-east-1, duration_ms: 50}
  - DATABASE
connections:
  - {from: users, to: api}
  - {from: api, to: fn}
  - {from: fn, to: db}
"""


def test_aurora_failover_uses_the_figure_aws_publishes():
    """Aurora User Guide, "High availability for Amazon Aurora": service is typically restored in less than 60 s."""
    report = analyze(spec_from_text(MULTI_AZ.replace(
        "DATABASE", "{id: db, type: aurora, engine: aurora-mysql, region: us-east-1, "
                    "instances: [{az: us-east-1a}, {az: us-east-1b, role: reader}]}")))
    (step,) = report.recovery.rto_steps
    assert (step.provenance, step.low_s, step.high_s) == (AWS, 0, 60)
    assert "Concepts.AuroraHighAvailability.html" in step.source
    assert report.recovery.rto.meets is True


def test_rds_multi_az_failover_is_the_published_60_to_120_seconds():
    report = analyze(spec_from_text(MULTI_AZ.replace(
        "DATABASE", "{id: db, type: rds, engine: mysql, azs: [us-east-1a, us-east-1b], multi_az: true}")))
    (step,) = report.recovery.rto_steps
    assert (step.provenance, step.low_s, step.high_s) == (AWS, 60, 120)
    assert report.recovery.rto.text() == "1–2 min"


def test_ag201_names_no_az_the_spec_does_not_give():
    """A DB subnet group over six AZs: RDS chooses the instance's AZ, the spec does not say which."""
    azs = [f"us-east-1{letter}" for letter in "abcdef"]
    subnets = "\n".join(f"        - {{id: data-{az[-1]}, az: {az}}}" for az in azs)
    report = analyze(spec_from_text(f"""
version: 1
name: six-azs
regions:
  - {{name: us-east-1, azs: [{', '.join(azs)}]}}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
{subnets}
components:
  - {{id: db, type: rds, engine: mysql, subnets: [{', '.join('data-' + az[-1] for az in azs)}]}}
"""))
    (finding,) = of_rule(report, "AG201")
    assert finding.message == (
        "RDS instance 'db' (mysql) is Single-AZ in one AZ RDS chooses among its subnet group's 6 (us-east-1a, "
        "us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f): an instance or AZ failure stops it until it is "
        "restored from backup")
    assert finding.details["primary_az"] is None
