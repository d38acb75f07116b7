"""AG230 msk-replication-factor-below-three: an MSK cluster whose topics have fewer than three replicas.

What it flags
-------------
An ``msk`` cluster whose ``replication_factor`` (``default.replication.factor``, MSK's default
when the spec leaves it: 2 for a two-AZ cluster) is below 3. A replication factor of 1 is an
error; 2 is a warning.

Why it matters
--------------
MSK replaces brokers — for patching, version and broker-type updates, failures — one at a time.
With one replica, a partition whose broker is being replaced is offline ("an RF of 1 can lead
to offline partitions during a rolling update") and its data exists on one broker only. With
two, a rolling update or a failure leaves one copy: the cluster can no longer both keep writing
and keep every acknowledged write on two brokers.

Failing spec
------------

```yaml
version: 1
name: msk-rf-two
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
components:
  - {id: producers, type: users}
  - {id: events, type: msk, region: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c],
     replication_factor: 2, min_insync_replicas: 1}
connections:
  - {from: producers, to: events}
```

Expected finding: AG230 at line 7 on events

Passing spec
------------

```yaml
version: 1
name: msk-rf-three
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
Set ``default.replication.factor`` (and the replication factor of existing topics) to 3, on a
cluster with brokers in three AZs.

Source
------
Amazon MSK Developer Guide, "Best practices" (Build highly available clusters: "Ensure that the
replication factor (RF) is at least 2 for two-AZ clusters and at least 3 for three-AZ
clusters") — https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.msk import KafkaCluster

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG230", name="msk-replication-factor-below-three", severity="warning",
    summary="MSK cluster with a replication factor below 3",
    source="Amazon MSK Developer Guide, Best practices — https://docs.aws.amazon.com/msk/latest/developerguide/bestpractices.html",
)


def check(ctx):
    for cluster in ctx.of_class(KafkaCluster):
        factor = cluster.replication_factor
        if factor >= 3:
            continue
        default = " (MSK's default for a two-AZ cluster)" if "replication_factor" in cluster.defaulted else ""
        consequence = "each partition lives on one broker: replacing it takes the partition offline and a broker " \
                      "loss loses its data" if factor <= 1 else \
                      "replacing or losing a broker leaves one copy of its partitions"
        yield RULE.finding(
            f"MSK cluster '{cluster.id}' keeps {factor} replica{'s' if factor != 1 else ''} of each partition{default}: "
            f"{consequence}",
            [cluster.id], location=cluster.location, severity="error" if factor <= 1 else None,
            fix="set the replication factor to 3 (brokers in three AZs)",
            details={"replication_factor": factor, "defaulted": "replication_factor" in cluster.defaulted})
