"""Resilience analysis on the bundled specs and on hand-checked examples: exact findings, exact numbers."""

from __future__ import annotations

import math

import pytest

from archgen import catalogue
from archgen.analysis import availability as av
from archgen.analysis.engine import analyze
from archgen.analysis.graph import Flow, RequestGraph
from archgen.analysis.rule import RuleContext
from archgen.formatting import availability_percent
from tests.support import adjacency, spec_from_text

FRAGILE_FINDINGS = {
    ("AG101", ("mailer",)),
    ("AG102", ("blog-server",)),
    ("AG107", ("nat",)),
    ("AG108", ("mailer",)),
    ("AG201", ("blog-db",)),
    ("AG205", ("blog-db",)),
    ("AG206", ("media",)),
    ("AG207", ("blog-db",)),
    ("AG220", ("media",)),
    ("AG304", ("dns",)),
    ("AG305", ("dns", "blog-server")),
    ("AG309", ("blog-db", "blog-server", "mailer", "media")),
    ("AG401", ("blog-db",)),
    ("AG401", ("blog-server",)),
    ("AG401", ("media",)),
    ("AG404", ("dns", "blog-server", "blog-db", "mailer")),
}


def found(report, *, rules: str = "AG1AG2AG3AG4") -> set:
    return {(f.rule, f.components) for f in report.active if f.rule[:3] in rules}


def test_fragile_yields_exactly_its_expected_findings(bundled):
    report = analyze(bundled("fragile"))
    assert found(report) == FRAGILE_FINDINGS
    assert report.counts()["error"] == 9
    assert not report.notices


@pytest.mark.parametrize("name", ["shop", "serverless", "global"])
def test_resilient_examples_have_no_errors(bundled, name):
    report = analyze(bundled(name))
    assert [f.message for f in report.active if f.severity == "error"] == []
    assert not report.notices


def test_resilient_examples_warnings_are_the_known_real_ones(bundled):
    # shop's DR read replica is Single-AZ (AG213); its manual failover and RDS replica promotion have no
    # figure: its RTO cannot be checked (AG309)
    assert found(analyze(bundled("shop"))) == {("AG404", ("dns", "cdn", "site", "site-dr")),
                                               ("AG213", ("orders-db",)), ("AG309", ())}
    assert found(analyze(bundled("serverless"))) == {
        ("AG207", ("notes",)), ("AG306", ("cdn", "api-firewall", "assets")),
        ("AG404", ("api-firewall", "dns", "cdn", "api", "notes-fn", "uploads", "thumbs-queue", "thumbs-fn"))}
    # global: each Region serves 2,700 rps at its current size, the other's 2,000 rps peak on top makes
    # 4,000 (AG407), and ECS's scale-out time is published nowhere (AG309)
    assert found(analyze(bundled("global"))) == {("AG405", ("use1-api",)), ("AG405", ("euw1-api",)),
                                                 ("AG407", ("use1-api",)), ("AG407", ("euw1-api",)), ("AG309", ())}


def test_analysis_is_deterministic(bundled):
    first = analyze(bundled("shop"))
    second = analyze(bundled("shop"))
    assert first.findings == second.findings


# --------------------------------------------------------------------------- graph SPOFs
FUNNEL = """
version: 1
name: funnel
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: public-b, az: us-east-1b, kind: public}
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: visitors, type: users}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: api, type: A, alias: true, target: alb, routing: failover, failover: primary, evaluate_target_health: true}
      - {name: api, type: A, alias: true, target: dr-api, routing: failover, failover: secondary}
  - {id: alb, type: alb, subnets: [public-a, public-b], health_check: {path: /health}}
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4, health_check_type: ELB}
  - {id: proxy, type: ec2, subnets: [app-a]}
  - {id: cache, type: elasticache, engine: redis, subnets: [app-a, app-b], nodes: 2}
  - {id: dr-api, type: api_gateway, region: us-west-2}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}, global_table_regions: [us-west-2]}
connections:
  - {from: visitors, to: dns}
  - {from: dns, to: alb}
  - {from: dns, to: dr-api}
  - {from: alb, to: web}
  - {from: web, to: proxy}
  - {from: proxy, to: cache}
  - {from: cache, to: table}
  - {from: dr-api, to: table}
"""


def test_spofs_on_the_normal_path_are_found_with_domain_and_flows():
    spec = spec_from_text(FUNNEL)
    graph = RequestGraph(spec)
    assert graph.flows == (Flow("visitors", "table"),)
    assert graph.dominators(graph.flows[0], standby=False) == ("dns", "alb", "web", "proxy", "cache", "table")
    assert graph.dominators(graph.flows[0], standby=True) == ("dns", "table")
    spofs = {(s.component, s.domain, s.bypassed_by_failover) for s in graph.single_points_of_failure}
    # proxy: one instance; cache: Redis without automatic failover -> one primary; both avoided by the standby path
    assert spofs == {("proxy", "instance", True), ("cache", "instance", True)}
    findings = {(f.rule, f.components, f.severity) for f in analyze(spec).active if f.rule == "AG401"}
    assert findings == {("AG401", ("proxy",), "warning"), ("AG401", ("cache",), "warning")}


def test_without_the_standby_path_the_spofs_are_errors():
    text = FUNNEL.replace("  - {from: dr-api, to: table}\n", "")
    graph = RequestGraph(spec_from_text(text))
    spofs = {(s.component, s.domain, s.bypassed_by_failover) for s in graph.single_points_of_failure}
    assert spofs == {("proxy", "instance", False), ("cache", "instance", False)}


def test_az_confined_fleet_is_an_az_level_spof():
    text = FUNNEL.replace("{id: proxy, type: ec2, subnets: [app-a]}", "{id: proxy, type: ec2, subnets: [app-a], count: 3}")
    graph = RequestGraph(spec_from_text(text))
    assert ("proxy", "AZ") in {(s.component, s.domain) for s in graph.single_points_of_failure}


# --------------------------------------------------------------------------- failure domains
def test_losing_an_az_of_shop_fails_over_the_database_and_serves_every_flow(bundled):
    ctx = RuleContext(bundled("shop"))
    outcome = {o.name: o for o in ctx.failure_domains.azs}["us-east-1a"]
    assert outcome.cut == ()
    assert outcome.down == ("nat-a",)
    assert outcome.failover == ("cache", "orders-db")
    assert len(outcome.served) == 4  # carts, orders-db, site and the payment provider


def test_losing_shops_primary_region_moves_every_flow_to_the_standby_paths(bundled):
    ctx = RuleContext(bundled("shop"))
    outcome = {o.name: o for o in ctx.failure_domains.regions}["us-east-1"]
    assert outcome.cut == ()
    assert {f.target for f in outcome.via_standby} == {"carts", "orders-db", "payments", "site"}
    assert set(outcome.failover) == {"orders-db", "carts"}  # cross-Region read replica, global table


def test_losing_fragiles_first_az_cuts_both_its_flows(bundled):
    ctx = RuleContext(bundled("fragile"))
    outcomes = {o.name: o for o in ctx.failure_domains.azs}
    assert outcomes["us-east-1a"].cut == (Flow("readers", "blog-db"), Flow("readers", "media"))
    assert set(outcomes["us-east-1a"].down) == {"blog-server", "blog-db", "media", "nat", "mailer"}
    assert outcomes["us-east-1b"].cut == ()


def test_az_loss_capacity_is_checked_against_the_traffic_model():
    pytest.importorskip("archgen.traffic")
    from archgen.analysis.rules import rule_by_id
    from tests.support import snippets

    rule = rule_by_id("AG405")
    spec = spec_from_text(snippets(rule)["failing"])
    ctx = RuleContext(spec)
    outcome = ctx.failure_domains.azs[0]
    web = next(t for t in outcome.capacity if t.component == "web")
    assert (web.instances_left, web.instances_before, web.capacity_rps, web.peak_rps) == (2, 3, 800.0, 1200.0)
    messages = [f.message for f in analyze(spec).active if f.rule == "AG405"]
    assert messages == ["losing any one of us-east-1a, us-east-1b, us-east-1c leaves 'web' with 2 × 400 rps = "
                        "800 rps for a 1,200 rps peak"]


REPLICA_IN_A_THIRD_AZ = """version: 1
name: replica-in-a-third-az
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
        - {id: data-c, az: us-east-1c}
components:
  - {id: readers, type: users, traffic: {peak_rps: 1000, read_ratio: 0.9}}
  - {id: fn, type: lambda, subnets: [data-a, data-b, data-c], duration_ms: 50}
  - id: db
    type: rds
    engine: postgres
    subnets: [data-a, data-b]
    multi_az: true
    read_replicas: [{az: us-east-1c}]
    capacity_rps: 800
    backup_retention_days: 7
connections:
  - {from: readers, to: fn}
  - {from: fn, to: db}
"""


def test_az_loss_capacity_counts_a_read_replica_where_it_runs():
    """Reads spread over the primary and a same-Region replica in a third AZ: 800 / (0.1 + 0.9 / 2) = 1,454.5
    rps. Losing the primary's AZ fails over to the standby and keeps the replica; losing the replica's AZ leaves
    the primary alone with every read: 800 rps for a 1,000 rps peak."""
    spec = spec_from_text(REPLICA_IN_A_THIRD_AZ)
    outcomes = {o.name: o for o in RuleContext(spec).failure_domains.azs}
    db = {name: next(t for t in o.capacity if t.component == "db") for name, o in outcomes.items()}
    assert db["us-east-1a"].capacity_rps == pytest.approx(800 / 0.55)
    assert (db["us-east-1c"].instances_left, db["us-east-1c"].capacity_rps) == (2, 800.0)
    findings = [(f.rule, f.components, f.location.line, f.message) for f in analyze(spec).active if f.rule == "AG405"]
    assert findings == [("AG405", ("db",), 16, "losing us-east-1c leaves 'db' with 2 of 2 instances, 800 rps for a "
                                               "1,000 rps peak")]


# --------------------------------------------------------------------------- availability
def test_availability_math_matches_the_well_architected_examples():
    three_in_series = av.Series(tuple(av.Leaf(name, 0.9999, "") for name in ("a", "b", "c"))).value
    assert three_in_series == pytest.approx(0.99970003, abs=1e-12)
    assert round(three_in_series * 100, 2) == 99.97
    two_in_parallel = av.Parallel(tuple(av.Leaf(name, 0.999, "") for name in ("a", "b"))).value
    assert two_in_parallel == pytest.approx(0.999999, abs=1e-12)
    assert availability_percent(two_in_parallel) == "99.9999%"


def test_sla_figures_are_dated_and_sourced():
    for kind in catalogue.all_types():
        for row in kind.sla.figures:
            assert row.url.startswith("https://aws.amazon.com/") and row.recorded and 0 < row.percent <= 100


def test_fragile_critical_path_is_the_product_of_its_slas(bundled):
    report = RuleContext(bundled("fragile")).availability
    assert report.critical.value == pytest.approx(1.0 * 0.995 * 0.995)
    assert report.critical.expression.text() == "dns 100% × blog-server 99.5% × blog-db 99.5%"
    assert report.meets_target is False


def test_redundant_paths_compose_in_parallel(bundled):
    report = RuleContext(bundled("global")).availability
    branch = 0.9999 * 0.9999 * 0.99999
    assert report.critical.value == pytest.approx(1 - (1 - branch) ** 2)
    assert report.meets_target is True


def test_bridge_topology_is_computed_exactly_by_factoring():
    import networkx as nx

    g = nx.DiGraph([("s", "a"), ("s", "b"), ("a", "c"), ("b", "c"), ("a", "d"), ("c", "d"), ("b", "d"), ("d", "t")])
    avail = {"a": 0.9, "b": 0.9, "c": 0.9, "d": 1.0}
    expr = av.decompose(adjacency(g), "s", "t", avail, {})
    assert math.isclose(expr.value, 1 - 0.1 * 0.1)  # d needs a or b; c adds nothing a or b does not


# --------------------------------------------------------------------------- recovery
def test_recovery_estimates_of_the_bundled_specs(bundled):
    shop = RuleContext(bundled("shop")).recovery
    # manual failover (no dr.decision_time) and an RDS replica promotion AWS gives no figure for
    assert (shop.scope, shop.rto.status, shop.rto.high_s, shop.rto.meets) == ("region", "unknown", None, None)
    assert (shop.rpo.status, shop.rpo.meets) == ("unknown", None)  # the RDS cross-Region replica's lag is not published
    glob = RuleContext(bundled("global")).recovery
    assert (glob.rto.status, glob.rto.at_least_s) == ("unknown", 20.0)  # health check 10 s × 2, then an ECS scale-out
    assert (glob.rpo.low_s, glob.rpo.high_s, glob.rpo.meets) == (0.0, 1.0, True)  # global tables: within a second
    fragile = RuleContext(bundled("fragile")).recovery
    assert (fragile.scope, fragile.rto.status, fragile.rto.meets) == ("az", "unbounded", False)
    # losing us-east-1a cuts the blog and its uploads: both rebuilt by hand
    assert [s.blocking for s in fragile.rto_steps] == [True, True]
    # RDS logs shipped every 5 minutes, but the One Zone file system's last daily backup is a day old
    assert (fragile.rpo.high_s, fragile.rpo.meets) == (86400.0, False)


# --------------------------------------------------------------------------- suppressions
def test_suppressions_mark_findings_and_unknown_rules_warn(bundled):
    text = (SPECS_DIR / "fragile.yaml").read_text()
    text += ("\nignore:\n"
             "  - {rule: AG101, component: mailer, reason: 'batch job, a retry is fine'}\n"
             "  - {rule: AG207, reason: recreated from backups by the pipeline}\n"
             "  - {rule: AG999, reason: typo in the id}\n")
    report = analyze(spec_from_text(text))
    suppressed = {(f.rule, f.components, f.suppression_reason) for f in report.suppressed}
    assert suppressed == {("AG101", ("mailer",), "batch job, a retry is fine"),
                          ("AG207", ("blog-db",), "recreated from backups by the pipeline")}
    assert ("AG101", ("mailer",)) not in found(report)
    assert [(n.severity, n.message.split(":")[0]) for n in report.notices] == [
        ("warning", "ignore names unknown rule 'AG999'")]
    assert report.notices[0].location.line > 0


from tests.support import SPECS as SPECS_DIR  # noqa: E402
