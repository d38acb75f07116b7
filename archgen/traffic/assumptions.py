"""Which tiers' figures rest on something the spec did not say: a note on each of them.

- ``read_ratio`` unset on a users component: every request is a read, so writes — DynamoDB
  WCU, a database primary's writes, S3 PUTs — count 0 on every tier those requests reach
  (until a connection sets its own ``read_ratio``);
- ``request_size``/``response_size`` unset: requests and responses weigh 0 bytes, so MB/s,
  GB/month, ALB processed bytes and CloudFront data transfer out count 0 on every tier reached
  (DynamoDB calls are sized by the table's item size instead);
- a tier in a Region other than the bundled price table's is priced at that table's rates.

One pass over the connections per kind of default (multi-source breadth-first search), so the
notes cost time linear in the spec's size.
"""

from __future__ import annotations

from collections import deque
from typing import Callable

from archgen import model as m

SIZE_KEYS = ("request_size", "response_size")


def _reached(spec: m.Spec, sources: list[m.Component], passes: Callable[[m.Connection], bool]) -> list[str]:
    """Ids of the sources and every component their requests reach through connections that ``passes``."""
    seen = {c.id for c in sources}
    queue = deque(seen)
    while queue:
        for conn in spec.outgoing(queue.popleft()):
            if conn.carries_requests and conn.share * conn.calls > 0 and conn.target not in seen and passes(conn):
                seen.add(conn.target)
                queue.append(conn.target)
    return [c.id for c in spec.components if c.id in seen]


def _names(users: list[m.Component]) -> str:
    return ", ".join(u.id for u in users)


def default_notes(spec: m.Spec, entry_points: tuple[m.Users, ...] | None = None) -> dict[str, list[str]]:
    """Component id -> notes on the traffic defaults its figures rest on (``entry_points``: the spec's, when the
    caller has them)."""
    notes: dict[str, list[str]] = {}
    profiled = [u for u in (spec.entry_points if entry_points is None else entry_points) if u.traffic is not None]
    all_reads = [u for u in profiled if "read_ratio" in u.traffic.unset]
    if all_reads:
        note = f"assumes 100% reads, 0 writes: read_ratio is not set on {_names(all_reads)}"
        for tier in _reached(spec, all_reads, lambda conn: conn.read_ratio is None):
            notes.setdefault(tier, []).append(note)
    weightless = [u for u in profiled if set(SIZE_KEYS) & set(u.traffic.unset)]
    if weightless:
        unset = [key for key in SIZE_KEYS if any(key in u.traffic.unset for u in weightless)]
        note = (f"{' and '.join(unset)} not set on {_names(weightless)}: counted as 0 bytes "
                "(MB/s, GB/month and data-transfer cost)")
        for tier in _reached(spec, weightless, lambda conn: not isinstance(spec.component(conn.target), m.DynamoTable)):
            notes.setdefault(tier, []).append(note)
    return notes


def region_note(region: str | None, priced_region: str) -> str | None:
    """The note for a priced tier in ``region``, outside the price table's Region (None: inside, or a global
    service)."""
    if region is None or region == priced_region:
        return None
    return (f"priced at {priced_region} rates: archgen bundles no {region} price table "
            f"(check the AWS Pricing Calculator for {region})")
