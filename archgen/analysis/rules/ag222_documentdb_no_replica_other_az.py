"""AG222 documentdb-no-replica-other-az: a DocumentDB cluster with no replica in another AZ.

What it flags
-------------
A ``documentdb`` cluster with one instance, or with every instance in one AZ (its subnets
cover a single AZ).

Why it matters
--------------
The cluster volume keeps the data in several AZs, but queries need an instance. When the
primary fails, DocumentDB promotes a replica (service typically back in under 120 seconds);
with no replica it must create a new primary, which takes minutes, and with every replica in
the primary's AZ an AZ loss takes them all. AWS recommends replicas in two or more other AZs.
The SLA is 99.99% for a cluster in two or more AZs, 99.9% in one.

Failing spec
------------

```yaml
version: 1
name: documentdb-one-instance
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
  - {id: catalog, type: documentdb, subnets: [data-a, data-b], instances: 1, backup_retention_days: 7}
```

Expected finding: AG222 at line 13 on catalog

Passing spec
------------

```yaml
version: 1
name: documentdb-replica-other-az
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
  - {id: catalog, type: documentdb, subnets: [data-a, data-b], instances: 2, backup_retention_days: 7}
```

Fix
---
Run two or more instances (``instances: 2`` or more) with subnets in two or more AZs:
DocumentDB spreads them and promotes a replica when the primary fails.

Source
------
Amazon DocumentDB Developer Guide, "Understanding Amazon DocumentDB cluster fault tolerance" —
https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-fault-tolerance.html ;
DocumentDB SLA — https://aws.amazon.com/documentdb/sla/
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import clusters_without_replica_elsewhere
from archgen.catalogue.components.documentdb import DocumentDbCluster

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG222", name="documentdb-no-replica-other-az", severity="error",
    summary="DocumentDB cluster without a replica in another AZ",
    source="Amazon DocumentDB Developer Guide, Understanding cluster fault tolerance — "
           "https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-fault-tolerance.html",
)


def check(ctx):
    return clusters_without_replica_elsewhere(ctx, RULE, DocumentDbCluster, "DocumentDB creates a new primary (minutes) or the AZ returns")
