"""dynamodb: a DynamoDB table (regional, replicated across 3 AZs by the service; global tables across Regions)."""

from __future__ import annotations

from archgen import model as m
from archgen.catalogue.base import (
    Capability, ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, SlaFigure, State, Tier, Traffic,
    either,
)
from archgen.formatting import number
from archgen.spec.schema_parts import REGION_PATTERN, BIG, array, count, obj, positive, prop, ratio, size
from archgen.spec.units import parse_size
from archgen.traffic.capacity import assess_dynamodb, surviving_dynamodb
from archgen.traffic.cost import price_dynamodb

GLOBAL_TABLE_LAG_S = 1.0
GLOBAL_TABLE_SOURCE = ('Amazon DynamoDB Developer Guide, "Global tables": a write is usually propagated to '
                       "all replica tables within a second")
MULTI_ACTIVE_SOURCE = ('Amazon DynamoDB Developer Guide, "Global tables": every replica table takes reads and writes '
                       "(multi-active) — https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html")
ON_DEMAND_DOUBLE = 2.0  # on-demand takes up to double the previous peak at once
ON_DEMAND_RAMP_S = 30 * 60.0
ON_DEMAND_SOURCE = ('Amazon DynamoDB Developer Guide, "On-demand capacity mode": a table instantly accommodates up to '
                    "double its previous peak; beyond that, throttling can occur if traffic exceeds double the previous "
                    "peak within 30 minutes — "
                    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html")

KEY = obj("A key attribute.", {
    "name": prop("string", "Attribute name.", minLength=1, maxLength=255),
    "type": prop("string", "Attribute type: S (string), N (number) or B (binary). Default S.", enum=["S", "N", "B"]),
}, required=("name",))
PROJECTION = prop("string", "Attributes projected into the index.", enum=["ALL", "KEYS_ONLY", "INCLUDE"])

PROPERTIES = {
    "partition_key": {**KEY, "description": "Partition (hash) key."},
    "sort_key": {**KEY, "description": "Sort (range) key."},
    "capacity": obj("Capacity mode.", {
        "mode": prop("string", "provisioned (RCU/WCU you set) or on-demand (pay per request).",
                     enum=["provisioned", "on-demand"]),
        "read": count("Provisioned read capacity units (RCU).", 1, BIG),
        "write": count("Provisioned write capacity units (WCU).", 1, BIG),
    }, required=("mode",)),
    "item_size": size("Average item size (drives RCU/WCU rounding)."),
    "gsis": array("Global secondary indexes.", obj("A global secondary index.", {
        "name": prop("string", "Index name.", pattern=r"^[A-Za-z0-9_.-]{3,255}$"),
        "partition_key": {**KEY, "description": "Index partition key."},
        "sort_key": {**KEY, "description": "Index sort key."},
        "projection": PROJECTION,
        "item_size": size("Average index entry size (default: the table's item size for ALL, else 10% of it)."),
        "write_share": ratio("Share of base-table writes that carry this index's key attributes (default 1)"),
        "read": count("Provisioned RCU of the index.", 1, BIG),
        "write": count("Provisioned WCU of the index.", 1, BIG),
    }, required=("name", "partition_key")), maxItems=20),
    "lsis": array("Local secondary indexes (same partition key, other sort key).", obj("A local secondary index.", {
        "name": prop("string", "Index name.", pattern=r"^[A-Za-z0-9_.-]{3,255}$"),
        "sort_key": {**KEY, "description": "Index sort key."},
        "projection": PROJECTION,
        "item_size": size("Average index entry size (default: the table's item size for ALL, else 10% of it)."),
    }, required=("name", "sort_key")), maxItems=5),
    "point_in_time_recovery": prop("boolean", "Point-in-time recovery (continuous backups, 35 days)."),
    "global_table_regions": array("Other Regions holding replicas (global table).",
                                  prop("string", "Region name.", pattern=REGION_PATTERN), uniqueItems=True),
    "deletion_protection": prop("boolean", "Deletion protection enabled."),
    "hot_key_share": ratio("Share of the table's traffic that goes to its single busiest partition key"),
    "storage_gb": positive("Average table size in GB (for cost)."),
}

# keys of a connection that describe DynamoDB calls: they apply only to connections to a table
CONNECTION_KEYS = ("consistency", "index", "transactional_writes", "read_operation", "items_per_read", "write_operation",
                   "items_per_write", "item_size_before", "index_key_change_share")
BATCH_GET_MAX_ITEMS = 100  # BatchGetItem reads up to 100 items (DynamoDB API Reference, BatchGetItem)


def key(k: dict | None) -> m.KeyAttribute | None:
    """The key attribute ``k`` (name and type) of a table or an index; None when it has none."""
    return m.KeyAttribute(k["name"], k.get("type", "S")) if k else None


def secondary_index(ix: dict, kind: str, partition_key: m.KeyAttribute, table_item_bytes: float) -> m.SecondaryIndex:
    """The index ``ix`` (``kind`` gsi or lsi) of a table whose items weigh ``table_item_bytes``."""
    projection = ix.get("projection", "ALL")
    if "item_size" in ix:
        item_bytes = parse_size(ix["item_size"])
    else:
        item_bytes = table_item_bytes if projection == "ALL" else max(1.0, table_item_bytes / 10)
    # positional, in the model's field order: a large spec has thousands of indexes
    return m.SecondaryIndex(ix["name"], kind, partition_key, key(ix.get("sort_key")), projection, item_bytes,
                            ix.get("write_share", 1.0), ix.get("read"), ix.get("write"))


def build(builder, index: int, c: dict, common: dict) -> m.DynamoTable:
    item_bytes = builder.parsed(parse_size, c.get("item_size", "1KB"))
    capacity = c["capacity"]
    partition_key = key(c["partition_key"])
    gsis = tuple(secondary_index(g, "gsi", key(g["partition_key"]), item_bytes) for g in c["gsis"]) if "gsis" in c else ()
    # a local index shares the table's partition key
    lsis = tuple(secondary_index(g, "lsi", partition_key, item_bytes) for g in c["lsis"]) if "lsis" in c else ()
    return m.DynamoTable(
        **common, partition_key=partition_key, sort_key=key(c.get("sort_key")),
        capacity_mode=capacity["mode"], read_capacity=capacity.get("read"), write_capacity=capacity.get("write"),
        item_bytes=item_bytes, gsis=gsis, lsis=lsis,
        point_in_time_recovery=bool(c.get("point_in_time_recovery", False)),
        global_table_regions=tuple(c.get("global_table_regions", ())),
        deletion_protection=bool(c.get("deletion_protection", False)),
        hot_key_share=c.get("hot_key_share"), storage_gb=c.get("storage_gb"))


def check(checker, path: tuple, c: dict) -> None:
    """Capacity units match the capacity mode; index names are unique; LSIs need a sort key."""
    capacity = c.get("capacity") or {}
    provisioned = capacity.get("mode") == "provisioned"
    if provisioned:
        for key in ("read", "write"):
            if key not in capacity:
                checker.error(path + ("capacity",), f"provisioned capacity needs '{key}' capacity units")
    else:
        for key in ("read", "write"):
            if key in capacity:
                checker.error(path + ("capacity", key), f"on-demand tables have no provisioned '{key}' capacity",
                              "remove it, or set mode: provisioned")
    names = set()
    for kind in ("gsis", "lsis"):
        for i, index in enumerate(checker.as_list(c.get(kind))):
            if not isinstance(index, dict):
                continue
            if index.get("name") in names:
                checker.error(path + (kind, i, "name"), f"duplicate index name '{index.get('name')}'")
            names.add(index.get("name"))
            for key in ("read", "write") if kind == "gsis" else ():
                if key in index and not provisioned:
                    checker.error(path + (kind, i, key), "index capacity units apply to provisioned tables only")
                if provisioned and key not in index:
                    checker.error(path + (kind, i), f"GSI '{index.get('name')}' of a provisioned table needs '{key}' capacity",
                                  "GSIs have their own provisioned capacity")
    if c.get("lsis") and "sort_key" not in c:
        checker.error(path + ("lsis",), "local secondary indexes need a table with a sort key")
    checker.check_replica_regions(path, c, "global_table_regions", c.get("region"))


def check_incoming(checker, path: tuple, conn: dict, table: dict) -> None:
    """A connection's index is one of the table's; GSIs serve eventually consistent reads only; the operations
    take the items and consistency their APIs allow."""
    check_operations(checker, path, conn)
    if "index" not in conn:
        return
    names = {ix.get("name"): kind for kind in ("gsis", "lsis")
             for ix in checker.as_list(table.get(kind)) if isinstance(ix, dict)}
    if conn["index"] not in names:
        checker.unknown(path + ("index",), "index", conn["index"], names)
    elif names[conn["index"]] == "gsis" and conn.get("consistency") in ("strong", "transactional"):
        checker.error(path + ("consistency",), "global secondary indexes support eventually consistent reads only")


def check_operations(checker, path: tuple, conn: dict) -> None:
    """Items per call only where an operation reads or writes several; transactions only for single items."""
    read, write = conn.get("read_operation", "get_item"), conn.get("write_operation", "put_item")
    if "items_per_read" in conn:
        if read == "get_item":
            checker.error(path + ("items_per_read",), "a get_item reads one item",
                          "set read_operation: query, scan or batch_get_item")
        elif read == "batch_get_item" and conn["items_per_read"] > BATCH_GET_MAX_ITEMS:
            checker.error(path + ("items_per_read",), f"batch_get_item reads at most {BATCH_GET_MAX_ITEMS} items")
    if "items_per_write" in conn and write != "batch_write_item":
        checker.error(path + ("items_per_write",), f"a {write} writes one item", "set write_operation: batch_write_item")
    if read != "get_item" and conn.get("consistency") == "transactional":
        checker.error(path + ("consistency",), f"transactional reads are TransactGetItems of single items, not {read}")
    if write == "batch_write_item" and conn.get("transactional_writes"):
        checker.error(path + ("transactional_writes",), "batch_write_item is not transactional",
                      "use TransactWriteItems (write_operation put_item, update_item or delete_item)")


def replica_regions(c: m.DynamoTable) -> tuple[str, ...]:
    """A global table serves in every replica Region."""
    return c.global_table_regions


def az_recovery_point(c: m.DynamoTable) -> RecoveryPoint:
    return RecoveryPoint(0.0, "replicated across 3 AZs", 'Amazon DynamoDB Developer Guide, "Resilience"')


def region_copy(c: m.DynamoTable) -> RecoveryPoint | None:
    if not c.global_table_regions:
        return None
    return RecoveryPoint(GLOBAL_TABLE_LAG_S, "global table", GLOBAL_TABLE_SOURCE)


def region_failover(c: m.DynamoTable):
    """A global table has nothing to promote: the replicas in the other Regions already take writes."""
    if not c.global_table_regions:
        return None
    return Recovery("global table: the replicas in the other Regions already take reads and writes, nothing to "
                    "promote", 0.0, MULTI_ACTIVE_SOURCE, low_seconds=0.0)


def scale_out(c: m.DynamoTable, before, after):
    """On-demand takes double its previous peak at once; more may be throttled for up to 30 minutes.
    Provisioned capacity does not grow by itself (its ceiling is the table's limits)."""
    if c.capacity_mode != "on-demand" or after.peak_rps <= ON_DEMAND_DOUBLE * before.peak_rps + 1e-9:
        return None
    return Recovery(f"on-demand: {number(after.peak_rps)} rps is more than double its previous peak "
                    f"({number(before.peak_rps)} rps): requests may be throttled while DynamoDB adds capacity",
                    ON_DEMAND_RAMP_S, ON_DEMAND_SOURCE, low_seconds=0.0)


def needs(sizing) -> str:
    r, w = ("RCU", "WCU") if sizing["capacity_mode"] == "provisioned" else ("RRU/s", "WRU/s")
    text = f"{number(sizing['read_units_peak'])} {r}, {number(sizing['write_units_peak'])} {w}"
    for ix in sizing.get("indexes", ()):
        if ix["kind"] == "gsi":
            text += f"; GSI {ix['name']} {number(ix['read_units_peak'])} {r}, {number(ix['write_units_peak'])} {w}"
    return text


STANDARD = SlaFigure("dynamodb", "Amazon DynamoDB", "standard table", 99.99,
                     "Amazon DynamoDB Service Level Agreement", "https://aws.amazon.com/dynamodb/sla/", "2026-11-26")
GLOBAL = SlaFigure("dynamodb-global", "Amazon DynamoDB", "global table", 99.999,
                   "Amazon DynamoDB Service Level Agreement", "https://aws.amazon.com/dynamodb/sla/", "2026-11-26")


def details(c: m.DynamoTable) -> list[str]:
    return ["global table"] if c.global_table_regions else []


TYPE = ComponentType(
    name="dynamodb", title="DynamoDB table", article="a",
    description="DynamoDB table (regional, replicated across 3 AZs by the service).",
    model=m.DynamoTable, properties=PROPERTIES, required=("region", "partition_key", "capacity"), build=build,
    check=check, connection_keys=CONNECTION_KEYS, check_incoming=check_incoming,
    placement=Placement.REGIONAL, role=Role.STORE, tier=Tier.DATA, state=State.STORE,
    icon=("diagrams.aws.database", "Dynamodb"),
    redundancy=Redundancy("AWS replicates the table across 3 AZs; global_table_regions add replica tables "
                          "that serve in their own Regions",
                          replica_regions=replica_regions, az_recovery_point=az_recovery_point, region_copy=region_copy,
                          region_failover=region_failover),
    recovery=Recovery("no failover inside a Region (AWS serves from the AZs still up); a global table serves "
                      "from its other Regions", None, 'Amazon DynamoDB Developer Guide, "Resilience in Amazon DynamoDB"'),
    sla=either(STANDARD, GLOBAL, lambda c: not c.global_table_regions),
    traffic=Traffic("RCU/WCU per call (4 KB reads, 1 KB writes, rounded up), GSIs, hot partitions "
                    "(3,000 RCU / 1,000 WCU) and table quotas (Amazon DynamoDB Developer Guide); "
                    "priced per request unit or provisioned unit-hour",
                    assess=assess_dynamodb, surviving_capacity=surviving_dynamodb, cost=price_dynamodb, needs=needs,
                    scale_out=scale_out),
    details=details,
    capabilities=frozenset({Capability.GATEWAY_ENDPOINT_SERVICE, Capability.BACKUP_RESOURCE}),
    deletion_policies=("retain", "delete"),
)
