"""AG118 clb-connection-draining-off: a Classic Load Balancer without connection draining.

What it flags
-------------
A ``clb`` without ``connection_draining: true`` (CloudFormation ``ConnectionDrainingPolicy``,
off unless set; Terraform ``connection_draining`` on ``aws_elb``, default false).

Why it matters
--------------
Without connection draining, a Classic Load Balancer cuts the open connections of an instance
the moment it is deregistered or fails its health check: every scale-in, deployment and
instance replacement fails the requests in flight on it. With it, the load balancer stops
sending new requests to the instance and lets the open ones finish (up to the timeout). AWS
Trusted Advisor checks it among its fault-tolerance checks.

Failing spec
------------

```yaml
version: 1
name: clb-no-draining
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: clients, type: users}
  - {id: lb, type: clb, region: us-east-1, azs: [us-east-1a, us-east-1b], cross_zone: true}
  - {id: web, type: autoscaling, region: us-east-1, azs: [us-east-1a, us-east-1b], min: 2, max: 4, health_check_type: ELB}
connections:
  - {from: clients, to: lb}
  - {from: lb, to: web}
```

Expected finding: AG118 at line 7 on lb

Passing spec
------------

```yaml
version: 1
name: clb-draining
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: clients, type: users}
  - {id: lb, type: clb, region: us-east-1, azs: [us-east-1a, us-east-1b], cross_zone: true, connection_draining: true}
  - {id: web, type: autoscaling, region: us-east-1, azs: [us-east-1a, us-east-1b], min: 2, max: 4, health_check_type: ELB}
connections:
  - {from: clients, to: lb}
  - {from: lb, to: web}
```

Fix
---
Set ``connection_draining: true`` (CloudFormation ``ConnectionDrainingPolicy: {Enabled: true,
Timeout: 300}``), or move to an Application Load Balancer (deregistration delay is on by default).

Source
------
Elastic Load Balancing, Classic Load Balancers, "Configure connection draining for your
Classic Load Balancer" — https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-conn-drain.html
"""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import serves_requests
from archgen.catalogue.components.clb import ClassicLoadBalancer

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG118", name="clb-connection-draining-off", severity="warning",
    summary="Classic Load Balancer without connection draining: deregistered instances drop requests in flight",
    source="Elastic Load Balancing, Classic Load Balancers, Configure connection draining — "
           "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-conn-drain.html",
)


def check(ctx):
    for lb in ctx.of_class(ClassicLoadBalancer):
        if not lb.connection_draining and serves_requests(ctx, lb):
            yield RULE.finding(
                f"Classic Load Balancer '{lb.id}' has connection draining off: an instance that is deregistered or "
                "fails its health check loses the requests in flight on it",
                [lb.id], location=lb.location, fix="set connection_draining: true",
                details={"connection_draining": False})
