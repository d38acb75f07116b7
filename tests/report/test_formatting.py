"""archgen.formatting: one rule per kind of figure, the same in every report."""

from __future__ import annotations

import pytest

from archgen import formatting as f


@pytest.mark.parametrize("value, text", [
    (None, "—"), (float("inf"), "∞"), (0, "0"), (0.125, "0.125"), (5.555, "5.55"), (12.5, "12.5"), (12.0, "12"),
    (99.96, "100"), (1234.5, "1,234"), (-12.25, "-12.2"), (1e300, "1e+300"),
])
def test_number_keeps_the_digits_a_quantity_deserves(value, text):
    assert f.number(value) == text


def test_rates_multiples_and_compact_millions():
    assert f.rate(1200) == "1,200 rps"
    assert f.rate(None) == "—"
    assert f.rate(2.5, "reads/s") == "2.5 reads/s"
    assert f.rate(12_345_678, "req/s", compact=True) == "12.3 M req/s"
    assert f.rate(12_345, "req/s", compact=True) == "12,345 req/s"
    assert f.times(2.5) == "2.5×" and f.times(None) == "—"


@pytest.mark.parametrize("value, text", [(None, "—"), (float("inf"), "∞"), (0, "0%"), (0.004, "0.4%"), (0.85, "85%"),
                                         (2.5, "250%")])
def test_percent_never_rounds_a_small_share_to_zero(value, text):
    assert f.percent(value) == text


def test_availability_tells_the_nines_apart():
    assert f.availability_percent(0.9995) == "99.95%"
    assert f.availability_percent(0.999999) == "99.9999%"
    assert f.availability_percent(1.0) == "100%"
    assert f.availability_percent(None) == "—"
    assert f.points(0.04) == "0.04 pp"


def test_money_and_unit_prices():
    assert f.money(1234.5) == "$1,234.50"
    assert f.money(None) == "—"
    assert f.money(2e20) == "$2e+20"
    assert f.unit_price(0.0000166667) == "$0.0000166667"
    assert f.unit_price(0.4) == "$0.4"


@pytest.mark.parametrize("seconds, text", [(0.5, "0.5 s"), (90, "90 s"), (1800, "30 min"), (5400, "1.5 h"),
                                           (None, "—")])
def test_durations(seconds, text):
    assert f.duration(seconds) == text


def test_missing_duration_can_say_why():
    assert f.duration(None, missing="unbounded") == "unbounded"


def test_signed_delta_is_signed_and_empty_when_unknown_or_equal():
    assert f.signed_delta(10.0, 22.0, f.money) == " (+$12.00)"
    assert f.signed_delta(22.0, 10.0, f.money) == " (−$12.00)"
    assert f.signed_delta(None, 10.0, f.money) == ""
    assert f.signed_delta(5.0, 5.0, f.money) == ""


def test_duration_ranges():
    assert f.duration_range(60, 120) == "1–2 min"
    assert f.duration_range(30, 100) == "30–100 s"
    assert f.duration_range(0, 60) == "up to 60 s"
    assert f.duration_range(90, 90) == "90 s"
    assert f.duration_range(600, 7200) == "10 min–2 h"
    assert f.duration_range(None, 5, missing="unknown") == "unknown"
