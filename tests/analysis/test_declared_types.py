"""external and custom: the facts their components declare (SLA, fallback, role, placement, icon) reach the analysis."""

from __future__ import annotations

import pytest

from archgen.analysis.rule import RuleContext
from archgen.catalogue.components.custom import resolve_icon
from archgen.render.icons import component_icon
from archgen.traffic import model_traffic
from tests.support import spec_from_text

CHECKOUT = """\
version: 1
name: checkout
objectives: {availability: 99.9}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: shoppers, type: users, traffic: {peak_rps: 10}}
  - {id: checkout, type: lambda, region: us-east-1, duration_ms: 300}
  - {id: payments, type: external, sla: 99.9, sla_source: provider contract, fallback: backup}
  - {id: backup, type: external, sla: 99.5}
connections:
  - {from: shoppers, to: checkout}
  - {from: checkout, to: payments}
  - {from: checkout, to: backup, standby: true}
"""


def test_a_fallback_answers_for_the_dependency_in_parallel_with_the_declared_slas():
    report = RuleContext(spec_from_text(CHECKOUT)).availability
    (flow,) = report.flows
    assert (flow.flow.entry, flow.flow.target) == ("shoppers", "payments")
    assert flow.value == pytest.approx(0.9995 * (1 - 0.001 * 0.005))  # Lambda 99.95% × (payments ∥ backup)
    rows = {row.key: (row.percent, row.source, row.url) for row in report.sla_rows}
    assert rows["declared:payments"] == (99.9, "provider contract", "")
    assert rows["declared:backup"] == (99.5, "declared in the spec", "")


def test_without_the_fallback_the_dependency_is_in_series():
    spec = spec_from_text(CHECKOUT.replace(", fallback: backup", "").replace(
        "  - {from: checkout, to: backup, standby: true}\n", ""))
    (flow,) = RuleContext(spec).availability.flows
    assert flow.value == pytest.approx(0.9995 * 0.999)


ROUTER = """\
version: 1
name: custom-roles
objectives: {survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: u, type: users, traffic: {peak_rps: 100}}
  - {id: mesh, type: custom, icon: AppMesh, role: router, region: us-east-1}
  - {id: a, type: custom, region: us-east-1, azs: [us-east-1a, us-east-1b], instances: 3, capacity_rps: 90}
  - {id: b, type: custom, region: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {id: ledger, type: custom, icon: database.QLDB, role: store, region: us-east-1}
connections:
  - {from: u, to: mesh}
  - {from: mesh, to: a, share: 0.75}
  - {from: mesh, to: b}
  - {from: a, to: ledger}
  - {from: b, to: ledger}
"""


def test_a_custom_router_splits_requests_and_a_declared_capacity_bounds_it():
    model = model_traffic(spec_from_text(ROUTER))
    assert model.tiers["a"].peak_rps == pytest.approx(75) and model.tiers["b"].peak_rps == pytest.approx(25)
    assert model.tiers["ledger"].peak_rps == pytest.approx(100)  # callers call each target
    assert [(lim.name, lim.capacity) for lim in model.tiers["a"].limits] == [("capacity_rps", 90)]


def test_a_custom_store_is_judged_as_data_and_its_instances_as_zonal():
    ctx = RuleContext(spec_from_text(ROUTER))
    assert [store.component for store in ctx.recovery.stores] == ["ledger"]  # the RPO estimate counts its data
    lose_a = next(o for o in ctx.failure_domains.azs if o.name == "us-east-1a")
    assert not lose_a.cut  # instances in both AZs


def test_custom_icons_resolve_only_to_classes_of_the_diagrams_aws_catalogue():
    assert resolve_icon("Lightsail") == (("diagrams.aws.compute", "Lightsail"), "")
    assert resolve_icon("database.QLDB") == (("diagrams.aws.database", "QLDB"), "")
    for text in ("os.system", "builtins.eval", "__import__", "aws.compute.Lightsail"):
        assert resolve_icon(text)[0] is None
    spec = spec_from_text(ROUTER)
    assert component_icon(spec.component("ledger")) == "aws/database/quantum-ledger-database-qldb.png"
    assert component_icon(spec.component("b")) == "aws/general/general.png"
