"""Region -> Availability Zone names, for ``Fn::GetAZs`` (a bundled, dated table; never fetched).

The table (``archgen/iac/data/availability_zones.json``) records its source page, the day it
was read and how AZ names follow from the page's AZ IDs. ``Fn::GetAZs`` returns the AZs an
*account* can use, which varies in the oldest Regions: the importer says which table entry
it used, so a reader can pass the account's own view with ``--parameter``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

TABLE_FILE = Path(__file__).resolve().parent / "data" / "availability_zones.json"
REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]{1,2}$")


@cache
def _table() -> dict:
    return json.loads(TABLE_FILE.read_text(encoding="utf-8"))


def availability_zones(region: str) -> tuple[str, ...] | None:
    """AZ names of ``region`` in the table's order, or None for a Region it does not list."""
    entry = _table()["regions"].get(region)
    return tuple(entry["names"]) if entry else None


def partition(region: str) -> tuple[str, str]:
    """(AWS::Partition, AWS::URLSuffix) of a Region."""
    if region.startswith("cn-"):
        return "aws-cn", "amazonaws.com.cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov", "amazonaws.com"
    return "aws", "amazonaws.com"
