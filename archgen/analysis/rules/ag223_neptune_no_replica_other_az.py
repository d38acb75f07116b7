"""AG223 neptune-no-replica-other-az: a Neptune DB cluster with no replica in another AZ.

What it flags
-------------
A ``neptune`` cluster with one instance, or with every instance in one AZ (its subnets
cover a single AZ).

Why it matters
--------------
The cluster volume keeps the data in several AZs, but queries need an instance. When the
primary fails, Neptune promotes a replica (service typically back in under 120 seconds);
without a replica the cluster is unavailable until its instance recovers, and with every
replica in the primary's AZ an AZ loss takes them all. AWS recommends replicas in two or more
other AZs. The SLA is 99.9% for a Multi-AZ cluster, 99.5% for a single instance.

Failing spec
------------

```yaml
version: 1
name: neptune-one-instance
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
  - {id: graph, type: neptune, subnets: [data-a, data-b], instances: 1, backup_retention_days: 7}
```

Expected finding: AG223 at line 13 on graph

Passing spec
------------

```yaml
version: 1
name: neptune-replica-other-az
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
  - {id: graph, type: neptune, subnets: [data-a, data-b], instances: 2, backup_retention_days: 7}
```

Fix
---
Run two or more instances (``instances: 2`` or more) with subnets in two or more AZs, so a
replica outside the primary's AZ can be promoted.

Source
------
Amazon Neptune User Guide, "Fault tolerance for a Neptune DB cluster" —
https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-overview-fault-tolerance.html ;
Neptune SLA — https://aws.amazon.com/neptune/sla/
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import clusters_without_replica_elsewhere
from archgen.catalogue.components.neptune import NeptuneCluster

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG223", name="neptune-no-replica-other-az", severity="error",
    summary="Neptune DB cluster without a replica in another AZ",
    source="Amazon Neptune User Guide, Fault tolerance for a Neptune DB cluster — "
           "https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-overview-fault-tolerance.html",
)


def check(ctx):
    return clusters_without_replica_elsewhere(ctx, RULE, NeptuneCluster, "its instance recovers or the AZ returns")
