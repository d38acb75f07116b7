"""The typed, immutable model of one architecture spec.

Everything downstream (analysis, traffic, rendering, reports) reads only these classes,
never raw YAML; what each component type means (placement, redundancy, SLA, ...) is in its
module of ``archgen.catalogue``. Values are normalised: durations in seconds, sizes in bytes, placement
resolved to a Region, AZs (in the Region's declared order) and subnets.

Model objects are immutable by contract: nothing changes one once it is built (``dataclasses.replace``
makes a changed copy), and equal ones compare and hash alike (``unsafe_hash``: a hash from the fields, as
``frozen=True`` gives). The contract is not enforced with ``frozen=True`` at run time: a frozen dataclass
sets each field through ``object.__setattr__``, about ten times the instructions of a plain attribute,
which was half of the model build and a tenth of validate + analyze + traffic (callgrind, 1,000 components).
The test suite enforces it instead (``tests/conftest.py``: during the tests a model field is set once).

A model class that adds no field to its parent is not made a dataclass again: its parent's generated methods
serve it as they are (its own name in ``repr``, equal only to its own class), and each ``@dataclass`` compiles
four methods at import, which every run of archgen pays (``tests/spec/test_model_build.py`` checks them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import InitVar, dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Mapping, NamedTuple


class Location(NamedTuple):
    """1-based position of a thing in its spec file (for messages, SARIF and PR annotations).

    A named tuple, immutable as every model object: a large spec places ~30,000 things, and the model
    builder makes their locations straight from the (line, column) pairs the YAML reader keeps."""

    line: int
    column: int


NOWHERE = Location(0, 0)


@dataclass(unsafe_hash=True)
class Region:
    """A Region the spec uses and its AZs, in the spec's order."""

    name: str
    azs: tuple[str, ...]
    location: Location = NOWHERE


@dataclass(unsafe_hash=True)
class Subnet:
    """A subnet of a VPC, in one AZ."""

    id: str
    vpc: str
    region: str
    az: str
    kind: str  # public | private
    cidr: str | None = None
    nat_gateway: str | None = None  # component id of the NAT gateway its default route uses
    location: Location = NOWHERE


@dataclass(unsafe_hash=True)
class Vpc:
    """A VPC and its subnets."""

    id: str
    region: str
    cidr: str | None
    internet_gateway: bool
    subnets: tuple[Subnet, ...]
    location: Location = NOWHERE


@dataclass(unsafe_hash=True)
class Objectives:
    """The availability, RTO and RPO the spec aims for, and the failure it must survive."""

    availability: float | None = None  # percent, e.g. 99.95
    rto_s: float | None = None
    rpo_s: float | None = None
    survive: str = "az"  # az | region
    location: Location = NOWHERE


# ``dr`` keys declaring the duration of a recovery step (each a ``<key>_s`` field of DisasterRecovery)
DR_STEP_KEYS = ("decision_time", "rebuild_time", "restore_time", "scale_out_time", "promotion_time")


@dataclass(unsafe_hash=True)
class DisasterRecovery:
    """The spec's disaster-recovery strategy between its Regions, with the step durations it declares."""

    strategy: str  # backup-restore | pilot-light | warm-standby | active-active
    primary_region: str | None = None
    secondary_region: str | None = None
    backup_interval_s: float | None = None
    failover: str = "manual"  # automatic | manual
    location: Location = NOWHERE
    # durations of recovery steps AWS publishes no figure for, as the spec declares them (None: not declared)
    decision_time_s: float | None = None
    rebuild_time_s: float | None = None
    restore_time_s: float | None = None
    scale_out_time_s: float | None = None
    promotion_time_s: float | None = None
    declared_at: Mapping[str, Location] = field(default_factory=dict)  # dr key -> where the spec declares it

    def declared(self, key: str) -> float | None:
        """The duration the spec declares for the step ``key`` (decision_time, rebuild_time, ...)."""
        return getattr(self, f"{key}_s")


# traffic keys whose defaults (all reads, zero-byte requests and responses) shape the figures:
# the traffic model notes every tier whose numbers rest on one of them
DEFAULTED_TRAFFIC_KEYS = ("read_ratio", "request_size", "response_size")


@dataclass(unsafe_hash=True)
class TrafficProfile:
    """The load an entry point sends: users, requests, peak, read share and sizes."""

    daily_active_users: int | None = None
    requests_per_user_per_day: float | None = None
    peak_factor: float = 1.0
    peak_rps: float | None = None
    read_ratio: float = 1.0
    request_bytes: float = 0.0
    response_bytes: float = 0.0
    unset: tuple[str, ...] = ()  # of DEFAULTED_TRAFFIC_KEYS, those the spec leaves to their default


@dataclass(unsafe_hash=True)
class Source:
    """Where an imported component comes from: its template (or plan) file, logical id (or address), line."""

    file: str
    logical_id: str
    line: int = 0


# --------------------------------------------------------------------------- components
@dataclass(unsafe_hash=True, kw_only=True)
class Component:
    """What every component has: id, type, label, placement and where the spec declares it."""

    id: str
    type: str
    label: str
    description: str = ""
    region: str | None = None  # None: global (users, Route 53, CloudFront)
    azs: tuple[str, ...] = ()  # AZs covered, in the Region's declared order
    subnets: tuple[str, ...] = ()
    vpc: str | None = None
    latency_ms: float | None = None
    location: Location = NOWHERE
    source: Source | None = None  # set on components written by `archgen import`
    deletion_policy: str | None = None  # stateful types: retain | snapshot | delete (None: not stated)

    @property
    def is_global(self) -> bool:
        return self.region is None


@dataclass(unsafe_hash=True, kw_only=True)
class Users(Component):
    """People or clients outside AWS: where requests start."""

    traffic: TrafficProfile | None = None


@dataclass(unsafe_hash=True)
class DnsRecord:
    """A record of a Route 53 zone."""

    name: str  # fully qualified, no trailing dot
    type: str
    alias: bool = False
    target: str | None = None
    value: str | None = None
    ttl: int | None = None
    routing: str = "simple"
    failover: str | None = None
    weight: int | None = None
    region: str | None = None
    geolocation: str | None = None  # a geolocation record's continent or country code, or '*'
    set_identifier: str | None = None
    health_check: str | None = None
    evaluate_target_health: bool = False
    is_apex: bool = False
    location: Location = NOWHERE


@dataclass(unsafe_hash=True)
class HealthCheck:
    """A Route 53 health check."""

    id: str
    target: str
    protocol: str = "HTTPS"
    path: str | None = None
    interval_s: int = 30
    failure_threshold: int = 3
    location: Location = NOWHERE


@dataclass(unsafe_hash=True, kw_only=True)
class Route53Zone(Component):
    """A Route 53 hosted zone with its records and health checks."""

    zone: str
    private_zone: bool = False
    records: tuple[DnsRecord, ...] = ()
    health_checks: tuple[HealthCheck, ...] = ()

    def health_check(self, check_id: str | None) -> HealthCheck | None:
        return self._health_checks_by_id.get(check_id)

    @cached_property
    def _health_checks_by_id(self) -> dict[str | None, HealthCheck]:
        """Indexed once: a zone may hold thousands of records, each asking for its check."""
        by_id: dict[str | None, HealthCheck] = {}
        for check in self.health_checks:
            by_id.setdefault(check.id, check)  # the first of a duplicate id, as a scan finds it
        return by_id


@dataclass(unsafe_hash=True)
class OriginGroup:
    """A CloudFront origin group: the origin it fails over to, and on which status codes."""

    primary: str
    secondary: str
    failover_status_codes: tuple[int, ...] = (500, 502, 503, 504)


@dataclass(unsafe_hash=True, kw_only=True)
class CloudFront(Component):
    """A CloudFront distribution."""

    cache_hit_ratio: float = 0.0
    origin_group: OriginGroup | None = None
    price_class: str = "PriceClass_All"


@dataclass(unsafe_hash=True, kw_only=True)
class S3Bucket(Component):
    """An S3 bucket."""

    website: bool = False
    versioning: bool = False
    storage_class: str = "STANDARD"
    replica_regions: tuple[str, ...] = ()
    storage_gb: float | None = None


@dataclass(unsafe_hash=True)
class LbHealthCheck:
    """A load balancer's health check of its targets."""

    protocol: str = "HTTP"
    path: str | None = None
    interval_s: float = 30.0
    healthy_threshold: int = 5
    unhealthy_threshold: int = 2


@dataclass(unsafe_hash=True, kw_only=True)
class LoadBalancer(Component):
    """What Elastic Load Balancing's load balancers share."""

    internal: bool = False
    cross_zone: bool = True
    health_check: LbHealthCheck | None = None
    rules: int = 0
    requests_per_connection: float = 10.0
    connection_duration_s: float = 60.0


class ApplicationLoadBalancer(LoadBalancer):  # no fields of its own: see the module's docstring
    """An Application Load Balancer."""


class NetworkLoadBalancer(LoadBalancer):  # no fields of its own: see the module's docstring
    """A Network Load Balancer."""


@dataclass(unsafe_hash=True, kw_only=True)
class Ec2Instances(Component):
    """EC2 instances, not in an Auto Scaling group."""

    count: int = 1
    instance_type: str | None = None
    elastic_ip: bool = False
    auto_recovery: bool = False
    capacity_rps: float | None = None  # per instance: declared, or concurrency / latency (Little's law)
    concurrency: int | None = None  # requests one instance works on at once, when capacity_rps comes from it
    target_utilization: float = 0.7
    hosts: tuple[str, ...] = ()  # software holding state on the instances (mysql, ...): judged as a database


@dataclass(unsafe_hash=True, kw_only=True)
class ScalingGroup(Component):
    """Auto Scaling group or ECS service: a fleet of interchangeable instances/tasks."""

    min: int = 1
    desired: int = 1
    max: int = 1
    instance_type: str | None = None
    capacity_rps: float | None = None  # per instance/task: declared, or concurrency / latency (Little's law)
    concurrency: int | None = None  # requests one instance/task works on at once, when capacity_rps comes from it
    target_utilization: float = 0.7
    health_check_type: str = "EC2"  # autoscaling: EC2 | ELB
    launch_type: str | None = None  # ecs: fargate | ec2
    cpu: float | None = None
    memory_gb: float | None = None
    health_check: bool = False  # ecs: container/LB health check configured
    hosts: tuple[str, ...] = ()  # autoscaling: software holding state on the instances (mysql, ...)
    health_check_grace_period_s: float | None = None  # autoscaling: time before a new instance's health is judged
    container_hosts: str | None = None  # ecs: the Auto Scaling group of container instances its tasks run on


class AutoScalingGroup(ScalingGroup):  # no fields of its own: see the module's docstring
    """An EC2 Auto Scaling group."""


class EcsService(ScalingGroup):  # no fields of its own: see the module's docstring
    """An ECS service."""


@dataclass(unsafe_hash=True, kw_only=True)
class LambdaFunction(Component):
    """A Lambda function."""

    duration_ms: float
    memory_mb: int = 128
    reserved_concurrency: int | None = None
    provisioned_concurrency: int | None = None
    account_concurrency: int = 1000


@dataclass(unsafe_hash=True, kw_only=True)
class ApiGateway(Component):
    """An API Gateway API."""

    api_type: str = "rest"
    endpoint_type: str = "regional"
    throttle_rps: float = 10_000.0
    burst: int = 5_000


@dataclass(unsafe_hash=True)
class ReadReplica:
    """A read replica of an RDS DB instance."""

    az: str | None = None
    region: str | None = None
    multi_az: bool = False  # the replica's own standby: a promoted replica stays Multi-AZ
    component: str | None = None  # the replica's own component id, when the spec names it (replica_of)


@dataclass(unsafe_hash=True, kw_only=True)
class RdsInstance(Component):
    """An RDS DB instance, with its Multi-AZ standby and read replicas."""

    engine: str
    instance_class: str | None = None
    multi_az: bool = False
    primary_az: str | None = None
    standby_az: str | None = None
    read_replicas: tuple[ReadReplica, ...] = ()
    backup_retention_days: int = 1
    deletion_protection: bool = False
    capacity_rps: float | None = None
    storage_gb: float | None = None
    replica_of: str | None = None  # a read replica named as a component: the id of its source DB instance

    @property
    def listed_replicas(self) -> tuple[ReadReplica, ...]:
        """The read replicas only this instance describes (the ones named as components describe themselves)."""
        return tuple(r for r in self.read_replicas if r.component is None)


@dataclass(unsafe_hash=True)
class AuroraInstance:
    """A DB instance of an Aurora cluster."""

    name: str
    az: str | None  # None: not pinned, RDS chooses an AZ of the cluster's subnets
    role: str  # writer | reader
    instance_class: str | None = None


@dataclass(unsafe_hash=True, kw_only=True)
class AuroraCluster(Component):
    """An Aurora DB cluster and its instances."""

    engine: str
    instances: tuple[AuroraInstance, ...]
    backup_retention_days: int = 1
    global_database_regions: tuple[str, ...] = ()
    deletion_protection: bool = False
    capacity_rps: float | None = None


@dataclass(unsafe_hash=True)
class KeyAttribute:
    """A key attribute of a DynamoDB table or index."""

    name: str
    type: str = "S"


@dataclass(unsafe_hash=True)
class SecondaryIndex:
    """A global or local secondary index of a DynamoDB table."""

    name: str
    kind: str  # gsi | lsi
    partition_key: KeyAttribute
    sort_key: KeyAttribute | None
    projection: str
    item_bytes: float
    write_share: float = 1.0
    read_capacity: int | None = None
    write_capacity: int | None = None


@dataclass(unsafe_hash=True, kw_only=True)
class DynamoTable(Component):
    """A DynamoDB table."""

    partition_key: KeyAttribute
    sort_key: KeyAttribute | None = None
    capacity_mode: str = "on-demand"  # provisioned | on-demand
    read_capacity: int | None = None
    write_capacity: int | None = None
    item_bytes: float = 1024.0
    gsis: tuple[SecondaryIndex, ...] = ()
    lsis: tuple[SecondaryIndex, ...] = ()
    point_in_time_recovery: bool = False
    global_table_regions: tuple[str, ...] = ()
    deletion_protection: bool = False
    hot_key_share: float | None = None
    storage_gb: float | None = None

    def index(self, name: str | None) -> SecondaryIndex | None:
        return next((i for i in self.gsis + self.lsis if i.name == name), None)


@dataclass(unsafe_hash=True, kw_only=True)
class CacheCluster(Component):
    """An ElastiCache cluster and its nodes."""

    engine: str
    node_type: str | None = None
    nodes: int = 1
    shards: int = 1
    multi_az: bool = False
    automatic_failover: bool = False
    hit_ratio: float = 0.0
    capacity_rps: float | None = None
    node_azs: tuple[str, ...] = ()  # AZ of each node, spread in order


@dataclass(unsafe_hash=True, kw_only=True)
class Queue(Component):
    """An SQS queue."""

    fifo: bool = False
    dead_letter_queue: str | None = None


@dataclass(unsafe_hash=True, kw_only=True)
class Topic(Component):
    """An SNS topic."""

    fifo: bool = False


class NatGateway(Component):  # no fields of its own: see the module's docstring
    """A NAT gateway."""


# --------------------------------------------------------------------------- connections
DYNAMODB_READ_OPERATIONS = ("get_item", "query", "scan", "batch_get_item")
DYNAMODB_WRITE_OPERATIONS = ("put_item", "update_item", "delete_item", "batch_write_item")


@dataclass(unsafe_hash=True)
class ItemCalls:
    """Which DynamoDB operations a connection's reads and writes are, for their capacity units.

    ``items_per_read``: items a Query or BatchGetItem returns, or a Scan evaluates, per call;
    ``items_per_write``: items a BatchWriteItem writes per call; ``item_bytes_before``: the item's size
    before an UpdateItem (or a PutItem that replaces it), charged on the larger of before and after;
    ``key_change_share``: share of the writes that change an index's key attribute (two index writes).
    """

    read_operation: str = "get_item"  # get_item | query | scan | batch_get_item
    items_per_read: float = 1.0
    write_operation: str = "put_item"  # put_item | update_item | delete_item | batch_write_item
    items_per_write: float = 1.0
    item_bytes_before: float | None = None
    key_change_share: float = 0.0


SINGLE_ITEM_CALLS = ItemCalls()


@dataclass(unsafe_hash=True)
class Connection:
    """A connection between two components, with the share of its source's requests it carries."""

    id: str
    source: str
    target: str
    label: str = ""
    protocol: str = ""
    kind: str = "sync"  # sync | async | replication
    bidirectional: bool = False
    share: float = 1.0  # effective share of the source's requests in normal operation
    share_declared: bool = False  # share came from the spec, not from a default
    calls: float = 1.0
    read_ratio: float | None = None
    consistency: str = "eventual"
    transactional_writes: bool = False
    index: str | None = None
    item_bytes: float | None = None
    item_calls: ItemCalls = SINGLE_ITEM_CALLS  # DynamoDB operations (GetItem and PutItem unless the spec says)
    standby: bool = False
    inferred: str = ""  # an importer's evidence for this connection ("" when a person wrote it)
    location: Location = NOWHERE

    @property
    def carries_requests(self) -> bool:
        return self.kind != "replication"


@dataclass(unsafe_hash=True)
class Suppression:
    """A finding the spec chooses to ignore, and why."""

    rule: str
    component: str | None
    reason: str
    location: Location = NOWHERE


@dataclass(unsafe_hash=True)
class Spec:
    """The model of one spec: its components and connections, with indexes to find them."""

    name: str
    file: str
    title: str = ""
    description: str = ""
    owner: str = ""
    version: int = 1
    objectives: Objectives = Objectives()
    dr: DisasterRecovery | None = None
    regions: tuple[Region, ...] = ()
    vpcs: tuple[Vpc, ...] = ()
    components: tuple[Component, ...] = ()
    connections: tuple[Connection, ...] = ()
    ignores: tuple[Suppression, ...] = ()
    direction: str = "LR"
    # the components by id, when whoever makes the spec has them already (the model builder): not a field, so
    # ``dataclasses.replace`` never hands a copy the index of the spec it copies
    components_by_id: InitVar[dict[str, Component] | None] = None
    # indexes worked out from the fields above
    _by_id: Mapping[str, Component] = field(init=False, compare=False, repr=False)
    _out: Mapping[str, tuple[Connection, ...]] = field(init=False, compare=False, repr=False)
    _in: Mapping[str, tuple[Connection, ...]] = field(init=False, compare=False, repr=False)
    _subnets: Mapping[str, Subnet] = field(init=False, compare=False, repr=False)

    def __post_init__(self, components_by_id: dict[str, Component] | None) -> None:
        outgoing: dict[str, list[Connection]] = defaultdict(list)
        incoming: dict[str, list[Connection]] = defaultdict(list)
        for connection in self.connections:
            outgoing[connection.source].append(connection)
            incoming[connection.target].append(connection)
        if components_by_id is None:
            components_by_id = {c.id: c for c in self.components}
        object.__setattr__(self, "_by_id", MappingProxyType(components_by_id))
        object.__setattr__(self, "_out", MappingProxyType({k: tuple(v) for k, v in outgoing.items()}))
        object.__setattr__(self, "_in", MappingProxyType({k: tuple(v) for k, v in incoming.items()}))
        object.__setattr__(self, "_subnets", MappingProxyType({s.id: s for vpc in self.vpcs for s in vpc.subnets}))

    def component(self, component_id: str) -> Component:
        return self._by_id[component_id]

    def get(self, component_id: str | None) -> Component | None:
        return self._by_id.get(component_id) if component_id else None

    def of_type(self, *types: str) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.type in types)

    def of_class(self, *classes: type) -> tuple[Component, ...]:
        """The components whose model is one of ``classes`` (or a subclass), in spec order."""
        return tuple(c for c in self.components if isinstance(c, classes))

    def subnet(self, subnet_id: str) -> Subnet | None:
        return self._subnets.get(subnet_id)

    def region(self, name: str | None) -> Region | None:
        return next((r for r in self.regions if r.name == name), None)

    def outgoing(self, component_id: str) -> tuple[Connection, ...]:
        return self._out.get(component_id, ())

    def incoming(self, component_id: str) -> tuple[Connection, ...]:
        return self._in.get(component_id, ())

    @property
    def entry_points(self) -> tuple[Users, ...]:
        return tuple(c for c in self.components if isinstance(c, Users))


def spread(count: int, azs: tuple[str, ...]) -> dict[str, int]:
    """How EC2 Auto Scaling balances ``count`` instances over ``azs`` (in order, round robin)."""
    if not azs:
        return {}
    base, extra = divmod(count, len(azs))
    return {az: base + (1 if i < extra else 0) for i, az in enumerate(azs)}
