"""AG123 opensearch-dedicated-masters: an OpenSearch domain without three dedicated master nodes.

What it flags
-------------
An ``opensearch`` domain with no dedicated master nodes, or with 2 or 4 of them.

Why it matters
--------------
Dedicated master nodes keep the cluster state; AWS recommends three for every production
domain, whatever its AZs. A cluster needs a quorum (n / 2 + 1) of master-eligible nodes to
elect a master: with two, one failure leaves no quorum; four are no better than three and,
over three AZs, one AZ holds two of them; without dedicated masters the data nodes also do
cluster management, and a busy data node can destabilise the whole domain.

Failing spec
------------

```yaml
version: 1
name: search-no-masters
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
  - {id: search, type: opensearch, subnets: [data-a, data-b, data-c], zone_awareness: true, data_nodes: 3}
```

Expected finding: AG123 at line 14 on search

Passing spec
------------

```yaml
version: 1
name: search-three-masters
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
  - {id: search, type: opensearch, subnets: [data-a, data-b, data-c], zone_awareness: true, data_nodes: 3,
     dedicated_masters: 3}
```

Fix
---
Set ``dedicated_masters: 3`` (three AZs put one in each).

Source
------
Amazon OpenSearch Service Developer Guide, "Dedicated master nodes in Amazon OpenSearch
Service" — https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.opensearch import RECOMMENDED_MASTERS, OpenSearchDomain

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG123", name="opensearch-dedicated-masters", severity="warning",
    summary="OpenSearch domain without 3 dedicated master nodes (none, 2 or 4)",
    source="Amazon OpenSearch Service Developer Guide, Dedicated master nodes — "
           "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes.html",
)


def check(ctx):
    for domain in ctx.of_class(OpenSearchDomain):
        masters = domain.dedicated_masters
        if masters in (RECOMMENDED_MASTERS, 5):
            continue
        if masters == 0:
            problem = "has no dedicated master nodes: its data nodes also manage the cluster"
        elif masters == 2:
            problem = "has 2 dedicated master nodes: losing one leaves no quorum to elect a master"
        else:
            problem = f"has {masters} dedicated master nodes, an even number no safer than {masters - 1}"
        yield RULE.finding(
            f"OpenSearch domain '{domain.id}' {problem}; AWS recommends {RECOMMENDED_MASTERS}",
            [domain.id], location=domain.location, fix=f"set dedicated_masters: {RECOMMENDED_MASTERS}",
            details={"dedicated_masters": masters})
