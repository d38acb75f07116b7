"""`terraform show -json` plans and states: resources, their lines, and what each attribute
points at (from the configuration in a plan, from ids in a state).

The fixtures in tests/iac/fixtures/terraform/ were made by the real terraform binary
(scripts/terraform_fixtures.py); the tests never run terraform.
"""

from __future__ import annotations

import json

import pytest

from archgen.diagnostics import SpecError
from archgen.iac.terraform.plan import load_terraform
from tests.support import ROOT

WEB = ROOT / "tests" / "iac" / "fixtures" / "terraform" / "web"


@pytest.fixture(scope="module", params=["plan", "state"])
def web(request):
    return load_terraform(str(WEB / f"{request.param}.json"))


def addresses(resources) -> list[str]:
    return [r.address for r in resources]


def test_managed_resources_of_every_module_are_read(web):
    found = addresses(web.resources)
    assert len(found) == 38
    assert "module.dead_letters.aws_sqs_queue.this" in found
    assert {"aws_subnet.private[0]", "aws_subnet.private[1]"} <= set(found)
    queue = web.resource("module.dead_letters.aws_sqs_queue.this")
    assert queue.module == "module.dead_letters" and queue.config_address == queue.address
    assert web.resource("aws_subnet.private[1]").index == 1
    assert web.resource("aws_subnet.private[1]").values["availability_zone"] == "us-east-1b"


def test_each_resource_keeps_its_line(web):
    text = (WEB / f"{web.kind}.json").read_text().splitlines()
    for resource in web.resources:
        assert f'"address": "{resource.address}"' in "\n".join(text[resource.line - 1:resource.line + 2])


def test_attributes_point_at_the_resources_they_name(web):
    asg = web.resource("aws_autoscaling_group.web")
    assert addresses(web.referenced(asg, "vpc_zone_identifier")) == ["aws_subnet.private[0]", "aws_subnet.private[1]"]
    assert addresses(web.referenced(asg, "target_group_arns")) == ["aws_lb_target_group.web"]
    listener = web.resource("aws_lb_listener.http")
    assert addresses(web.referenced(listener, "default_action", "target_group_arn")) == ["aws_lb_target_group.web"]
    # [count.index]: each association names the subnet with its own index
    association = web.resource("aws_route_table_association.private[1]")
    assert addresses(web.referenced(association, "subnet_id")) == ["aws_subnet.private[1]"]
    record = web.resource("aws_route53_record.www")
    assert addresses(web.referenced(record, "alias", "name")) == ["aws_cloudfront_distribution.cdn"]
    worker = web.resource("aws_lambda_function.worker")
    assert "aws_dynamodb_table.orders" in addresses(web.referenced_anywhere(worker))


def test_a_plan_follows_module_outputs():
    plan = load_terraform(str(WEB / "plan.json"))
    jobs = plan.resource("aws_sqs_queue.jobs")
    assert addresses(plan.referenced(jobs, "redrive_policy")) == ["module.dead_letters.aws_sqs_queue.this"]
    assert "arn" in jobs.unknown and "name" not in jobs.unknown


def test_a_minimal_plan_written_from_the_documented_format(tmp_path):
    plan = {
        "format_version": "1.2", "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": [
            {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
             "values": {"instance_type": "t3.micro", "availability_zone": "eu-west-1a"}},
            {"address": "data.aws_ami.ubuntu", "mode": "data", "type": "aws_ami", "name": "ubuntu", "values": {}},
        ], "child_modules": [{"address": "module.db", "resources": [
            {"address": "module.db.aws_db_instance.this", "mode": "managed", "type": "aws_db_instance",
             "name": "this", "values": {"engine": "postgres", "multi_az": True}}]}]}},
        "resource_changes": [{"address": "aws_instance.web", "change": {"after_unknown": {"id": True}}}],
        "configuration": {"root_module": {
            "resources": [{"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
                           "expressions": {"user_data": {"references": ["module.db.address", "module.db"]}}}],
            "module_calls": {"db": {"source": "./db", "module": {
                "outputs": {"address": {"expression": {"references": ["aws_db_instance.this.address",
                                                                      "aws_db_instance.this"]}}},
                "resources": [{"address": "aws_db_instance.this", "mode": "managed", "type": "aws_db_instance",
                               "name": "this", "expressions": {}}]}}}}},
    }
    file = tmp_path / "plan.json"
    file.write_text(json.dumps(plan, indent=2))
    read = load_terraform(str(file))
    assert read.kind == "plan" and addresses(read.resources) == ["aws_instance.web", "module.db.aws_db_instance.this"]
    web = read.resource("aws_instance.web")
    assert web.unknown == {"id"} and web.line == 7
    assert addresses(read.referenced(web, "user_data")) == ["module.db.aws_db_instance.this"]


@pytest.mark.parametrize("text, expected", [
    ('{"resources": []}', "p.json:1:1: error: not `terraform show -json` output (no format_version); "
                          "run `terraform show -json PLANFILE > plan.json` (or without PLANFILE for the state)"),
    ('{"format_version": "2.0", "values": {}}',
     "p.json:1:20: error: format_version 2.0 is newer than archgen reads (0.x and 1.x)"),
    ('{"format_version": "1.0", "planned_values": [1', "p.json:2:1: error: YAML syntax error"),
])
def test_what_is_not_terraform_json_is_one_positioned_line(tmp_path, text, expected):
    file = tmp_path / "p.json"
    file.write_text(text + "\n")
    with pytest.raises(SpecError) as info:
        load_terraform(str(file))
    assert info.value.unreadable
    assert info.value.diagnostics[0].format().replace(str(tmp_path) + "/", "").startswith(expected)
