"""AG203 elasticache-no-failover: an ElastiCache cluster without automatic failover across AZs.

What it flags
-------------
* Redis OSS / Valkey without ``automatic_failover``, or without ``multi_az``, or with every
  node in one AZ;
* Memcached (no replication at all) with a single node or all nodes in one AZ.

Why it matters
--------------
Without automatic failover a failed primary stays failed until someone promotes a replica;
without Multi-AZ the replicas can sit in the primary's AZ and fail with it. When the cache
fronts a database, its loss also sends every read to the database at once. checkov
CKV2_AWS_50 and cfn-lint E3026 check the Redis settings. SLA: 99.99% Multi-AZ, 99.5% otherwise.

Failing spec
------------

```yaml
version: 1
name: redis-no-failover
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
  - {id: sessions, type: elasticache, engine: redis, node_type: cache.t4g.medium, subnets: [data-a, data-b], nodes: 2}
```

Expected finding: AG203 at line 13 on sessions

Passing spec
------------

```yaml
version: 1
name: redis-multi-az
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
  - id: sessions
    type: elasticache
    engine: redis
    node_type: cache.t4g.medium
    subnets: [data-a, data-b]
    nodes: 2
    multi_az: true
    automatic_failover: true
```

Fix
---
For Redis OSS / Valkey: at least one replica per shard, ``automatic_failover: true`` and
``multi_az: true`` over subnets in two or more AZs. For Memcached: nodes in several AZs (and
an application that tolerates losing a node's keys), or a replicated engine.

Source
------
Amazon ElastiCache User Guide, "Minimizing downtime in ElastiCache by using Multi-AZ" —
https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html ;
ElastiCache SLA — https://aws.amazon.com/elasticache/sla/
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG203", name="elasticache-no-failover", severity="warning",
    summary="ElastiCache without automatic failover and Multi-AZ (Redis/Valkey) or in one AZ (Memcached)",
    source="Amazon ElastiCache User Guide, Minimizing downtime with Multi-AZ — "
           "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html",
)


def check(ctx):
    for cache in ctx.of_class(m.CacheCluster):
        node_azs = sorted(set(cache.node_azs))
        problems = []
        if cache.engine == "memcached":
            if cache.nodes < 2:
                problems.append("has a single node")
            elif len(node_azs) < 2:
                problems.append(f"has all its nodes in {node_azs[0]}")
        else:
            if not cache.automatic_failover:
                problems.append("has no automatic failover")
            if not cache.multi_az:
                problems.append("is not Multi-AZ")
            if len(node_azs) < 2 and cache.nodes > 1:
                problems.append(f"has all its nodes in {node_azs[0]}")
        if problems:
            yield RULE.finding(
                f"{cache.engine} cluster '{cache.id}' " + " and ".join(problems)
                + ": losing its primary node or its AZ loses the cache",
                [cache.id], location=cache.location,
                fix="add replicas in another AZ with automatic_failover: true and multi_az: true"
                if cache.engine != "memcached" else "spread nodes over several AZs",
                details={"nodes": cache.nodes, "node_azs": list(cache.node_azs)})
