"""Durations and sizes as people write them ('15m', '4KB') turned into seconds and bytes."""

from __future__ import annotations

import math
import re

_DURATION = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h|d)$")
_SIZE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*(B|kB|KB|MB|GB|KiB|MiB|GiB)$")
_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
# KB, MB, GB = 1,024-based, as archgen has always read them (DynamoDB's capacity-unit rules count in
# these units); KiB, MiB, GiB say so explicitly; kB (SI, lower-case k) is 1,000 bytes, the unit of
# AWS's decimal prices (Elastic Load Balancing's "GB processed"). No decimal MB: MB already meant MiB.
_BYTES = {"B": 1, "kB": 1000, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "KiB": 1024, "MiB": 1024**2,
          "GiB": 1024**3}


def _quantity(value, pattern: re.Pattern, factors: dict[str, float], what: str) -> float:
    """A bare number as it is, or 'NUMBER UNIT' times the unit's factor."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    match = pattern.match(str(value).strip())
    if not match:
        raise ValueError(f"not a {what}: {value!r}")
    quantity = float(match.group(1)) * factors[match.group(2)]
    if not math.isfinite(quantity):  # the schema bounds the digits; this guards callers that skip it
        raise ValueError(f"not a finite {what}: {value!r}")
    return quantity


def parse_duration(value) -> float:
    """Seconds; a bare number already is seconds."""
    return _quantity(value, _DURATION, _SECONDS, "duration")


def parse_size(value) -> float:
    """Bytes; a bare number already is bytes."""
    return _quantity(value, _SIZE, _BYTES, "size")

