"""AG130 eks-nodes-single-az: an EKS cluster whose nodes and Fargate pods all run in one AZ.

What it flags
-------------
An ``eks`` cluster whose managed node groups and Fargate profiles all place their nodes (or
pods) in the same single Availability Zone — every node group's subnets, and every Fargate
profile's, are in that AZ.

Why it matters
--------------
EKS runs the Kubernetes control plane across three AZs, but your pods run on your nodes. With
every node in one AZ, losing that AZ stops every pod of the cluster, and Kubernetes has nowhere
to reschedule them until a node group launches nodes elsewhere — which it cannot do when its
subnets are all in the lost AZ. The nodes' SLA drops to the single-instance Compute figure.

Failing spec
------------

```yaml
version: 1
name: eks-one-az
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: nodes-a, az: us-east-1a}
        - {id: nodes-b, az: us-east-1b}
components:
  - {id: clients, type: users}
  - id: platform
    type: eks
    subnets: [nodes-a, nodes-b]
    node_groups:
      - {name: general, subnets: [nodes-a], min: 2, desired: 3, max: 6}
connections:
  - {from: clients, to: platform}
```

Expected finding: AG130 at line 14 on platform

Passing spec
------------

```yaml
version: 1
name: eks-two-azs
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: nodes-a, az: us-east-1a}
        - {id: nodes-b, az: us-east-1b}
components:
  - {id: clients, type: users}
  - id: platform
    type: eks
    subnets: [nodes-a, nodes-b]
    node_groups:
      - {name: general, subnets: [nodes-a, nodes-b], min: 2, desired: 4, max: 6}
connections:
  - {from: clients, to: platform}
```

Fix
---
Give each node group subnets in at least two AZs (a managed node group spreads its nodes over
them), or add node groups or Fargate profiles in other AZs.

Source
------
Amazon EKS Best Practices Guide, Reliability, "EKS Data Plane" (spread worker nodes and
workloads across multiple AZs) —
https://docs.aws.amazon.com/eks/latest/best-practices/data-plane.html; Amazon EKS User Guide,
"Simplify node lifecycle with managed node groups".
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.eks import EksCluster, members_per_az

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG130", name="eks-nodes-single-az", severity="error",
    summary="EKS cluster whose node groups and Fargate profiles all run in one AZ",
    source="Amazon EKS Best Practices Guide, EKS Data Plane — https://docs.aws.amazon.com/eks/latest/best-practices/data-plane.html",
)


def check(ctx):
    for cluster in ctx.of_class(EksCluster):
        per_az = members_per_az(cluster)
        if len(per_az) != 1:
            continue
        members = [f"node group '{g.name}'" for g in cluster.node_groups] + \
                  [f"Fargate profile '{p.name}'" for p in cluster.fargate_profiles]
        yield RULE.finding(
            f"every node of EKS cluster '{cluster.id}' runs in {az_list(per_az)} ({', '.join(members)}): losing that "
            "AZ stops all its pods, and its node groups have no other AZ to launch nodes in",
            [cluster.id], location=cluster.location,
            fix="give the node groups (and Fargate profiles) subnets in at least two AZs",
            details={"azs": list(per_az), "nodes": per_az})
