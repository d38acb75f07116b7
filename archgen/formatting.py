"""How archgen writes figures for people: every report, rule message and diagram label uses these.

One rule per kind of figure, so a peak of 12.35 requests/s reads the same in the traffic
table, the HTML report, the pull-request comment and a finding. Machine formats (JSON, CSV)
keep raw numbers and do not come here. Imports nothing from archgen: every layer may use it.
"""

from __future__ import annotations

EMPTY = "—"  # no value: not computed, not applicable, not declared
INFINITE = "∞"
HUGE = 1e15  # from here on numbers are written in scientific notation (1e+300, not 301 digits)
MILLION = 1_000_000


def number(value: float | None) -> str:
    """A measured or derived quantity with as many digits as it deserves: 1,234 / 12.5 / 0.125."""
    if value is None:
        return EMPTY
    if value == float("inf"):
        return INFINITE
    if abs(value) >= HUGE:
        return f"{value:.3g}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def rate(per_second: float | None, unit: str = "rps", *, compact: bool = False) -> str:
    """'1,200 rps'; ``compact`` writes millions as '1.2 M req/s' (diagram edge labels)."""
    if per_second is None:
        return EMPTY
    if compact and MILLION <= abs(per_second) < HUGE:
        return f"{per_second / MILLION:,.1f} M {unit}"
    return f"{number(per_second)} {unit}"


def times(value: float | None) -> str:
    """A multiple: '2.5×' (the traffic at which a tier saturates, a scale factor)."""
    return EMPTY if value is None else f"{number(value)}×"


def percent(fraction: float | None) -> str:
    """A share or a utilisation (0.85 -> '85%'): whole percents, one decimal below 1% so it never reads 0%."""
    if fraction is None:
        return EMPTY
    if fraction == float("inf"):
        return INFINITE
    return f"{fraction:.1%}" if 0 < fraction < 0.01 else f"{fraction:.0%}"


def availability_percent(fraction: float | None) -> str:
    """An availability (0.9995 -> '99.95%') with the digits that tell 99.99% from 99.9999%."""
    if fraction is None:
        return EMPTY
    return f"{fraction * 100:.6f}".rstrip("0").rstrip(".") + "%"


def points(delta_percent: float) -> str:
    """A difference of two percentages, in percentage points: '0.04 pp'."""
    return f"{delta_percent:.6f}".rstrip("0").rstrip(".") + " pp"


def money(usd: float | None) -> str:
    """US dollars to the cent: '$1,234.56'."""
    if usd is None:
        return EMPTY
    return f"${usd:.3g}" if abs(usd) >= HUGE else f"${usd:,.2f}"


def unit_price(usd: float) -> str:
    """A list price per unit with all its digits, never in scientific notation: '$0.0000166667'."""
    return "$" + f"{usd:,.10f}".rstrip("0").rstrip(".")


MINUTE, HOUR, DAY = 60, 3600, 86400


def duration(seconds: float | None, *, missing: str = EMPTY) -> str:
    """A time span: '90 s', '30 min', '1.5 h'; ``missing`` when there is none (e.g. 'unbounded')."""
    if seconds is None:
        return missing
    if seconds < 120:
        return f"{seconds:g} s"
    if seconds < HOUR:
        return f"{seconds / MINUTE:g} min"
    return f"{seconds / HOUR:g} h"


def duration_range(low: float | None, high: float | None, *, missing: str = EMPTY) -> str:
    """An interval of time: '60–120 s', 'up to 1 min' (from 0), '90 s' (one value); ``missing`` when unknown."""
    if low is None or high is None:
        return missing
    if abs(high - low) < 1e-9:
        return duration(high)
    if low <= 0:
        return f"up to {duration(high)}"
    unit, size = ("s", 1) if high < 120 else ("min", MINUTE) if high < HOUR else ("h", HOUR)
    if low / size >= 1:  # both ends in the high end's unit: '1–2 min'
        return f"{low / size:g}–{high / size:g} {unit}"
    return f"{duration(low)}–{duration(high)}"


def long_duration(seconds: float | None, *, missing: str = EMPTY) -> str:
    """A span of days or more as days ('35 d', '1.5 d'), a shorter one as ``duration`` writes it."""
    if seconds is None or seconds < 2 * DAY:
        return duration(seconds, missing=missing)
    return f"{seconds / DAY:g} d"


def signed_delta(before: float | None, after: float | None, write) -> str:
    """' (+$12.00)' / ' (−0.04 pp)': the signed difference written by ``write``; '' when none or unknown."""
    if before is None or after is None:
        return ""
    delta = after - before
    if abs(delta) < 1e-12:
        return ""
    return f" ({'+' if delta > 0 else '−'}{write(abs(delta))})"


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """The noun that goes with ``n``: 'warning' for 1, 'warnings' otherwise (or ``plural_form``)."""
    return singular if n == 1 else plural_form or singular + "s"


def count(n: int, singular: str, plural_form: str | None = None) -> str:
    """A count with its noun: '1 warning', '2 warnings', '1,200 specs'."""
    return f"{n:,} {plural(n, singular, plural_form)}"


def judged(objective: str, ok: bool | None, *, what: str = "objective", marks: bool = False) -> str:
    """An estimate against its objective: 'objective 5 min: not met', 'target 99.95%: cannot tell';
    'no objective' when there is none (``objective`` is EMPTY). ``marks``: ✅/❌ before the verdict (Markdown)."""
    if objective == EMPTY:
        return f"no {what}"
    verdict = "cannot tell" if ok is None else ("met" if ok else "not met")
    if marks and ok is not None:
        verdict = ("✅ " if ok else "❌ ") + verdict
    return f"{what} {objective}: {verdict}"
