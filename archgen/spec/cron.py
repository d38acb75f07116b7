"""AWS cron expressions (``cron(Minutes Hours Day-of-month Month Day-of-week Year)``, the form AWS
Backup and EventBridge schedules use) read as the longest time between two runs.

The six fields and their special characters are those of the Amazon CloudWatch Events User
Guide, "Schedule expressions for rules" (``SOURCE``), which AWS Backup's ScheduleExpression
follows: ``*`` ``,`` ``-`` ``/`` in every field, ``?`` in
day-of-month or day-of-week (one of the two must be ``?``), ``L`` (last day of the month, or
``nL`` the last weekday n of it), ``n#k`` (the k-th weekday n of the month); months JAN-DEC
and weekdays SUN-SAT (1-7) by name. ``W`` (nearest weekday) and a restricted year are not
read: ``interval`` says so instead of guessing. Times are UTC, as AWS Backup reads them.

``interval(expression)`` walks the runs over four calendar years (one of them a leap year, so
monthly and yearly schedules show their longest gap) and returns the longest gap in seconds.
Nothing is executed: the text is split and matched against numbers.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {name: n for n, name in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                                             "NOV", "DEC"), start=1)}
WEEKDAYS = {name: n for n, name in enumerate(("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"), start=1)}
WRAPPED = re.compile(r"^\s*cron\((.*)\)\s*$", re.IGNORECASE)
FIRST_DAY, DAYS = date(2027, 1, 1), 1461  # 2027 to 2030, with the leap year 2028
SOURCE = ('Amazon CloudWatch Events User Guide, "Schedule expressions for rules" (the cron form AWS Backup '
          "reads) — https://docs.aws.amazon.com/AmazonCloudWatch/latest/events/ScheduledEvents.html")


class CronError(ValueError):
    """The text is not an AWS cron expression archgen can read (the message says why)."""


def interval(expression: str) -> float:
    """Seconds between the two runs furthest apart; CronError when the text cannot be read."""
    minutes, hours, days, months, weekdays, year = _fields(expression)
    if year not in ("*", "?"):
        raise CronError(f"a schedule limited to some years ('{year}') stops: archgen reads only '*' as the year")
    minute_set = _values(minutes, 0, 59, {}, "minutes")
    hour_set = _values(hours, 0, 23, {}, "hours")
    month_set = _values(months, 1, 12, MONTHS, "month")
    if (days == "?") == (weekdays == "?"):
        raise CronError("one of day-of-month and day-of-week must be '?', and only one")
    on_day = _day_of_month(days) if weekdays == "?" else _day_of_week(weekdays)
    times = sorted(h * 3600 + m * 60 for h in hour_set for m in minute_set)
    runs = []
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        if day.month in month_set and on_day(day):
            base = offset * 86400
            runs.extend(base + t for t in times)
    if len(runs) < 2:
        raise CronError("it runs less than twice in four years")
    return float(max(b - a for a, b in zip(runs, runs[1:])))


def shortest_gap(expression: str) -> float:
    """Seconds between the two runs closest together within a day (AWS Backup asks for at least an hour)."""
    minutes, hours, *_ = _fields(expression)
    times = sorted(h * 3600 + m * 60 for h in _values(hours, 0, 23, {}, "hours")
                   for m in _values(minutes, 0, 59, {}, "minutes"))
    gaps = [b - a for a, b in zip(times, times[1:])]
    return float(min(gaps)) if gaps else 86400.0


def _fields(expression: str) -> list[str]:
    match = WRAPPED.match(str(expression))
    if not match:
        raise CronError("write it as cron(Minutes Hours Day-of-month Month Day-of-week Year)")
    fields = match.group(1).split()
    if len(fields) != 6:
        raise CronError(f"an AWS cron expression has 6 fields, not {len(fields)}")
    return fields


def _number(text: str, low: int, high: int, names: dict[str, int], what: str) -> int:
    value = names.get(text.upper()) if names else None
    if value is None:
        if not text.isdigit():
            raise CronError(f"'{text}' is not a value of {what}")
        value = int(text)
    if not low <= value <= high:
        raise CronError(f"{what} {value} is outside {low}-{high}")
    return value


def _values(field: str, low: int, high: int, names: dict[str, int], what: str) -> set[int]:
    """The numbers a field of ``*``, lists, ranges and steps stands for."""
    out: set[int] = set()
    for part in field.split(","):
        base, _, step_text = part.partition("/")
        step = _number(step_text, 1, high - low + 1, {}, f"the step of {what}") if step_text else 1
        if base in ("*", "?"):
            start, end = low, high
        elif "-" in base:
            first, _, last = base.partition("-")
            start, end = _number(first, low, high, names, what), _number(last, low, high, names, what)
            if end < start:
                raise CronError(f"the range {base} of {what} runs backwards")
        else:
            start = _number(base, low, high, names, what)
            end = high if step_text else start
        out.update(range(start, end + 1, step))
    return out


def _aws_weekday(day: date) -> int:
    return (day.weekday() + 1) % 7 + 1  # SUN=1 ... SAT=7


def _last_of_month(day: date) -> bool:
    return (day + timedelta(days=1)).month != day.month


def _day_of_month(field: str):
    if field.upper() == "L":
        return _last_of_month
    if "W" in field.upper():
        raise CronError("'W' (nearest weekday) is not read by archgen")
    wanted = _values(field, 1, 31, {}, "day-of-month")
    return lambda day: day.day in wanted


def _day_of_week(field: str):
    upper = field.upper()
    if "#" in upper:
        weekday, _, nth = upper.partition("#")
        number, index = _number(weekday, 1, 7, WEEKDAYS, "day-of-week"), _number(nth, 1, 5, {}, "the # of day-of-week")
        return lambda day: _aws_weekday(day) == number and (day.day - 1) // 7 + 1 == index
    if upper.endswith("L") and upper != "L":
        number = _number(upper[:-1], 1, 7, WEEKDAYS, "day-of-week")
        return lambda day: _aws_weekday(day) == number and (day + timedelta(days=7)).month != day.month
    wanted = _values(upper, 1, 7, WEEKDAYS, "day-of-week")
    return lambda day: _aws_weekday(day) in wanted
