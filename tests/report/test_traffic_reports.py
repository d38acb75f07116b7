"""The traffic figures as people read them: one utilisation base (the max capacity) in every
format, numbers without scientific notation or run-together units, real Markdown lists and
plurals, and the defaults a figure rests on said where the figure is."""

from __future__ import annotations

import pytest

from archgen.pipeline import run_file, run_text
from archgen.report.bundle import report_markdown
from archgen.report.traffic_json import model_json
from archgen.report.traffic_markdown import markdown_report
from archgen.report.traffic_text import COLUMNS, text_report
from tests.support import BUNDLED_SPECS, SPECS


@pytest.fixture(scope="module")
def shop():
    return run_file(str(SPECS / "shop.yaml"))


@pytest.mark.parametrize("path", BUNDLED_SPECS, ids=lambda p: p.stem)
def test_utilisation_is_peak_over_max_capacity_for_every_tier(path):
    """The table's "Max rps" and "Util of max" columns agree: one base, the most a tier can serve."""
    model = run_file(str(path)).traffic
    checked = 0
    for tier in model.tiers.values():
        if tier.utilization is not None and tier.max_capacity_rps:
            assert tier.utilization == pytest.approx(tier.peak_rps / tier.max_capacity_rps), tier.id
            checked += 1
        elif tier.utilization is not None:
            assert tier.max_capacity_rps is None and tier.peak_rps == 0
    assert checked


def test_text_table_shows_the_max_capacity_it_measures_utilisation_against(shop):
    text = text_report(shop.traffic, [], "specs/shop.yaml")
    assert "Max rps" in COLUMNS and "Util of max" in COLUMNS and "Capacity rps" not in COLUMNS
    web = text.splitlines()[next(i for i, line in enumerate(text.splitlines()) if line.startswith("web "))]
    assert "2,000" in web and " 3% " in web  # 62.5 rps at peak of 8 (max) × 250 rps; desired 4 would be 1,000
    assert "1,000" not in web
    assert ("Max rps: requests/s a tier serves at 100% at the most it can scale to (instance count or Auto "
            "Scaling/ECS max, nodes, provisioned or reserved capacity, throttle); utilisation and the traffic at "
            "which a tier breaks are measured against it.") in text


def test_markdown_cost_lines_numbered_breaks_and_plurals(shop):
    markdown = markdown_report(shop.traffic, [], "specs/shop.yaml")
    assert "- `cdn` HTTPS requests: 12,775 × 10k requests × $0.01 = $127.75" in markdown
    assert "e+0" not in markdown
    assert "1. `carts` at 4× — table writes: 37.5 of 150 WCU\n2. `web` at 32× — 8 instances: 62.5 of 2,000 rps" in markdown
    assert "- 1." not in markdown
    assert "| Max rps | Util of max |" in markdown
    report = report_markdown(shop)
    assert "**0** errors · **3** warnings · **0** info" in report  # AG404, AG213 (its Single-AZ DR replica), AG309 (RTO steps without a figure)


DEFAULTED = """\
version: 1
name: defaults
regions:
  - {name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
components:
  - {id: people, type: users, traffic: {peak_rps: 50}}
  - {id: api, type: api_gateway, region: eu-west-1}
  - {id: fn, type: lambda, region: eu-west-1, duration_ms: 100}
connections:
  - {from: people, to: api}
  - {from: api, to: fn}
"""


def test_defaults_and_foreign_prices_are_stated_in_text_and_markdown():
    run = run_text(DEFAULTED, "defaults.yaml")
    text = text_report(run.traffic, [], "defaults.yaml")
    assert text.splitlines()[2:4] == [
        "Note: assumes 100% reads, 0 writes: read_ratio is not set on people",
        "Note: request_size and response_size not set on people: counted as 0 bytes (MB/s, GB/month and "
        "data-transfer cost)"]
    assert ("  priced at us-east-1 rates although in another Region (no price table bundled for it): api, fn"
            in text.splitlines())
    markdown = markdown_report(run.traffic, [], "defaults.yaml")
    assert "- **Note:** assumes 100% reads, 0 writes: read\\_ratio is not set on people\n" in markdown
    assert "<details><summary>Notes (9)</summary>" in markdown  # 2 defaults on each of 3 tiers, 2 prices, 1 Lambda pool note
    assert "- `fn`: assumes 100% reads, 0 writes: read\\_ratio is not set on people" in markdown
    assert ("- `api`: priced at us-east-1 rates: archgen bundles no eu-west-1 price table (check the AWS Pricing "
            "Calculator for eu-west-1)") in markdown
    document = model_json(run.traffic)
    assert document["assumptions"] == [
        "assumes 100% reads, 0 writes: read_ratio is not set on people",
        "request_size and response_size not set on people: counted as 0 bytes (MB/s, GB/month and data-transfer cost)"]
    assert document["cost"]["priced_at_other_region_rates"] == ["api", "fn"]


def test_headline_counts_take_the_right_noun():
    from archgen.report.bundle import html_page_data

    run = run_text("version: 1\nname: one\nregions:\n  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}\n"
                   "components:\n  - {id: q, type: sqs, region: us-east-1}\n", "one.yaml")
    assert report_markdown(run).splitlines()[4] == "**1** component"
    assert html_page_data(run)["summary"][:3] == [("component", "1"), ("errors", "0"), ("warnings", "0")]
