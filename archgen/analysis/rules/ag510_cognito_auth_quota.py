"""AG510 cognito-auth-quota: sign-ins at peak exceed the account's Cognito UserAuthentication quota

What it flags
-------------
``cognito`` user pools whose peak requests/s (sign-ins) exceed ``auth_quota_rps``, the
account's UserAuthentication request-rate quota in the Region.

Why it matters
--------------
Amazon Cognito throttles the operations of a category above its quota (TooManyRequestsException):
users cannot sign in at peak. The quota is per account and Region, shared by every user pool
of the account there, so the headroom is smaller than one pool's traffic suggests.

Failing spec
------------
```yaml
version: 1
name: ag510-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: app-users
    type: users
    traffic: {peak_rps: 200}
  - {id: identity, type: cognito, region: us-east-1, auth_quota_rps: 120}
connections:
  - {from: app-users, to: identity}
```

Expected finding: AG510 at line 9 on identity

Passing spec
------------
```yaml
version: 1
name: ag510-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: app-users
    type: users
    traffic: {peak_rps: 100}
  - {id: identity, type: cognito, region: us-east-1, auth_quota_rps: 120}
connections:
  - {from: app-users, to: identity}
```

Fix
---
Request (or buy) a higher UserAuthentication quota in Service Quotas, keep users signed in
longer (refresh tokens), or spread sign-ins out.

Source
------
Amazon Cognito Developer Guide, "Quotas in Amazon Cognito" —
https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.cognito import UserPool
from archgen.formatting import rate
from archgen.analysis.rules._saturation import describe, over_ceiling, saturated, scale_note

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG510",
    name="cognito-auth-quota",
    severity="error",
    summary="Cognito sign-ins at peak exceed the account's UserAuthentication quota",
    source="Amazon Cognito Developer Guide, Quotas in Amazon Cognito "
           "(https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html)",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (UserPool,)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"user pool '{tier.id}' gets {rate(tier.peak_rps, 'sign-ins/s')} at peak{scale_note(ctx)}, over the "
            f"account's quota ({describe(limits[0])}): Cognito throttles the excess",
            fix="raise the UserAuthentication quota (Service Quotas) and set auth_quota_rps to it")
