"""`archgen import terraform` on the plan and state of tests/iac/fixtures/terraform/web/main.tf
(made by the real terraform, scripts/terraform_fixtures.py; the tests never run terraform)."""

from __future__ import annotations

import pytest

from archgen.analysis.engine import analyze
from archgen.iac.importer import run_import
from archgen.spec.load import check_text
from tests.support import ROOT

WEB = ROOT / "tests" / "iac" / "fixtures" / "terraform" / "web"


@pytest.fixture(scope="module", params=["plan", "state"])
def imported(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("tf") / f"web-{request.param}.yaml"
    outcome = run_import("terraform", [str(WEB / f"{request.param}.json")], output=str(out), traffic=None,
                         region=None, parameters=[], command_line="archgen import terraform")
    assert outcome.status == "ok", [d.format() for d in outcome.diagnostics]
    checked = check_text(outcome.text, str(out))
    assert checked.spec is not None
    return request.param, checked.spec, outcome


def test_components_and_their_source_addresses(imported):
    kind, spec, _ = imported
    assert sorted(c.id for c in spec.components) == [
        "autoscaling-group-web", "cloudfront-distribution-cdn", "db-instance-main", "dead-letters-sqs-queue-this",
        "dynamodb-table-orders", "elasticache-replication-group-cache", "internet", "lambda-function-worker",
        "lb-web", "nat-gateway-main", "route53-zone-main", "s3-bucket-assets", "sqs-queue-jobs"]
    asg = spec.get("autoscaling-group-web")
    assert asg.source.logical_id == "aws_autoscaling_group.web" and asg.source.file.endswith(f"web/{kind}.json")
    assert (asg.min, asg.desired, asg.max, asg.instance_type, asg.azs) == (2, 2, 6, "t3.medium",
                                                                          ("us-east-1a", "us-east-1b"))
    db = spec.get("db-instance-main")
    assert (db.engine, db.multi_az, db.backup_retention_days) == ("mysql", False, 1)
    assert spec.get("s3-bucket-assets").versioning is True


def test_the_network_from_route_tables(imported):
    _, spec, _ = imported
    subnets = {s.id: (s.az, s.kind, s.nat_gateway) for vpc in spec.vpcs for s in vpc.subnets}
    assert subnets == {"subnet-public-0": ("us-east-1a", "public", None), "subnet-public-1": ("us-east-1b", "public", None),
                       "subnet-private-0": ("us-east-1a", "private", "nat-gateway-main"),
                       "subnet-private-1": ("us-east-1b", "private", "nat-gateway-main")}


def test_connections_with_their_evidence(imported):
    _, spec, _ = imported
    links = {(c.source, c.target): c.inferred for c in spec.connections}
    assert links[("lb-web", "autoscaling-group-web")].startswith("a listener of aws_lb.web forwards to target group "
                                                                 "aws_lb_target_group.web")
    assert links[("cloudfront-distribution-cdn", "lb-web")] == ("origin app of aws_cloudfront_distribution.cdn is "
                                                                "lb-web (domain_name)")
    assert links[("route53-zone-main", "cloudfront-distribution-cdn")].startswith("record www.example.com (A) aliases")
    assert ("sqs-queue-jobs", "lambda-function-worker") in links
    assert links[("lambda-function-worker", "dynamodb-table-orders")].endswith("names aws_dynamodb_table.orders "
                                                                                "(environment)")
    assert links[("autoscaling-group-web", "db-instance-main")] == ("security group aws_security_group.db admits "
                                                                    "aws_security_group.web on port 3306")
    assert links[("internet", "route53-zone-main")] == "public hosted zone example.com"


def test_the_review_finds_what_the_configuration_gets_wrong(imported):
    _, spec, _ = imported
    found = {f.rule for f in analyze(spec).active}
    assert {"AG107", "AG201", "AG204", "AG205"} <= found  # one NAT for 2 AZs, Single-AZ RDS, no PITR, 1-day backups


def test_a_plan_says_what_it_cannot_know(imported):
    kind, _, outcome = imported
    notes = "\n".join(n.message for n in outcome.notes)
    assert ("is a plan: values known only after apply" in notes) is (kind == "plan")
    assert "sets no backup_retention_period" not in notes  # the configuration sets it


EXTRAS = ROOT / "tests" / "iac" / "fixtures" / "terraform" / "extras"


@pytest.mark.parametrize("kind", ["plan", "state"])
def test_the_other_types_from_a_plan_and_a_state(kind, tmp_path):
    """extras/main.tf: EFS, DAX over DynamoDB, MemoryDB, VPN, Global Accelerator over an NLB, a transit gateway,
    VPC endpoints, Cognito and a WAF web ACL on an ALB (made by the real terraform in eu-west-1)."""
    outcome = run_import("terraform", [str(EXTRAS / f"{kind}.json")], output=str(tmp_path / "x.yaml"), traffic=None,
                         region=None, parameters=[], command_line="archgen import terraform")
    spec = check_text(outcome.text, "x.yaml").spec
    types = {c.id: c.type for c in spec.components}
    assert types == {"internet": "users", "cognito-user-pool-players": "cognito", "dax-cluster-sessions": "dax",
                     "dynamodb-table-sessions": "dynamodb", "ec2-transit-gateway-hub": "transit_gateway",
                     "efs-file-system-shared": "efs", "globalaccelerator-accelerator-game": "global_accelerator",
                     "lb-api": "alb", "lb-game": "nlb", "memorydb-cluster-cache": "memorydb",
                     "vpc-endpoint-s3": "vpc_endpoint", "vpc-endpoint-sqs": "vpc_endpoint",
                     "vpn-connection-office": "vpn", "wafv2-web-acl-api": "waf"}
    assert spec.regions[0].name == "eu-west-1"  # the provider's Region, or the one the AZs name
    links = {(c.source, c.target) for c in spec.connections}
    assert {("dax-cluster-sessions", "dynamodb-table-sessions"), ("globalaccelerator-accelerator-game", "lb-game"),
            ("wafv2-web-acl-api", "lb-api"), ("internet", "wafv2-web-acl-api")} <= links
    assert spec.get("efs-file-system-shared").azs == ("eu-west-1a", "eu-west-1b")


BACKUP = ROOT / "tests" / "iac" / "fixtures" / "terraform" / "backup"


@pytest.mark.parametrize("kind", ["plan", "state"])
def test_an_aws_backup_plan_with_its_selections_and_vault_lock(kind, tmp_path):
    """backup/main.tf: a plan whose daily rule copies to a vault in us-west-2, a selection by ARNs (a plan
    records references, a state ARNs), one by tag (the table tagged backup=daily, not the untagged one)."""
    outcome = run_import("terraform", [str(BACKUP / f"{kind}.json")], output=str(tmp_path / "b.yaml"), traffic=None,
                         region=None, parameters=[], command_line="archgen import terraform")
    spec = check_text(outcome.text, "b.yaml").spec
    plan = spec.get("backup-plan-main")
    assert plan.source.logical_id == "aws_backup_plan.main"
    assert plan.protects == ("db-instance-orders", "dynamodb-table-sessions", "efs-file-system-uploads")
    assert [(r.name, r.schedule, r.every_s, r.retention_s / 86400) for r in plan.rules] == [
        ("daily", "cron(0 5 ? * * *)", 86400.0, 35), ("hourly", "cron(0 * ? * * *)", 3600.0, 7)]
    assert [(c.region, c.retention_s / 86400) for c in plan.rules[0].copies] == [("us-west-2", 90)]
    assert (plan.vault_lock.min_retention_s / 86400, plan.vault_lock.max_retention_s / 86400) == (7, 365)
    assert [r.name for r in spec.regions] == ["us-east-1", "us-west-2"]  # the copies' Region is declared
    notes = "\n".join(note.message for note in outcome.notes)
    assert "aws_backup" not in notes  # plan, selections, vault and lock all folded into the component
