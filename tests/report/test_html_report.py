"""The HTML report in a real browser (headless Chromium): it loads with no console errors
and without touching the network, and clicking a component shows its findings and traffic.

Chromium comes from the test set-up (scripts/setup.sh installs Debian's package). Locally
without it the test is skipped; in CI (CI=true) a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, SPECS

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

if not CHROMIUM:
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing: scripts/setup.sh installs it (apt-get install chromium)", pytrace=False)
    pytest.skip("Chromium not installed (run scripts/setup.sh)", allow_module_level=True)
sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    for name in ("fragile", "shop"):
        result = subprocess.run([sys.executable, "-m", "archgen", "build", str(SPECS / f"{name}.yaml"), "-o", str(out)],
                                cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


def open_report(browser, path: Path):
    page = browser.new_page(viewport={"width": 1600, "height": 1200})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


def test_report_loads_cleanly_and_offline(browser, reports):
    page, errors, requests = open_report(browser, reports / "fragile" / "report.html")
    assert errors == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    assert page.title() == "Legacy blog (fragile on purpose) — archgen report"
    assert page.locator(".diagram svg g.node").count() >= 6
    page.close()


def test_clicking_a_component_shows_its_findings_and_traffic(browser, reports):
    page, errors, _ = open_report(browser, reports / "fragile" / "report.html")
    page.locator('.diagram g.node[data-component="blog-db"]').first.click()
    details = page.locator("#details")
    assert details.locator("h3").inner_text() == "Blog database"
    text = details.inner_text()
    assert "RDS DB instance · blog-db · us-east-1 (us-east-1a, us-east-1b)" in text  # its subnet group
    for rule in ("AG201", "AG205", "AG207", "AG401"):
        assert rule in text
    assert "41.8 rps at peak" in text  # blog-server 13.89 rps × 3 calls + mailer 0.14 rps
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-fragile-blog-db.png"), full_page=False)
    assert errors == []
    page.close()


def test_per_az_nodes_open_their_component(browser, reports):
    page, errors, _ = open_report(browser, reports / "shop" / "report.html")
    nodes = page.locator('.diagram g.node[data-component="web"]')
    assert nodes.count() == 2  # one node per AZ the Auto Scaling group covers
    nodes.nth(1).click()
    assert page.locator("#details h3").inner_text() == "Orders API"
    page.locator('a[data-show="carts"]').first.click()
    assert page.locator("#details h3").inner_text() == "Carts table"
    assert errors == []
    page.close()


def test_hostile_labels_render_as_text(browser, tmp_path):
    spec = (SPECS / "fragile.yaml").read_text()
    spec = spec.replace("label: Blog database", "label: \"<img src=x onerror=alert(1)><script>alert(2)</script>\"")
    spec = spec.replace("title: Legacy blog (fragile on purpose)", "title: \"</title><script>alert(3)</script>\"")
    (tmp_path / "evil.yaml").write_text(spec)
    result = subprocess.run([sys.executable, "-m", "archgen", "build", str(tmp_path / "evil.yaml"), "-o",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page, errors, _ = open_report(browser, tmp_path / "out" / "fragile" / "report.html")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.locator('.diagram g.node[data-component="blog-db"]').first.click()
    assert page.locator("#details h3").inner_text() == "<img src=x onerror=alert(1)><script>alert(2)</script>"
    assert page.title() == "</title><script>alert(3)</script> — archgen report"
    assert dialogs == [] and errors == []
    assert page.locator("img").count() == 0
    page.close()


def test_the_tier_table_adds_up_to_the_cost_estimate(reports):
    """Every tier whose cost is in the total has a row (NAT gateways carry no requests but cost money)."""
    from archgen.report.bundle import html_page_data
    from archgen.pipeline import run_file

    run = run_file(str(SPECS / "shop.yaml"))
    tiers = html_page_data(run)["tiers"]
    priced = [t.id for t in run.traffic.tiers.values() if t.cost is not None]
    assert {"nat-a", "nat-b", "dr-nat-a", "dr-nat-b", "site-dr"} <= set(priced)
    assert [t["id"] for t in tiers if t["cost_month"] is not None] == priced
    assert sum(t["cost_month"] for t in tiers if t["cost_month"] is not None) == run.traffic.monthly_cost


def test_traffic_table_and_chart_share_one_utilisation_base_and_no_label_is_cut(browser, reports):
    page, errors, _ = open_report(browser, reports / "shop" / "report.html")
    traffic = page.locator("section", has=page.locator("h2", has_text="Traffic per tier")).locator("table")
    headers = traffic.locator("th").all_inner_texts()
    assert [h.replace("\n", " ") for h in headers][4:6] == ["max rps", "utilisation of max"]
    web = traffic.locator("tr", has=page.locator('a[data-show="web"]'))
    assert web.locator("td").all_inner_texts()[4:6] == ["2,000", "3%"]  # 62.5 rps of 8 instances × 250 rps
    chart = page.locator("svg.chart")
    assert "62.5 of 2,000 rps · 3% of max" in chart.text_content()
    box = chart.bounding_box()
    for text in chart.locator("text").all():
        inner = text.bounding_box()
        assert inner["x"] >= box["x"] - 0.5 and inner["x"] + inner["width"] <= box["x"] + box["width"] + 0.5, \
            f"cut: {text.text_content()!r}"
    assert errors == []
    page.close()


def view_box(page) -> list[float]:
    return [float(v) for v in page.locator(".diagram svg").get_attribute("viewBox").split()]


def test_diagram_fits_the_panel_and_zooms_pans_and_searches(browser, reports):
    page, errors, _ = open_report(browser, reports / "shop" / "report.html")
    panel = page.locator(".diagram").bounding_box()
    drawn = page.locator(".diagram svg").bounding_box()
    assert drawn["width"] <= panel["width"] + 1 and drawn["height"] <= panel["height"] + 1  # fits by default
    home = view_box(page)
    page.click("#zoom-in")
    zoomed = view_box(page)
    assert zoomed[2] < home[2] and zoomed[3] < home[3]
    page.mouse.move(panel["x"] + 200, panel["y"] + 200)
    page.mouse.down()
    page.mouse.move(panel["x"] + 300, panel["y"] + 260, steps=5)
    page.mouse.up()
    panned = view_box(page)
    assert panned[0] < zoomed[0] and panned[1] < zoomed[1] and panned[2] == zoomed[2]
    page.click("#zoom-fit")
    assert view_box(page) == home
    page.fill("#diagram-search", "carts")
    assert page.locator("#search-count").inner_text() == "2 matches"  # the table and its replica
    assert page.locator(".diagram g.node.match").count() == 2
    assert view_box(page)[2] < home[2]  # zoomed to the first match
    page.press("#diagram-search", "Enter")
    assert page.locator("#details h3").inner_text() == "Carts table"
    page.fill("#diagram-search", "")
    assert view_box(page) == home and page.locator(".diagram g.node.match").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-shop.png"), full_page=False)
    assert errors == []
    page.close()


def test_notes_say_what_the_figures_rest_on(browser, reports):
    page, errors, _ = open_report(browser, reports / "shop" / "report.html")
    notes = page.locator("ul.notes").inner_text()
    assert "priced at us-east-1 rates although in another Region (no price table bundled for it): " \
           "site-dr, dr-nat-a, dr-nat-b, dr-alb, dr-web" in notes
    assert "dr-web: priced at us-east-1 rates: archgen bundles no us-west-2 price table" in notes
    page.locator('.diagram g.node[data-component="dr-web"]').first.click()
    assert "note: priced at us-east-1 rates" in page.locator("#details").inner_text()
    assert errors == []
    page.close()


def test_multi_region_report_links_the_overview_and_each_region(browser, reports):
    page, errors, _ = open_report(browser, reports / "shop" / "report.html")
    links = page.locator(".toolbar .views a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == ["overview", "us-east-1", "us-west-2"]
    for i in range(links.count()):
        assert (reports / "shop" / links.nth(i).get_attribute("href")).is_file()
    single, _, _ = open_report(browser, reports / "fragile" / "report.html")
    assert single.locator(".toolbar .views").count() == 0
    assert errors == []
    page.close()
    single.close()


def test_the_page_carries_the_resilience_review(browser, reports):
    """What losing each AZ and Region cuts, Region N+1, availability and the recovery estimate with its steps:
    the same review as the Markdown report, on the page a reviewer opens."""
    page, errors, _ = open_report(browser, reports / "shop" / "report.html")
    section = page.locator("section", has=page.locator("h2", has_text="Resilience")).inner_text()
    assert "Region us-east-1\t4\t—\tsite, nat-a, nat-b, web-alb, web, cache" in section
    assert ("losing us-east-1: dr-web (us-west-2): a peak of 62.5 rps (was 0 rps); it serves 500 rps at its current "
            "size, 2,000 rps at its largest: enough") in section
    assert "critical path shoppers → site = 99.8999% (target 99.95%: not met)" in section
    assert "RTO unknown (objective 30 min: cannot tell) — no figure for: detect the disaster" in section
    assert "decide\tdetect the disaster, escalate and decide to fail over\tunknown\t" in section
    page.close()
    assert not errors
