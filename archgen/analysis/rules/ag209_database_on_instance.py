"""AG209 database-on-instance: a database (or other state) kept by software on EC2 instances.

What it flags
-------------
EC2 instances (``ec2``) or an Auto Scaling group whose ``hosts`` names software that keeps
state on the instances' own volumes: MySQL in a WordPress instance, a broker, files the
application writes to local disk.

Why it matters
--------------
An EBS volume lives in one Availability Zone and belongs to one instance. Nothing archgen
can see copies the data: no synchronous standby, no replica, no automated backup. Losing the
instance or its AZ loses the database, and an Auto Scaling group replaces an unhealthy
instance with a new one that starts without the data. Managed databases keep a standby in
another AZ and back themselves up.

Failing spec
------------

```yaml
version: 1
name: wordpress-single-instance
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
components:
  - {id: readers, type: users}
  - {id: wordpress, type: ec2, subnets: [public-a], elastic_ip: true, hosts: [mysql]}
connections:
  - {from: readers, to: wordpress}
```

Expected finding: AG209 at line 14 on wordpress

Passing spec
------------

```yaml
version: 1
name: wordpress-with-rds
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
        - {id: data-a, az: us-east-1a}
        - {id: data-b, az: us-east-1b}
components:
  - {id: readers, type: users}
  - {id: wordpress, type: autoscaling, subnets: [public-a, public-b], min: 2, max: 4}
  - {id: db, type: rds, engine: mysql, subnets: [data-a, data-b], multi_az: true, backup_retention_days: 7}
connections:
  - {from: readers, to: wordpress}
  - {from: wordpress, to: db}
```

Fix
---
Move the data to a managed store (RDS Multi-AZ or Aurora for a database, EFS or S3 for
files) and keep the instances stateless, so any of them can be replaced.

Source
------
Amazon EBS User Guide, "Amazon EBS volumes" (a volume lives in one Availability Zone) —
https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes.html ; Amazon RDS User Guide,
"Multi-AZ DB instance deployments"
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.redundancy import az_list, backup_intervals
from archgen.analysis.rule import Rule, RuleFamily
from archgen.formatting import duration

RULE = Rule(
    family=RuleFamily.DATA,
    id="AG209", name="database-on-instance", severity="error",
    summary="EC2 instances or an Auto Scaling group keep a database (or other state) on their own volumes",
    source="Amazon EBS User Guide, Amazon EBS volumes — https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes.html",
)


def check(ctx):
    planned = backup_intervals(ctx.spec, ctx.backup_plans)
    for c in ctx.of_class(m.Ec2Instances, m.AutoScalingGroup):
        if not c.hosts:
            continue
        software = ", ".join(c.hosts)
        if isinstance(c, m.AutoScalingGroup):
            where = (f"Auto Scaling group '{c.id}' keeps {software} data on its instances' own volumes: "
                     "an instance the group replaces starts without it")
        elif c.count == 1:
            where = (f"'{c.id}' keeps {software} data on one EC2 instance's volumes in {az_list(c.azs)}: "
                     "losing the instance or its AZ loses it")
        else:
            where = f"'{c.id}' keeps {software} data on each of its {c.count} EC2 instances' own volumes"
        every = planned.get(c.id)
        protection = "no standby, replica or automated backup protects it" if every is None else \
            f"no standby or replica protects it, only a backup plan's backups every {duration(every)}"
        yield RULE.finding(
            f"{where}; {protection}",
            [c.id], location=c.location,
            fix="move the data to a managed store (RDS Multi-AZ, Aurora, EFS, S3) and keep the instances stateless",
            details={"hosts": list(c.hosts), "azs": list(c.azs)})
