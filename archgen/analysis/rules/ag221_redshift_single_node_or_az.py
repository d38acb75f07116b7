"""AG221 redshift-single-node-or-az: a Redshift cluster with one node, or that an AZ loss takes down.

What it flags
-------------
A ``redshift`` cluster with a single node, or one that losing its AZ takes down: neither
Multi-AZ nor relocation (only RA3 clusters can have either).

Why it matters
--------------
A single-node cluster has nothing to fail over to and, with DC2 nodes, keeps its only copy of
the data on that node between automated snapshots (every eight hours or 5 GB of changes per
node); its SLA is 99.5%. Any Single-AZ cluster stops with its AZ: Multi-AZ keeps a second
AZ's compute serving behind the same endpoint (SLA 99.99%), and relocation lets Redshift move
an RA3 cluster to another AZ.

Failing spec
------------

```yaml
version: 1
name: warehouse-single-node
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
  - {id: warehouse, type: redshift, subnets: [data-a, data-b], node_type: dc2.large, nodes: 1}
```

Expected finding: AG221 at line 13 on warehouse

Passing spec
------------

```yaml
version: 1
name: warehouse-multi-az
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
  - {id: warehouse, type: redshift, subnets: [data-a, data-b], node_type: ra3.xlplus, nodes: 2, multi_az: true}
```

Fix
---
Use two or more RA3 nodes with ``multi_az: true`` (subnets in two AZs), or at least
``relocation: true``.

Source
------
Amazon Redshift Management Guide, "Multi-AZ deployment" —
https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-multi-az.html ; "Relocating a
cluster" — https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-recovery.html ;
Redshift SLA — https://aws.amazon.com/redshift/sla/
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.redshift import RedshiftCluster

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG221", name="redshift-single-node-or-az", severity="warning",
    summary="Redshift cluster with a single node, or without Multi-AZ or relocation (an AZ loss stops it)",
    source="Amazon Redshift Management Guide, Multi-AZ deployment — "
           "https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-multi-az.html",
)


def check(ctx):
    for cluster in ctx.of_class(RedshiftCluster):
        problems = []
        if cluster.nodes <= 1:
            problems.append("is a single-node cluster: nothing to fail over to")
        if not cluster.multi_az and not (cluster.ra3 and cluster.relocation):
            problems.append(f"stops with {az_list(cluster.azs)}: "
                            + ("neither Multi-AZ nor relocation is on" if cluster.ra3 or cluster.node_type is None
                               else f"{cluster.node_type} nodes can have neither Multi-AZ nor relocation (RA3 only)"))
        if not problems:
            continue
        yield RULE.finding(
            f"Redshift cluster '{cluster.id}' " + "; it ".join(problems),
            [cluster.id], location=cluster.location,
            fix="use 2+ RA3 nodes with multi_az: true (or at least relocation: true)",
            details={"nodes": cluster.nodes, "node_type": cluster.node_type, "multi_az": cluster.multi_az,
                     "relocation": cluster.relocation})
