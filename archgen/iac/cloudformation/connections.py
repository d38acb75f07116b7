"""Connections a template gives evidence for, each with its evidence (``inferred``).

In this order (the first evidence found for a pair is the one kept):
1. load balancers -> targets: listeners (and listener rules) forward to target groups, which an
   Auto Scaling group, an ECS service or an instance list registers; a Classic Load Balancer's
   groups (LoadBalancerNames) and instances. The target group's health check becomes the load
   balancer's;
2. CloudFront -> the origins its DomainNames name;
3. event sources: Lambda event source mappings, SNS subscriptions, S3 notifications;
4. a compute component's settings (environment variables, user data, Init files, task
   definition) that name a data store or queue (its endpoint, table name, queue URL);
5. security groups: a group admitting another group's members on a port;
6. the internet: a ``users`` component in front of what the internet reaches (a public
   hosted zone, a distribution, an internet-facing load balancer or API, an instance with an
   Elastic IP) that nothing else in the template routes to.
No connection is made without one of these.
"""

from __future__ import annotations

from archgen.iac import entries, schema_view
from archgen.iac.entries import ADMITTED, CALLED, CALLERS
from archgen.iac.cloudformation.context import Mapper
from archgen.iac.cloudformation.stack import Resource

TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup"


def _tier(m: Mapper, component_id: str | None):
    return entries.tier(m.draft, component_id)


def infer(m: Mapper) -> None:
    _load_balancers(m)
    _classic_load_balancers(m)
    _cloudfront_origins(m)
    _accelerator_endpoints(m)
    _event_sources(m)
    _named_in_settings(m)
    _security_groups(m)
    _web_acls(m)
    _internet(m)


def _accelerator_endpoints(m: Mapper) -> None:
    for group in m.of_type("AWS::GlobalAccelerator::EndpointGroup"):
        accelerators = [a for listener in m.targets(group.properties.get("ListenerArn"))
                        for a in m.targets(listener.properties.get("AcceleratorArn"))]
        for endpoint in m.items(group.properties.get("EndpointConfigurations")):
            for target in m.targets(endpoint.get("EndpointId") if isinstance(endpoint, dict) else None):
                for accelerator in accelerators:
                    m.draft.connect(m.component_id(accelerator), m.component_id(target),
                                    f"endpoint group {group.logical_id} of {accelerator.logical_id} lists "
                                    f"{target.logical_id}", m.origin(group))


def _web_acls(m: Mapper) -> None:
    """A web ACL sees every request to what it protects before it does."""
    for association in m.of_type("AWS::WAFv2::WebACLAssociation"):
        acl = next(iter(m.targets(association.properties.get("WebACLArn"))), None)
        for protected in m.targets(association.properties.get("ResourceArn")):
            entries.interpose(m.draft, m.component_id(acl), m.component_id(protected),
                              f"web ACL association {association.logical_id}: {getattr(acl, 'logical_id', '?')} "
                              f"inspects requests to {protected.logical_id}")
    for distribution in m.of_type("AWS::CloudFront::Distribution"):
        config = distribution.properties.get("DistributionConfig")
        acl = next(iter(m.targets(config.get("WebACLId"))), None) if isinstance(config, dict) else None
        if acl is not None:
            entries.interpose(m.draft, m.component_id(acl), m.component_id(distribution),
                              f"{distribution.logical_id}'s WebACLId is {acl.logical_id}: it inspects every request first")


# -- 1. load balancers ------------------------------------------------------------------------------
def _load_balancers(m: Mapper) -> None:
    groups_of: dict[tuple, list[Resource]] = {}  # load balancer key -> its target groups
    listeners: dict[tuple, Resource] = {}
    for listener in m.of_type("AWS::ElasticLoadBalancingV2::Listener"):
        balancer = m.target(listener.properties.get("LoadBalancerArn"))
        if balancer is None:
            continue
        listeners[m.key(listener)] = balancer
        for group in _forwarded_groups(m, listener.properties.get("DefaultActions")):
            groups_of.setdefault(m.key(balancer), []).append(group)
    for rule in m.of_type("AWS::ElasticLoadBalancingV2::ListenerRule"):
        listener = m.target(rule.properties.get("ListenerArn"))
        balancer = listeners.get(m.key(listener)) if listener is not None else None
        if balancer is not None:
            for group in _forwarded_groups(m, rule.properties.get("Actions")):
                groups_of.setdefault(m.key(balancer), []).append(group)
    for balancer_key, groups in groups_of.items():
        balancer_id = m.draft.component_ids.get(balancer_key)
        if not balancer_id:
            continue
        balancer = m.draft.component(balancer_id)
        for group in dict.fromkeys(groups):
            _health_check_from_group(m, balancer, group)
            for member, how in _registered(m, group):
                m.draft.connect(balancer_id, m.component_id(member), f"a listener of {balancer_key[-1]} forwards to "
                                                                     f"target group {group.logical_id}, {how}",
                                m.origin(group))


def _forwarded_groups(m: Mapper, actions) -> list[Resource]:
    found = []
    for action in m.items(actions):
        if not isinstance(action, dict):
            continue
        found += m.targets(action.get("TargetGroupArn"))
        forward = action.get("ForwardConfig")
        if isinstance(forward, dict):
            for group in m.items(forward.get("TargetGroups")):
                if isinstance(group, dict):
                    found += m.targets(group.get("TargetGroupArn"))
    return [g for g in found if g.type == TARGET_GROUP]


def _registered(m: Mapper, group: Resource) -> list[tuple[Resource, str]]:
    """What a target group sends requests to, and how the template says so."""
    out = []
    for asg in m.of_type("AWS::AutoScaling::AutoScalingGroup"):
        if group in m.targets(asg.properties.get("TargetGroupARNs")):
            out.append((asg, f"which Auto Scaling group {asg.logical_id} registers with (TargetGroupARNs)"))
    for service in m.of_type("AWS::ECS::Service"):
        if any(group in m.targets(lb.get("TargetGroupArn")) for lb in m.items(service.properties.get("LoadBalancers"))
               if isinstance(lb, dict)):
            out.append((service, f"which ECS service {service.logical_id} registers with (LoadBalancers)"))
    for target in m.items(group.properties.get("Targets")):
        if isinstance(target, dict):
            for member in m.targets(target.get("Id")):
                out.append((member, f"whose Targets list {member.logical_id}"))
    return out


def _health_check_from_group(m: Mapper, balancer: dict, group: Resource) -> None:
    m.fold(group)
    props = group.properties
    attributes = {str(a.get("Key")): a.get("Value") for a in m.items(props.get("TargetGroupAttributes"))
                  if isinstance(a, dict)}
    if str(attributes.get("load_balancing.cross_zone.enabled", "")).lower() == "false" and "cross_zone" not in balancer:
        balancer["cross_zone"] = False
    if "health_check" in balancer or not schema_view.has_key(balancer["type"], "health_check"):
        return
    check: dict = {}
    protocol = m.text(props.get("HealthCheckProtocol")) or m.text(props.get("Protocol"))
    if protocol in ("HTTP", "HTTPS", "TCP"):
        check["protocol"] = protocol
    if m.text(props.get("HealthCheckPath")):
        check["path"] = m.text(props.get("HealthCheckPath"))
    for key, prop in (("interval", "HealthCheckIntervalSeconds"), ("healthy_threshold", "HealthyThresholdCount"),
                      ("unhealthy_threshold", "UnhealthyThresholdCount")):
        value = m.integer(group, prop)
        if value is not None and (key == "interval" or 2 <= value <= 10):
            check[key] = value
    if check:
        balancer["health_check"] = check


def _classic_load_balancers(m: Mapper) -> None:
    for balancer in m.of_type("AWS::ElasticLoadBalancing::LoadBalancer"):
        balancer_id = m.component_id(balancer)
        for asg in m.of_type("AWS::AutoScaling::AutoScalingGroup"):
            if balancer in m.targets(asg.properties.get("LoadBalancerNames")):
                m.draft.connect(balancer_id, m.component_id(asg), f"Auto Scaling group {asg.logical_id} registers "
                                                                  f"with {balancer.logical_id} (LoadBalancerNames)",
                                m.origin(asg))
        for member in m.targets(balancer.properties.get("Instances")):
            m.draft.connect(balancer_id, m.component_id(member), f"{balancer.logical_id} lists instance "
                                                                 f"{member.logical_id} (Instances)", m.origin(balancer))


# -- 2. CloudFront -----------------------------------------------------------------------------
def _cloudfront_origins(m: Mapper) -> None:
    for distribution in m.of_type("AWS::CloudFront::Distribution"):
        distribution_id = m.component_id(distribution)
        component = m.draft.component(distribution_id) if distribution_id else None
        if component is None:
            continue
        config = distribution.properties.get("DistributionConfig")
        config = config if isinstance(config, dict) else {}
        by_origin: dict[str, str] = {}
        for origin in m.items(config.get("Origins")):
            if not isinstance(origin, dict):
                continue
            target = next((m.component_id(r) for r in m.targets(origin.get("DomainName")) if m.component_id(r)), None)
            if target is None:
                continue
            by_origin[str(origin.get("Id"))] = target
            m.draft.connect(distribution_id, target, f"origin {m.label(origin.get('Id'))} of {distribution.logical_id} "
                                                     f"is {target} (DomainName)", m.origin(distribution))
        groups = (config.get("OriginGroups") or {}).get("Items") if isinstance(config.get("OriginGroups"), dict) else None
        for group in m.items(groups):
            members = ((group.get("Members") or {}).get("Items") if isinstance(group, dict) else None) or []
            ids = [by_origin.get(str(member.get("OriginId"))) for member in m.items(members) if isinstance(member, dict)]
            if len(ids) >= 2 and all(ids):
                codes = ((group.get("FailoverCriteria") or {}).get("StatusCodes") or {}).get("Items")
                origin_group = {"primary": ids[0], "secondary": ids[1]}
                valid = [code for code in (m.integer(distribution, "OriginGroups", c) for c in m.items(codes))
                         if code in (403, 404, 500, 502, 503, 504)]
                if valid:
                    origin_group["failover_status_codes"] = sorted(set(valid))
                component["origin_group"] = origin_group
                break


# -- 3. event sources ----------------------------------------------------------------------------
def _event_sources(m: Mapper) -> None:
    for mapping in m.of_type("AWS::Lambda::EventSourceMapping"):
        source = next(iter(m.targets(mapping.properties.get("EventSourceArn"))), None)
        function = next(iter(m.targets(mapping.properties.get("FunctionName"))), None)
        m.fold(mapping)
        if source is not None and function is not None:
            m.draft.connect(m.component_id(source), m.component_id(function),
                            f"event source mapping {mapping.logical_id}: {function.logical_id} reads "
                            f"{source.logical_id}", m.origin(mapping), kind="async")
    for topic in m.of_type("AWS::SNS::Topic"):
        for subscription in m.items(topic.properties.get("Subscription")):
            if isinstance(subscription, dict):
                _subscribe(m, topic, subscription, topic)
    for subscription in m.of_type("AWS::SNS::Subscription"):
        topic = next(iter(m.targets(subscription.properties.get("TopicArn"))), None)
        if topic is not None:
            _subscribe(m, topic, subscription.properties, subscription)
    for bucket in m.of_type("AWS::S3::Bucket"):
        notifications = bucket.properties.get("NotificationConfiguration")
        if not isinstance(notifications, dict):
            continue
        for key, prop in (("LambdaConfigurations", "Function"), ("QueueConfigurations", "Queue"),
                          ("TopicConfigurations", "Topic")):
            for item in m.items(notifications.get(key)):
                for target in m.targets(item.get(prop) if isinstance(item, dict) else None):
                    m.draft.connect(m.component_id(bucket), m.component_id(target),
                                    f"{bucket.logical_id} notifies {target.logical_id} ({key})", m.origin(bucket),
                                    kind="async")


def _subscribe(m: Mapper, topic: Resource, subscription: dict, where: Resource) -> None:
    for endpoint in m.targets(subscription.get("Endpoint")):
        m.draft.connect(m.component_id(topic), m.component_id(endpoint),
                        f"{endpoint.logical_id} subscribes to {topic.logical_id} "
                        f"({m.label(subscription.get('Protocol'))})", m.origin(where), kind="async")


# -- 4. settings that name what a component calls ------------------------------------------------
def _named_in_settings(m: Mapper) -> None:
    for caller in m.resources.values():
        caller_id = m.component_id(caller)
        if _tier(m, caller_id) not in CALLERS:
            continue
        for holder, where in _settings(m, caller):
            for named in m.targets(where):
                target_id = m.component_id(named)
                if _tier(m, target_id) not in CALLED or target_id == caller_id:
                    continue
                m.draft.connect(caller_id, target_id, f"{_describe(holder, caller)} names {named.logical_id}",
                                m.origin(holder))


def _settings(m: Mapper, caller: Resource):
    """(resource, value) pairs holding a compute component's configuration."""
    props = caller.properties
    if caller.type in ("AWS::Lambda::Function", "AWS::Serverless::Function"):
        yield caller, props.get("Environment")
    elif caller.type == "AWS::EC2::Instance":
        yield caller, props.get("UserData")
        yield caller, caller.metadata.get("AWS::CloudFormation::Init")
    elif caller.type == "AWS::AutoScaling::AutoScalingGroup":
        for launch in m.targets([props.get("LaunchConfigurationName"), props.get("LaunchTemplate")]):
            data = launch.properties.get("LaunchTemplateData") if launch.type == "AWS::EC2::LaunchTemplate" else \
                launch.properties
            yield launch, (data or {}).get("UserData") if isinstance(data, dict) else None
            yield launch, launch.metadata.get("AWS::CloudFormation::Init")
    elif caller.type == "AWS::ECS::Service":
        task = m.target(props.get("TaskDefinition"))
        if task is not None:
            yield task, [c.get("Environment") for c in m.items(task.properties.get("ContainerDefinitions"))
                         if isinstance(c, dict)]


def _describe(holder: Resource, caller: Resource) -> str:
    if holder is caller:
        return f"the settings of {caller.logical_id}"
    return f"{holder.logical_id} (used by {caller.logical_id})"


# -- 5. security groups ---------------------------------------------------------------------------
def _security_groups(m: Mapper) -> None:
    members: dict[tuple, list[str]] = {}  # security group key -> components in it
    for resource in m.resources.values():
        component_id = m.component_id(resource)
        if component_id:
            for group in _groups_of(m, resource):
                members.setdefault(m.key(group), []).append(component_id)
    rules: list[tuple[Resource, Resource, object, Resource]] = []  # (to group, from group, port, where)
    for group in m.of_type("AWS::EC2::SecurityGroup"):
        for rule in m.items(group.properties.get("SecurityGroupIngress")):
            if isinstance(rule, dict):
                for source in m.targets(rule.get("SourceSecurityGroupId")):
                    rules.append((group, source, rule.get("FromPort"), group))
    for ingress in m.of_type("AWS::EC2::SecurityGroupIngress"):
        for group in m.targets(ingress.properties.get("GroupId")):
            for source in m.targets(ingress.properties.get("SourceSecurityGroupId")):
                rules.append((group, source, ingress.properties.get("FromPort"), ingress))
    for group, source, port, where in rules:
        for caller in members.get(m.key(source), []):
            for callee in members.get(m.key(group), []):
                if m.draft.connected(callee, caller):
                    continue  # the rule admits replies of a connection already known
                if _tier(m, caller) not in ADMITTED:
                    continue
                m.draft.connect(caller, callee, f"security group {group.logical_id} admits {source.logical_id} "
                                                f"on port {m.label(port)}", m.origin(where))


WEB_PORTS = {80, 443, 8080, 8443}


def _public_instances(m: Mapper) -> dict[str, str]:
    """Instances the template shows the internet reaching: a stack output gives their public
    address, or their security group admits 0.0.0.0/0 on a web port."""
    found: dict[str, str] = {}
    outputs = m.stacks.root.loaded.data.get("Outputs") or {}
    for instance in m.of_type("AWS::EC2::Instance"):
        instance_id = m.component_id(instance)
        if not instance_id:
            continue
        for name, output in outputs.items():
            value = output.get("Value") if isinstance(output, dict) else None
            if _names_public_address(value, instance.logical_id):
                found[instance_id] = f"stack output {name} gives {instance.logical_id}'s public address"
                break
        else:
            for group in _groups_of(m, instance):
                for rule in m.items(group.properties.get("SecurityGroupIngress")):
                    port = m.integer(group, "SecurityGroupIngress", rule.get("FromPort")) if isinstance(rule, dict) else None
                    if isinstance(rule, dict) and rule.get("CidrIp") == "0.0.0.0/0" and port in WEB_PORTS:
                        found[instance_id] = f"security group {group.logical_id} admits 0.0.0.0/0 on port {port}"
    return found


def _names_public_address(value, logical_id: str) -> bool:
    """A raw output value (before resolution) naming the instance's PublicIp or PublicDnsName."""
    text = repr(value)
    return any(f"{logical_id}{sep}{attribute}" in text for sep in (".", "', '") for attribute in ("PublicIp",
                                                                                                  "PublicDnsName"))


def _groups_of(m: Mapper, resource: Resource) -> list[Resource]:
    props = resource.properties
    values = [props.get(k) for k in ("SecurityGroups", "SecurityGroupIds", "VPCSecurityGroups", "VpcSecurityGroupIds")]
    if isinstance(props.get("VpcConfig"), dict):
        values.append(props["VpcConfig"].get("SecurityGroupIds"))
    network = props.get("NetworkConfiguration")
    if isinstance(network, dict) and isinstance(network.get("AwsvpcConfiguration"), dict):
        values.append(network["AwsvpcConfiguration"].get("SecurityGroups"))
    if resource.type == "AWS::AutoScaling::AutoScalingGroup":
        for launch in m.targets([props.get("LaunchConfigurationName"), props.get("LaunchTemplate")]):
            data = launch.properties.get("LaunchTemplateData", launch.properties)
            if isinstance(data, dict):
                values += [data.get("SecurityGroups"), data.get("SecurityGroupIds")]
    if resource.type == "AWS::EFS::FileSystem":
        for target in m.of_type("AWS::EFS::MountTarget"):
            if resource in m.targets(target.properties.get("FileSystemId")):
                values.append(target.properties.get("SecurityGroups"))
    return [g for g in m.targets(values) if g.type == "AWS::EC2::SecurityGroup"]


# -- 6. the internet --------------------------------------------------------------------------------
def _internet(m: Mapper) -> None:
    entries.add_internet(m.draft, _public_instances(m))
