"""The pieces an import is made of: ids from names, software on an instance, the spec writer,
the --traffic merge."""

from __future__ import annotations

import textwrap

import pytest
import yaml

from archgen.diagnostics import SpecError
from archgen.iac import software
from archgen.iac.importer import import_cloudformation, merge_traffic, spec_text
from archgen.iac.naming import IdAllocator, kebab, stand_in_name
from archgen.iac.spec_writer import dump_spec
from archgen.spec.load import check_text
from archgen.spec.yamlload import load_yaml_text


@pytest.mark.parametrize("name, expected", [
    ("WebServerGroup", "web-server-group"), ("MasterDB", "master-db"), ("DBEC2SecurityGroup", "dbec2-security-group"),
    ("rAutoScalingGroupWeb", "r-auto-scaling-group-web"), ("aws_subnet.private[0]", "aws-subnet-private-0"),
    ("2ndQueue", "r-2nd-queue"), ("A" * 80, "a" * 56 + "-" + "c2a908"[:6]),
])
def test_ids_follow_the_documented_rule(name, expected):
    if len(name) < 80:
        assert kebab(name) == expected
    else:
        result = kebab(name)
        assert len(result) == 63 and result.startswith("a" * 56 + "-")


def test_a_taken_id_gets_a_number():
    ids = IdAllocator()
    assert [ids.allocate(n) for n in ("Web", "web", "WEB")] == ["web", "web-2", "web-3"]


def test_stand_in_names_drop_the_parts_nobody_can_know():
    assert stand_in_name("ImportValue ${ParentVPCStack}-SubnetAPublic") == "subnet-a-public"
    assert stand_in_name("pAppPrivateSubnetA") == "p-app-private-subnet-a"


@pytest.mark.parametrize("script, expected", [
    ("#!/bin/bash\nyum install -y httpd mariadb-server\nsystemctl enable --now mariadb\n", {"mariadb"}),
    ("apt-get -y install postgresql-client\n", set()),
    ("dnf install -y redis6 && systemctl start redis6\n", {"redis"}),
    ("yum install -y php-mysqlnd mariadb\n", set()),  # clients of a database elsewhere
    ("service mongod start\n", {"mongodb"}),
])
def test_only_servers_count_as_software_holding_state(script, expected):
    assert software.from_script(script) == expected


def test_written_specs_read_back_as_the_same_data():
    data = {"version": 1, "name": "x", "components": [
        {"id": "a", "type": "sqs", "region": "us-east-1", "label": "yes", "description": "a: b # c"},
        {"id": "b", "type": "route53", "zone": "example.com", "records": [
            {"name": "@", "type": "A", "value": "1.2.3.4", "ttl": 60}, {"name": "*", "type": "CNAME", "value": "x"}]},
        {"id": "c", "type": "users", "label": "null", "description": "1e3"}]}
    text = dump_spec(data, ["header"])
    assert text.startswith("# header\n")
    assert yaml.safe_load(text) == data  # YAML 1.1 readers
    assert load_yaml_text(text, "x.yaml").data == data  # archgen (YAML 1.2)


def test_traffic_settings_merge_by_component_id(tmp_path):
    template = tmp_path / "t.yaml"
    template.write_text("Resources:\n  Queue: {Type: AWS::SQS::Queue}\n  Worker:\n    Type: AWS::Lambda::Function\n"
                        "    Properties: {Timeout: 10, Environment: {Variables: {Q: !Ref Queue}}}\n")
    traffic = tmp_path / "traffic.yaml"
    traffic.write_text(textwrap.dedent("""\
        components:
          worker: {duration_ms: 120, memory_mb: 512}
        connections:
          - {from: worker, to: queue, calls: 2}
        objectives: {availability: 99.9}
        """))
    draft = import_cloudformation([str(template)], region="us-east-1")
    merge_traffic(draft, str(traffic))
    spec = check_text(spec_text(draft, str(tmp_path / "out.yaml"), command="archgen import"), "out.yaml").spec
    worker = spec.get("worker")
    assert (worker.duration_ms, worker.memory_mb) == (120, 512)
    (link,) = spec.connections
    assert (link.source, link.target, link.calls, link.inferred) == ("worker", "queue", 2.0,
                                                                     "the settings of Worker names Queue")
    assert spec.objectives.availability == 99.9


def test_a_traffic_file_naming_a_missing_component_is_refused_at_its_line(tmp_path):
    template = tmp_path / "t.yaml"
    template.write_text("Resources:\n  Queue: {Type: AWS::SQS::Queue}\n")
    traffic = tmp_path / "traffic.yaml"
    traffic.write_text("components:\n  nope: {latency_ms: 3}\n")
    draft = import_cloudformation([str(template)], region="us-east-1")
    with pytest.raises(SpecError) as info:
        merge_traffic(draft, str(traffic))
    assert info.value.diagnostics[0].format() == (f"{traffic}:2:9: error: no component 'nope' in the import "
                                                  "(it has: queue)")
