"""AG113 interface-endpoint-fewer-azs: an interface VPC endpoint in fewer AZs than the components calling it.

What it flags
-------------
An interface ``vpc_endpoint`` whose subnets do not cover every AZ its zonal callers (instances,
Auto Scaling groups, ECS services, VPC Lambda functions in its Region) run in.

Why it matters
--------------
An interface endpoint has one network interface per subnet, one subnet per AZ. Callers in an
AZ without one reach the service through another AZ's interface: their calls cross AZs, and
when that AZ fails they lose the service although they and the service are still up. prowler
checks endpoints confined to one AZ; archgen compares them with their callers.

Failing spec
------------

```yaml
version: 1
name: endpoint-one-az
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: private-a, az: us-east-1a}
        - {id: private-b, az: us-east-1b}
components:
  - {id: producers, type: users}
  - {id: workers, type: autoscaling, subnets: [private-a, private-b], min: 2, max: 4}
  - {id: sqs-endpoint, type: vpc_endpoint, subnets: [private-a]}
  - {id: jobs, type: sqs, region: us-east-1}
connections:
  - {from: producers, to: workers}
  - {from: workers, to: sqs-endpoint}
  - {from: sqs-endpoint, to: jobs}
```

Expected finding: AG113 at line 15 on sqs-endpoint, workers

Passing spec
------------

```yaml
version: 1
name: endpoint-two-azs
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: private-a, az: us-east-1a}
        - {id: private-b, az: us-east-1b}
components:
  - {id: producers, type: users}
  - {id: workers, type: autoscaling, subnets: [private-a, private-b], min: 2, max: 4}
  - {id: sqs-endpoint, type: vpc_endpoint, subnets: [private-a, private-b]}
  - {id: jobs, type: sqs, region: us-east-1}
connections:
  - {from: producers, to: workers}
  - {from: workers, to: sqs-endpoint}
  - {from: sqs-endpoint, to: jobs}
```

Fix
---
Give the endpoint a subnet in every AZ its callers run in (CloudFormation ``SubnetIds`` of
``AWS::EC2::VPCEndpoint``; Terraform ``subnet_ids`` of ``aws_vpc_endpoint``).

Source
------
AWS PrivateLink Guide, "Access an AWS service using an interface VPC endpoint" (one endpoint
network interface per subnet, in each AZ you enable) —
https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import caller_list, with_callers_outside
from archgen.catalogue.components.vpc_endpoint import VpcEndpoint, is_interface

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG113", name="interface-endpoint-fewer-azs", severity="warning",
    summary="interface VPC endpoint in fewer AZs than the components that call it",
    source="AWS PrivateLink Guide, Access an AWS service using an interface VPC endpoint — "
           "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
)


def check(ctx):
    interfaces = [endpoint for endpoint in ctx.of_class(VpcEndpoint) if is_interface(endpoint)]
    for endpoint, missing, azs in with_callers_outside(ctx, interfaces):
        yield RULE.finding(
            f"interface endpoint '{endpoint.id}' has network interfaces in {az_list(endpoint.azs)} only, but it is "
            f"called from {caller_list(missing)}: those calls cross AZs and fail with "
            f"{'that AZ' if len(endpoint.azs) == 1 else 'the AZs they use'}",
            [endpoint.id, *missing], location=endpoint.location, fix=f"add a subnet in {az_list(azs)} to the endpoint",
            details={"endpoint_azs": list(endpoint.azs), "callers_missing_azs": missing})
