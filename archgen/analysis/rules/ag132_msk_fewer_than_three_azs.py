"""AG132 msk-fewer-than-three-azs: an MSK cluster whose brokers are in two AZs.

What it flags
-------------
An ``msk`` cluster whose client subnets (and so its brokers) are in fewer than three
Availability Zones.

Why it matters
--------------
Kafka keeps a partition available while enough of its replicas are in sync. In two AZs, a
replication factor of 3 puts two replicas of some partitions in one AZ: losing that AZ leaves
one replica, below a ``min.insync.replicas`` of 2, and producers with ``acks=all`` are refused.
MSK's own defaults for a two-AZ cluster (replication factor 2, ``min.insync.replicas`` 1) keep
writing through an AZ loss only by accepting writes that one broker alone holds. Three AZs let
a replication factor of 3 with ``min.insync.replicas`` 2 survive an AZ loss without either.

Failing spec
------------

```yaml
version: 1
name: msk-two-azs
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
components:
  - {id: producers, type: users}
  - {id: events, type: msk, region: us-east-1, azs: [us-east-1a, us-east-1b], brokers_per_az: 2,
     replication_factor: 3, min_insync_replicas: 2}
connections:
  - {from: producers, to: events}
```

Expected finding: AG132 at line 7 on events

Passing spec
------------

```yaml
version: 1
name: msk-three-azs
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
components:
  - {id: producers, type: users}
  - {id: events, type: msk, region: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c],
     replication_factor: 3, min_insync_replicas: 2}
connections:
  - {from: producers, to: events}
```

Fix
---
Create the cluster with client subnets in three AZs (MSK places the brokers evenly over them),
with a replication factor of 3 and ``min.insync.replicas`` of 2.

Source
------
Amazon MSK Developer Guide, "Best practices" (Build highly available clusters) —
https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.msk import KafkaCluster

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG132", name="msk-fewer-than-three-azs", severity="warning",
    summary="MSK cluster with brokers in fewer than three AZs",
    source="Amazon MSK Developer Guide, Best practices — https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html",
)


def check(ctx):
    for cluster in ctx.of_class(KafkaCluster):
        if len(cluster.azs) >= 3:
            continue
        left = cluster.replicas_after_az_loss()
        yield RULE.finding(
            f"MSK cluster '{cluster.id}' has its brokers in {len(cluster.azs)} AZ{'s' if len(cluster.azs) != 1 else ''} "
            f"({az_list(cluster.azs)}): losing one leaves {left} of {cluster.replication_factor} replicas of some "
            f"partitions, with min.insync.replicas {cluster.min_insync_replicas}",
            [cluster.id], location=cluster.location,
            fix="use client subnets in three AZs, replication factor 3 and min.insync.replicas 2",
            details={"azs": list(cluster.azs), "replication_factor": cluster.replication_factor,
                     "min_insync_replicas": cluster.min_insync_replicas, "replicas_after_az_loss": left})
