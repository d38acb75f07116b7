"""AG109 lambda-vpc-single-az: a Lambda function attached to VPC subnets in fewer than two AZs.

What it flags
-------------
A ``lambda`` with ``subnets`` that all lie in one Availability Zone. A Lambda function
without subnets runs in the Lambda service's own multi-AZ fleet and is never flagged.

Why it matters
--------------
A function attached to a VPC runs only where it has network interfaces: in the AZs of its
subnets. In one AZ it shares that AZ's fate, although Lambda itself is a regional service.
prowler and Security Hub control Lambda.5 check it.

Failing spec
------------

```yaml
version: 1
name: lambda-one-subnet
regions:
  - {name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
network:
  vpcs:
    - id: vpc
      region: eu-west-1
      subnets:
        - {id: private-a, az: eu-west-1a}
        - {id: private-b, az: eu-west-1b}
components:
  - {id: apps, type: users}
  - {id: api, type: api_gateway, region: eu-west-1}
  - {id: handler, type: lambda, subnets: [private-a], duration_ms: 80}
connections:
  - {from: apps, to: api}
  - {from: api, to: handler}
```

Expected finding: AG109 at line 15 on handler

Passing spec
------------

```yaml
version: 1
name: lambda-two-subnets
regions:
  - {name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
network:
  vpcs:
    - id: vpc
      region: eu-west-1
      subnets:
        - {id: private-a, az: eu-west-1a}
        - {id: private-b, az: eu-west-1b}
components:
  - {id: apps, type: users}
  - {id: api, type: api_gateway, region: eu-west-1}
  - {id: handler, type: lambda, subnets: [private-a, private-b], duration_ms: 80}
  - {id: report, type: lambda, region: eu-west-1, duration_ms: 900}
connections:
  - {from: apps, to: api}
  - {from: api, to: handler}
  - {from: handler, to: report, kind: async}
```

Fix
---
Attach the function to subnets in at least two AZs (AWS recommends at least two).

Source
------
AWS Lambda Developer Guide, "Giving Lambda functions access to resources in an Amazon VPC" —
https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html ; AWS Security Hub
control Lambda.5
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG109", name="lambda-vpc-single-az", severity="warning",
    summary="Lambda function attached to VPC subnets in fewer than two AZs",
    source="AWS Lambda Developer Guide, Configuring VPC access — "
           "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
)


def check(ctx):
    for fn in ctx.of_class(m.LambdaFunction):
        if fn.subnets and len(fn.azs) < 2:
            yield RULE.finding(
                f"Lambda function '{fn.id}' is attached to subnets in {az_list(fn.azs)} only: in a VPC it runs only "
                "in its subnets' AZs", [fn.id], location=fn.location,
                fix="attach it to subnets in at least two AZs", details={"azs": list(fn.azs)})
