"""AG121 mq-single-instance: an Amazon MQ broker deployed as a single instance.

What it flags
-------------
An ``mq`` broker with ``deployment_mode: single_instance`` (ActiveMQ or RabbitMQ) that
something sends messages to.

Why it matters
--------------
A single-instance broker is one broker in one AZ: when it fails, when its AZ goes down, and
during every maintenance window (up to two hours a week) producers and consumers lose it.
With EBS storage (ActiveMQ option, always for RabbitMQ) its persistent messages are in that
one AZ as well. AWS recommends a Multi-AZ deployment for high availability: an ActiveMQ
active/standby pair in two AZs, or a three-node RabbitMQ cluster.

Failing spec
------------

```yaml
version: 1
name: single-broker
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: orders, type: ecs, subnets: [app-a, app-b], launch_type: fargate, desired: 2}
  - {id: broker, type: mq, engine: activemq, subnets: [app-a]}
connections:
  - {from: orders, to: broker, kind: async}
```

Expected finding: AG121 at line 14 on broker

Passing spec
------------

```yaml
version: 1
name: active-standby-broker
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: orders, type: ecs, subnets: [app-a, app-b], launch_type: fargate, desired: 2}
  - {id: broker, type: mq, engine: activemq, deployment_mode: active_standby_multi_az, subnets: [app-a, app-b]}
connections:
  - {from: orders, to: broker, kind: async}
```

Fix
---
ActiveMQ: ``deployment_mode: active_standby_multi_az`` with subnets in two AZs (and the
failover transport in clients). RabbitMQ: ``deployment_mode: cluster_multi_az``.

Source
------
Amazon MQ Developer Guide, "Maintaining an Amazon MQ broker" (Multi-AZ deployment modes
recommended) — https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/maintaining-brokers.html ;
"Deployment options for Amazon MQ for ActiveMQ brokers" —
https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/amazon-mq-broker-architecture.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import serves_requests
from archgen.catalogue.components.mq import ACTIVEMQ, ENGINE_NAMES, MqBroker, single_instance

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG121", name="mq-single-instance", severity="warning",
    summary="Amazon MQ broker deployed as a single instance (one broker in one AZ)",
    source="Amazon MQ Developer Guide, Maintaining an Amazon MQ broker — "
           "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/maintaining-brokers.html",
)


def check(ctx):
    for broker in ctx.of_class(MqBroker):
        if not single_instance(broker) or not serves_requests(ctx, broker):
            continue
        better = "active_standby_multi_az" if broker.engine == ACTIVEMQ else "cluster_multi_az"
        storage = ", and its messages on EBS in that AZ" if broker.storage == "ebs" else ""
        yield RULE.finding(
            f"{ENGINE_NAMES[broker.engine]} broker '{broker.id}' is a single instance in {az_list(broker.azs)}: a broker failure, an "
            f"AZ loss or a maintenance window stops every producer and consumer{storage}",
            [broker.id], location=broker.location, fix=f"set deployment_mode: {better} with subnets in two or more AZs",
            details={"engine": broker.engine, "deployment_mode": broker.deployment_mode, "storage": broker.storage})
