"""AG114 transit-gateway-attachment-azs: components that talk through a transit gateway from AZs its VPC attachment does not cover.

What it flags
-------------
A zonal component connected to (or from) a ``transit_gateway`` whose VPC has no attachment to
it, or whose attachment has no subnet in some of the component's AZs.

Why it matters
--------------
A VPC attachment places a network interface in one subnet per AZ. AWS: resources in AZs where
there is no transit gateway attachment cannot reach the transit gateway. The component's
instances in those AZs lose the route — every day, not only when an AZ fails — and an
attachment in a single AZ makes the whole path fail with that AZ.

Failing spec
------------

```yaml
version: 1
name: tgw-one-az
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: app-vpc
      region: us-east-1
      subnets:
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
    - id: shared-vpc
      region: us-east-1
      subnets:
        - {id: shared-a, az: us-east-1a}
        - {id: shared-b, az: us-east-1b}
components:
  - {id: callers, type: users}
  - {id: app, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4}
  - id: hub
    type: transit_gateway
    region: us-east-1
    attachments:
      - {subnets: [app-a]}
      - {subnets: [shared-a, shared-b]}
  - {id: directory, type: ec2, subnets: [shared-a, shared-b], count: 2}
connections:
  - {from: callers, to: app}
  - {from: app, to: hub}
  - {from: hub, to: directory}
```

Expected finding: AG114 at line 20 on hub, app

Passing spec
------------

```yaml
version: 1
name: tgw-two-azs
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: app-vpc
      region: us-east-1
      subnets:
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
    - id: shared-vpc
      region: us-east-1
      subnets:
        - {id: shared-a, az: us-east-1a}
        - {id: shared-b, az: us-east-1b}
components:
  - {id: callers, type: users}
  - {id: app, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4}
  - id: hub
    type: transit_gateway
    region: us-east-1
    attachments:
      - {subnets: [app-a, app-b]}
      - {subnets: [shared-a, shared-b]}
  - {id: directory, type: ec2, subnets: [shared-a, shared-b], count: 2}
connections:
  - {from: callers, to: app}
  - {from: app, to: hub}
  - {from: hub, to: directory}
```

Fix
---
Attach every VPC that uses the transit gateway, with a subnet in each AZ its components run in
(CloudFormation ``SubnetIds`` of ``AWS::EC2::TransitGatewayVpcAttachment``; Terraform
``subnet_ids`` of ``aws_ec2_transit_gateway_vpc_attachment``).

Source
------
Amazon VPC Transit Gateways, "How transit gateways work" (Availability Zones: resources in AZs
without a transit gateway attachment cannot reach the transit gateway) —
https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list, is_zonal
from archgen.analysis.rule import Rule, RuleFamily
from archgen.catalogue.components.transit_gateway import TransitGateway

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG114", name="transit-gateway-attachment-azs", severity="error",
    summary="component talks through a transit gateway from AZs (or a VPC) its attachments do not cover",
    source="Amazon VPC Transit Gateways, How transit gateways work — "
           "https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html",
)


def check(ctx):
    spec = ctx.spec
    for hub in ctx.of_class(TransitGateway):
        neighbours = [spec.component(x.source) for x in spec.incoming(hub.id) if x.carries_requests]
        neighbours += [spec.component(x.target) for x in spec.outgoing(hub.id) if x.carries_requests]
        for c in dict.fromkeys(neighbours):
            if not is_zonal(c) or c.vpc is None:
                continue
            attachment = hub.attachment(c.vpc)
            if attachment is None:
                yield RULE.finding(
                    f"'{c.id}' uses transit gateway '{hub.id}' but its VPC '{c.vpc}' has no attachment to it",
                    [hub.id, c.id], location=hub.location, fix=f"attach '{c.vpc}' (a subnet in {az_list(c.azs)})",
                    details={"vpc": c.vpc, "azs_not_attached": list(c.azs)})
                continue
            missing = [az for az in c.azs if az not in attachment.azs]
            if missing:
                yield RULE.finding(
                    f"'{c.id}' runs in {az_list(missing)}, where transit gateway '{hub.id}' has no attachment in VPC "
                    f"'{c.vpc}': its instances there cannot reach the transit gateway",
                    [hub.id, c.id], location=hub.location,
                    fix=f"add a subnet in {az_list(missing)} to the attachment of '{c.vpc}'",
                    details={"vpc": c.vpc, "attachment_azs": list(attachment.azs), "azs_not_attached": missing})
