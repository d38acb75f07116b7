"""Durations and sizes as people write them."""

import pytest

from archgen.spec.units import parse_duration, parse_size


@pytest.mark.parametrize("text, seconds", [("500ms", 0.5), ("30s", 30), ("15m", 900), ("4h", 14400), ("1d", 86400),
                                           ("1.5h", 5400), (45, 45), ("2 m", 120)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text, size", [("512B", 512), ("4KB", 4096), ("3.5KB", 3584), ("1.5MB", 1572864),
                                        ("1GB", 1024**3), (100, 100)])
def test_sizes_count_kb_as_1024_bytes_like_dynamodb(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text, size", [("1kB", 1000), ("2.5kB", 2500), ("1KiB", 1024), ("4KiB", 4096),
                                        ("1MiB", 1024**2), ("1GiB", 1024**3)])
def test_sizes_take_explicit_decimal_kb_and_binary_kib(text, size):
    """kB is SI (1,000 B: Elastic Load Balancing's pricing counts in decimal units); KiB/MiB/GiB are
    1,024-based like KB/MB/GB, which keep their meaning for specs written before."""
    assert parse_size(text) == size


@pytest.mark.parametrize("bad", ["15 minutes", "m", "", True, "-1s"])
def test_bad_quantities_are_refused(bad):
    with pytest.raises(ValueError):
        parse_duration(bad)


@pytest.mark.parametrize("bad", ["1Kb", "1kiB", "1mB", "1 kilobyte"])
def test_size_units_are_case_sensitive(bad):
    with pytest.raises(ValueError):
        parse_size(bad)

