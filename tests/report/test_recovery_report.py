"""What the text and Markdown reviews say about losing a Region (docs/dr-model.md): the Region-level N+1
lines for each tier of the Regions left, and RTO/RPO verdicts that never print a number where a step
has none."""

from __future__ import annotations

from archgen.analysis.engine import analyze
from archgen.report import findings_markdown, findings_text


def test_region_loss_capacity_is_printed_for_every_tier_that_takes_over(bundled):
    """global: each Region's API (ECS, 2,700 rps at its desired size, 9,000 at its max) takes the other's
    2,000 rps, a 4,000 rps peak: short by 1,300 rps until it scales out; the ledger tables are enough."""
    report = analyze(bundled("global"))
    line = ("euw1-api (eu-west-1): a peak of 4,000 rps (was 2,000 rps); it serves 2,700 rps at its current size, "
            "9,000 rps at its largest: short by 1,300 rps until it scales out")
    text = findings_text.render(report, "global.yaml")
    assert f"      capacity {line}\n" in text
    markdown = findings_markdown.render_file(report, "global.yaml")
    assert f"- losing us-east-1: {line}\n" in markdown
    # the RTO waits on that scale-out, for which AWS publishes no figure: a lower bound, not a number
    assert "RTO unknown (at least 20 s) (objective 5 min: cannot tell)" in markdown


def test_a_standby_sized_for_the_peak_says_enough_and_its_recovery_says_what_is_missing(bundled):
    """shop: dr-web (2 instances of 250 rps) takes the 62.5 rps peak; manual failover without
    dr.decision_time and an RDS replica promotion AWS gives no figure for leave the RTO unknown."""
    report = analyze(bundled("shop"))
    markdown = findings_markdown.render_file(report, "shop.yaml")
    assert ("- losing us-east-1: dr-web (us-west-2): a peak of 62.5 rps (was 0 rps); it serves 500 rps at its current "
            "size, 2,000 rps at its largest: enough\n") in markdown
    assert "RTO unknown (objective 30 min: cannot tell), RPO unknown (objective 5 min: cannot tell)" in markdown
    assert "declare `dr.decision_time`" in markdown and "declare `dr.promotion_time`" in markdown


def test_an_az_loss_nothing_recovers_is_unbounded_and_not_met(bundled):
    """fragile: losing us-east-1a cuts the blog (rebuilt by hand): unbounded; the One Zone file system's last
    daily backup (EFS User Guide, "Automatic backups") is up to 24 h old against a 15-minute RPO."""
    text = findings_text.render(analyze(bundled("fragile")), "fragile.yaml")
    assert "  RTO unbounded (objective 1 h): NOT met — nothing in the design recovers: losing us-east-1a cuts" in text
    assert "  RPO up to 24 h (objective 15 min): NOT met\n" in text
