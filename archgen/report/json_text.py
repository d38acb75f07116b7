"""JSON text of a report: compact for programs (the default), indented for people (``--pretty``).

A 10,000-component analysis is about half the size without the indentation; both forms hold
the same document and both end with a newline.

It is always JSON: ``Infinity`` and ``NaN`` (which Python's json writes, and no JSON parser
reads) become ``null``. Spec numbers are bounded (docs/limits.md), so a non-finite value only
comes from a division by a zero capacity (a utilisation): null says "no finite value".
"""

from __future__ import annotations

import json
import math
from typing import Any


def json_text(document, *, pretty: bool = False) -> str:
    if pretty:
        return dumps(document, indent=2, ensure_ascii=False) + "\n"
    return dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def dumps(document: Any, **options) -> str:
    """json.dumps that never writes Infinity or NaN."""
    try:  # the usual case: nothing to replace, no second pass over the document
        return json.dumps(document, allow_nan=False, **options)
    except ValueError:
        return json.dumps(finite(document), allow_nan=False, **options)


def finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by None (containers recursively)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(item) for item in value]
    return value
