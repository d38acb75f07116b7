"""AG122 opensearch-no-zone-awareness: an OpenSearch domain whose data does not survive losing an AZ.

What it flags
-------------
An ``opensearch`` domain that is not fault tolerant across AZs: zone awareness off (every
data node in one AZ), fewer than 3 data nodes, no replica shards (a shard's only copy is in
one AZ), or, with zone awareness, a data node count that is not a multiple of its AZ count.

Why it matters
--------------
Without zone awareness the whole domain is in one AZ and goes with it; restoring from the
hourly automated snapshot loses up to an hour of writes. Zone awareness only helps when each
shard has a replica (OpenSearch then places it in another AZ). AWS Config's
``opensearch-data-node-fault-tolerance`` check asks for zone awareness and at least three
data nodes; with uneven AZs, losing the AZ with most nodes loses more capacity than the
others, and replica shards pile onto the survivors.

Failing spec
------------

```yaml
version: 1
name: search-one-az
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
  - {id: search, type: opensearch, subnets: [data-a], data_nodes: 2, dedicated_masters: 3}
```

Expected finding: AG122 at line 13 on search

Passing spec
------------

```yaml
version: 1
name: search-two-azs
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
  - {id: search, type: opensearch, subnets: [data-a, data-b], zone_awareness: true, data_nodes: 4, dedicated_masters: 3}
```

Fix
---
Turn on zone awareness with subnets in two or (better) three AZs, run at least 3 data nodes
in a multiple of the AZ count, and keep at least one replica shard per index; for 99.99% use
Multi-AZ with Standby.

Source
------
AWS Config managed rule "opensearch-data-node-fault-tolerance" —
https://docs.aws.amazon.com/config/latest/developerguide/opensearch-data-node-fault-tolerance.html ;
Amazon OpenSearch Service Developer Guide, "Configuring a multi-AZ domain" —
https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.opensearch import OpenSearchDomain

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG122", name="opensearch-no-zone-awareness", severity="error",
    summary="OpenSearch domain without zone awareness, with fewer than 3 data nodes, no replica shards, or data "
            "nodes not a multiple of its AZs",
    source="AWS Config rule opensearch-data-node-fault-tolerance — "
           "https://docs.aws.amazon.com/config/latest/developerguide/opensearch-data-node-fault-tolerance.html",
)
MIN_DATA_NODES = 3


def check(ctx):
    for domain in ctx.of_class(OpenSearchDomain):
        zones = sorted(set(domain.node_azs))
        problems = []
        if not (domain.zone_awareness or domain.standby):
            problems.append(f"has zone awareness off (every data node in {az_list(zones)})")
        if domain.data_nodes < MIN_DATA_NODES:
            problems.append(f"has {domain.data_nodes} data node{'s' if domain.data_nodes != 1 else ''}")
        if domain.replicas == 0:
            problems.append("keeps no replica shards")
        if len(zones) > 1 and domain.data_nodes % len(zones):
            problems.append(f"spreads {domain.data_nodes} data nodes unevenly over {len(zones)} AZs")
        if not problems:
            continue
        yield RULE.finding(
            f"OpenSearch domain '{domain.id}' " + ", ".join(problems[:-1]) + (" and " if len(problems) > 1 else "")
            + problems[-1] + ": losing an AZ can take the domain down or lose shards",
            [domain.id], location=domain.location,
            fix="turn on zone awareness over 2-3 AZs with at least 3 data nodes (a multiple of the AZs) and 1+ replica",
            details={"zone_awareness": domain.zone_awareness, "data_nodes": domain.data_nodes,
                     "replicas": domain.replicas, "data_node_azs": zones})
