"""DynamoDB capacity units for reads and writes, exactly as the Developer Guide counts them.

Sources: Amazon DynamoDB Developer Guide, "DynamoDB read and write operations" (sizes round
up to 4 KB for reads and 1 KB for writes; eventual reads cost half, transactional reads
double), "Global secondary indexes" (every GSI write costs WCU on the index, sized by the
index entry), "Local secondary indexes" (LSI writes consume the base table's WCU), and the
DynamoDB pricing page (transactional writes cost two WCU per 1 KB).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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


def call_units(table, *, reads: float, writes: float, consistency: str = "eventual",
               transactional_writes: bool = False, index: str | None = None,
               item_bytes: float | None = None, tally: UnitTally | None = None) -> UnitTally:
    """Add the units ``reads``/s and ``writes``/s of one connection cost ``table`` to ``tally``.

    Reads through a GSI are charged to the GSI (eventually consistent only); reads through an
    LSI to the base table. Every base-table write also writes each GSI for the share of items
    carrying its key (``write_share``), sized by the index entry, and each LSI, charged to the
    base table. GSI writes are not doubled for transactions (derived: the guide doubles the
    transactional item write, not the asynchronous index update). A write that changes an
    indexed key costs two index writes; archgen cannot tell updates from puts and counts one.
    """
    tally = tally or UnitTally()
    ix = table.index(index) if index else None
    size = item_bytes if item_bytes is not None else (ix.item_bytes if ix is not None else table.item_bytes)
    if reads:
        if ix is not None and ix.kind == "gsi":
            tally.index_read[ix.name] = tally.index_read.get(ix.name, 0.0) + reads * read_units(size, "eventual")
        else:
            tally.table_read += reads * read_units(size, consistency)
    if writes:
        write_size = item_bytes if item_bytes is not None else table.item_bytes
        tally.table_write += writes * write_units(write_size, transactional_writes)
        for lsi in table.lsis:
            tally.table_write += writes * write_units(lsi.item_bytes)
        for gsi in table.gsis:
            tally.index_write[gsi.name] = (tally.index_write.get(gsi.name, 0.0)
                                           + writes * gsi.write_share * write_units(gsi.item_bytes))
    return tally


def partitions_needed(rcu: float, wcu: float) -> int:
    """Partitions a throughput needs (derived): ⌈RCU / 3,000 + WCU / 1,000⌉, at least 1."""
    return max(1, math.ceil(rcu / facts.PARTITION_MAX_RCU + wcu / facts.PARTITION_MAX_WCU - 1e-9))
