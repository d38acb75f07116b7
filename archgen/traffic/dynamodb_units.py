"""DynamoDB capacity units for reads and writes, exactly as the Developer Guide counts them.

Sources: Amazon DynamoDB Developer Guide, "DynamoDB read and write operations" (sizes round
up to 4 KB for reads and 1 KB for writes; eventual reads cost half, transactional reads
double; Query sums the items returned and Scan the items evaluated, then rounds up once;
BatchGetItem and BatchWriteItem round each item up, then sum; UpdateItem, and a PutItem that
replaces an item, are charged on the larger of the item before and after) —
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html —
"Global secondary indexes" (every GSI write costs WCU on the index, sized by the index entry;
a write that changes an indexed key attribute's value takes two index writes, a delete and a
put), "Local secondary indexes" (LSI writes consume the base table's WCU), and the DynamoDB
pricing page (transactional writes cost two WCU per 1 KB).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from archgen.model import SINGLE_ITEM_CALLS, ItemCalls
from archgen.traffic import facts


def read_units(item_bytes: float, consistency: str = "eventual") -> float:
    """RCU (or on-demand RRU) one read of an item costs.

    8 KB: strong 2, eventual 1, transactional 4; 3.5 KB rounds up to 4 KB, 10 KB to 12 KB.
    """
    blocks = max(1, math.ceil(item_bytes / facts.READ_UNIT_BYTES))
    return blocks * facts.READ_COST[consistency]


def write_units(item_bytes: float, transactional: bool = False) -> float:
    """WCU (or on-demand WRU) one write of an item costs: 2 KB = 2, transactional 4; 512 B = 1."""
    blocks = max(1, math.ceil(item_bytes / facts.WRITE_UNIT_BYTES))
    return blocks * (facts.TRANSACTIONAL_WRITE_COST if transactional else 1.0)


def read_call_units(item_bytes: float, consistency: str = "eventual", operation: str = "get_item",
                    items: float = 1.0) -> float:
    """RCU one read call costs. Query returning 10 items of 40.8 KB in all: 44 KB, 11 strong; a Scan counts the
    items it evaluates; BatchGetItem of 1.5 KB and 6.5 KB items: 4 KB + 8 KB = 12 KB, 3 strong."""
    if operation in ("query", "scan"):
        blocks = max(1, math.ceil(items * item_bytes / facts.READ_UNIT_BYTES - 1e-9))
        return blocks * facts.READ_COST[consistency]
    return items * read_units(item_bytes, consistency)


def write_call_units(item_bytes: float, transactional: bool = False, operation: str = "put_item",
                     items: float = 1.0, item_bytes_before: float | None = None) -> float:
    """WCU one write call costs. UpdateItem (and a PutItem that replaces an item) is charged on the larger of the
    item before and after; a DeleteItem on the item deleted; BatchWriteItem of 500 B and 3.5 KB items:
    1 KB + 4 KB = 5 KB, 5 WCU."""
    size = item_bytes if item_bytes_before is None else max(item_bytes, item_bytes_before)
    if operation == "delete_item" and item_bytes_before is not None:
        size = item_bytes_before  # the size of the item it deletes
    return items * write_units(size, transactional)


@dataclass
class UnitTally:
    """Capacity units per second drawn from one table, split by where they are charged."""

    table_read: float = 0.0  # base table RCU (includes LSI reads: LSIs share the table's throughput)
    table_write: float = 0.0  # base table WCU (includes LSI writes)
    index_read: dict[str, float] | None = None  # GSI name -> RCU on that index
    index_write: dict[str, float] | None = None  # GSI name -> WCU on that index

    def __post_init__(self) -> None:
        self.index_read = self.index_read if self.index_read is not None else {}
        self.index_write = self.index_write if self.index_write is not None else {}


class CallCosts(NamedTuple):
    """What one read call and one write call on a connection cost, whatever its rate: worked out once per
    connection and charged at the average and at the peak (``add``)."""

    read_index: str | None  # the GSI its reads are charged to; None: the base table
    read: float  # units per read call
    write: float  # units per write call, on the base table
    items_per_write: float
    key_change_share: float
    lsi_writes: tuple[float, ...]  # units per index write of each LSI, charged to the base table
    gsi_writes: tuple[tuple[str, float, float], ...]  # (name, write_share, units per index write) of each GSI

    def add(self, tally: UnitTally, reads: float, writes: float) -> UnitTally:
        """Add the units ``reads``/s and ``writes``/s (calls) cost to ``tally``."""
        if reads:
            if self.read_index is not None:
                tally.index_read[self.read_index] = tally.index_read.get(self.read_index, 0.0) + reads * self.read
            else:
                tally.table_read += reads * self.read
        if writes:
            tally.table_write += writes * self.write
            # index writes per call: one per item written, two for those that change an indexed key
            index_writes = writes * self.items_per_write * (1.0 + self.key_change_share)
            for units in self.lsi_writes:
                tally.table_write += index_writes * units
            for name, share, units in self.gsi_writes:
                tally.index_write[name] = tally.index_write.get(name, 0.0) + index_writes * share * units
        return tally


_new_costs = partial(tuple.__new__, CallCosts)  # CallCosts(...) from its fields in order, without keyword handling

IndexWrites = tuple[tuple[float, ...], tuple[tuple[str, float, float], ...]]


def index_write_units(table) -> IndexWrites:
    """(units per index write of each LSI, (name, write_share, units per index write) of each GSI): the same for
    every connection to ``table``, so worked out once per table."""
    return (tuple(write_units(lsi.item_bytes) for lsi in table.lsis),
            tuple((g.name, g.write_share, write_units(g.item_bytes)) for g in table.gsis))


def call_costs(table, *, consistency: str = "eventual", transactional_writes: bool = False, index: str | None = None,
               item_bytes: float | None = None, calls: ItemCalls = SINGLE_ITEM_CALLS,
               index_writes: IndexWrites | None = None) -> CallCosts:
    """What the calls of one connection cost ``table`` per call (``index_writes``: the table's
    ``index_write_units``, when the caller has them).

    ``calls`` says which operations they are (``read_call_units``, ``write_call_units``). Reads
    through a GSI are charged to the GSI (eventually consistent only); reads through an LSI to the
    base table. Every item a write puts, updates or deletes also writes each GSI for the share of
    items carrying its key (``write_share``), sized by the index entry, and each LSI, charged to
    the base table; the share of writes that change an indexed key's value (``key_change_share``)
    writes each index twice. GSI writes are not doubled for transactions (derived: the guide
    doubles the transactional item write, not the asynchronous index update).
    """
    ix = table.index(index) if index else None
    size = item_bytes if item_bytes is not None else (ix.item_bytes if ix is not None else table.item_bytes)
    gsi = ix is not None and ix.kind == "gsi"
    write_size = item_bytes if item_bytes is not None else table.item_bytes
    lsi_writes, gsi_writes = index_writes if index_writes is not None else index_write_units(table)
    return _new_costs((
        ix.name if gsi else None,
        read_call_units(size, "eventual" if gsi else consistency, calls.read_operation, calls.items_per_read),
        write_call_units(write_size, transactional_writes, calls.write_operation, calls.items_per_write,
                         calls.item_bytes_before),
        calls.items_per_write, calls.key_change_share, lsi_writes, gsi_writes))


def partitions_needed(rcu: float, wcu: float) -> int:
    """Partitions a throughput needs (derived): ⌈RCU / 3,000 + WCU / 1,000⌉, at least 1."""
    return max(1, math.ceil(rcu / facts.PARTITION_MAX_RCU + wcu / facts.PARTITION_MAX_WCU - 1e-9))
