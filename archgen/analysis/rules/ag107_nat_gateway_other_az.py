"""AG107 nat-gateway-other-az: private subnets routed through a NAT gateway in another AZ.

What it flags
-------------
A private subnet whose default route (``nat_gateway``) uses a NAT gateway that lives in a
different Availability Zone. One finding per NAT gateway, listing the subnets.

Why it matters
--------------
A NAT gateway is redundant only inside its own AZ. When that AZ fails, every subnet routed
through it — in AZs that are otherwise healthy — loses outbound access (package
repositories, third-party APIs, AWS endpoints without VPC endpoints). Cross-AZ NAT traffic
is also billed as inter-AZ data transfer. Only Trusted Advisor checks this, after deployment.
The corpus template ``nist_vpc_production`` has exactly this shape.

Failing spec
------------

```yaml
version: 1
name: one-nat
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: public-b, az: us-east-1b, kind: public}
        - {id: app-a, az: us-east-1a, nat_gateway: nat}
        - {id: app-b, az: us-east-1b, nat_gateway: nat}
components:
  - {id: nat, type: nat_gateway, subnets: [public-a]}
```

Expected finding: AG107 at line 14 on nat

Passing spec
------------

```yaml
version: 1
name: nat-per-az
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: public-b, az: us-east-1b, kind: public}
        - {id: app-a, az: us-east-1a, nat_gateway: nat-a}
        - {id: app-b, az: us-east-1b, nat_gateway: nat-b}
components:
  - {id: nat-a, type: nat_gateway, subnets: [public-a]}
  - {id: nat-b, type: nat_gateway, subnets: [public-b]}
```

Fix
---
Create one NAT gateway per AZ, each in that AZ's public subnet, and route each private
subnet through the NAT gateway of its own AZ.

Source
------
Amazon VPC User Guide, "NAT gateways" (create a NAT gateway in each AZ for zone-independent
architecture) — https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG107", name="nat-gateway-other-az", severity="warning",
    summary="private subnet routed through a NAT gateway in another AZ",
    source="Amazon VPC User Guide, NAT gateways — https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
)


def check(ctx):
    spec = ctx.spec
    crossing: dict[str, list] = {}
    for vpc in spec.vpcs:
        for subnet in vpc.subnets:
            nat = spec.get(subnet.nat_gateway)
            if nat is None or not nat.azs or subnet.az in nat.azs:
                continue
            crossing.setdefault(nat.id, []).append(subnet)
    for nat_id, subnets in crossing.items():
        nat = spec.component(nat_id)
        names = ", ".join(f"{s.id} ({s.az})" for s in subnets)
        yield RULE.finding(
            f"NAT gateway '{nat_id}' in {nat.azs[0]} is the default route of {names}: "
            f"losing {nat.azs[0]} cuts their outbound access",
            [nat_id], location=subnets[0].location,
            fix="create a NAT gateway in each AZ and route each private subnet through its own AZ's",
            details={"nat_az": nat.azs[0], "subnets": [s.id for s in subnets]})
