"""AWS cron expressions read as the longest time between two runs (archgen.spec.cron), with the examples of
the AWS Backup API Reference (BackupRule: '15 * ? * * *' every hour, '0 12 * * ? *' every day at noon UTC)."""

from __future__ import annotations

import pytest

from archgen.spec.cron import CronError, interval, shortest_gap

HOUR, DAY = 3600.0, 86400.0


@pytest.mark.parametrize(("expression", "longest"), [
    ("cron(15 * ? * * *)", HOUR),  # AWS Backup API example: every hour at 15 minutes past
    ("cron(0 12 * * ? *)", DAY),  # AWS Backup API example: every day at 12 noon UTC
    ("cron(0 5 ? * * *)", DAY),  # AWS Backup's default schedule
    ("cron(0 0/4 * * ? *)", 4 * HOUR),
    ("cron(0 0,12 * * ? *)", 12 * HOUR),
    ("cron(0 1,20 * * ? *)", 19 * HOUR),  # uneven: the longer gap counts
    ("cron(0 5 ? * SUN *)", 7 * DAY),
    ("cron(0 5 ? * MON-FRI *)", 3 * DAY),  # Friday to Monday
    ("cron(0 5 1 * ? *)", 31 * DAY),  # monthly: the longest month
    ("cron(0 5 L * ? *)", 31 * DAY),
    ("cron(0 5 ? * 6#3 *)", 35 * DAY),  # third Friday
    ("cron(0 5 1 JAN ? *)", 366 * DAY),  # yearly: across a leap day
    ("CRON(0 5 ? * * *)", DAY),
])
def test_longest_gap_between_runs(expression, longest):
    assert interval(expression) == longest


def test_shortest_gap_within_a_day():
    assert shortest_gap("cron(0 0,12 * * ? *)") == 12 * HOUR
    assert shortest_gap("cron(0/10 * ? * * *)") == 600
    assert shortest_gap("cron(0 5 ? * * *)") == DAY


@pytest.mark.parametrize(("expression", "why"), [
    ("rate(1 day)", "write it as cron("),
    ("cron(0 5 ? * *)", "6 fields, not 5"),
    ("cron(0 5 * * * *)", "one of day-of-month and day-of-week must be '?'"),
    ("cron(0 5 ? * ? *)", "one of day-of-month and day-of-week must be '?'"),
    ("cron(0 24 ? * * *)", "hours 24 is outside 0-23"),
    ("cron(0 5 15W * ? *)", "'W' (nearest weekday) is not read"),
    ("cron(0 5 ? * * 2027)", "limited to some years"),
    ("cron(0 5 31 FEB ? *)", "less than twice"),
    ("cron(0 5 ? * FUNDAY *)", "'FUNDAY' is not a value of day-of-week"),
    ("cron(0 10-2 ? * * *)", "runs backwards"),
])
def test_what_cannot_be_read_says_why(expression, why):
    with pytest.raises(CronError, match=None) as raised:
        interval(expression)
    assert why in str(raised.value)
