"""``terraform show -json`` (plan or state) -> an archgen spec: the aws_* resources that are
components, the network they sit in, and the connections the configuration gives evidence for.

The same rules as the CloudFormation import (docs/import.md): a component per resource with a
component type, its ``source`` the file, resource address and line; values AWS (or the
provider) fills in when the code leaves them out written as documented, with a note; values
known only after apply left out; connections only with evidence (``inferred``). Ids follow the
address: ``aws_autoscaling_group.web`` -> ``autoscaling-group-web``, ``aws_subnet.private[1]``
-> ``subnet-private-1``, ``module.db.aws_db_instance.this`` -> ``db-db-instance-this``.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from archgen.iac import entries, schema_view, software
from archgen.iac.draft import Origin, SpecDraft
from archgen.iac.entries import ADMITTED, CALLED, CALLERS
from archgen.iac.handlers import registrar
from archgen.iac.naming import kebab
from archgen.iac.terraform import backups
from archgen.iac.terraform.plan import Resource, TerraformInput, load_terraform
from archgen.iac.zones import REGION

DEFAULT_REGION = "us-east-1"
DEFAULT_ROUTE = "0.0.0.0/0"
RDS_API = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html"
ENGINES = {"mysql": "mysql", "mariadb": "mariadb", "postgres": "postgres", "oracle": "oracle", "sqlserver": "sqlserver",
           "db2": "db2"}
# resource types that configure components (or the network): folded in, counted in a note
SUPPORTING = re.compile(
    r"^aws_(security_group.*|vpc_security_group_.*|route.*|main_route_table_association|eip.*|internet_gateway.*|"
    r"egress_only_internet_gateway|network_acl.*|vpc_dhcp_options.*|vpc_ipv4_cidr_block_association|iam_.*|"
    r"cloudwatch_.*|launch_template|launch_configuration|autoscaling_(attachment|policy|schedule|lifecycle_hook)|"
    r"appautoscaling_.*|lb_(listener.*|target_group.*)|alb_(listener.*|target_group.*)|db_(subnet_group|"
    r"parameter_group|option_group)|rds_cluster_(instance|parameter_group)|elasticache_(subnet_group|parameter_group)|"
    r"s3_bucket_.*|sns_topic_(subscription|policy)|sqs_queue_policy|lambda_(permission|event_source_mapping|alias|"
    r"layer_version)|ecs_(cluster|task_definition|cluster_capacity_providers|capacity_provider)|"
    r"route53_(record|health_check)|cloudfront_(origin_access_.*|cache_policy|origin_request_policy|function)|"
    r"acm_.*|kms_.*|secretsmanager_.*|ssm_parameter|api_gateway_(deployment|stage|resource|method.*|integration.*)|"
    r"apigatewayv2_(stage|route|integration)|efs_(mount_target|access_point)|backup_(selection|vault.*)|"
    r"wafv2_web_acl_association|key_pair|globalaccelerator_(listener|endpoint_group)|ec2_transit_gateway_vpc_attachment|"
    r"cognito_user_pool_(client|domain)|efs_(backup_policy|replication_configuration|file_system_policy)|"
    r"dax_(subnet_group|parameter_group)|memorydb_(subnet_group|parameter_group|acl|user)|customer_gateway|"
    r"vpn_gateway.*|vpn_connection_route)$")


class TerraformMapper:
    def __init__(self, tf: TerraformInput, draft: SpecDraft):
        self.tf = tf
        self.draft = draft
        self.folded: set[str] = set()
        self.cached_tables: dict[str, list[Resource]] = {}  # DAX cluster address -> the tables it caches
        self._by_type: dict[str, list[Resource]] = {}
        for resource in tf.resources:
            self._by_type.setdefault(resource.type, []).append(resource)

    # -- looking things up ------------------------------------------------------------------------
    def of_type(self, *types: str) -> list[Resource]:
        return [r for t in types for r in self._by_type.get(t, ())]

    def origin(self, r: Resource) -> Origin:
        return Origin(self.tf.file, r.line, r.address)

    @staticmethod
    def name(r: Resource) -> str:
        """``module.db.aws_db_instance.this[0]`` -> ``db-db-instance-this-0``."""
        modules = re.findall(r"module\.([^.\[]+)", r.module)
        index = f"-{r.index}" if r.index is not None else ""
        return "-".join([*modules, r.type.removeprefix("aws_"), r.name]) + index

    def refs(self, r: Resource | None, *path: str) -> list[Resource]:
        return self.tf.referenced(r, *path) if r is not None else []

    def ref(self, r: Resource | None, *path: str, of: tuple[str, ...] = ()) -> Resource | None:
        return next((x for x in self.refs(r, *path) if not of or x.type in of), None)

    def component_id(self, r: Resource | None) -> str | None:
        return self.draft.component_ids.get(r.address) if r is not None else None

    def fold(self, *resources: Resource | None) -> None:
        self.folded.update(r.address for r in resources if r is not None)

    def add(self, r: Resource, ctype: str, fields: dict) -> str | None:
        added = self.draft.add_typed(r.address, self.name(r), ctype, fields, self.origin(r), r.address)
        if added is not None:
            self.fold(r)
        return added

    @staticmethod
    def block(r: Resource | None, key: str) -> dict:
        """The first block of a nested block list (``health_check``, ``vpc_config`` ...), or {}."""
        value = r.values.get(key) if r is not None else None
        return value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else {}

    def subnets(self, r: Resource, *path: str) -> list[str]:
        out = []
        for subnet in self.refs(r, *path):
            if subnet.address in self.draft.subnet_ids:
                out.append(self.draft.subnet_ids[subnet.address])
        if not out:  # ids of subnets outside the configuration (a data source, a variable)
            for value in _strings(r.values.get(path[0]) if len(path) == 1 else None):
                out.append(self.draft.placeholder_subnet(value, value, self.origin(r)))
        return list(dict.fromkeys(out))

    def placement(self, r: Resource, subnets_path: tuple[str, ...], azs_key: str | None = None) -> dict:
        subnets = self.subnets(r, *subnets_path) if subnets_path else []
        if subnets:
            return {"subnets": subnets}
        azs = [a for a in _strings(r.values.get(azs_key)) if a] if azs_key else []
        if azs:
            return {"region": self.draft.region, "azs": list(dict.fromkeys(azs))}
        return {"region": self.draft.region, "azs": [self.draft.assume_az(
            ("tf", r.address), self.origin(r), f"{r.address} names no subnets or AZs the plan knows")]}

    def unknown_note(self, r: Resource, key: str, consequence: str) -> None:
        self.draft.note(self.origin(r), f"{r.address}.{key} is known only after apply: {consequence}")

    def number(self, r: Resource, key: str) -> int | None:
        value = r.values.get(key)
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, (int, float)):
            return int(value)
        return None


Handler = Callable[[TerraformMapper, Resource], None]
HANDLERS: dict[str, Handler] = {}
handles = registrar(HANDLERS)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _decoded(text) -> str:
    """User data as a script: launch templates take it base64-encoded."""
    if not isinstance(text, str):
        return ""
    try:
        return base64.b64decode(text, validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return text


# -- network --------------------------------------------------------------------------------------
def map_network(m: TerraformMapper) -> None:
    for vpc in m.of_type("aws_vpc"):
        m.draft.add_vpc(vpc.address, m.name(vpc), m.origin(vpc), cidr=vpc.values.get("cidr_block"))
        m.fold(vpc)
    for gateway in m.of_type("aws_internet_gateway", "aws_internet_gateway_attachment"):
        vpc = m.ref(gateway, "vpc_id", of=("aws_vpc",))
        if vpc is not None:
            m.draft.vpc(vpc.address)["internet_gateway"] = True
    gateways: dict[str, Resource] = {}  # route table address -> the gateway of its default route
    for table in m.of_type("aws_route_table"):
        for route in table.values.get("route") or []:
            if isinstance(route, dict) and route.get("cidr_block") == DEFAULT_ROUTE:
                target = m.ref(table, "route", "nat_gateway_id", of=("aws_nat_gateway",)) or m.ref(
                    table, "route", "gateway_id", of=("aws_internet_gateway",))
                if target is not None:
                    gateways[table.address] = target
    for route in m.of_type("aws_route"):
        if route.values.get("destination_cidr_block") == DEFAULT_ROUTE:
            table = m.ref(route, "route_table_id", of=("aws_route_table",))
            target = m.ref(route, "nat_gateway_id") or m.ref(route, "gateway_id")
            if table is not None and target is not None:
                gateways[table.address] = target
    table_of: dict[str, str] = {}
    for association in m.of_type("aws_route_table_association"):
        subnet = m.ref(association, "subnet_id", of=("aws_subnet",))
        table = m.ref(association, "route_table_id", of=("aws_route_table",))
        if subnet is not None and table is not None:
            table_of[subnet.address] = table.address
    nat_of: dict[str, Resource] = {}
    for subnet in m.of_type("aws_subnet"):
        gateway = gateways.get(table_of.get(subnet.address, ""))
        if gateway is not None and gateway.type == "aws_internet_gateway":
            kind = "public"
        elif subnet.address in table_of:
            kind = "private"
            if gateway is not None and gateway.type == "aws_nat_gateway":
                nat_of[subnet.address] = gateway
        else:
            kind = "public" if subnet.values.get("map_public_ip_on_launch") is True else "private"
        vpc = m.ref(subnet, "vpc_id", of=("aws_vpc",))
        vpc_key = vpc.address if vpc is not None and m.draft.vpc(vpc.address) else m.draft.placeholder_vpc()
        az = subnet.values.get("availability_zone")
        if not isinstance(az, str) or not az:
            az = m.draft.assume_az(("tf-subnet", subnet.address), m.origin(subnet),
                                   f"subnet {subnet.address} (availability_zone known only after apply)")
        m.draft.add_subnet(subnet.address, m.name(subnet), vpc_key, m.origin(subnet), az=az, kind=kind,
                           cidr=subnet.values.get("cidr_block"))
        m.fold(subnet)
    for nat in m.of_type("aws_nat_gateway"):
        if nat.values.get("connectivity_type") == "private":
            continue
        subnets = m.subnets(nat, "subnet_id")
        if subnets:
            m.draft.subnet(subnets[0])["kind"] = "public"
            m.add(nat, "nat_gateway", {"subnets": subnets[:1]})
    for subnet_address, nat in nat_of.items():
        nat_id = m.component_id(nat)
        if nat_id:
            m.draft.subnet(m.draft.subnet_ids[subnet_address])["nat_gateway"] = nat_id


# -- compute --------------------------------------------------------------------------------------
def _launch(m: TerraformMapper, r: Resource) -> tuple[Resource | None, str | None, str]:
    """(launch template or configuration, instance type, user data script) of a group."""
    launch = m.ref(r, "launch_template", "id", of=("aws_launch_template",)) or m.ref(
        r, "launch_configuration", of=("aws_launch_configuration",)) or m.ref(
        r, "mixed_instances_policy", "launch_template", "launch_template_specification", "launch_template_id")
    if launch is None:
        return None, None, ""
    m.fold(launch)
    script = _decoded(launch.values.get("user_data")) if launch.type == "aws_launch_template" else str(
        launch.values.get("user_data") or "")
    instance_type = launch.values.get("instance_type")
    return launch, instance_type if isinstance(instance_type, str) else None, script


def _hosts(m: TerraformMapper, r: Resource, ctype: str, script: str) -> list[str] | None:
    return m.draft.hosts(ctype, sorted(software.from_script(script)), m.origin(r), r.address)


@handles("aws_autoscaling_group")
def autoscaling_group(m: TerraformMapper, r: Resource) -> None:
    _, instance_type, script = _launch(m, r)
    low, high, desired = m.number(r, "min_size"), m.number(r, "max_size"), m.number(r, "desired_capacity")
    check = r.values.get("health_check_type")
    m.add(r, "autoscaling", {
        **m.placement(r, ("vpc_zone_identifier",), "availability_zones"),
        "min": low if low is not None else 1, "max": high if high is not None else max(low or 1, 1),
        "desired": desired if desired is not None and (low or 0) <= desired <= (high or desired) else None,
        "instance_type": instance_type, "health_check_type": check if check in ("EC2", "ELB") else None,
        "health_check_grace_period": m.number(r, "health_check_grace_period"),
        "hosts": _hosts(m, r, "autoscaling", script),
    })


@handles("aws_instance")
def instance(m: TerraformMapper, r: Resource) -> None:
    elastic_ip = any(r in m.refs(e, "instance") or r in m.refs(e, "instance_id")
                     for e in m.of_type("aws_eip", "aws_eip_association"))
    m.add(r, "ec2", {
        **m.placement(r, ("subnet_id",), "availability_zone"), "instance_type": r.values.get("instance_type"),
        "elastic_ip": elastic_ip or None, "hosts": _hosts(m, r, "ec2", str(r.values.get("user_data") or "")),
    })


@handles("aws_lambda_function")
def lambda_function(m: TerraformMapper, r: Resource) -> None:
    timeout = m.number(r, "timeout") or 3  # aws_lambda_function timeout: default 3 seconds
    memory = m.number(r, "memory_size")
    reserved = m.number(r, "reserved_concurrent_executions")
    vpc = m.block(r, "vpc_config")
    placement = {"subnets": m.subnets(r, "vpc_config", "subnet_ids")} if vpc.get("subnet_ids") or m.refs(
        r, "vpc_config", "subnet_ids") else {"region": m.draft.region}
    m.draft.note(m.origin(r), f"{r.address}: code has no average duration; duration_ms is its timeout ({timeout} s), "
                              "an upper bound (set the real figure with --traffic)")
    m.add(r, "lambda", {**placement, "duration_ms": timeout * 1000,
                        "memory_mb": memory if memory and 128 <= memory <= 10240 else None,
                        "reserved_concurrency": reserved if reserved is not None and reserved >= 0 else None})


@handles("aws_ecs_service")
def ecs_service(m: TerraformMapper, r: Resource) -> None:
    network = m.block(r, "network_configuration")
    placement = {"subnets": m.subnets(r, "network_configuration", "subnets")} if network or m.refs(
        r, "network_configuration", "subnets") else {}
    if not placement.get("subnets"):
        placement = m.placement(r, ())
    scaling = next((t for t in m.of_type("aws_appautoscaling_target") if r in m.refs(t, "resource_id")), None)
    m.fold(scaling, m.ref(r, "task_definition"))
    launch = str(r.values.get("launch_type") or "").lower()
    m.add(r, "ecs", {
        **placement, "desired": m.number(r, "desired_count") or 0,
        "min": m.number(scaling, "min_capacity") if scaling else None,
        "max": m.number(scaling, "max_capacity") if scaling else None,
        "launch_type": launch if launch in ("fargate", "ec2") else None,
        "health_check": bool(r.values.get("load_balancer")) or None,
    })


# -- load balancing --------------------------------------------------------------------------------
@handles("aws_lb", "aws_alb")
def load_balancer(m: TerraformMapper, r: Resource) -> None:
    kind = str(r.values.get("load_balancer_type") or "application")
    ctype = {"application": "alb", "network": "nlb"}.get(kind)
    if ctype is None:
        m.draft.note(m.origin(r), f"{r.address} is a {kind} load balancer: not modelled")
        m.fold(r)
        return
    subnets = m.subnets(r, "subnets") or m.subnets(r, "subnet_mapping", "subnet_id")
    cross_zone = r.values.get("enable_cross_zone_load_balancing")
    m.add(r, ctype, {**({"subnets": subnets} if subnets else m.placement(r, ())),
                     "internal": r.values.get("internal") is True or None,
                     "cross_zone": cross_zone if isinstance(cross_zone, bool) and ctype == "nlb" else None})


@handles("aws_elb")
def classic_load_balancer(m: TerraformMapper, r: Resource) -> None:
    check = m.block(r, "health_check")
    target = str(check.get("target") or "")
    protocol, _, rest = target.partition(":")
    health: dict = {"protocol": protocol.upper()} if protocol.upper() in ("HTTP", "HTTPS", "TCP") else {}
    if "/" in rest:
        health["path"] = "/" + rest.split("/", 1)[1]
    for key, value_key in (("interval", "interval"), ("healthy_threshold", "healthy_threshold"),
                           ("unhealthy_threshold", "unhealthy_threshold")):
        if isinstance(check.get(value_key), int):
            health[key] = check[value_key]
    cross_zone = r.values.get("cross_zone_load_balancing")
    m.add(r, "clb", {
        **m.placement(r, ("subnets",), "availability_zones"), "internal": r.values.get("internal") is True or None,
        # aws_elb cross_zone_load_balancing: the provider's default is true
        "cross_zone": cross_zone if isinstance(cross_zone, bool) else True,
        "health_check": health or None,
        "connection_draining": r.values.get("connection_draining") if isinstance(
            r.values.get("connection_draining"), bool) else None,
    })


# -- data -----------------------------------------------------------------------------------------
def _db_subnets(m: TerraformMapper, r: Resource, key: str, group_type: str) -> list[str]:
    group = m.ref(r, key, of=(group_type,))
    if group is None:
        return []
    m.fold(group)
    return m.subnets(group, "subnet_ids")


def _backup_days(m: TerraformMapper, r: Resource) -> int:
    days = m.number(r, "backup_retention_period")
    if days is None:
        days = 1
        m.draft.note(m.origin(r), f"{r.address} sets no backup_retention_period: RDS's default is 1 day "
                                  f"(CreateDBInstance BackupRetentionPeriod, {RDS_API})")
    return min(days, 35)


@handles("aws_db_instance")
def db_instance(m: TerraformMapper, r: Resource) -> None:
    if r.values.get("replicate_source_db") or m.refs(r, "replicate_source_db"):
        return  # added to its primary's read replicas in finish()
    engine = str(r.values.get("engine") or "")
    engine_name = next((name for prefix, name in ENGINES.items() if engine.lower().startswith(prefix)), None)
    if engine_name is None:
        m.draft.note(m.origin(r), f"{r.address}: engine '{engine}' is not one archgen knows: written as mysql")
        engine_name = "mysql"
    subnets = _db_subnets(m, r, "db_subnet_group_name", "aws_db_subnet_group")
    multi_az = r.values.get("multi_az")
    placement = {"subnets": subnets} if subnets else m.placement(r, (), "availability_zone")
    m.add(r, "rds", {
        **placement, "engine": engine_name, "instance_class": r.values.get("instance_class"),
        "multi_az": multi_az if isinstance(multi_az, bool) else None, "backup_retention_days": _backup_days(m, r),
        "deletion_protection": r.values.get("deletion_protection") if isinstance(
            r.values.get("deletion_protection"), bool) else None,
        "storage_gb": m.number(r, "allocated_storage") or None,
    })


@handles("aws_rds_cluster")
def db_cluster(m: TerraformMapper, r: Resource) -> None:
    engine = str(r.values.get("engine") or "aurora-mysql").lower()
    engine = {"aurora": "aurora-mysql"}.get(engine, engine)
    if engine not in schema_view.enum_of("aurora", "engine"):
        m.draft.note(m.origin(r), f"{r.address}: engine '{engine}' is not an Aurora engine archgen knows: not modelled")
        m.fold(r)
        return
    subnets = _db_subnets(m, r, "db_subnet_group_name", "aws_db_subnet_group")
    cluster_id = m.add(r, "aurora", {
        **({"subnets": subnets} if subnets else {"region": m.draft.region}), "engine": engine,
        "backup_retention_days": _backup_days(m, r),
        "deletion_protection": r.values.get("deletion_protection") if isinstance(
            r.values.get("deletion_protection"), bool) else None,
    })
    if cluster_id is None:
        return
    cluster = m.draft.component(cluster_id)
    zones = [m.draft.subnet(s)["az"] for s in subnets] or list(m.draft.region_zones)
    instances = []
    for n, member in enumerate(i for i in m.of_type("aws_rds_cluster_instance") if r in m.refs(i, "cluster_identifier")):
        item: dict = {"name": kebab(m.name(member))}
        if isinstance(member.values.get("availability_zone"), str):
            item["az"] = member.values["availability_zone"]
        elif schema_view.is_required("aurora", "instances", "az"):
            item["az"] = zones[n % len(zones)]
            m.draft.note(m.origin(member), f"{member.address} pins no AZ (RDS chooses one): archgen assumes "
                                           f"{item['az']}, the next AZ of the cluster's subnets")
        if isinstance(member.values.get("instance_class"), str):
            item["instance_class"] = member.values["instance_class"]
        instances.append(item)
        m.fold(member)
        m.draft.component_ids[member.address] = cluster_id
    if instances:
        cluster["instances"] = instances
    elif schema_view.is_required("aurora", "instances", "az"):
        cluster["instances"] = [{"name": f"{cluster_id}-1", "az": zones[0]}]


@handles("aws_dynamodb_table")
def dynamodb_table(m: TerraformMapper, r: Resource) -> None:
    types = {a.get("name"): a.get("type") for a in r.values.get("attribute") or [] if isinstance(a, dict)}

    def key(name) -> dict | None:
        if not isinstance(name, str) or not name:
            return None
        return {"name": name, **({"type": types[name]} if types.get(name) in ("S", "N", "B") else {})}

    if key(r.values.get("hash_key")) is None:
        m.draft.note(m.origin(r), f"{r.address} has no hash_key: not modelled")
        m.fold(r)
        return
    if str(r.values.get("billing_mode") or "PROVISIONED") == "PAY_PER_REQUEST":
        capacity: dict = {"mode": "on-demand"}
    else:
        capacity = {"mode": "provisioned", **{k: m.number(r, f"{k}_capacity") for k in ("read", "write")
                                              if m.number(r, f"{k}_capacity")}}
    gsis = [{"name": g["name"], "partition_key": key(g.get("hash_key")),
             **({"sort_key": key(g.get("range_key"))} if key(g.get("range_key")) else {}),
             **({"projection": g["projection_type"]} if g.get("projection_type") in ("ALL", "KEYS_ONLY", "INCLUDE")
                else {})}
            for g in r.values.get("global_secondary_index") or [] if isinstance(g, dict) and key(g.get("hash_key"))]
    lsis = [{"name": i["name"], "sort_key": key(i.get("range_key"))}
            for i in r.values.get("local_secondary_index") or [] if isinstance(i, dict) and key(i.get("range_key"))]
    replicas = sorted({x.get("region_name") for x in r.values.get("replica") or []
                       if isinstance(x, dict) and isinstance(x.get("region_name"), str)} - {m.draft.region})
    pitr = m.block(r, "point_in_time_recovery").get("enabled")
    m.add(r, "dynamodb", {
        "region": m.draft.region, "partition_key": key(r.values.get("hash_key")),
        "sort_key": key(r.values.get("range_key")), "capacity": capacity, "gsis": gsis or None, "lsis": lsis or None,
        "point_in_time_recovery": pitr if isinstance(pitr, bool) else None,
        "deletion_protection": r.values.get("deletion_protection_enabled") if isinstance(
            r.values.get("deletion_protection_enabled"), bool) else None,
        "global_table_regions": replicas or None,
    })


@handles("aws_elasticache_replication_group")
def cache_replication_group(m: TerraformMapper, r: Resource) -> None:
    shards, replicas = m.number(r, "num_node_groups"), m.number(r, "replicas_per_node_group")
    nodes = m.number(r, "num_cache_clusters") or (shards * ((replicas or 0) + 1) if shards else None) or 1
    subnets = _db_subnets(m, r, "subnet_group_name", "aws_elasticache_subnet_group")
    engine = str(r.values.get("engine") or "redis")
    m.add(r, "elasticache", {
        **({"subnets": subnets} if subnets else m.placement(r, (), "preferred_cache_cluster_azs")),
        "engine": engine if engine in ("redis", "valkey") else "redis", "node_type": r.values.get("node_type"),
        "nodes": nodes, "shards": shards,
        "multi_az": r.values.get("multi_az_enabled") if isinstance(r.values.get("multi_az_enabled"), bool) else None,
        "automatic_failover": r.values.get("automatic_failover_enabled") if isinstance(
            r.values.get("automatic_failover_enabled"), bool) else None,
    })


@handles("aws_elasticache_cluster")
def cache_cluster(m: TerraformMapper, r: Resource) -> None:
    if r.values.get("replication_group_id") or m.refs(r, "replication_group_id"):
        m.fold(r)
        return
    subnets = _db_subnets(m, r, "subnet_group_name", "aws_elasticache_subnet_group")
    engine = str(r.values.get("engine") or "redis")
    m.add(r, "elasticache", {
        **({"subnets": subnets} if subnets else m.placement(r, (), "preferred_availability_zones")),
        "engine": engine if engine in ("redis", "valkey", "memcached") else "redis",
        "node_type": r.values.get("node_type"), "nodes": m.number(r, "num_cache_nodes") or 1,
    })


@handles("aws_s3_bucket")
def bucket(m: TerraformMapper, r: Resource) -> None:
    versioning = None
    for setting in m.of_type("aws_s3_bucket_versioning"):
        if r in m.refs(setting, "bucket"):
            versioning = m.block(setting, "versioning_configuration").get("status") == "Enabled"
    inline = m.block(r, "versioning").get("enabled")
    website = any(r in m.refs(w, "bucket") for w in m.of_type("aws_s3_bucket_website_configuration")) or bool(
        r.values.get("website"))
    m.add(r, "s3", {"region": m.draft.region, "website": website or None,
                    "versioning": versioning if versioning is not None else inline if isinstance(inline, bool) else None})


@handles("aws_sqs_queue")
def queue(m: TerraformMapper, r: Resource) -> None:
    m.add(r, "sqs", {"region": m.draft.region, "fifo": r.values.get("fifo_queue") is True or None})


@handles("aws_sns_topic")
def topic(m: TerraformMapper, r: Resource) -> None:
    m.add(r, "sns", {"region": m.draft.region, "fifo": r.values.get("fifo_topic") is True or None})


@handles("aws_api_gateway_rest_api", "aws_apigatewayv2_api")
def api(m: TerraformMapper, r: Resource) -> None:
    if r.type == "aws_apigatewayv2_api":
        api_type, endpoint = ("websocket" if r.values.get("protocol_type") == "WEBSOCKET" else "http"), None
    else:
        types = m.block(r, "endpoint_configuration").get("types") or []
        api_type, endpoint = "rest", str(types[0]).lower() if types else None
    m.add(r, "api_gateway", {"region": m.draft.region, "api_type": api_type,
                             "endpoint_type": endpoint if endpoint in ("edge", "regional", "private") else None})


@handles("aws_cloudfront_distribution")
def distribution(m: TerraformMapper, r: Resource) -> None:
    price = r.values.get("price_class")
    m.add(r, "cloudfront", {"price_class": price if price in ("PriceClass_All", "PriceClass_200",
                                                              "PriceClass_100") else None})


@handles("aws_route53_zone")
def zone(m: TerraformMapper, r: Resource) -> None:
    name = str(r.values.get("name") or m.name(r)).rstrip(".").lower()
    records, checks = [], {}
    for record in m.of_type("aws_route53_record"):
        if r in m.refs(record, "zone_id"):
            converted = _record(m, record, name, checks)
            if converted is not None:
                records.append((converted, record))
    zone_id = m.add(r, "route53", {"zone": name, "private_zone": bool(r.values.get("vpc")) or None,
                                   "records": [c for c, _ in records] or None,
                                   "health_checks": list(checks.values()) or None})
    for converted, record in records:
        if zone_id and converted.get("target"):
            how = "aliases" if converted.get("alias") else "points at"
            m.draft.connect(zone_id, converted["target"], f"record {converted['name']} ({converted['type']}) {how} "
                                                          f"{converted['target']} ({record.address})", m.origin(record))


def _record(m: TerraformMapper, record: Resource, zone_name: str, checks: dict) -> dict | None:
    kind = record.values.get("type")
    if kind not in ("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"):
        return None
    name = str(record.values.get("name") or "").rstrip(".").lower()
    out: dict = {"name": "@" if name == zone_name else name or "@", "type": kind}
    alias = m.block(record, "alias")
    target = next((m.component_id(x) for x in m.refs(record, "alias", "name") + m.refs(record, "records")
                   if m.component_id(x)), None)
    if alias or m.refs(record, "alias", "name"):
        out["alias"] = True
        if isinstance(alias.get("evaluate_target_health"), bool):
            out["evaluate_target_health"] = alias["evaluate_target_health"]
    elif isinstance(record.values.get("ttl"), int):
        out["ttl"] = record.values["ttl"]
    if target:
        out["target"] = target
    elif _strings(record.values.get("records")):
        out["value"] = " ".join(_strings(record.values.get("records")))[:4000]
    for block, routing in (("failover_routing_policy", "failover"), ("weighted_routing_policy", "weighted"),
                           ("latency_routing_policy", "latency")):
        policy = m.block(record, block)
        if policy:
            out["routing"] = routing
            if routing == "failover" and str(policy.get("type")).lower() in ("primary", "secondary"):
                out["failover"] = str(policy["type"]).lower()
            elif routing == "weighted" and isinstance(policy.get("weight"), int):
                out["weight"] = policy["weight"]
            elif routing == "latency" and isinstance(policy.get("region"), str):
                out["region"] = policy["region"]
    if isinstance(record.values.get("set_identifier"), str):
        out["set_identifier"] = record.values["set_identifier"][:128]
    check = m.ref(record, "health_check_id", of=("aws_route53_health_check",))
    if check is not None:
        probed = next((m.component_id(x) for x in m.refs(check, "fqdn") + m.refs(check, "ip_address")
                       if m.component_id(x)), None)
        if probed:
            entry: dict = {"id": kebab(m.name(check)), "target": probed}
            protocol = str(check.values.get("type") or "").split("_")[0]
            if protocol in ("HTTP", "HTTPS", "TCP"):
                entry["protocol"] = protocol
            if isinstance(check.values.get("resource_path"), str):
                entry["path"] = check.values["resource_path"]
            if check.values.get("request_interval") in (10, 30):
                entry["interval"] = check.values["request_interval"]
            if isinstance(check.values.get("failure_threshold"), int) and 1 <= check.values["failure_threshold"] <= 10:
                entry["failure_threshold"] = check.values["failure_threshold"]
            checks[check.address] = entry
            out["health_check"] = entry["id"]
    return out


@handles("aws_wafv2_web_acl")
def web_acl(m: TerraformMapper, r: Resource) -> None:
    scope = {} if str(r.values.get("scope", "")).upper() == "CLOUDFRONT" else {"region": m.draft.region}
    m.add(r, "waf", {**scope, "rules": len(r.values.get("rule") or []) or None})


@handles("aws_cognito_user_pool")
def user_pool(m: TerraformMapper, r: Resource) -> None:
    m.add(r, "cognito", {"region": m.draft.region})


@handles("aws_globalaccelerator_accelerator")
def accelerator(m: TerraformMapper, r: Resource) -> None:
    check = {}
    for group in _endpoint_groups(m, r)[:1]:
        interval, threshold = m.number(group, "health_check_interval_seconds"), m.number(group, "threshold_count")
        check = {k: v for k, v in (("interval", interval if interval in (10, 30) else None),
                                   ("threshold", threshold if threshold and 1 <= threshold <= 10 else None)) if v}
    m.add(r, "global_accelerator", {"health_check": check or None})


def _endpoint_groups(m: TerraformMapper, accelerator: Resource) -> list[Resource]:
    return [g for g in m.of_type("aws_globalaccelerator_endpoint_group")
            if any(accelerator in m.refs(listener, "accelerator_arn") for listener in m.refs(g, "listener_arn"))]


@handles("aws_ec2_transit_gateway")
def transit_gateway(m: TerraformMapper, r: Resource) -> None:
    attachments = []
    for attachment in m.of_type("aws_ec2_transit_gateway_vpc_attachment"):
        if r in m.refs(attachment, "transit_gateway_id"):
            subnets = m.subnets(attachment, "subnet_ids")
            if subnets:
                attachments.append({"subnets": subnets})
            m.fold(attachment)
    m.add(r, "transit_gateway", {"region": m.draft.region, "attachments": attachments or None})


@handles("aws_vpc_endpoint")
def vpc_endpoint(m: TerraformMapper, r: Resource) -> None:
    kind = str(r.values.get("vpc_endpoint_type") or "Gateway").lower()  # the provider's default: Gateway
    subnets = m.subnets(r, "subnet_ids") if kind == "interface" else []
    if kind == "interface" and subnets:
        m.add(r, "vpc_endpoint", {"subnets": subnets})
    elif kind == "gateway":
        m.add(r, "vpc_endpoint", {"region": m.draft.region, "endpoint_type": "gateway"})


@handles("aws_efs_file_system")
def file_system(m: TerraformMapper, r: Resource) -> None:
    targets = [t for t in m.of_type("aws_efs_mount_target") if r in m.refs(t, "file_system_id")]
    subnets = list(dict.fromkeys(s for t in targets for s in m.subnets(t, "subnet_id")))
    m.fold(*targets)
    one_zone = isinstance(r.values.get("availability_zone_name"), str) and bool(r.values["availability_zone_name"])
    backups = next((m.block(p, "backup_policy").get("status") for p in m.of_type("aws_efs_backup_policy")
                    if r in m.refs(p, "file_system_id")), None)
    replica = next((d.get("region") for c in m.of_type("aws_efs_replication_configuration")
                    if r in m.refs(c, "source_file_system_id") for d in c.values.get("destination") or []
                    if isinstance(d, dict) and isinstance(d.get("region"), str) and d["region"] != m.draft.region), None)
    placement = {"subnets": subnets[:1] if one_zone else subnets} if subnets else {"region": m.draft.region}
    m.add(r, "efs", {**placement, "storage": "one_zone" if one_zone else None,
                     "automatic_backups": backups == "ENABLED" if isinstance(backups, str) else None,
                     "replication_region": replica})


@handles("aws_dax_cluster")
def dax_cluster(m: TerraformMapper, r: Resource) -> None:
    role = m.ref(r, "iam_role_arn", of=("aws_iam_role",))
    policies = [role] + [p for p in m.of_type("aws_iam_role_policy", "aws_iam_policy") if role is not None
                         and (role in m.refs(p, "role") or any(role in m.refs(a, "role") and p in m.refs(a, "policy_arn")
                                                               for a in m.of_type("aws_iam_role_policy_attachment")))]
    tables = [t for p in policies if p is not None for t in m.tf.referenced_anywhere(p) if t.type == "aws_dynamodb_table"]
    if not tables:  # a DAX cluster caches a table: without it the spec cannot say what it does
        m.draft.note(m.origin(r), f"{r.address} caches a table its IAM role does not name here: not modelled")
        m.fold(r)
        return
    group = m.ref(r, "subnet_group_name", of=("aws_dax_subnet_group",))
    subnets = m.subnets(group, "subnet_ids") if group is not None else []
    m.fold(group)
    node_type = r.values.get("node_type")
    if m.add(r, "dax", {**({"subnets": subnets} if subnets else m.placement(r, (), "availability_zones")),
                        "nodes": max(m.number(r, "replication_factor") or 1, 1),
                        "node_type": node_type if isinstance(node_type, str) and node_type.startswith("dax.") else None}):
        m.cached_tables[r.address] = list(dict.fromkeys(tables))


@handles("aws_memorydb_cluster")
def memorydb_cluster(m: TerraformMapper, r: Resource) -> None:
    group = m.ref(r, "subnet_group_name", of=("aws_memorydb_subnet_group",))
    subnets = m.subnets(group, "subnet_ids") if group is not None else []
    m.fold(group)
    engine, node_type = str(r.values.get("engine") or ""), r.values.get("node_type")
    replicas = m.number(r, "num_replicas_per_shard")
    m.add(r, "memorydb", {**({"subnets": subnets} if subnets else m.placement(r, ())),
                          "engine": engine if engine in ("valkey", "redis") else None,
                          "node_type": node_type if isinstance(node_type, str) and node_type.startswith("db.") else None,
                          "shards": m.number(r, "num_shards"),
                          "replicas_per_shard": replicas if replicas is not None and 0 <= replicas <= 5 else None})


@handles("aws_vpn_connection")
def vpn_connection(m: TerraformMapper, r: Resource) -> None:
    static = r.values.get("static_routes_only")
    m.add(r, "vpn", {"region": m.draft.region,
                     "routing": ("static" if static else "bgp") if isinstance(static, bool) else None})


# -- connections ---------------------------------------------------------------------------------
def infer(m: TerraformMapper) -> None:
    _load_balancers(m)
    _classic(m)
    _origins(m)
    _events(m)
    _settings(m)
    _security_groups(m)
    _accelerators(m)
    _web_acls(m)
    entries.add_internet(m.draft, _public_instances(m))


def _accelerators(m: TerraformMapper) -> None:
    for accelerator in m.of_type("aws_globalaccelerator_accelerator"):
        for group in _endpoint_groups(m, accelerator):
            for target in m.refs(group, "endpoint_configuration", "endpoint_id"):
                _connect(m, accelerator, target, f"{group.address} lists {target.address}", group)


def _web_acls(m: TerraformMapper) -> None:
    """A web ACL sees every request to what it protects before it does."""
    for association in m.of_type("aws_wafv2_web_acl_association"):
        acl = m.ref(association, "web_acl_arn", of=("aws_wafv2_web_acl",))
        for protected in m.refs(association, "resource_arn"):
            entries.interpose(m.draft, m.component_id(acl), m.component_id(protected),
                              f"{association.address}: {getattr(acl, 'address', '?')} inspects requests to "
                              f"{protected.address}")
    for distribution in m.of_type("aws_cloudfront_distribution"):
        acl = m.ref(distribution, "web_acl_id", of=("aws_wafv2_web_acl",))
        if acl is not None:
            entries.interpose(m.draft, m.component_id(acl), m.component_id(distribution),
                              f"{distribution.address}'s web_acl_id is {acl.address}: it inspects every request first")


def _connect(m: TerraformMapper, source: Resource | None, target: Resource | None, evidence: str,
             where: Resource, **extra) -> None:
    m.draft.connect(m.component_id(source), m.component_id(target), evidence, m.origin(where), **extra)


def _load_balancers(m: TerraformMapper) -> None:
    groups: dict[str, list[Resource]] = {}
    for listener in m.of_type("aws_lb_listener", "aws_alb_listener"):
        balancer = m.ref(listener, "load_balancer_arn", of=("aws_lb", "aws_alb"))
        if balancer is not None:
            found = m.refs(listener, "default_action", "target_group_arn") + m.refs(
                listener, "default_action", "forward", "target_group", "arn")
            groups.setdefault(balancer.address, []).extend(found)
            for rule in m.of_type("aws_lb_listener_rule", "aws_alb_listener_rule"):
                if listener in m.refs(rule, "listener_arn"):
                    groups[balancer.address] += m.refs(rule, "action", "target_group_arn") + m.refs(
                        rule, "action", "forward", "target_group", "arn")
    for balancer_address, found in groups.items():
        balancer = m.tf.resource(balancer_address)
        component = m.draft.component(m.component_id(balancer) or "")
        for group in dict.fromkeys(g for g in found if g.type in ("aws_lb_target_group", "aws_alb_target_group")):
            if component is not None:
                _group_settings(m, component, group)
            for member, how in _registered(m, group):
                _connect(m, balancer, member, f"a listener of {balancer_address} forwards to target group "
                                              f"{group.address}, {how}", group)


def _group_settings(m: TerraformMapper, balancer: dict, group: Resource) -> None:
    m.fold(group)
    if group.values.get("load_balancing_cross_zone_enabled") == "false" and "cross_zone" not in balancer:
        balancer["cross_zone"] = False
    check = m.block(group, "health_check")
    if "health_check" in balancer or not check or not schema_view.has_key(balancer["type"], "health_check"):
        return
    out: dict = {}
    protocol = check.get("protocol") or group.values.get("protocol")
    if protocol in ("HTTP", "HTTPS", "TCP"):
        out["protocol"] = protocol
    if isinstance(check.get("path"), str) and check["path"]:
        out["path"] = check["path"]
    for key in ("interval", "healthy_threshold", "unhealthy_threshold"):
        if isinstance(check.get(key), int) and (key == "interval" or 2 <= check[key] <= 10):
            out[key] = check[key]
    if out:
        balancer["health_check"] = out


def _registered(m: TerraformMapper, group: Resource) -> list[tuple[Resource, str]]:
    out = []
    for asg in m.of_type("aws_autoscaling_group"):
        if group in m.refs(asg, "target_group_arns"):
            out.append((asg, f"which {asg.address} registers with (target_group_arns)"))
    for attachment in m.of_type("aws_autoscaling_attachment"):
        if group in m.refs(attachment, "lb_target_group_arn"):
            for asg in m.refs(attachment, "autoscaling_group_name"):
                out.append((asg, f"which {attachment.address} attaches {asg.address} to"))
    for service in m.of_type("aws_ecs_service"):
        if group in m.refs(service, "load_balancer", "target_group_arn"):
            out.append((service, f"which {service.address} registers with (load_balancer)"))
    for attachment in m.of_type("aws_lb_target_group_attachment"):
        if group in m.refs(attachment, "target_group_arn"):
            for member in m.refs(attachment, "target_id"):
                out.append((member, f"which {attachment.address} attaches {member.address} to"))
    return out


def _classic(m: TerraformMapper) -> None:
    for balancer in m.of_type("aws_elb"):
        for asg in m.of_type("aws_autoscaling_group"):
            if balancer in m.refs(asg, "load_balancers"):
                _connect(m, balancer, asg, f"{asg.address} registers with {balancer.address} (load_balancers)", asg)
        for member in m.refs(balancer, "instances"):
            _connect(m, balancer, member, f"{balancer.address} lists {member.address} (instances)", balancer)


def _origins(m: TerraformMapper) -> None:
    for distribution in m.of_type("aws_cloudfront_distribution"):
        component = m.draft.component(m.component_id(distribution) or "")
        if component is None:
            continue
        by_origin: dict[str, str] = {}
        origins = [o for o in distribution.values.get("origin") or [] if isinstance(o, dict)]
        for origin in origins:
            # a state names the origin's domain; a plan's configuration names the resource behind it
            configured = distribution.keyed.get("origin", {}).get(str(origin.get("origin_id")), ())
            targets = [x for x in m.tf.named_by(origin.get("domain_name")) + m.tf.instances(configured, distribution)
                       if m.component_id(x)]
            if targets:
                by_origin[str(origin.get("origin_id"))] = m.component_id(targets[0])
                _connect(m, distribution, targets[0], f"origin {origin.get('origin_id')} of {distribution.address} is "
                                                      f"{m.component_id(targets[0])} (domain_name)", distribution)
        for group in distribution.values.get("origin_group") or []:
            members = [by_origin.get(str(x.get("origin_id"))) for x in group.get("member") or [] if isinstance(x, dict)]
            if len(members) >= 2 and all(members):
                codes = (group.get("failover_criteria") or [{}])[0].get("status_codes") or []
                component["origin_group"] = {"primary": members[0], "secondary": members[1], **(
                    {"failover_status_codes": sorted({c for c in codes if c in (403, 404, 500, 502, 503, 504)})}
                    if codes else {})}
                break


def _events(m: TerraformMapper) -> None:
    for mapping in m.of_type("aws_lambda_event_source_mapping"):
        source, function = m.ref(mapping, "event_source_arn"), m.ref(mapping, "function_name")
        _connect(m, source, function, f"{mapping.address}: {getattr(function, 'address', '?')} reads "
                                      f"{getattr(source, 'address', '?')}", mapping, kind="async")
    for subscription in m.of_type("aws_sns_topic_subscription"):
        _connect(m, m.ref(subscription, "topic_arn"), m.ref(subscription, "endpoint"),
                 f"{subscription.address} subscribes it to the topic ({subscription.values.get('protocol')})",
                 subscription, kind="async")
    for notification in m.of_type("aws_s3_bucket_notification"):
        source = m.ref(notification, "bucket")
        for block, key in (("lambda_function", "lambda_function_arn"), ("queue", "queue_arn"), ("topic", "topic_arn")):
            for target in m.refs(notification, block, key):
                _connect(m, source, target, f"{notification.address} notifies {target.address}", notification,
                         kind="async")


def _settings(m: TerraformMapper) -> None:
    """A compute component's settings naming what it calls (environment, user data, task definition)."""
    for caller in m.tf.resources:
        caller_id = m.component_id(caller)
        if entries.tier(m.draft, caller_id) not in CALLERS:
            continue
        holders = [(caller, ("environment",)), (caller, ("user_data",))]
        launch = m.ref(caller, "launch_template", "id") or m.ref(caller, "launch_configuration")
        if launch is not None:
            holders.append((launch, ("user_data",)))
        task = m.ref(caller, "task_definition")
        if task is not None:
            holders.append((task, ("container_definitions",)))
        for holder, path in holders:
            for named in m.refs(holder, *path):
                target_id = m.component_id(named)
                if target_id and target_id != caller_id and entries.tier(m.draft, target_id) in CALLED:
                    where = "the settings of" if holder is caller else f"{holder.address}, used by"
                    m.draft.connect(caller_id, target_id, f"{where} {caller.address} names {named.address} "
                                                          f"({path[0]})", m.origin(holder))


def _groups_of(m: TerraformMapper, r: Resource) -> list[Resource]:
    found = []
    for path in (("vpc_security_group_ids",), ("security_groups",), ("security_group_ids",),
                 ("vpc_config", "security_group_ids"), ("network_configuration", "security_groups")):
        found += m.refs(r, *path)
    launch = m.ref(r, "launch_template", "id") or m.ref(r, "launch_configuration")
    if launch is not None:
        found += m.refs(launch, "vpc_security_group_ids") + m.refs(launch, "security_groups") + m.refs(
            launch, "network_interfaces", "security_groups")
    for target in m.of_type("aws_efs_mount_target"):  # a file system's groups are its mount targets'
        if r in m.refs(target, "file_system_id"):
            found += m.refs(target, "security_groups")
    return [g for g in found if g.type == "aws_security_group"]


def _security_groups(m: TerraformMapper) -> None:
    members: dict[str, list[str]] = {}
    for resource in m.tf.resources:
        component_id = m.component_id(resource)
        if component_id:
            for group in _groups_of(m, resource):
                members.setdefault(group.address, []).append(component_id)
    rules: list[tuple[Resource, Resource, object, Resource]] = []
    for group in m.of_type("aws_security_group"):
        for index, rule in enumerate(group.values.get("ingress") or []):
            for source in m.refs(group, "ingress", "security_groups"):
                rules.append((group, source, rule.get("from_port") if isinstance(rule, dict) else None, group))
    for rule in m.of_type("aws_security_group_rule"):
        if rule.values.get("type") == "ingress":
            for group in m.refs(rule, "security_group_id"):
                for source in m.refs(rule, "source_security_group_id"):
                    rules.append((group, source, rule.values.get("from_port"), rule))
    for rule in m.of_type("aws_vpc_security_group_ingress_rule"):
        for group in m.refs(rule, "security_group_id"):
            for source in m.refs(rule, "referenced_security_group_id"):
                rules.append((group, source, rule.values.get("from_port"), rule))
    for group, source, port, where in rules:
        for caller in members.get(source.address, []):
            for callee in members.get(group.address, []):
                if not m.draft.connected(callee, caller) and entries.tier(m.draft, caller) in ADMITTED:
                    m.draft.connect(caller, callee, f"security group {group.address} admits {source.address} "
                                                    f"on port {port}", m.origin(where))


def _public_instances(m: TerraformMapper) -> dict[str, str]:
    found = {}
    for instance in m.of_type("aws_instance"):
        instance_id = m.component_id(instance)
        if instance_id and instance.values.get("associate_public_ip_address") is True:
            for group in _groups_of(m, instance):
                for rule in group.values.get("ingress") or []:
                    if isinstance(rule, dict) and "0.0.0.0/0" in (rule.get("cidr_blocks") or []) and rule.get(
                            "from_port") in (80, 443, 8080, 8443):
                        found[instance_id] = (f"{instance.address} has a public IP and {group.address} admits "
                                              f"0.0.0.0/0 on port {rule['from_port']}")
    return found


# -- putting it together ---------------------------------------------------------------------------
def _region(tf: TerraformInput) -> str | None:
    """The Region of the resources: the AWS provider's in a plan's configuration, else the one their AZs
    name (an AZ is evidence of where a resource runs), else their ARNs, when they agree most on one."""
    provider = ((tf.loaded.data.get("configuration") or {}).get("provider_config") or {}).get("aws") or {}
    configured = ((provider.get("expressions") or {}).get("region") or {}).get("constant_value")
    if isinstance(configured, str) and REGION.match(configured):
        return configured
    by_az, by_arn = Counter(), Counter()
    for resource in tf.resources:
        az = resource.values.get("availability_zone")
        if isinstance(az, str) and REGION.match(az[:-1]):
            by_az[az[:-1]] += 1
        arn = resource.values.get("arn")
        if isinstance(arn, str) and arn.count(":") > 3 and REGION.match(arn.split(":")[3]):
            by_arn[arn.split(":")[3]] += 1
    found = by_az or by_arn
    return found.most_common(1)[0][0] if found else None


def _read_replicas(m: TerraformMapper) -> None:
    for replica in m.of_type("aws_db_instance"):
        if not (replica.values.get("replicate_source_db") or m.refs(replica, "replicate_source_db")):
            continue
        primary = m.draft.component(m.component_id(m.ref(replica, "replicate_source_db")) or "")
        m.fold(replica)
        if primary is None:
            m.draft.note(m.origin(replica), f"{replica.address} replicates a database outside the plan: not modelled")
            continue
        entry: dict = {}
        if isinstance(replica.values.get("availability_zone"), str):
            entry["az"] = replica.values["availability_zone"]
        if schema_view.has_key("rds", "read_replicas", "multi_az") and isinstance(replica.values.get("multi_az"), bool):
            entry["multi_az"] = replica.values["multi_az"]
        primary.setdefault("read_replicas", []).append(entry)
        m.draft.component_ids[replica.address] = primary["id"]


def _dead_letter_queues(m: TerraformMapper) -> None:
    for queue_resource in m.of_type("aws_sqs_queue"):
        target = m.ref(queue_resource, "redrive_policy", of=("aws_sqs_queue",))
        queue_id, dlq_id = m.component_id(queue_resource), m.component_id(target)
        if queue_id and dlq_id and schema_view.has_key("sqs", "dead_letter_queue"):
            m.draft.component(queue_id)["dead_letter_queue"] = dlq_id


def import_terraform(files: list[str], *, region: str | None = None, name: str | None = None) -> SpecDraft:
    """One spec for the plans or states of ``files``."""
    draft = None
    for file in files:
        tf = load_terraform(file)
        chosen = region or _region(tf)
        if draft is None:
            draft = SpecDraft(name or kebab(Path(file).stem), chosen or DEFAULT_REGION, root_file=file,
                              title=f"{Path(file).stem} (imported from a Terraform {tf.kind})")
            if chosen is None:
                draft.note(None, f"no --region given and none in the {tf.kind}: resources are placed in "
                                 f"{DEFAULT_REGION}")
        map_input(tf, draft)
    return draft


def map_input(tf: TerraformInput, draft: SpecDraft) -> None:
    m = TerraformMapper(tf, draft)
    if tf.kind == "plan" and any(r.unknown for r in tf.resources):
        draft.note(None, f"{tf.file} is a plan: values known only after apply (ids, some defaults) are left out; "
                         "import the state (`terraform show -json`) for the deployed values")
    map_network(m)
    for resource in tf.resources:
        handler = HANDLERS.get(resource.type)
        if handler is not None:
            handler(m, resource)
    _read_replicas(m)
    _dead_letter_queues(m)
    backups.map_backup_plans(m)  # after every component: selections name them
    for address, tables in m.cached_tables.items():
        for table in tables:
            m.draft.connect(m.draft.component_ids.get(address), m.component_id(table),
                            f"{address}'s IAM role may read and write {table.address}: the table it caches")
    infer(m)
    supporting, unmapped = Counter(), Counter()
    for resource in tf.resources:
        if resource.address in draft.component_ids or resource.address in m.folded:
            continue
        (supporting if SUPPORTING.match(resource.type) else unmapped)[resource.type] += 1
    draft.note_left_out(len(tf.resources), supporting, unmapped)
