"""AG505 database-over-capacity: an RDS, Aurora or ElastiCache tier gets more requests than its instances serve

What it flags
-------------
Databases and caches whose busiest instance gets more requests/s at peak than the
``capacity_rps`` the spec declares per instance or node:

* RDS: writes go to the primary, reads spread over the primary and same-Region read replicas;
* Aurora: writes go to the writer, reads spread over the readers (the writer when there are none);
* ElastiCache: requests spread over the nodes.

Why it matters
--------------
A saturated database makes every tier above it slow at once; connections pile up, and the
usual reaction — retries — adds load. Read replicas do not help a write-bound primary.

Failing spec
------------
```yaml
version: 1
name: ag505-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 500, read_ratio: 0.9}
  - {id: db, type: rds, engine: postgres, azs: [us-east-1a, us-east-1b], multi_az: true, capacity_rps: 300}
connections:
  - {from: clients, to: db}
```

Expected finding: AG505 at line 9 on db

Passing spec
------------
```yaml
version: 1
name: ag505-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 500, read_ratio: 0.9}
  - id: db
    type: rds
    engine: postgres
    azs: [us-east-1a, us-east-1b]
    multi_az: true
    capacity_rps: 300
    read_replicas: [{az: us-east-1a}, {az: us-east-1b}]
connections:
  - {from: clients, to: db}
```

Fix
---
Add read replicas or readers for read-heavy load, a cache in front (``hit_ratio``), a larger
instance class (higher ``capacity_rps``), or more cache nodes/shards.

Source
------
Amazon RDS User Guide, "Working with DB instance read replicas"
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html); Amazon Aurora
User Guide, "Amazon Aurora endpoint connections"; AWS Well-Architected Reliability Pillar REL07.
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe_all, over_ceiling, saturated, scale_note
from archgen.formatting import rate

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG505",
    name="database-over-capacity",
    severity="error",
    summary="RDS / Aurora / ElastiCache instance gets more requests at peak than its declared capacity",
    source="Amazon RDS User Guide, read replicas (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html); "
           "Amazon Aurora User Guide, endpoints",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (m.RdsInstance, m.AuroraCluster, m.CacheCluster)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"{tier.type} '{tier.id}' is over capacity at its {rate(tier.peak_rps)} peak{scale_note(ctx)}: "
            + describe_all(limits),
            fix="add read replicas/readers or cache nodes, put a cache in front, or use a larger instance class")
