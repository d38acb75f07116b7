"""AG225 dax-fewer-than-three-nodes: a DAX cluster with fewer than three nodes in different AZs.

What it flags
-------------
A ``dax`` cluster with fewer than 3 nodes, or whose nodes are not in 3 different AZs.

Why it matters
--------------
AWS recommends at least three DAX nodes for production, each in a different AZ: three nodes
are what makes a cluster fault-tolerant. A single node is the whole cache; with two, or with
nodes sharing an AZ, one node or AZ failure takes a large share of the cache's capacity, and
the reads it served fall on the table at once. The DAX client does not read from DynamoDB by
itself when the cluster is down. The SLA is 99.99% Multi-AZ, 99.5% single-AZ.

Failing spec
------------

```yaml
version: 1
name: dax-one-node
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
        - {id: data-c, az: us-east-1c}
components:
  - {id: fn, type: lambda, subnets: [data-a, data-b, data-c], duration_ms: 20}
  - {id: cache, type: dax, subnets: [data-a, data-b, data-c], nodes: 1, hit_ratio: 0.9}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
connections:
  - {from: fn, to: cache}
  - {from: cache, to: table}
```

Expected finding: AG225 at line 15 on cache

Passing spec
------------

```yaml
version: 1
name: dax-three-azs
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
        - {id: data-c, az: us-east-1c}
components:
  - {id: fn, type: lambda, subnets: [data-a, data-b, data-c], duration_ms: 20}
  - {id: cache, type: dax, subnets: [data-a, data-b, data-c], nodes: 3, hit_ratio: 0.9}
  - {id: table, type: dynamodb, region: us-east-1, partition_key: {name: pk}, capacity: {mode: on-demand}}
connections:
  - {from: fn, to: cache}
  - {from: cache, to: table}
```

Fix
---
Run at least 3 nodes with subnets in 3 AZs (DAX spreads the nodes over them).

Source
------
Amazon DynamoDB Developer Guide, "DAX cluster components" (nodes; "for production usage, we
strongly recommend using DAX with at least three nodes, where each node is placed in
different Availability Zones") —
https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.concepts.cluster.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.dax import PRODUCTION_NODES, DaxCluster

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG225", name="dax-fewer-than-three-nodes", severity="warning",
    summary="DAX cluster with fewer than 3 nodes, or nodes not in 3 different AZs",
    source="Amazon DynamoDB Developer Guide, DAX cluster components — "
           "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.concepts.cluster.html",
)


def check(ctx):
    for cluster in ctx.of_class(DaxCluster):
        azs = sorted(set(cluster.node_azs))
        if cluster.nodes >= PRODUCTION_NODES and len(azs) >= PRODUCTION_NODES:
            continue
        shape = f"{cluster.nodes} node{'s' if cluster.nodes != 1 else ''} in {az_list(azs)}"
        loss = "losing it or its AZ stops every request sent through the cache" if cluster.nodes == 1 else \
            "losing a node or an AZ leaves fewer nodes to serve the cache's reads"
        yield RULE.finding(
            f"DAX cluster '{cluster.id}' has {shape}: AWS recommends at least {PRODUCTION_NODES} nodes, each in a "
            f"different AZ; {loss}",
            [cluster.id], location=cluster.location,
            fix=f"run {PRODUCTION_NODES} or more nodes with subnets in {PRODUCTION_NODES} AZs",
            details={"nodes": cluster.nodes, "node_azs": azs})
