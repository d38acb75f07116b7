"""CloudFormation templates read as data: short-form tags, intrinsic functions, conditions,
parameters, nested stacks - and the templates CloudFormation itself would refuse."""

from __future__ import annotations

import json
import textwrap

import pytest

from archgen.diagnostics import SpecError
from archgen.iac.cloudformation.stack import load_stacks
from archgen.iac.cloudformation.template import load_template_text, looks_like_template
from archgen.iac.cloudformation.values import Reference, Text, Unknown
from archgen.paths import UsageError


def write(tmp_path, text: str, name: str = "t.yaml"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def properties(tmp_path, body: str, *, region: str | None = "us-east-1", parameters=None, resource="R"):
    """Resolved Properties of resource R in a template whose Resources section is ``body``."""
    file = write(tmp_path, body)
    stacks = load_stacks(file, region=region, parameters=parameters)
    return stacks.root.resources[resource].properties, stacks


def error_of(tmp_path, body: str, **options) -> str:
    file = write(tmp_path, body)
    with pytest.raises(SpecError) as info:
        load_stacks(file, region="us-east-1", **options)
    assert info.value.unreadable, "a template archgen cannot import is exit 2"
    (diagnostic,) = info.value.diagnostics
    return diagnostic.format().replace(str(tmp_path) + "/", "")


def test_short_form_tags_are_read_as_their_long_form_with_positions():
    loaded = load_template_text(textwrap.dedent("""\
        Resources:
          R:
            Type: AWS::SQS::Queue
            Properties:
              A: !Ref X
              B: !GetAtt Other.Arn
              C: !Join ['', [a, !Sub '${AWS::Region}']]
        """), "t.yaml")
    props = loaded.data["Resources"]["R"]["Properties"]
    assert props == {"A": {"Ref": "X"}, "B": {"Fn::GetAtt": "Other.Arn"},
                     "C": {"Fn::Join": ["", ["a", {"Fn::Sub": "${AWS::Region}"}]]}}
    assert loaded.locate(("Resources", "R", "Properties", "C", "Fn::Join", 1, 1, "Fn::Sub")) == (7, 25)


def test_an_unknown_tag_is_refused_with_its_position():
    with pytest.raises(SpecError) as info:
        load_template_text("Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties: {A: !Shell 'rm -rf /'}\n",
                           "t.yaml")
    assert info.value.diagnostics[0].format() == (
        "t.yaml:4:21: error: unknown YAML tag '!Shell'; a template may use CloudFormation's short-form tags "
        "(!Ref, !GetAtt, !Sub, !Join, !If, ...); other tags are never interpreted")


def test_templates_are_told_from_specs():
    assert looks_like_template("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")
    assert looks_like_template('{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}')
    assert not looks_like_template("version: 1\nname: x\ncomponents:\n  - {id: a, type: alb}\n")


def test_json_templates_and_cdk_synth_output_load(tmp_path):
    template = {"Resources": {"Table": {"Type": "AWS::DynamoDB::Table",
                                       "Metadata": {"aws:cdk:path": "App/Table/Resource"},
                                       "Properties": {"TableName": {"Fn::Join": ["-", [{"Ref": "AWS::Region"}, "t"]]}}}},
                "Parameters": {"BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>",
                                                    "Default": "/cdk-bootstrap/hnb659fds/version"}}}
    file = tmp_path / "App.template.json"
    file.write_text(json.dumps(template, indent=1))
    stacks = load_stacks(str(file), region="eu-west-1")
    table = stacks.root.resources["Table"]
    assert table.properties == {"TableName": "eu-west-1-t"}
    assert table.metadata == {"aws:cdk:path": "App/Table/Resource"}
    assert table.line == 3


def test_parameters_defaults_overrides_lists_and_ssm(tmp_path):
    body = """\
        Parameters:
          Size: {Type: Number, Default: 2}
          Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1, subnet-2'}
          Key: {Type: String}
          Ami: {Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami}
          Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
        Resources:
          R:
            Type: AWS::SQS::Queue
            Properties: {A: !Ref Size, B: !Ref Subnets, C: !Ref Key, D: !Ref Ami, E: !Ref Env}
        """
    props, stacks = properties(tmp_path, body, parameters={"Env": "prod"})
    assert props["A"] == 2 and props["B"] == ["subnet-1", "subnet-2"] and props["E"] == "prod"
    assert props["C"] == Unknown("parameter Key has no default (pass --parameter Key=VALUE)", "Key")
    assert "SSM parameter '/aws/service/ami'" in props["D"].reason
    assert set(stacks.unresolved.used_by) == {props["C"].reason, props["D"].reason}
    assert stacks.unresolved.used_by[props["C"].reason] == {"R"}
    with pytest.raises(UsageError, match="not one of its AllowedValues"):
        properties(tmp_path, body, parameters={"Env": "staging"})
    with pytest.raises(UsageError, match="has no parameter of that name"):
        properties(tmp_path, body, parameters={"Nope": "1"})


def test_pseudo_parameters_sub_join_select_split(tmp_path):
    body = """\
        Resources:
          Other: {Type: AWS::SQS::Queue}
          R:
            Type: AWS::SQS::Queue
            Properties:
              Sub: !Sub 'arn:${AWS::Partition}:s3:::${Other}/${!Literal}-${Other.Arn}-${AWS::URLSuffix}'
              SubVars: !Sub ['${A}-${B}', {A: x, B: !Ref 'AWS::Region'}]
              Join: !Join [',', [a, 1, true]]
              Select: !Select ['1', [a, b, c]]
              Split: !Split ['|', 'a|b']
              Account: !Ref 'AWS::AccountId'
              Gone: !Ref 'AWS::NoValue'
              List: [a, !Ref 'AWS::NoValue', b]
        """
    props, _ = properties(tmp_path, body, region="cn-north-1")
    here = str(tmp_path / "t.yaml")
    other = Reference((), "Other", file=here)
    assert props["Sub"] == Text(("arn:aws-cn:s3:::", other, "/${Literal}-", Reference((), "Other", "Arn", here),
                                 "-amazonaws.com.cn"))
    assert props["SubVars"] == "x-cn-north-1"
    assert props["Join"] == "a,1,true"
    assert props["Select"] == "b"
    assert props["Split"] == ["a", "b"]
    assert isinstance(props["Account"], Unknown)
    assert "Gone" not in props and props["List"] == ["a", "b"]


def test_get_azs_comes_from_the_bundled_table_and_find_in_map_from_mappings(tmp_path):
    body = """\
        Mappings:
          RegionMap:
            us-east-2: {Letter: a}
        Resources:
          R:
            Type: AWS::SQS::Queue
            Properties:
              AZs: !GetAZs ''
              Second: !Select [1, !GetAZs {Ref: 'AWS::Region'}]
              Found: !FindInMap [RegionMap, !Ref 'AWS::Region', Letter]
              Missing: !FindInMap [RegionMap, eu-west-1, Letter]
              Defaulted: !FindInMap [RegionMap, eu-west-1, Letter, {DefaultValue: z}]
        """
    props, stacks = properties(tmp_path, body, region="us-east-2")
    assert props["AZs"] == ["us-east-2a", "us-east-2b", "us-east-2c"]
    assert props["Second"] == "us-east-2b"
    assert props["Found"] == "a" and props["Defaulted"] == "z"
    assert isinstance(props["Missing"], Unknown)
    assert "Fn::FindInMap RegionMap/eu-west-1/Letter: the mapping has no such entry" in stacks.unresolved.used_by


def test_no_region_means_us_east_1_and_a_note(tmp_path):
    props, stacks = properties(tmp_path, "Resources:\n  R: {Type: AWS::SQS::Queue, Properties: {A: !GetAZs ''}}\n",
                               region=None)
    assert props["A"] == [f"us-east-1{letter}" for letter in "abcdef"]
    assert any("no --region given" in note.message for note in stacks.notes)


def test_conditions_and_if(tmp_path):
    body = """\
        Parameters:
          Env: {Type: String, Default: prod}
          Unset: {Type: String}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsDev: !Not [{Condition: IsProd}]
          Both: !And [{Condition: IsProd}, !Equals [!Ref 'AWS::Region', us-east-1]]
          Either: !Or [{Condition: IsDev}, !Equals [!Ref Unset, x]]
          Undecided: !Equals [!Ref Unset, x]
        Resources:
          DevOnly: {Type: AWS::SQS::Queue, Condition: IsDev}
          Maybe: {Type: AWS::SQS::Queue, Condition: Undecided}
          R:
            Type: AWS::SQS::Queue
            Properties:
              MultiAZ: !If [IsProd, true, false]
              Both: !If [Both, yes, no]
              Either: !If [Either, yes, no]
        """
    props, stacks = properties(tmp_path, body)
    assert props["MultiAZ"] is True and props["Both"] is True
    assert isinstance(props["Either"], Unknown) and "Unset" in props["Either"].reason
    assert set(stacks.root.resources) == {"Maybe", "R"}
    assert stacks.root.resources["Maybe"].condition_undecided
    assert any("Maybe is created only if condition Undecided holds" in n.message for n in stacks.notes)


def test_cidr_and_length(tmp_path):
    props, _ = properties(tmp_path, "Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                                    "      C: !Cidr ['10.0.0.0/16', 3, 8]\n      N: !Length [a, b]\n")
    assert props == {"C": ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"], "N": 2}


@pytest.mark.parametrize("body, expected", [
    ("Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties: {A: {'Fn::Eval': x}}\n",
     "t.yaml:4:22: error: unknown intrinsic function 'Fn::Eval'; see the CloudFormation intrinsic function reference"),
    ("Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties: {A: !Ref Nothing}\n",
     "t.yaml:4:21: error: Ref to 'Nothing': no parameter or resource of that name; "
     "CloudFormation rejects a Ref to an undeclared name"),
    ("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: {X: !GetAtt B.Arn}\n"
     "  B:\n    Type: AWS::SQS::Queue\n    Properties: {X: !Sub '${A}'}\n",
     "t.yaml:2:3: error: circular dependency between resources: A -> B -> A; CloudFormation rejects it too; "
     "break the cycle with a separate resource (e.g. an AWS::EC2::SecurityGroupIngress)"),
    ("Resources:\n  A:\n    Type: AWS::SQS::Queue\n    DependsOn: A\n",
     "t.yaml:2:3: error: circular dependency between resources: A -> A; CloudFormation rejects it too; "
     "break the cycle with a separate resource (e.g. an AWS::EC2::SecurityGroupIngress)"),
    ("Conditions:\n  A: !Not [{Condition: B}]\n  B: !Not [{Condition: A}]\n"
     "Resources:\n  R: {Type: AWS::SQS::Queue, Condition: A}\n",
     "t.yaml:2:6: error: circular condition: A -> B -> A"),
    ("Resources:\n  R: {Type: AWS::SQS::Queue, Condition: Nope}\n",
     "t.yaml:2:41: error: condition 'Nope' is not declared under Conditions"),
    ("Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties: {A: !Select [5, [a]]}\n",
     "t.yaml:4:30: error: Fn::Select index 5 is outside the list of 1"),
    ("Resources: []\n", "t.yaml:1:1: error: template has no 'Resources' mapping; CloudFormation requires at least one resource"),
    ("Resources:\n  R: {Properties: {}}\n", "t.yaml:2:3: error: resource R has no Type"),
    ("Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties: {A: [unclosed\n",
     "t.yaml:5:1: error: YAML syntax error: did not find expected ',' or ']'; while parsing a flow sequence"),
])
def test_templates_cloudformation_would_refuse_are_one_positioned_line(tmp_path, body, expected):
    assert error_of(tmp_path, body) == expected


def test_nested_stacks_in_the_folder_are_read_with_their_parameters_and_outputs(tmp_path):
    write(tmp_path, """\
        Parameters:
          Zone: {Type: String}
        Resources:
          Nat: {Type: AWS::EC2::NatGateway, Properties: {Zone: !Ref Zone}}
        Outputs:
          NatId: {Value: !Ref Nat}
        """, "stacks/nat.yaml")
    file = write(tmp_path, """\
        Resources:
          NatStack:
            Type: AWS::CloudFormation::Stack
            Properties:
              TemplateURL: stacks/nat.yaml
              Parameters: {Zone: !Select [0, !GetAZs '']}
          Route:
            Type: AWS::EC2::Route
            Properties: {NatGatewayId: !GetAtt NatStack.Outputs.NatId}
          Remote:
            Type: AWS::CloudFormation::Stack
            Properties: {TemplateURL: 'https://example.com/t.yaml'}
        """)
    stacks = load_stacks(file, region="us-east-1")
    (child,) = stacks.root.children.values()
    assert child.path == ("NatStack",)
    assert child.resources["Nat"].properties == {"Zone": "us-east-1a"}
    assert stacks.root.resources["Route"].properties == {
        "NatGatewayId": Reference(("NatStack",), "Nat", file=str(tmp_path / "stacks" / "nat.yaml"))}
    assert [s.path for s in stacks.stacks] == [(), ("NatStack",)]
    assert any("nested stack Remote: template https://example.com/t.yaml is not local" in n.message
               for n in stacks.notes)


@pytest.mark.parametrize("url, expected", [
    ("../outside.yaml", "error: nested stack N: template '../outside.yaml' is outside the folder of the first template"),
    ("/etc/passwd", "error: nested stack N: template '/etc/passwd' is outside the folder of the first template"),
    ("missing.yaml", "error: nested stack N: no template file 'missing.yaml' next to t.yaml"),
    ("t.yaml", "error: nested stacks include each other: t.yaml -> t.yaml"),
])
def test_nested_stack_paths_outside_the_folder_or_looping_are_refused(tmp_path, url, expected):
    (tmp_path / "outside.yaml").write_text("Resources: {X: {Type: AWS::SQS::Queue}}\n")
    root = tmp_path / "project"
    message = error_of(root, f"Resources:\n  N:\n    Type: AWS::CloudFormation::Stack\n"
                             f"    Properties: {{TemplateURL: '{url}'}}\n")
    assert message.startswith("t.yaml:4:") and expected in message, message
