"""AG224 memorydb-no-replica-other-az: a MemoryDB cluster whose shards have no replica in another AZ.

What it flags
-------------
A ``memorydb`` cluster with ``replicas_per_shard: 0``, or whose nodes all sit in one AZ (its
subnets cover a single AZ).

Why it matters
--------------
MemoryDB keeps every acknowledged write in a Multi-AZ transaction log, so the data survives;
the service does not. Multi-AZ failover needs a replica: a shard without one stops accepting
writes until its primary is replaced and synced from the log, and replicas in the primary's
AZ fail with it. The SLA is 99.99% for a Multi-AZ configuration, 99.5% otherwise.

Failing spec
------------

```yaml
version: 1
name: memorydb-no-replica
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - {id: sessions, type: memorydb, subnets: [data-a, data-b], shards: 2, replicas_per_shard: 0}
```

Expected finding: AG224 at line 13 on sessions

Passing spec
------------

```yaml
version: 1
name: memorydb-multi-az
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - {id: sessions, type: memorydb, subnets: [data-a, data-b], shards: 2, replicas_per_shard: 1}
```

Fix
---
Give each shard at least one replica (``replicas_per_shard: 1`` or more) and subnets in two or
more AZs, so the replicas sit outside the primaries' AZ.

Source
------
Amazon MemoryDB Developer Guide, "Minimizing downtime in MemoryDB with Multi-AZ" —
https://docs.aws.amazon.com/memorydb/latest/devguide/autofailover.html ;
MemoryDB SLA — https://aws.amazon.com/memorydb/sla/
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.memorydb import MemoryDbCluster

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG224", name="memorydb-no-replica-other-az", severity="warning",
    summary="MemoryDB shards without a replica in another AZ (no Multi-AZ failover)",
    source="Amazon MemoryDB Developer Guide, Minimizing downtime with Multi-AZ — "
           "https://docs.aws.amazon.com/memorydb/latest/devguide/autofailover.html",
)


def check(ctx):
    for cluster in ctx.of_class(MemoryDbCluster):
        if cluster.replicas_per_shard == 0:
            problem = "its shards have no replica"
        elif len(set(cluster.shard_azs)) < 2:
            problem = f"every node is in {az_list(cluster.azs)}"
        else:
            continue
        yield RULE.finding(
            f"MemoryDB cluster '{cluster.id}': {problem}, so losing a primary or its AZ stops writes until MemoryDB "
            "replaces the node (the transaction log keeps the data)",
            [cluster.id], location=cluster.location,
            fix="set replicas_per_shard to 1 or more, with subnets in two or more AZs",
            details={"replicas_per_shard": cluster.replicas_per_shard, "node_azs": sorted(set(cluster.shard_azs))})
