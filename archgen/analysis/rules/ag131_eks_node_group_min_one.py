"""AG131 eks-node-group-min-one: an EKS managed node group that can scale in to one node.

What it flags
-------------
A managed node group of an ``eks`` cluster that serves requests whose ``min`` or ``desired``
size is 1 or less.

Why it matters
--------------
A node group is an EC2 Auto Scaling group: it replaces a failed node, but while the new node
launches, joins the cluster and pulls images — minutes — the pods that ran on the only node
have nowhere to go. With ``min: 1`` the cluster autoscaler can also shrink the group to one
node when traffic is low, leaving one instance (and one AZ) between the workload and an
outage.

Failing spec
------------

```yaml
version: 1
name: eks-min-one
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: clients, type: users}
  - id: platform
    type: eks
    region: us-east-1
    azs: [us-east-1a, us-east-1b]
    node_groups:
      - {name: system, min: 2, desired: 2, max: 4}
      - {name: apps, min: 1, desired: 2, max: 10}
connections:
  - {from: clients, to: platform}
```

Expected finding: AG131 at line 13 on platform

Passing spec
------------

```yaml
version: 1
name: eks-min-two
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: clients, type: users}
  - id: platform
    type: eks
    region: us-east-1
    azs: [us-east-1a, us-east-1b]
    node_groups:
      - {name: system, min: 2, desired: 2, max: 4}
      - {name: apps, min: 2, desired: 2, max: 10}
connections:
  - {from: clients, to: platform}
```

Fix
---
Set the node group's ``min`` (and ``desired``) to at least 2 — one per AZ — so a node failure
leaves a node running while its replacement starts.

Source
------
Amazon EKS Best Practices Guide, Reliability, "EKS Data Plane" (run at least two nodes; spread
them across AZs) — https://docs.aws.amazon.com/eks/latest/best-practices/data-plane.html;
AWS Well-Architected Reliability Pillar REL10-BP01.
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import serves_requests
from archgen.catalogue.components.eks import EksCluster

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG131", name="eks-node-group-min-one", severity="warning",
    summary="EKS managed node group that serves requests with min or desired size 1",
    source="Amazon EKS Best Practices Guide, EKS Data Plane — https://docs.aws.amazon.com/eks/latest/best-practices/data-plane.html",
)


def check(ctx):
    for cluster in ctx.of_class(EksCluster):
        if not serves_requests(ctx, cluster):
            continue
        for group in cluster.node_groups:
            low = min(group.min, group.desired)
            if low > 1:
                continue
            yield RULE.finding(
                f"node group '{group.name}' of EKS cluster '{cluster.id}' can run on {low} node (min {group.min}, "
                f"desired {group.desired}): when it fails, its pods wait for a replacement node to launch and join",
                [cluster.id], location=group.location, fix="set the node group's min and desired to at least 2",
                details={"node_group": group.name, "min": group.min, "desired": group.desired, "max": group.max})
