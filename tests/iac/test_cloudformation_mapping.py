"""Resources -> components, network and connections, on small templates written for each case."""

from __future__ import annotations

import textwrap

import pytest

from archgen.iac.importer import import_cloudformation
from archgen.spec.load import check_loaded


def imported(tmp_path, body: str, **options):
    """(spec dict, notes as text, checked spec) of a template whose text is ``body``."""
    file = tmp_path / "stack.yaml"
    file.write_text("AWSTemplateFormatVersion: '2010-09-09'\n" + textwrap.dedent(body))
    draft = import_cloudformation([str(file)], region=options.pop("region", "us-east-1"), **options)
    checked = check_loaded(draft.loaded())
    assert checked.spec is not None, [d.format() for d in checked.diagnostics]
    return draft.spec(), "\n".join(n.message for n in draft.notes), checked.spec


def component(spec: dict, component_id: str) -> dict:
    return next(c for c in spec["components"] if c["id"] == component_id)


def connections(spec: dict) -> dict:
    return {(c["from"], c["to"]): c["inferred"] for c in spec.get("connections", [])}


NETWORK = """\
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Igw: {Type: AWS::EC2::InternetGateway}
  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
  PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: !Select [0, !GetAZs '']}}
  PublicB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [1, !GetAZs '']}}
  PrivateA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: !Select [0, !GetAZs '']}}
  PrivateB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24, AvailabilityZone: !Select [1, !GetAZs '']}}
  PublicRoutes: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
  PublicDefault: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref PublicRoutes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
  PublicAssocA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicA, RouteTableId: !Ref PublicRoutes}}
  PublicAssocB: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicB, RouteTableId: !Ref PublicRoutes}}
  NatIp: {Type: AWS::EC2::EIP}
  Nat: {Type: AWS::EC2::NatGateway, Properties: {SubnetId: !Ref PublicA, AllocationId: !GetAtt NatIp.AllocationId}}
  PrivateRoutes: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
  PrivateDefault: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref PrivateRoutes, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat}}
  PrivateAssocA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PrivateA, RouteTableId: !Ref PrivateRoutes}}
  PrivateAssocB: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PrivateB, RouteTableId: !Ref PrivateRoutes}}
"""


def test_subnets_get_their_az_kind_and_nat_gateway_from_the_route_tables(tmp_path):
    spec, _, model = imported(tmp_path, NETWORK, region="eu-west-1")
    (vpc,) = spec["network"]["vpcs"]
    assert vpc["id"] == "vpc" and vpc["internet_gateway"] is True and vpc["cidr"] == "10.0.0.0/16"
    assert vpc["subnets"] == [
        {"id": "public-a", "az": "eu-west-1a", "kind": "public", "cidr": "10.0.0.0/24"},
        {"id": "public-b", "az": "eu-west-1b", "kind": "public", "cidr": "10.0.1.0/24"},
        {"id": "private-a", "az": "eu-west-1a", "kind": "private", "cidr": "10.0.2.0/24", "nat_gateway": "nat"},
        {"id": "private-b", "az": "eu-west-1b", "kind": "private", "cidr": "10.0.3.0/24", "nat_gateway": "nat"},
    ]
    assert component(spec, "nat") == {"id": "nat", "type": "nat_gateway", "subnets": ["public-a"],
                                      "source": {"file": str(tmp_path / "stack.yaml"), "logical_id": "Nat", "line": 15}}
    assert spec["regions"] == [{"name": "eu-west-1", "azs": ["eu-west-1a", "eu-west-1b"]}]


def test_one_nat_gateway_for_two_azs_is_what_ag107_reports(tmp_path):
    from archgen.analysis.engine import analyze

    _, _, model = imported(tmp_path, NETWORK)
    assert {(f.rule, f.location.line) for f in analyze(model).active} == {("AG107", 9)}  # PrivateB's line


WEB = NETWORK + """\
  Lb: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Subnets: [!Ref PublicA, !Ref PublicB]}}
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 80, Protocol: HTTP, VpcId: !Ref Vpc, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: [{Type: forward, TargetGroupArn: !Ref Tg}]}
  WebConfig:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        InstanceType: t3.small
        UserData: !Base64 {'Fn::Sub': "#!/bin/bash\\necho DB=${Db.Endpoint.Address} >> /etc/app\\n"}
  WebServerGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      VPCZoneIdentifier: [!Ref PrivateA, !Ref PrivateB]
      MinSize: '2'
      MaxSize: '6'
      DesiredCapacity: 3
      HealthCheckType: ELB
      TargetGroupARNs: [!Ref Tg]
      LaunchTemplate: {LaunchTemplateId: !Ref WebConfig, Version: !GetAtt WebConfig.LatestVersionNumber}
  DbSubnets: {Type: AWS::RDS::DBSubnetGroup, Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref PrivateA, !Ref PrivateB]}}
  Db:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.r6g.large, MultiAZ: true, DBSubnetGroupName: !Ref DbSubnets,
                 AllocatedStorage: '100'}
  Replica: {Type: AWS::RDS::DBInstance, Properties: {SourceDBInstanceIdentifier: !Ref Db, DBInstanceClass: db.r6g.large}}
"""


def test_load_balancer_target_group_and_group_become_one_connection_with_its_evidence(tmp_path):
    spec, notes, _ = imported(tmp_path, WEB)
    lb, asg = component(spec, "lb"), component(spec, "web-server-group")
    assert lb["subnets"] == ["public-a", "public-b"]
    assert lb["health_check"] == {"protocol": "HTTP", "path": "/health", "interval": 10}
    assert {k: asg[k] for k in ("subnets", "min", "desired", "max", "instance_type", "health_check_type")} == {
        "subnets": ["private-a", "private-b"], "min": 2, "desired": 3, "max": 6, "instance_type": "t3.small",
        "health_check_type": "ELB"}
    links = connections(spec)
    assert links[("lb", "web-server-group")] == ("a listener of Lb forwards to target group Tg, which Auto Scaling "
                                                 "group WebServerGroup registers with (TargetGroupARNs)")
    assert links[("web-server-group", "db")] == "WebConfig (used by WebServerGroup) names Db"
    assert links[("internet", "lb")] == "an internet-facing Application Load Balancer (Scheme is not internal)"


def test_rds_takes_aws_defaults_with_their_source_and_keeps_its_replica(tmp_path):
    spec, notes, _ = imported(tmp_path, WEB)
    db = component(spec, "db")
    assert {k: db[k] for k in ("engine", "multi_az", "subnets", "backup_retention_days", "storage_gb",
                               "read_replicas")} == {
        "engine": "postgres", "multi_az": True, "subnets": ["private-a", "private-b"], "backup_retention_days": 1,
        "storage_gb": 100, "read_replicas": [{}]}
    assert "Db sets no BackupRetentionPeriod: CloudFormation's default is 1 day" in notes
    assert not any(c["id"] == "replica" for c in spec["components"])


def test_dynamodb_keys_indexes_billing_and_recovery(tmp_path):
    spec, _, _ = imported(tmp_path, """\
        Resources:
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              AttributeDefinitions: [{AttributeName: pk, AttributeType: S}, {AttributeName: sk, AttributeType: N},
                                     {AttributeName: email, AttributeType: S}]
              KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: sk, KeyType: RANGE}]
              BillingMode: PAY_PER_REQUEST
              GlobalSecondaryIndexes:
                - {IndexName: by-email, KeySchema: [{AttributeName: email, KeyType: HASH}], Projection: {ProjectionType: KEYS_ONLY}}
              PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
              DeletionProtectionEnabled: true
        """)
    orders = component(spec, "orders")
    assert {k: orders[k] for k in ("partition_key", "sort_key", "capacity", "gsis", "point_in_time_recovery",
                                   "deletion_protection")} == {
        "partition_key": {"name": "pk", "type": "S"}, "sort_key": {"name": "sk", "type": "N"},
        "capacity": {"mode": "on-demand"},
        "gsis": [{"name": "by-email", "partition_key": {"name": "email", "type": "S"}, "projection": "KEYS_ONLY"}],
        "point_in_time_recovery": True, "deletion_protection": True}


def test_route53_records_cloudfront_origins_and_an_external_zone(tmp_path):
    spec, notes, _ = imported(tmp_path, """\
        Parameters:
          Zone: {Type: String}
        Resources:
          Site: {Type: AWS::S3::Bucket, Properties: {VersioningConfiguration: {Status: Enabled}}}
          Backup: {Type: AWS::S3::Bucket}
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Origins:
                  - {Id: main, DomainName: !GetAtt Site.RegionalDomainName, S3OriginConfig: {}}
                  - {Id: spare, DomainName: !GetAtt Backup.RegionalDomainName, S3OriginConfig: {}}
                OriginGroups:
                  Quantity: 1
                  Items:
                    - Id: pair
                      FailoverCriteria: {StatusCodes: {Quantity: 2, Items: [500, 503]}}
                      Members: {Quantity: 2, Items: [{OriginId: main}, {OriginId: spare}]}
          Www:
            Type: AWS::Route53::RecordSet
            Properties:
              HostedZoneName: !Sub '${Zone}.'
              Name: !Sub 'www.${Zone}.'
              Type: A
              AliasTarget: {DNSName: !GetAtt Cdn.DomainName, HostedZoneId: Z2FDTNDATAQYW2}
        """)
    cdn = component(spec, "cdn")
    assert cdn["origin_group"] == {"primary": "site", "secondary": "backup", "failover_status_codes": [500, 503]}
    assert component(spec, "site")["versioning"] is True
    zone = component(spec, "zone")
    assert zone["zone"] == "zone.invalid"
    assert zone["records"] == [{"name": "www", "type": "A", "alias": True, "target": "cdn"}]
    links = connections(spec)
    assert links[("zone", "cdn")] == "record www (A) aliases cdn (Www)"
    assert links[("cdn", "site")] == "origin main of Cdn is site (DomainName)"
    assert links[("internet", "zone")] == "public hosted zone zone.invalid"
    assert ("internet", "cdn") not in links  # the zone routes to it: the internet reaches it through the zone
    assert "hosted zone ${Zone}. is not in the template" in notes or "hosted zone Zone. is not in the template" in notes


def test_subnets_the_template_only_names_become_stand_ins_in_the_az_their_name_says(tmp_path):
    spec, notes, _ = imported(tmp_path, """\
        Parameters:
          ParentVPCStack: {Type: String}
        Resources:
          Group:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: 2
              MaxSize: 2
              VPCZoneIdentifier:
                - {'Fn::ImportValue': !Sub '${ParentVPCStack}-SubnetBPrivate'}
                - {'Fn::ImportValue': !Sub '${ParentVPCStack}-SubnetAPrivate'}
        """)
    (vpc,) = spec["network"]["vpcs"]
    assert vpc["id"] == "vpc-outside-template"
    assert vpc["subnets"] == [{"id": "subnet-b-private", "az": "us-east-1b", "kind": "private"},
                              {"id": "subnet-a-private", "az": "us-east-1a", "kind": "private"}]
    assert "assumes us-east-1b (its name says zone 'b'; AZ spread is not proven)" in notes
    assert "stands in for ImportValue ${ParentVPCStack}-SubnetBPrivate" in notes


def test_software_an_instance_installs_and_runs_is_named(tmp_path):
    spec, _, checked = imported(tmp_path, """\
        Resources:
          Box:
            Type: AWS::EC2::Instance
            Metadata:
              AWS::CloudFormation::Init:
                config:
                  packages: {yum: {httpd: [], mysql: [], mysql-server: [], php-mysqlnd: []}}
                  services: {sysvinit: {mysqld: {enabled: 'true', ensureRunning: 'true'}}}
            Properties: {InstanceType: t3.micro, AvailabilityZone: us-east-1b}
        """)
    assert component(spec, "box")["hosts"] == ["mysql"]  # the spec says it now: judged as a database (AG209)
    assert checked.component("box").hosts == ("mysql",)


def test_what_has_no_component_type_is_counted_in_a_note(tmp_path):
    _, notes, _ = imported(tmp_path, """\
        Resources:
          Queue: {Type: AWS::SQS::Queue}
          Alarm: {Type: AWS::CloudWatch::Alarm, Properties: {Threshold: 1}}
          Widget: {Type: Vendor::Widget::Thing}
        """)
    assert "1 of 3 resources configure others and are not components of their own: AWS::CloudWatch::Alarm" in notes
    assert "1 of 3 resources have no archgen component type and are not in the spec: Vendor::Widget::Thing" in notes


def test_nested_stack_resources_get_the_stack_id_in_front_and_cdk_resources_their_construct_path(tmp_path):
    (tmp_path / "queue.yaml").write_text("Resources:\n  Jobs: {Type: AWS::SQS::Queue}\n")
    spec, _, _ = imported(tmp_path, """\
        Resources:
          Workers: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: queue.yaml}}
          OrdersTable8F3B1C2D:
            Type: AWS::DynamoDB::Table
            Metadata: {aws:cdk:path: ShopStack/Orders/Table/Resource}
            Properties: {KeySchema: [{AttributeName: id, KeyType: HASH}], BillingMode: PAY_PER_REQUEST}
        """)
    ids = [c["id"] for c in spec["components"]]
    assert ids == ["orders-table", "workers-jobs"]
    assert component(spec, "workers-jobs")["source"] == {"file": str(tmp_path / "queue.yaml"),
                                                          "logical_id": "Workers/Jobs", "line": 2}


def test_a_web_acl_stands_in_front_of_what_it_protects(tmp_path):
    spec, _, _ = imported(tmp_path, """\
        Resources:
          Acl: {Type: AWS::WAFv2::WebACL, Properties: {Scope: CLOUDFRONT, DefaultAction: {Allow: {}}, Rules: [{Name: a}]}}
          Site: {Type: AWS::S3::Bucket}
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                WebACLId: !GetAtt Acl.Arn
                Origins: [{Id: s, DomainName: !GetAtt Site.RegionalDomainName, S3OriginConfig: {}}]
          Zone: {Type: AWS::Route53::HostedZone, Properties: {Name: example.com}}
          Www:
            Type: AWS::Route53::RecordSet
            Properties: {HostedZoneId: !Ref Zone, Name: www.example.com, Type: A,
                         AliasTarget: {DNSName: !GetAtt Cdn.DomainName, HostedZoneId: Z2FDTNDATAQYW2}}
        """)
    acl = component(spec, "acl")
    assert "region" not in acl and acl["rules"] == 1  # a CloudFront web ACL is global
    links = connections(spec)
    assert set(links) == {("zone", "acl"), ("acl", "cdn"), ("cdn", "site"), ("internet", "zone")}
    assert links[("acl", "cdn")] == "Cdn's WebACLId is Acl: it inspects every request first"


def test_accelerator_endpoints_endpoints_and_transit_gateway_attachments(tmp_path):
    spec, _, _ = imported(tmp_path, NETWORK + textwrap.indent(textwrap.dedent("""\
          Lb: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Subnets: [!Ref PublicA, !Ref PublicB]}}
          Accelerator: {Type: AWS::GlobalAccelerator::Accelerator, Properties: {Name: edge}}
          Listener:
            Type: AWS::GlobalAccelerator::Listener
            Properties: {AcceleratorArn: !Ref Accelerator, Protocol: TCP, PortRanges: [{FromPort: 443, ToPort: 443}]}
          Group:
            Type: AWS::GlobalAccelerator::EndpointGroup
            Properties: {ListenerArn: !Ref Listener, EndpointGroupRegion: us-east-1, HealthCheckIntervalSeconds: 10,
                         EndpointConfigurations: [{EndpointId: !Ref Lb}]}
          Tgw: {Type: AWS::EC2::TransitGateway}
          TgwAttach: {Type: AWS::EC2::TransitGatewayVpcAttachment,
                   Properties: {TransitGatewayId: !Ref Tgw, VpcId: !Ref Vpc, SubnetIds: [!Ref PrivateA, !Ref PrivateB]}}
          S3Endpoint: {Type: AWS::EC2::VPCEndpoint, Properties: {VpcId: !Ref Vpc, ServiceName: com.amazonaws.us-east-1.s3}}
          SqsEndpoint:
            Type: AWS::EC2::VPCEndpoint
            Properties: {VpcId: !Ref Vpc, VpcEndpointType: Interface, ServiceName: com.amazonaws.us-east-1.sqs,
                         SubnetIds: [!Ref PrivateA]}
        """), "  "))
    assert component(spec, "accelerator")["health_check"] == {"interval": 10}
    assert connections(spec)[("accelerator", "lb")] == "endpoint group Group of Accelerator lists Lb"
    assert connections(spec)[("internet", "accelerator")] == "a Global Accelerator serves the internet"
    assert component(spec, "tgw")["attachments"] == [{"subnets": ["private-a", "private-b"]}]
    assert component(spec, "s3-endpoint")["endpoint_type"] == "gateway"  # CloudFormation's default type
    assert component(spec, "sqs-endpoint")["subnets"] == ["private-a"]


def test_file_systems_caches_and_links(tmp_path):
    spec, _, _ = imported(tmp_path, NETWORK + textwrap.indent(textwrap.dedent("""\
        Files: {Type: AWS::EFS::FileSystem, Properties: {BackupPolicy: {Status: ENABLED},
                ReplicationConfiguration: {Destinations: [{Region: us-west-2}]}}}
        MountA: {Type: AWS::EFS::MountTarget, Properties: {FileSystemId: !Ref Files, SubnetId: !Ref PrivateA}}
        MountB: {Type: AWS::EFS::MountTarget, Properties: {FileSystemId: !Ref Files, SubnetId: !Ref PrivateB}}
        Scratch: {Type: AWS::EFS::FileSystem, Properties: {AvailabilityZoneName: us-east-1a}}
        ScratchMount: {Type: AWS::EFS::MountTarget, Properties: {FileSystemId: !Ref Scratch, SubnetId: !Ref PrivateA}}
        DaxSubnets: {Type: AWS::DAX::SubnetGroup, Properties: {SubnetIds: [!Ref PrivateA, !Ref PrivateB]}}
        Table: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [{AttributeName: id, KeyType: HASH}],
                BillingMode: PAY_PER_REQUEST}}
        DaxRole:
          Type: AWS::IAM::Role
          Properties:
            Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: 'dynamodb:*',
                                                                     Resource: !GetAtt Table.Arn}]}}]
        Accel: {Type: AWS::DAX::Cluster, Properties: {NodeType: dax.r5.large, ReplicationFactor: 3,
                IAMRoleARN: !GetAtt DaxRole.Arn, SubnetGroupName: !Ref DaxSubnets}}
        Vpn: {Type: AWS::EC2::VPNConnection, Properties: {Type: ipsec.1, StaticRoutesOnly: true, CustomerGatewayId: c}}
        """), "  "))
    files = component(spec, "files")
    assert (files["subnets"], files["automatic_backups"], files["replication_region"]) == (
        ["private-a", "private-b"], True, "us-west-2")
    assert (component(spec, "scratch")["storage"], component(spec, "scratch")["subnets"]) == ("one_zone", ["private-a"])
    accel = component(spec, "accel")
    assert (accel["nodes"], accel["node_type"], accel["subnets"]) == (3, "dax.r5.large", ["private-a", "private-b"])
    assert component(spec, "vpn")["routing"] == "static"
    assert connections(spec)[("accel", "table")] == "Accel's IAM role may read and write Table: the table it caches"
    assert spec["regions"][1] == {"name": "us-west-2", "azs": ["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"]}


def test_templates_imported_together_resolve_each_others_exports():
    """widdix's VPC, NAT gateway and RDS stacks: the children import the VPC stack's exports."""
    from archgen.paths import UsageError
    from tests.support import ROOT

    widdix = ROOT / "examples" / "cloudformation" / "aws-cf-templates"
    files = [str(widdix / "vpc" / "vpc-2azs.yaml"), str(widdix / "vpc" / "vpc-nat-gateway.yaml"),
             str(widdix / "state" / "rds-mysql.yaml")]
    draft = import_cloudformation(files, region="us-east-1", parameters={"ParentVPCStack": "vpc-2azs"})
    spec = draft.spec()
    (vpc,) = spec["network"]["vpcs"]  # no stand-in VPC: every subnet is vpc-2azs's own
    subnets = {s["id"]: s for s in vpc["subnets"]}
    assert component(spec, "nat-gateway")["subnets"] == ["subnet-a-public"]
    assert subnets["subnet-a-private"]["nat_gateway"] == "nat-gateway" and "nat_gateway" not in subnets["subnet-b-private"]
    assert component(spec, "db-instance")["subnets"] == ["subnet-a-private", "subnet-b-private"]
    assert any("each stack is named after its file" in n.message for n in draft.notes)
    with pytest.raises(UsageError, match="none of the templates has a parameter of that name"):
        import_cloudformation(files, region="us-east-1", parameters={"Nope": "1"})


BACKUPS = """\
Parameters:
  Schedule: {Type: String, Default: 'cron(0 */6 * * ? *)'}
  DrVault: {Type: String}
Resources:
  Files: {Type: AWS::EFS::FileSystem}
  Orders: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [{AttributeName: id, KeyType: HASH}],
           BillingMode: PAY_PER_REQUEST, Tags: [{Key: backup, Value: daily}]}}
  Scratch: {Type: AWS::DynamoDB::Table, Properties: {KeySchema: [{AttributeName: id, KeyType: HASH}],
            BillingMode: PAY_PER_REQUEST}}
  Jobs: {Type: AWS::SQS::Queue}
  Vault:
    Type: AWS::Backup::BackupVault
    Properties: {BackupVaultName: main, LockConfiguration: {MinRetentionDays: 7}}
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: main
        BackupPlanRule:
          - RuleName: six-hourly
            TargetBackupVault: !Ref Vault
            ScheduleExpression: !Ref Schedule
            Lifecycle: {DeleteAfterDays: 14}
            CopyActions:
              - DestinationBackupVaultArn: !Sub 'arn:${AWS::Partition}:backup:us-west-2:${AWS::AccountId}:backup-vault:dr'
                Lifecycle: {DeleteAfterDays: 30}
              - DestinationBackupVaultArn: !Ref DrVault
          - RuleName: odd
            TargetBackupVault: !Ref Vault
            ScheduleExpression: 'cron(0 5 15W * ? *)'
  ByReference:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: !Ref Plan
      BackupSelection:
        SelectionName: stores
        IamRoleArn: arn:aws:iam::123456789012:role/backup
        Resources:
          - !Sub 'arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/${Files}'
          - !GetAtt Jobs.Arn
          - arn:aws:rds:us-east-1:123456789012:db:elsewhere
  ByTag:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: !Ref Plan
      BackupSelection:
        SelectionName: tagged
        IamRoleArn: arn:aws:iam::123456789012:role/backup
        Resources: ['*']
        ListOfTags: [{ConditionType: STRINGEQUALS, ConditionKey: backup, ConditionValue: daily}]
"""


def test_an_aws_backup_plan_protects_what_its_selections_name(tmp_path):
    spec, notes, model = imported(tmp_path, BACKUPS)
    plan = component(spec, "plan")
    assert plan["protects"] == ["files", "orders"]  # by a Sub ARN of Files, by the tag Orders carries (not Scratch)
    assert plan["rules"] == [{"name": "six-hourly", "schedule": "cron(0 */6 * * ? *)", "retention": "14d",
                              "copy_to": [{"region": "us-west-2", "retention": "30d"}]}]
    assert plan["vault_lock"] == {"min_retention": "7d"}
    assert plan["source"]["logical_id"] == "Plan"
    assert model.component("plan").rules[0].every_s == 6 * 3600
    assert "ByReference selects 'jobs', which holds no data AWS Backup backs up in archgen's model" in notes
    assert "ByReference selects arn:aws:rds:us-east-1:123456789012:db:elsewhere, which is no resource of the " \
           "template archgen can resolve: not counted" in notes
    assert "Plan rule six-hourly copies to DrVault, whose Region the code does not give: the copy is left out" in notes
    assert "Plan rule odd: schedule 'cron(0 5 15W * ? *)' is not read ('W' (nearest weekday) is not read by archgen): " \
           "the rule is left out, its backups not counted" in notes
    assert "no archgen component type" not in notes  # plan, selections and vault folded into the component


def test_a_backup_plan_whose_selections_resolve_nothing_is_left_out_with_a_note(tmp_path):
    spec, notes, _ = imported(tmp_path, """\
        Resources:
          Plan:
            Type: AWS::Backup::BackupPlan
            Properties: {BackupPlan: {BackupPlanName: p, BackupPlanRule: [{RuleName: r, TargetBackupVault: v}]}}
          Everything:
            Type: AWS::Backup::BackupSelection
            Properties:
              BackupPlanId: !Ref Plan
              BackupSelection: {SelectionName: all, IamRoleArn: arn:aws:iam::1:role/b, Resources: ['*']}
          Files: {Type: AWS::EFS::FileSystem}
        """)
    assert [c["type"] for c in spec["components"]] == ["efs"]
    assert "Everything selects every resource ('*'): which of them AWS Backup backs up depends on the account's " \
           "settings; not counted" in notes
    assert "Plan: its selections name no resource of the code that archgen can resolve: not in the spec" in notes
