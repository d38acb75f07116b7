"""Attributes real templates need on existing types: how they are checked and what the model makes of them."""

from __future__ import annotations

import pytest

from archgen.spec.load import check_text
from tests.support import spec_from_text

HEAD = """version: 1
name: t
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: a, az: us-east-1a}
        - {id: b, az: us-east-1b}
        - {id: c, az: us-east-1c}
components:
"""


def errors(components: str) -> list[str]:
    checked = check_text(HEAD + components, "t.yaml")
    return [d.message for d in checked.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("components, message", [
    ("  - {id: f, type: s3, region: us-east-1, replica_regions: [us-west-2]}\n",
     "S3 replication needs versioning on the bucket"),
    ("  - {id: db, type: rds, engine: mysql, subnets: [a]}\n"
     "  - {id: r, type: rds, engine: postgres, subnets: [b], replica_of: db}\n",
     "a read replica runs its source's engine (mysql)"),
    ("  - {id: r, type: rds, engine: mysql, subnets: [b], replica_of: r}\n",
     "a DB instance cannot be a read replica of itself"),
    ("  - {id: t, type: sqs, region: us-east-1}\n  - {id: r, type: rds, engine: mysql, subnets: [b], replica_of: t}\n",
     "'t' is an SQS queue, not an RDS DB instance"),
    ("  - {id: db, type: aurora, engine: aurora-mysql, region: us-east-1, instances: [{name: w}]}\n",
     "Aurora DB cluster 'db' needs a placement"),
    ("  - {id: hosts, type: autoscaling, subnets: [a, b], min: 2, max: 2}\n"
     "  - {id: api, type: ecs, desired: 2, container_hosts: hosts, launch_type: fargate}\n",
     "Fargate tasks run on no container hosts"),
    ("  - {id: hosts, type: autoscaling, subnets: [a, b], min: 2, max: 2}\n"
     "  - {id: api, type: ecs, desired: 2, container_hosts: hosts, subnets: [b, c]}\n",
     "tasks of 'api' cannot run in us-east-1c: its container hosts 'hosts' are not placed there"),
    ("  - {id: q, type: sqs, region: us-east-1}\n  - {id: api, type: ecs, desired: 2, container_hosts: q}\n",
     "'q' is an SQS queue, not an Auto Scaling group"),
])
def test_attribute_checks(components, message):
    assert message in errors(components)


def test_deletion_policies_are_those_the_type_supports():
    assert any("snapshot" in e for e in errors(
        "  - {id: f, type: s3, region: us-east-1, deletion_policy: snapshot}\n"))
    assert errors("  - {id: db, type: rds, engine: mysql, subnets: [a], deletion_policy: snapshot}\n") == []
    assert any("deletion_policy" in e for e in errors("  - {id: q, type: sqs, region: us-east-1, deletion_policy: retain}\n"))


def test_the_model_keeps_the_new_attributes():
    spec = spec_from_text(HEAD + """  - {id: db, type: rds, engine: mysql, subnets: [a, b], deletion_policy: snapshot,
         read_replicas: [{az: us-east-1c, multi_az: true}]}
  - {id: web, type: autoscaling, subnets: [a, b], min: 2, max: 2, health_check_grace_period: 5m, hosts: [mysql]}
  - {id: box, type: ec2, subnets: [c], hosts: [postgresql, files]}
  - id: cluster
    type: aurora
    engine: aurora-postgresql
    subnets: [a, b]
    instances: [{name: w, az: us-east-1a}, {name: r}]
""")
    db, web, box, cluster = (spec.component(i) for i in ("db", "web", "box", "cluster"))
    assert db.deletion_policy == "snapshot" and db.read_replicas[0].multi_az
    assert web.health_check_grace_period_s == 300 and web.hosts == ("mysql",)
    assert box.hosts == ("postgresql", "files") and box.deletion_policy is None
    assert [i.az for i in cluster.instances] == ["us-east-1a", None]
