"""AG504 dynamodb-throttling: a DynamoDB table, index or partition gets more capacity units than it has at peak

What it flags
-------------
DynamoDB tables whose peak read or write capacity units — counted as DynamoDB counts them:
4 KB read units (eventually consistent half, transactional double), 1 KB write units
(transactional double), every write also writing each GSI (per ``write_share``, sized by the
index entry) and each LSI (on the base table) — exceed, at peak:

* the provisioned RCU/WCU of the table or of one of its GSIs;
* the per-table (and per-GSI) default quota of 40,000 read and 40,000 write units (on-demand);
* 3,000 RCU or 1,000 WCU on the busiest partition key (``hot_key_share`` of the table's units).

Why it matters
--------------
Requests over capacity are throttled (ProvisionedThroughputExceededException /
ThrottlingException): the SDK retries, latency climbs, and writes fail once retries run out.
A throttled GSI throttles writes to the base table. No table capacity lifts a hot-key limit.

Failing spec
------------
```yaml
version: 1
name: ag504-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 100, read_ratio: 0}
  - id: carts
    type: dynamodb
    region: us-east-1
    partition_key: {name: id}
    capacity: {mode: provisioned, read: 10, write: 100}
    item_size: 2KB
connections:
  - {from: clients, to: carts}
```

Expected finding: AG504 at line 9 on carts

Passing spec
------------
```yaml
version: 1
name: ag504-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 100, read_ratio: 0}
  - id: carts
    type: dynamodb
    region: us-east-1
    partition_key: {name: id}
    capacity: {mode: provisioned, read: 10, write: 200}
    item_size: 2KB
connections:
  - {from: clients, to: carts}
```

Fix
---
Provision the units the model reports (or switch to on-demand), give each GSI enough write
capacity for the table's writes, shrink items or index projections, and spread a hot key
(write sharding) — no amount of table capacity lifts the per-partition limit.

Source
------
Amazon DynamoDB Developer Guide, "DynamoDB read and write operations", "Global secondary
indexes — provisioned throughput considerations", "Best practices for designing and using
partition keys effectively", "Quotas" —
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe_all, over_ceiling, saturated, scale_note

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG504",
    name="dynamodb-throttling",
    severity="error",
    summary="DynamoDB table, GSI or hot partition needs more capacity units at peak than it has",
    source="Amazon DynamoDB Developer Guide, read and write operations; partition key design; quotas "
           "(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html)",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (m.DynamoTable,)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"dynamodb '{tier.id}' will throttle at peak{scale_note(ctx)}: " + describe_all(limits),
            fix="raise the provisioned units (table and GSIs) or use on-demand; spread hot keys")
