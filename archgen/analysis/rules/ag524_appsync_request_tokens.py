"""AG524 appsync-request-tokens: GraphQL requests at peak use more request tokens than the account's quota

What it flags
-------------
``appsync`` GraphQL APIs that declare the account's ``request_token_quota`` (5,000 or 10,000
tokens/s by Region) and whose Region's total of request tokens at peak — requests ×
``tokens_per_request``, over every GraphQL API of the account there — exceeds it.

Why it matters
--------------
AWS AppSync allocates each request tokens by the processing time and memory it uses; past the
account's rate, requests are throttled (429 errors). Expensive resolvers use several tokens per
request, so the quota is reached well below 5,000 requests/s.

Failing spec
------------
```yaml
version: 1
name: ag524-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: mobile
    type: users
    traffic: {peak_rps: 3000}
  - {id: graph, type: appsync, region: us-east-1, request_token_quota: 5000, tokens_per_request: 2}
  - {id: recommend, type: lambda, region: us-east-1, duration_ms: 60}
connections:
  - {from: mobile, to: graph}
  - {from: graph, to: recommend}
```

Expected finding: AG524 at line 9 on graph

Passing spec
------------
```yaml
version: 1
name: ag524-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: mobile
    type: users
    traffic: {peak_rps: 3000}
  - {id: graph, type: appsync, region: us-east-1, request_token_quota: 10000, tokens_per_request: 2}
  - {id: recommend, type: lambda, region: us-east-1, duration_ms: 60}
connections:
  - {from: mobile, to: graph}
  - {from: graph, to: recommend}
```

Fix
---
Request a higher rate of request tokens (Service Quotas), make resolvers cheaper (fewer tokens
per request: cache, batch, avoid large responses), or cache whole responses.

Source
------
AWS AppSync Developer Guide, "Using token counts to optimize your requests" —
https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import describe, over_ceiling, saturated, scale_note
from archgen.catalogue.components.appsync import GraphqlApi

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG524", name="appsync-request-tokens", severity="error",
    summary="AppSync GraphQL requests at peak use more request tokens than the account's quota",
    source="AWS AppSync Developer Guide, token counts — https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (GraphqlApi,)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"GraphQL API '{tier.id}' needs more request tokens at peak{scale_note(ctx)} than the account has in "
            f"{component.region} ({describe(limits[0])}): AppSync throttles the excess",
            fix="raise the rate of request tokens (Service Quotas) and set request_token_quota, or make requests "
                "cheaper")
