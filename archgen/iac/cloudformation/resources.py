"""One handler per CloudFormation resource type that is a component.

Each handler reads the resource's properties (and the resources it names: a launch template,
a DB subnet group, a target group) and adds one component to the draft. Values AWS fills in
when a template leaves them out are written as AWS documents them, with the page, so the
review judges what will be deployed; values the template cannot decide are left out and
named in a note. Keys and types the spec format does not have yet are skipped (and noted),
so an import is always a valid spec; see ``schema_view``.
"""

from __future__ import annotations

from collections.abc import Callable

from archgen.iac import schema_view, software
from archgen.iac.handlers import registrar
from archgen.iac.cloudformation.context import Mapper
from archgen.iac.cloudformation.stack import Resource
from archgen.iac.cloudformation.values import PLACEHOLDERS, Text, Unknown
from archgen.iac.naming import kebab

CFN_DOCS = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference"
RDS_BACKUP_DEFAULT = (1, f"AWS::RDS::DBInstance BackupRetentionPeriod, 'Default: 1' ({CFN_DOCS}/aws-resource-rds-dbinstance.html)")
CLUSTER_BACKUP_DEFAULT = (1, f"AWS::RDS::DBCluster BackupRetentionPeriod, 'Default: 1' ({CFN_DOCS}/aws-resource-rds-dbcluster.html)")
# DeletionPolicy when a template gives none (CloudFormation User Guide, "DeletionPolicy attribute")
DELETION_POLICY_SOURCE = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html"
ENGINES = {"mysql": "mysql", "mariadb": "mariadb", "postgres": "postgres", "postgresql": "postgres",
           "oracle": "oracle", "sqlserver": "sqlserver", "db2": "db2"}

# resource types that only configure components (or the network): folded, counted in a note
SUPPORTING = {
    "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::EIP", "AWS::EC2::EIPAssociation", "AWS::EC2::LaunchTemplate", "AWS::GlobalAccelerator::Listener",
    "AWS::GlobalAccelerator::EndpointGroup", "AWS::EC2::TransitGatewayAttachment",
    "AWS::EC2::TransitGatewayVpcAttachment", "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolDomain",
    "AWS::AutoScaling::LaunchConfiguration", "AWS::AutoScaling::ScalingPolicy", "AWS::AutoScaling::ScheduledAction",
    "AWS::AutoScaling::LifecycleHook", "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule",
    "AWS::ElasticLoadBalancingV2::ListenerCertificate", "AWS::RDS::DBSubnetGroup", "AWS::RDS::DBParameterGroup",
    "AWS::RDS::DBClusterParameterGroup", "AWS::RDS::OptionGroup", "AWS::RDS::DBSecurityGroup",
    "AWS::RDS::EventSubscription", "AWS::ElastiCache::SubnetGroup", "AWS::ElastiCache::ParameterGroup",
    "AWS::ElastiCache::SecurityGroup", "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy", "AWS::SNS::Subscription",
    "AWS::SQS::QueuePolicy", "AWS::Lambda::Permission", "AWS::Lambda::EventSourceMapping", "AWS::Lambda::Version",
    "AWS::Lambda::Alias", "AWS::Lambda::LayerVersion", "AWS::ECS::Cluster", "AWS::ECS::TaskDefinition",
    "AWS::ECS::ClusterCapacityProviderAssociations", "AWS::ECS::CapacityProvider",
    "AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup", "AWS::Route53::HealthCheck",
    "AWS::CloudFront::CloudFrontOriginAccessIdentity", "AWS::CloudFront::OriginAccessControl",
    "AWS::CloudFront::CachePolicy", "AWS::CloudFront::OriginRequestPolicy", "AWS::CloudFront::ResponseHeadersPolicy",
    "AWS::CloudFront::Function", "AWS::CertificateManager::Certificate", "AWS::KMS::Key", "AWS::KMS::Alias",
    "AWS::SecretsManager::Secret", "AWS::SecretsManager::SecretTargetAttachment",
    "AWS::SecretsManager::RotationSchedule", "AWS::SSM::Parameter", "AWS::CloudFormation::WaitCondition",
    "AWS::CloudFormation::WaitConditionHandle", "AWS::CloudFormation::Stack", "AWS::CloudFormation::CustomResource",
    "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method",
    "AWS::ApiGateway::Account", "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Route",
    "AWS::ApiGatewayV2::Integration", "AWS::EFS::MountTarget", "AWS::DAX::SubnetGroup", "AWS::DAX::ParameterGroup",
    "AWS::MemoryDB::SubnetGroup", "AWS::MemoryDB::ParameterGroup", "AWS::MemoryDB::ACL", "AWS::MemoryDB::User",
    "AWS::EC2::CustomerGateway", "AWS::EC2::VPNGateway", "AWS::EC2::VPNGatewayRoutePropagation",
    "AWS::EC2::VPNConnectionRoute",
    "AWS::EFS::AccessPoint", "AWS::Backup::BackupSelection", "AWS::Backup::BackupVault",
    "AWS::WAFv2::WebACLAssociation", "AWS::SSM::Document", "AWS::CDK::Metadata",
}

Handler = Callable[[Mapper, Resource], None]
HANDLERS: dict[str, Handler] = {}
handles = registrar(HANDLERS)


def add(m: Mapper, resource: Resource, ctype: str, fields: dict, *, name: str | None = None) -> str | None:
    """Adds the component if the spec format has its type (else a note); keys it lacks are dropped."""
    added = m.draft.add_typed(m.key(resource), name or m.name(resource), ctype, fields, m.origin(resource),
                              f"{resource.logical_id} ({resource.type})")
    if added is not None:
        m.fold(resource)
    return added


def regional(m: Mapper) -> dict:
    return {"region": m.draft.region}


def _deletion_policy(m: Mapper, resource: Resource, ctype: str, snapshot_default: bool) -> str | None:
    if not schema_view.has_key(ctype, "deletion_policy"):
        return None
    policy = resource.deletion_policy
    if policy is None:
        return "snapshot" if snapshot_default else "delete"
    policy = policy.lower()
    return policy if policy in schema_view.enum_of(ctype, "deletion_policy") or not schema_view.enum_of(
        ctype, "deletion_policy") else None


# -- compute --------------------------------------------------------------------------------------
def _launch_settings(m: Mapper, resource: Resource) -> tuple[Resource | None, dict]:
    """The launch configuration or template of an ASG and its data (instance type, user data ...)."""
    props = resource.properties
    config = m.target(props.get("LaunchConfigurationName"))
    if config is not None:
        m.fold(config)
        return config, config.properties
    template = props.get("LaunchTemplate") or (props.get("MixedInstancesPolicy") or {}).get(
        "LaunchTemplate", {}).get("LaunchTemplateSpecification")
    if isinstance(template, dict):
        found = m.target(template.get("LaunchTemplateId")) or m.target(template.get("LaunchTemplateName"))
        if found is not None:
            m.fold(found)
            data = found.properties.get("LaunchTemplateData")
            return found, data if isinstance(data, dict) else {}
    return None, {}


def _hosted_software(m: Mapper, *holders: Resource | None, user_data=None) -> list[str]:
    found: set[str] = set()
    for holder in holders:
        if holder is None:
            continue
        found |= software.from_init(holder.metadata.get("AWS::CloudFormation::Init"))
    if user_data is not None:
        found |= software.from_script(_as_text(m, user_data))
    return sorted(found)


def _as_text(m: Mapper, value) -> str:
    """User data as text: Fn::Base64 and Fn::Join are already resolved; placeholders by their label."""
    if isinstance(value, (str, Text, Unknown)):
        return m.label(value)
    return ""


def _hosts(m: Mapper, resource: Resource, ctype: str, found: list[str]) -> list[str] | None:
    return m.draft.hosts(ctype, found, m.origin(resource), resource.logical_id)


@handles("AWS::AutoScaling::AutoScalingGroup")
def autoscaling_group(m: Mapper, r: Resource) -> None:
    props = r.properties
    placement = m.placement_of_subnets_or_azs(r, "VPCZoneIdentifier", "AvailabilityZones")
    if not placement:
        placement = {"region": m.draft.region, "azs": m.azs(r, Unknown("the group's subnets"))}
    low, high = m.integer(r, "MinSize"), m.integer(r, "MaxSize")
    if low is None or high is None:
        m.draft.note(m.origin(r), f"{r.logical_id}: MinSize/MaxSize unknown, written as 1/1")
    launch, data = _launch_settings(m, r)
    fields = {
        **placement, "min": low if low is not None else 1, "max": high if high is not None else max(low or 1, 1),
        "desired": m.integer(r, "DesiredCapacity"),
        "instance_type": m.text(data.get("InstanceType")),
        "health_check_type": props.get("HealthCheckType") if props.get("HealthCheckType") in ("EC2", "ELB") else None,
        "health_check_grace_period": m.integer(r, "HealthCheckGracePeriod"),
        "hosts": _hosts(m, r, "autoscaling", _hosted_software(m, launch, user_data=data.get("UserData"))),
    }
    if fields["desired"] is not None and not fields["min"] <= fields["desired"] <= fields["max"]:
        fields["desired"] = None
    add(m, r, "autoscaling", fields)


@handles("AWS::EC2::Instance")
def instance(m: Mapper, r: Resource) -> None:
    props = r.properties
    subnet_refs = [props["SubnetId"]] if props.get("SubnetId") is not None else [
        ni.get("SubnetId") for ni in m.items(props.get("NetworkInterfaces")) if isinstance(ni, dict) and ni.get("SubnetId")]
    placement: dict = {}
    if subnet_refs:
        placement = {"subnets": m.subnets(r, "SubnetId", subnet_refs)}
    elif props.get("AvailabilityZone") is not None:
        placement = {"region": m.draft.region, "azs": m.azs(r, props["AvailabilityZone"])}
    if not placement.get("subnets") and not placement.get("azs"):
        placement = {"region": m.draft.region, "azs": [m.draft.assume_az(
            ("instance", r.logical_id), m.origin(r), f"instance {r.logical_id} names no subnet or AZ (EC2 picks one "
                                                     "AZ of the default VPC)")]}
    elastic_ip = any(m.target(e.properties.get("InstanceId")) is r
                     for e in m.of_type("AWS::EC2::EIP", "AWS::EC2::EIPAssociation"))
    if props.get("InstanceInitiatedShutdownBehavior") == "terminate":
        m.draft.note(m.origin(r), f"{r.logical_id} terminates itself when it shuts down (a one-off task?): imported "
                                  "as a single instance")
    add(m, r, "ec2", {
        **placement, "instance_type": m.text(props.get("InstanceType")), "elastic_ip": elastic_ip or None,
        "hosts": _hosts(m, r, "ec2", _hosted_software(m, r, user_data=props.get("UserData"))),
    })


@handles("AWS::Lambda::Function", "AWS::Serverless::Function")
def lambda_function(m: Mapper, r: Resource) -> None:
    props = r.properties
    timeout = m.integer(r, "Timeout") or 3  # AWS::Lambda::Function Timeout, 'Default: 3' seconds
    vpc = props.get("VpcConfig") if isinstance(props.get("VpcConfig"), dict) else {}
    placement = {"subnets": m.subnets(r, "SubnetIds", vpc["SubnetIds"])} if vpc.get("SubnetIds") else regional(m)
    memory = m.integer(r, "MemorySize")
    m.draft.note(m.origin(r), f"{r.logical_id}: a template has no average duration; duration_ms is its timeout "
                              f"({timeout} s), an upper bound (set the real figure with --traffic)")
    add(m, r, "lambda", {
        **placement, "duration_ms": timeout * 1000, "memory_mb": memory if memory and 128 <= memory <= 10240 else None,
        "reserved_concurrency": m.integer(r, "ReservedConcurrentExecutions"),
    })


@handles("AWS::ECS::Service")
def ecs_service(m: Mapper, r: Resource) -> None:
    props = r.properties
    network = ((props.get("NetworkConfiguration") or {}).get("AwsvpcConfiguration") or {}) if isinstance(
        props.get("NetworkConfiguration"), dict) else {}
    placement = {"subnets": m.subnets(r, "Subnets", network["Subnets"])} if network.get("Subnets") else {}
    launch = str(props.get("LaunchType", "")).lower()
    if not launch and props.get("CapacityProviderStrategy"):
        launch = "fargate" if "FARGATE" in m.label(props["CapacityProviderStrategy"]) else "ec2"
    if not placement:
        placement = {"region": m.draft.region, "azs": m.azs(r, Unknown(f"{r.logical_id}'s container hosts"))}
    desired = m.integer(r, "DesiredCount")
    scaling = next((t for t in m.of_type("AWS::ApplicationAutoScaling::ScalableTarget")
                    if r in m.targets(t.properties.get("ResourceId"))), None)
    m.fold(scaling, m.target(props.get("TaskDefinition")))
    add(m, r, "ecs", {
        **placement, "desired": desired if desired is not None else 1,
        "min": m.integer(scaling, "MinCapacity") if scaling else None,
        "max": m.integer(scaling, "MaxCapacity") if scaling else None,
        "launch_type": launch if launch in ("fargate", "ec2") else None,
        "health_check": bool(props.get("LoadBalancers")) or None,
    })


# -- load balancing --------------------------------------------------------------------------------
@handles("AWS::ElasticLoadBalancingV2::LoadBalancer")
def load_balancer_v2(m: Mapper, r: Resource) -> None:
    props = r.properties
    kind = str(props.get("Type", "application")).lower()
    ctype = {"application": "alb", "network": "nlb"}.get(kind)
    if ctype is None:
        m.draft.note(m.origin(r), f"{r.logical_id} is a {kind} load balancer: not modelled")
        m.fold(r)
        return
    subnets = props.get("Subnets")
    if subnets is None and props.get("SubnetMappings"):
        subnets = [s.get("SubnetId") for s in m.items(props["SubnetMappings"]) if isinstance(s, dict)]
    placement = {"subnets": m.subnets(r, "Subnets", subnets, at_least=2 if ctype == "alb" else 1)} if subnets else \
        {"region": m.draft.region, "azs": m.azs(r, Unknown(f"{r.logical_id}'s subnets"))}
    attributes = {str(a.get("Key")): a.get("Value") for a in m.items(props.get("LoadBalancerAttributes"))
                  if isinstance(a, dict)}
    cross_zone = m.flag(r, "LoadBalancerAttributes", attributes.get("load_balancing.cross_zone.enabled")) \
        if "load_balancing.cross_zone.enabled" in attributes else None
    add(m, r, ctype, {**placement, "internal": str(props.get("Scheme", "")).lower() == "internal" or None,
                      "cross_zone": cross_zone})


@handles("AWS::ElasticLoadBalancing::LoadBalancer")
def classic_load_balancer(m: Mapper, r: Resource) -> None:
    props = r.properties
    placement = m.placement_of_subnets_or_azs(r, "Subnets", "AvailabilityZones")
    if not placement:
        placement = {"region": m.draft.region, "azs": m.azs(r, Unknown(f"{r.logical_id}'s AZs"))}
    cross_zone = m.flag(r, "CrossZone")
    check = props.get("HealthCheck") if isinstance(props.get("HealthCheck"), dict) else None
    add(m, r, "clb", {
        **placement, "internal": str(props.get("Scheme", "")).lower() == "internal" or None,
        # AWS::ElasticLoadBalancing::LoadBalancer CrossZone: 'Default: false' when the template omits it
        "cross_zone": cross_zone if cross_zone is not None else False,
        "health_check": _classic_health_check(m, r, check) if check else None,
    })


def _classic_health_check(m: Mapper, r: Resource, check: dict) -> dict:
    target = m.text(check.get("Target")) or ""
    protocol, _, rest = target.partition(":")
    out: dict = {"protocol": protocol.upper()} if protocol.upper() in ("HTTP", "HTTPS", "TCP") else {}
    if "/" in rest:
        out["path"] = "/" + rest.split("/", 1)[1]
    for key, prop in (("interval", "Interval"), ("healthy_threshold", "HealthyThreshold"),
                      ("unhealthy_threshold", "UnhealthyThreshold")):
        value = m.integer(r, "HealthCheck", check.get(prop))
        if value is not None:
            out[key] = value
    return out


# -- data -----------------------------------------------------------------------------------------
def _db_subnets(m: Mapper, r: Resource, prop: str = "DBSubnetGroupName") -> list[str]:
    group = m.target(r.properties.get(prop))
    if group is not None:
        m.fold(group)
        # AWS requires a DB subnet group to cover at least two AZs: an unseen list is two stand-ins
        return m.subnets(group, "SubnetIds", at_least=2)
    value = r.properties.get(prop)
    if isinstance(value, (str, *PLACEHOLDERS)):
        return m.subnets(r, prop, Unknown(f"DB subnet group {m.label(value)}"), at_least=2)
    return []


def _backup_days(m: Mapper, r: Resource, default: tuple[int, str]) -> int:
    days = m.integer(r, "BackupRetentionPeriod")
    if days is None:
        days = default[0]
        m.draft.note(m.origin(r), f"{r.logical_id} sets no BackupRetentionPeriod: CloudFormation's default is "
                                  f"{days} day ({default[1]})")
    return days


def _engine(m: Mapper, r: Resource) -> str | None:
    value = m.text(r.properties.get("Engine"))
    if value is None:
        return None
    value = value.lower()
    return next((engine for prefix, engine in ENGINES.items() if value.startswith(prefix)), None)


@handles("AWS::RDS::DBInstance")
def db_instance(m: Mapper, r: Resource) -> None:
    props = r.properties
    if props.get("DBClusterIdentifier") is not None or props.get("SourceDBInstanceIdentifier") is not None:
        return  # a cluster member or a read replica: added with its cluster / primary in finish()
    engine = _engine(m, r)
    if engine is None:
        shown = m.label(props.get("Engine")) if props.get("Engine") is not None else "not set"
        m.draft.note(m.origin(r), f"{r.logical_id}: engine {shown} is not one archgen knows (or not decided): "
                                  "written as mysql")
        engine = "mysql"
    multi_az = m.flag(r, "MultiAZ")
    subnets = _db_subnets(m, r)
    if subnets:
        placement: dict = {"subnets": subnets}
    else:
        zone = props.get("AvailabilityZone")
        azs = m.azs(r, zone) if zone is not None else [m.draft.assume_az(
            ("rds", r.logical_id), m.origin(r), f"{r.logical_id} has no DB subnet group or AZ (RDS picks one in the "
                                                "default VPC)")]
        if multi_az:
            azs = list(dict.fromkeys([*azs, *m.draft.region_zones]))[:2]
        placement = {"region": m.draft.region, "azs": azs}
    storage = m.integer(r, "AllocatedStorage")
    add(m, r, "rds", {
        **placement, "engine": engine, "instance_class": m.text(props.get("DBInstanceClass")),
        "multi_az": multi_az, "backup_retention_days": min(_backup_days(m, r, RDS_BACKUP_DEFAULT), 35),
        "deletion_protection": m.flag(r, "DeletionProtection"), "storage_gb": storage or None,
        "deletion_policy": _deletion_policy(m, r, "rds", snapshot_default=True),
    })


@handles("AWS::RDS::DBCluster")
def db_cluster(m: Mapper, r: Resource) -> None:
    props = r.properties
    engine = m.text(props.get("Engine"))
    engine = {"aurora": "aurora-mysql"}.get(str(engine).lower(), str(engine).lower()) if engine else None
    if engine not in schema_view.enum_of("aurora", "engine"):
        m.draft.note(m.origin(r), f"{r.logical_id}: engine {m.label(props.get('Engine'))} is not an Aurora engine "
                                  "archgen knows: not modelled")
        m.fold(r)
        return
    subnets = _db_subnets(m, r)
    placement = {"subnets": subnets} if subnets else regional(m)
    m.clusters.append(add(m, r, "aurora", {
        **placement, "engine": engine, "backup_retention_days": min(_backup_days(m, r, CLUSTER_BACKUP_DEFAULT), 35),
        "deletion_protection": m.flag(r, "DeletionProtection"),
        "deletion_policy": _deletion_policy(m, r, "aurora", snapshot_default=True),
    }))


@handles("AWS::DynamoDB::Table")
def dynamodb_table(m: Mapper, r: Resource) -> None:
    props = r.properties
    types = {str(a.get("AttributeName")): a.get("AttributeType") for a in m.items(props.get("AttributeDefinitions"))
             if isinstance(a, dict)}

    def key(schema, role: str):
        for item in m.items(schema):
            if isinstance(item, dict) and item.get("KeyType") == role:
                name = m.label(item.get("AttributeName"))
                out = {"name": name}
                kind = types.get(str(item.get("AttributeName")))
                if kind in ("S", "N", "B"):
                    out["type"] = kind
                return out
        return None

    partition = key(props.get("KeySchema"), "HASH")
    if partition is None:
        m.draft.note(m.origin(r), f"{r.logical_id} has no HASH key in KeySchema: not modelled")
        m.fold(r)
        return
    if str(props.get("BillingMode", "PROVISIONED")).upper() == "PAY_PER_REQUEST":
        capacity: dict = {"mode": "on-demand"}
    else:
        throughput = props.get("ProvisionedThroughput") if isinstance(props.get("ProvisionedThroughput"), dict) else {}
        capacity = {"mode": "provisioned", "read": m.integer(r, "ProvisionedThroughput", throughput.get("ReadCapacityUnits")),
                    "write": m.integer(r, "ProvisionedThroughput", throughput.get("WriteCapacityUnits"))}
        capacity = {k: v for k, v in capacity.items() if v is not None}
    pitr = props.get("PointInTimeRecoverySpecification")
    gsis = []
    for index in m.items(props.get("GlobalSecondaryIndexes")):
        name = m.text(index.get("IndexName")) if isinstance(index, dict) else None
        hash_key = key(index.get("KeySchema"), "HASH") if isinstance(index, dict) else None
        if name and hash_key:
            gsi = {"name": name, "partition_key": hash_key}
            sort = key(index.get("KeySchema"), "RANGE")
            if sort:
                gsi["sort_key"] = sort
            projection = (index.get("Projection") or {}).get("ProjectionType")
            if projection in ("ALL", "KEYS_ONLY", "INCLUDE"):
                gsi["projection"] = projection
            gsis.append(gsi)
    lsis = []
    for index in m.items(props.get("LocalSecondaryIndexes")):
        name = m.text(index.get("IndexName")) if isinstance(index, dict) else None
        sort = key(index.get("KeySchema"), "RANGE") if isinstance(index, dict) else None
        if name and sort:
            lsis.append({"name": name, "sort_key": sort})
    add(m, r, "dynamodb", {
        **regional(m), "partition_key": partition, "sort_key": key(props.get("KeySchema"), "RANGE"),
        "capacity": capacity, "gsis": gsis or None, "lsis": lsis or None,
        "point_in_time_recovery": m.flag(r, "PointInTimeRecoverySpecification",
                                         pitr.get("PointInTimeRecoveryEnabled")) if isinstance(pitr, dict) else None,
        "deletion_protection": m.flag(r, "DeletionProtectionEnabled"),
        "deletion_policy": _deletion_policy(m, r, "dynamodb", snapshot_default=False),
    })


@handles("AWS::ElastiCache::ReplicationGroup")
def cache_replication_group(m: Mapper, r: Resource) -> None:
    props = r.properties
    engine = str(m.text(props.get("Engine")) or "redis").lower()
    shards = m.integer(r, "NumNodeGroups")
    replicas = m.integer(r, "ReplicasPerNodeGroup")
    nodes = m.integer(r, "NumCacheClusters")
    if nodes is None and shards is not None:
        nodes = shards * ((replicas or 0) + 1)
    if nodes is None:
        groups = [g for g in m.items(props.get("NodeGroupConfiguration")) if isinstance(g, dict)]
        nodes = sum((m.integer(r, "NodeGroupConfiguration", g.get("ReplicaCount")) or 0) + 1 for g in groups) or 1
    add(m, r, "elasticache", {
        **_cache_placement(m, r), "engine": engine if engine in ("redis", "valkey") else "redis",
        "node_type": m.text(props.get("CacheNodeType")), "nodes": max(nodes, 1), "shards": shards,
        "multi_az": m.flag(r, "MultiAZEnabled"), "automatic_failover": m.flag(r, "AutomaticFailoverEnabled"),
    })


@handles("AWS::ElastiCache::CacheCluster")
def cache_cluster(m: Mapper, r: Resource) -> None:
    props = r.properties
    if props.get("ReplicationGroupId") is not None:
        m.fold(r)
        return
    engine = str(m.text(props.get("Engine")) or "redis").lower()
    add(m, r, "elasticache", {
        **_cache_placement(m, r), "engine": engine if engine in ("redis", "valkey", "memcached") else "redis",
        "node_type": m.text(props.get("CacheNodeType")), "nodes": max(m.integer(r, "NumCacheNodes") or 1, 1),
    })


def _cache_placement(m: Mapper, r: Resource) -> dict:
    group = m.target(r.properties.get("CacheSubnetGroupName"))
    if group is not None:
        m.fold(group)
        subnets = m.subnets(group, "SubnetIds")
        if subnets:
            return {"subnets": subnets}
    zones = r.properties.get("PreferredAvailabilityZones") or r.properties.get("PreferredAvailabilityZone")
    if zones is not None:
        return {"region": m.draft.region, "azs": m.azs(r, zones)}
    return {"region": m.draft.region, "azs": [m.draft.assume_az(("cache", r.logical_id), m.origin(r),
                                                                f"{r.logical_id} names no subnets or AZ")]}


@handles("AWS::S3::Bucket")
def bucket(m: Mapper, r: Resource) -> None:
    props = r.properties
    versioning = props.get("VersioningConfiguration")
    status = versioning.get("Status") if isinstance(versioning, dict) else None
    add(m, r, "s3", {
        **regional(m), "website": True if isinstance(props.get("WebsiteConfiguration"), dict) else None,
        "versioning": status == "Enabled" if isinstance(status, str) else None,
        "deletion_policy": _deletion_policy(m, r, "s3", snapshot_default=False),
    })
    replication = props.get("ReplicationConfiguration")
    if isinstance(replication, dict):
        m.draft.note(m.origin(r), f"{r.logical_id} replicates to another bucket; its Region is not in the template, "
                                  "so replica_regions is not written")


@handles("AWS::SQS::Queue")
def queue(m: Mapper, r: Resource) -> None:
    add(m, r, "sqs", {**regional(m), "fifo": m.flag(r, "FifoQueue")})


@handles("AWS::SNS::Topic")
def topic(m: Mapper, r: Resource) -> None:
    add(m, r, "sns", {**regional(m), "fifo": m.flag(r, "FifoTopic")})


@handles("AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api", "AWS::Serverless::Api")
def api(m: Mapper, r: Resource) -> None:
    props = r.properties
    if r.type == "AWS::ApiGatewayV2::Api":
        api_type = "websocket" if str(props.get("ProtocolType")).upper() == "WEBSOCKET" else "http"
        endpoint = None
    else:
        api_type = "rest"
        types = (props.get("EndpointConfiguration") or {}).get("Types") if isinstance(
            props.get("EndpointConfiguration"), dict) else None
        endpoint = str(m.items(types)[0]).lower() if m.items(types) else None
    add(m, r, "api_gateway", {**regional(m), "api_type": api_type,
                              "endpoint_type": endpoint if endpoint in ("edge", "regional", "private") else None})


@handles("AWS::CloudFront::Distribution")
def distribution(m: Mapper, r: Resource) -> None:
    config = r.properties.get("DistributionConfig") if isinstance(r.properties.get("DistributionConfig"), dict) else {}
    price = config.get("PriceClass")
    add(m, r, "cloudfront", {"price_class": price if price in ("PriceClass_All", "PriceClass_200",
                                                               "PriceClass_100") else None})


@handles("AWS::WAFv2::WebACL")
def web_acl(m: Mapper, r: Resource) -> None:
    # a CloudFront web ACL is global (no Region); a regional one lives with what it protects
    scope = {} if str(r.properties.get("Scope", "")).upper() == "CLOUDFRONT" else regional(m)
    add(m, r, "waf", {**scope, "rules": len(m.items(r.properties.get("Rules"))) or None})


@handles("AWS::Cognito::UserPool")
def user_pool(m: Mapper, r: Resource) -> None:
    add(m, r, "cognito", regional(m))


@handles("AWS::GlobalAccelerator::Accelerator")
def accelerator(m: Mapper, r: Resource) -> None:
    groups = [g for g in m.of_type("AWS::GlobalAccelerator::EndpointGroup")
              if any(r in m.targets(listener.properties.get("AcceleratorArn"))
                     for listener in m.targets(g.properties.get("ListenerArn")))]
    check = {}
    if groups:
        interval = m.integer(groups[0], "HealthCheckIntervalSeconds")
        threshold = m.integer(groups[0], "ThresholdCount")
        check = {k: v for k, v in (("interval", interval if interval in (10, 30) else None),
                                   ("threshold", threshold if threshold and 1 <= threshold <= 10 else None)) if v}
    add(m, r, "global_accelerator", {"health_check": check or None})


@handles("AWS::EC2::TransitGateway")
def transit_gateway(m: Mapper, r: Resource) -> None:
    attachments = []
    for attachment in m.of_type("AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment"):
        if r in m.targets(attachment.properties.get("TransitGatewayId")):
            subnets = m.subnets(attachment, "SubnetIds")
            if subnets:
                attachments.append({"subnets": subnets})
            m.fold(attachment)
    add(m, r, "transit_gateway", {**regional(m), "attachments": attachments or None})


@handles("AWS::EC2::VPCEndpoint")
def vpc_endpoint(m: Mapper, r: Resource) -> None:
    # AWS::EC2::VPCEndpoint VpcEndpointType: 'Default: Gateway'
    kind = str(r.properties.get("VpcEndpointType") or "Gateway").lower()
    if kind == "interface" and r.properties.get("SubnetIds") is not None:
        add(m, r, "vpc_endpoint", {"subnets": m.subnets(r, "SubnetIds")})
    elif kind == "gateway":
        add(m, r, "vpc_endpoint", {**regional(m), "endpoint_type": "gateway"})
    else:
        m.draft.note(m.origin(r), f"{r.logical_id}: a {kind} endpoint without subnets is not modelled")
        m.fold(r)


@handles("AWS::EFS::FileSystem")
def file_system(m: Mapper, r: Resource) -> None:
    props = r.properties
    targets = [t for t in m.of_type("AWS::EFS::MountTarget") if r in m.targets(t.properties.get("FileSystemId"))]
    subnets = [s for t in targets for s in m.subnets(t, "SubnetId")]
    m.fold(*targets)
    one_zone = props.get("AvailabilityZoneName") is not None
    backups = (props.get("BackupPolicy") or {}).get("Status") if isinstance(props.get("BackupPolicy"), dict) else None
    destinations = (props.get("ReplicationConfiguration") or {}).get("Destinations") if isinstance(
        props.get("ReplicationConfiguration"), dict) else None
    replica = next((d.get("Region") for d in m.items(destinations) if isinstance(d, dict)
                    and isinstance(d.get("Region"), str) and d["Region"] != m.draft.region), None)
    placement = {"subnets": list(dict.fromkeys(subnets))[:1] if one_zone else list(dict.fromkeys(subnets))} \
        if subnets else regional(m)
    add(m, r, "efs", {**placement, "storage": "one_zone" if one_zone else None,
                      "automatic_backups": backups == "ENABLED" if isinstance(backups, str) else None,
                      "replication_region": replica,
                      "deletion_policy": _deletion_policy(m, r, "efs", snapshot_default=False)})


@handles("AWS::DAX::Cluster")
def dax_cluster(m: Mapper, r: Resource) -> None:
    tables = _tables_the_role_reads(m, m.target(r.properties.get("IAMRoleARN")))
    if not tables:  # a DAX cluster caches a table: without it the spec cannot say what it does
        m.draft.note(m.origin(r), f"{r.logical_id} caches a table its IAM role does not name in this template: "
                                  "not modelled")
        m.fold(r)
        return
    group = m.target(r.properties.get("SubnetGroupName"))
    subnets = m.subnets(group, "SubnetIds") if group is not None else []
    m.fold(group)
    zones = r.properties.get("AvailabilityZones")
    placement = {"subnets": subnets} if subnets else (
        {"region": m.draft.region, "azs": m.azs(r, zones)} if zones is not None else
        {"region": m.draft.region, "azs": [m.draft.assume_az(("dax", r.logical_id), m.origin(r),
                                                             f"{r.logical_id} names no subnets or AZs")]})
    node_type = m.text(r.properties.get("NodeType"))
    if add(m, r, "dax", {**placement, "nodes": max(m.integer(r, "ReplicationFactor") or 1, 1),
                         "node_type": node_type if node_type and node_type.startswith("dax.") else None}):
        m.cached_tables[m.key(r)] = tables


def _tables_the_role_reads(m: Mapper, role: Resource | None) -> list[Resource]:
    """DynamoDB tables an IAM role's policies (inline, or AWS::IAM::Policy attached to it) name."""
    if role is None:
        return []
    documents = [role.properties.get("Policies")]
    documents += [p.properties.get("PolicyDocument") for p in m.of_type("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")
                  if role in m.targets(p.properties.get("Roles"))]
    return [t for t in m.targets(documents) if t.type == "AWS::DynamoDB::Table"]


@handles("AWS::MemoryDB::Cluster")
def memorydb_cluster(m: Mapper, r: Resource) -> None:
    group = m.target(r.properties.get("SubnetGroupName"))
    subnets = m.subnets(group, "SubnetIds") if group is not None else []
    m.fold(group)
    engine = str(m.text(r.properties.get("Engine")) or "").lower()
    node_type = m.text(r.properties.get("NodeType"))
    replicas = m.integer(r, "NumReplicasPerShard")
    add(m, r, "memorydb", {
        **({"subnets": subnets} if subnets else {"region": m.draft.region, "azs": [m.draft.assume_az(
            ("memorydb", r.logical_id), m.origin(r), f"{r.logical_id} names no subnet group")]}),
        "engine": engine if engine in ("valkey", "redis") else None,
        "node_type": node_type if node_type and node_type.startswith("db.") else None,
        "shards": m.integer(r, "NumShards"),
        "replicas_per_shard": replicas if replicas is not None and 0 <= replicas <= 5 else None})


@handles("AWS::EC2::VPNConnection")
def vpn_connection(m: Mapper, r: Resource) -> None:
    static = m.flag(r, "StaticRoutesOnly")
    add(m, r, "vpn", {**regional(m), "routing": "static" if static else "bgp" if static is False else None})


def finish(m: Mapper) -> None:
    """What needs every component first: read replicas, Aurora members, queues' dead-letter queues,
    the tables DAX clusters cache."""
    for key, tables in m.cached_tables.items():
        for table in tables:
            m.draft.connect(m.draft.component_ids.get(key), m.component_id(table),
                            f"{key[-1]}'s IAM role may read and write {table.logical_id}: the table it caches")
    _read_replicas(m)
    _aurora_members(m)
    _dead_letter_queues(m)


def _read_replicas(m: Mapper) -> None:
    for r in m.of_type("AWS::RDS::DBInstance"):
        source = r.properties.get("SourceDBInstanceIdentifier")
        if source is None or r.properties.get("DBClusterIdentifier") is not None:
            continue
        primary = m.draft.component(m.component_id(m.target(source)) or "")
        if primary is None:
            m.draft.note(m.origin(r), f"{r.logical_id} replicates {m.label(source)}, which is not in this template: "
                                      "not modelled")
            m.fold(r)
            continue
        replica: dict = {}
        zone = r.properties.get("AvailabilityZone")
        if isinstance(zone, str):
            replica["az"] = zone
        if schema_view.has_key("rds", "read_replicas", "multi_az"):
            multi_az = m.flag(r, "MultiAZ")
            if multi_az is not None:
                replica["multi_az"] = multi_az
        primary.setdefault("read_replicas", []).append(replica)
        m.fold(r)
        m.draft.component_ids[m.key(r)] = primary["id"]  # what names the replica reaches its primary


def _aurora_members(m: Mapper) -> None:
    members: dict[str, list[Resource]] = {}
    for r in m.of_type("AWS::RDS::DBInstance"):
        cluster_id = m.component_id(m.target(r.properties.get("DBClusterIdentifier")))
        if cluster_id:
            members.setdefault(cluster_id, []).append(r)
    for cluster_id in filter(None, m.clusters):
        cluster = m.draft.component(cluster_id)
        instances = []
        pinned_required = schema_view.is_required("aurora", "instances", "az")
        subnets = cluster.get("subnets") or []
        zones = [m.draft.subnet(s)["az"] for s in subnets] or list(m.draft.region_zones)
        for n, r in enumerate(members.get(cluster["id"], [])):
            item: dict = {"name": kebab(m.name(r))}
            zone = r.properties.get("AvailabilityZone")
            if isinstance(zone, str):
                item["az"] = zone
            elif pinned_required:
                item["az"] = zones[n % len(zones)]
                m.draft.note(m.origin(r), f"{r.logical_id} pins no AZ (RDS chooses one): archgen assumes {item['az']}, "
                                          "the next AZ of the cluster's subnets")
            instance_class = m.text(r.properties.get("DBInstanceClass"))
            if instance_class:
                item["instance_class"] = instance_class
            instances.append(item)
            m.fold(r)
            m.draft.component_ids[m.key(r)] = cluster["id"]
        if instances:
            cluster["instances"] = instances
        elif pinned_required:
            cluster["instances"] = [{"name": f"{cluster['id']}-1", "az": zones[0]}]
            m.draft.note(None, f"Aurora cluster '{cluster['id']}' has no DB instances in the template: written with one")


def _dead_letter_queues(m: Mapper) -> None:
    for r in m.of_type("AWS::SQS::Queue"):
        policy = r.properties.get("RedrivePolicy")
        target = m.target(policy.get("deadLetterTargetArn")) if isinstance(policy, dict) else None
        queue_id, dlq_id = m.component_id(r), m.component_id(target)
        if queue_id and dlq_id and schema_view.has_key("sqs", "dead_letter_queue"):
            m.draft.component(queue_id)["dead_letter_queue"] = dlq_id
