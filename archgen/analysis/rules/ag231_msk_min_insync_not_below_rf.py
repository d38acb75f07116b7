"""AG231 msk-min-insync-not-below-rf: an MSK cluster whose min.insync.replicas equals its replication factor.

What it flags
-------------
An ``msk`` cluster whose ``min_insync_replicas`` is not below its ``replication_factor`` (with a
replication factor above 1).

Why it matters
--------------
A producer with ``acks=all`` is answered once ``min.insync.replicas`` replicas have its write.
When that is every replica, one broker out of sync — and MSK takes brokers out one at a time
for every patch, version or broker-type update and replacement — makes every write to its
partitions fail with NotEnoughReplicas. AWS: "A minISR that is equal to the RF can prevent
producing to the cluster during a rolling update."

Failing spec
------------

```yaml
version: 1
name: msk-minisr-equals-rf
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
components:
  - {id: producers, type: users}
  - {id: events, type: msk, region: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c],
     replication_factor: 3, min_insync_replicas: 3}
connections:
  - {from: producers, to: events}
```

Expected finding: AG231 at line 7 on events

Passing spec
------------

```yaml
version: 1
name: msk-minisr-below-rf
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
Set ``min.insync.replicas`` to at most the replication factor minus one — 2 for a replication
factor of 3.

Source
------
Amazon MSK Developer Guide, "Best practices" (Build highly available clusters: "Set minimum
in-sync replicas (minISR) to at most RF - 1") —
https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.msk import KafkaCluster

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG231", name="msk-min-insync-not-below-rf", severity="error",
    summary="MSK cluster whose min.insync.replicas is not below its replication factor",
    source="Amazon MSK Developer Guide, Best practices — https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html",
)


def check(ctx):
    for cluster in ctx.of_class(KafkaCluster):
        factor, insync = cluster.replication_factor, cluster.min_insync_replicas
        if factor <= 1 or insync < factor:
            continue
        yield RULE.finding(
            f"MSK cluster '{cluster.id}' needs all {factor} replicas in sync (min.insync.replicas {insync}): while one "
            "broker is patched or replaced, writes with acks=all to its partitions fail",
            [cluster.id], location=cluster.location, fix=f"set min.insync.replicas to {factor - 1}",
            details={"replication_factor": factor, "min_insync_replicas": insync})
