"""AG133 app-runner-min-size-one: an App Runner service that keeps one instance provisioned.

What it flags
-------------
An ``app_runner`` service that serves requests with ``min_size`` 1 (App Runner's default).

Why it matters
--------------
App Runner spreads a service's provisioned instances over the Region's AZs — "a higher MinSize
increases the spread of your App Runner service over more Availability Zones". With one, the
service runs in one AZ on one instance whenever traffic is low: an instance or AZ failure takes
it down until App Runner starts a replacement, and a burst waits for new instances to start.

Failing spec
------------

```yaml
version: 1
name: app-runner-one
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: visitors, type: users}
  - {id: api, type: app_runner, region: us-east-1}
connections:
  - {from: visitors, to: api}
```

Expected finding: AG133 at line 7 on api

Passing spec
------------

```yaml
version: 1
name: app-runner-three
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: visitors, type: users}
  - {id: api, type: app_runner, region: us-east-1, min_size: 3}
connections:
  - {from: visitors, to: api}
```

Fix
---
Set the auto scaling configuration's ``MinSize`` to at least 2 (one per AZ you want it in),
knowing each provisioned instance's memory is billed.

Source
------
AWS App Runner API Reference, CreateAutoScalingConfiguration (MinSize) —
https://docs.aws.amazon.com/apprunner/latest/api/API_CreateAutoScalingConfiguration.html;
AWS App Runner Developer Guide, "Managing App Runner automatic scaling".
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import serves_requests
from archgen.catalogue.components.app_runner import AppRunnerService

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG133", name="app-runner-min-size-one", severity="warning",
    summary="App Runner service that serves requests with one provisioned instance",
    source="AWS App Runner API Reference, CreateAutoScalingConfiguration — "
           "https://docs.aws.amazon.com/apprunner/latest/api/API_CreateAutoScalingConfiguration.html",
)


def check(ctx):
    for service in ctx.of_class(AppRunnerService):
        if service.min_size > 1 or not serves_requests(ctx, service):
            continue
        yield RULE.finding(
            f"App Runner service '{service.id}' keeps 1 instance provisioned (min_size 1): at low traffic it runs on "
            "one instance in one AZ, and a failure there stops it until a replacement starts",
            [service.id], location=service.location, fix="set min_size to at least 2 to spread it over AZs",
            details={"min_size": service.min_size, "max_size": service.max_size})
