"""AG506 api-gateway-throttled: an API Gateway API gets more requests/s at peak than its throttle

What it flags
-------------
API Gateway APIs whose peak requests/s exceed ``throttle_rps`` (the steady-state throttle;
the account default is 10,000 requests/s per Region, shared by all APIs in the account).

Why it matters
--------------
Requests above the throttle are rejected with 429 Too Many Requests once the burst bucket
(``burst``) is empty: a sustained peak over the rate fails requests, it does not queue them.

Failing spec
------------
```yaml
version: 1
name: ag506-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 2000}
  - {id: api, type: api_gateway, region: us-east-1, throttle_rps: 1000}
connections:
  - {from: clients, to: api}
```

Expected finding: AG506 at line 9 on api

Passing spec
------------
```yaml
version: 1
name: ag506-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 2000}
  - {id: api, type: api_gateway, region: us-east-1, throttle_rps: 5000}
connections:
  - {from: clients, to: api}
```

Fix
---
Raise the stage or usage-plan throttle, request a higher account quota, or cache responses
(CloudFront) so fewer requests reach the API.

Source
------
Amazon API Gateway Developer Guide, "Throttle requests to your REST APIs for better
throughput" and "Amazon API Gateway quotas"
(https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html).
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe, over_ceiling, saturated, scale_note
from archgen.formatting import rate

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG506",
    name="api-gateway-throttled",
    severity="error",
    summary="API Gateway API gets more requests/s at peak than its throttle",
    source="Amazon API Gateway Developer Guide, request throttling "
           "(https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html)",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (m.ApiGateway,)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"api_gateway '{tier.id}' gets {rate(tier.peak_rps)} at peak{scale_note(ctx)}, over its throttle "
            f"({describe(limits[0])}): the excess is rejected with 429",
            fix="raise throttle_rps (and the account quota) or cache responses in front of the API")
