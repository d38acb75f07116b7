"""What archgen knows about one component type, and the enums it is said in.

Each module of ``archgen.catalogue.components`` declares one ``ComponentType`` as ``TYPE``;
``archgen.catalogue`` collects them. Every field is a fact the rest of archgen reads instead
of testing a type name: the schema builder reads ``properties``, the model builder ``build``,
the semantic checks ``check``, the analysis ``placement``, ``redundancy``, ``state``,
``recovery`` and ``sla``, the traffic model ``traffic``, the renderer ``icon`` and ``tier``.

Facts AWS does not publish are said so (``Recovery.seconds is None``, ``Traffic.assess is
None`` with a ``note``), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Mapping, NamedTuple

from archgen.model import Component

if TYPE_CHECKING:  # the callers' own classes, named only in signatures
    from archgen.spec.model_builder import ModelBuilder
    from archgen.spec.semantic import SemanticChecker


class Placement(Enum):
    """Where a component lives, which decides its placement keys and what a loss takes down."""

    EXTERNAL = "external"  # outside AWS (users, an on-premises system): no Region, drawn outside the AWS Cloud
    GLOBAL = "global"  # an AWS global service (Route 53, CloudFront): no Region, no AZ to lose
    REGIONAL = "regional"  # one Region, run across its AZs by AWS (S3, DynamoDB, SQS): never single-AZ
    SUBNETS = "subnets"  # regional, or only the AZs of its subnets when attached to some (a VPC Lambda)
    ZONAL = "zonal"  # runs in the AZs it is placed in (EC2, RDS, load balancers): needs subnets or AZs
    DECLARED = "declared"  # the spec places each one: no region (global), a region, or subnets/AZs (a custom node)

    @property
    def has_region(self) -> bool:
        return self not in (Placement.EXTERNAL, Placement.GLOBAL)

    @property
    def takes_azs(self) -> bool:
        """Accepts ``azs`` and ``subnets`` besides ``region``."""
        return self in (Placement.SUBNETS, Placement.ZONAL, Placement.DECLARED)


class Role(Enum):
    """What a component does with a request; decides how requests split over its connections."""

    ROUTER = "router"  # sends each request to ONE of its targets (unset shares split the rest equally)
    CALLER = "caller"  # calls each of its targets once per request (fan-out)
    CACHE = "cache"  # answers reads it holds, passes the misses on
    STORE = "store"  # where requests end and data is kept
    QUEUE = "queue"  # takes messages and hands them on asynchronously
    STREAM = "stream"  # an ordered, replayable log of records
    EXTERNAL = "external"  # a dependency outside AWS


class Tier(IntEnum):
    """Diagram tier, in request order (entry → edge → load balancing → compute → cache → data),
    then the tiers off the request path. The layout orders columns by it."""

    ENTRY = 1  # where requests come from: users, external callers
    EDGE = 2  # DNS, CDN, firewall, identity at the edge
    LOAD_BALANCING = 3  # load balancers and API front doors in a Region
    COMPUTE = 4  # instances, containers, functions
    CACHE = 5  # caches in front of a store
    DATA = 6  # stores: databases, tables, buckets, file systems
    INTEGRATION = 7  # queues, topics, streams, workflows
    NETWORK = 8  # NAT gateways, endpoints, links: carry traffic, hold no requests of their own

    @property
    def title(self) -> str:
        return self.name.replace("_", " ").lower()


class State(Enum):
    """Whether a component holds data that a loss can destroy."""

    STATELESS = "stateless"
    STORE = "store"  # holds authoritative data
    CACHE = "cache"  # holds a copy of data kept elsewhere (authoritative only when nothing is behind it)
    HOSTED = "hosted"  # holds data when software it runs does (its model's ``hosts``: a database on an instance)


class Capability(Enum):
    """Things other parts of a spec may do with a component of this type."""

    ENTRY_POINT = "entry point"  # requests start here; it is never the target of a connection
    ALIAS_TARGET = "alias target"  # a Route 53 alias record may point at it
    SUBNET_EGRESS = "subnet egress"  # a private subnet's default route may name it (network.vpcs[].subnets[].nat_gateway)
    WEB_ACL_TARGET = "web ACL target"  # an AWS WAF web ACL may protect it (AWS WAF Developer Guide, "Protected resources")
    ACCELERATOR_ENDPOINT = "accelerator endpoint"  # a Global Accelerator endpoint group may route to it
    GATEWAY_ENDPOINT_SERVICE = "gateway endpoint service"  # a gateway VPC endpoint may lead to it (S3, DynamoDB)
    CONTAINER_HOSTS = "container hosts"  # an ECS service on the EC2 launch type may run its tasks on it
    BACKUP_COPY = "backup copy"  # copies other components' data to other Regions (its ``copies`` fact)
    BACKUP_RESOURCE = "backup resource"  # an AWS Backup plan may back it up (AWS Backup API, GetSupportedResourceTypes)


class Drawing(Enum):
    """How the diagram draws a component that lives in AZs (the renderer picks the picture)."""

    NODE = "node"  # one node, once per AZ it covers (a load balancer, a NAT gateway, a VPC Lambda)
    INSTANCES = "instances"  # its instances per AZ; AZs without one are left out (EC2 instances)
    GROUP = "group"  # a group of instances (``desired``, ``instance_type``), drawn in every AZ of the group
    TASKS = "tasks"  # a service's tasks (``desired``), drawn in every AZ of the service, with ``details``
    PRIMARY_STANDBY = "primary-standby"  # a primary, a Multi-AZ standby, read replicas (RDS)
    CLUSTER = "cluster"  # named member instances with roles (Aurora writer and readers)
    NODES = "nodes"  # interchangeable nodes spread over AZs, the first the primary (ElastiCache)


# Component states after a failure (``redundancy.state_after``) and failure domains, smallest first.
UP, FAILOVER, DOWN = "up", "failover", "down"
INSTANCE, AZ, REGION = "instance", "AZ", "Region"


@dataclass(frozen=True)
class SlaFigure:
    """One AWS SLA figure: a service-credit threshold, dated and sourced."""

    key: str
    service: str
    configuration: str
    percent: float
    source: str
    url: str
    recorded: str  # ISO date the figure was read from the page

    @property
    def availability(self) -> float:
        return self.percent / 100.0


@dataclass(frozen=True)
class Sla:
    """The SLA figures of a type and which one applies to a component as configured.

    ``declared`` is for types whose figure is not AWS's but the spec's (a dependency outside
    AWS, a custom node): it returns the component's own figure, or None when it declares none.
    """

    figures: tuple[SlaFigure, ...]
    choose: Callable[[Component], str | None]  # key of the figure that applies (None: no SLA applies)
    note: str = ""  # why there is no figure, when ``figures`` is empty
    declared: Callable[[Component], SlaFigure | None] | None = None

    def figure(self, c: Component) -> SlaFigure | None:
        """The figure that applies to ``c`` (None: no SLA applies; it counts as always available)."""
        if self.declared is not None:
            return self.declared(c)
        key = self.choose(c)
        if key is None:
            return None
        return self._by_key[key]

    @cached_property
    def _by_key(self) -> dict[str, SlaFigure]:
        """Each figure by its key (asked once per component of a large spec)."""
        out: dict[str, SlaFigure] = {}
        for figure in self.figures:
            out.setdefault(figure.key, figure)
        return out


def one_figure(figure: SlaFigure) -> Sla:
    """The SLA of a type with a single figure, whatever its configuration."""
    return Sla((figure,), lambda c: figure.key)


def either(first: SlaFigure, second: SlaFigure, first_when: Callable[[Component], bool]) -> Sla:
    """The SLA of a type with two figures: ``first`` for a component where ``first_when`` holds, else ``second``."""
    return Sla((first, second), lambda c: first.key if first_when(c) else second.key)


@dataclass(frozen=True)
class Recovery:
    """How a component fails and comes back, with the AWS figure or "not published".

    ``seconds`` is the upper end of what AWS publishes ("typically 60-120 seconds": 120) and
    ``low_seconds`` the lower end when AWS gives one (None: none given, the interval starts at 0).
    ``derived``: arithmetic on published figures (health-check interval × threshold), not a
    figure AWS states as such.
    """

    how: str  # e.g. "RDS Multi-AZ failover: the standby is promoted"
    seconds: float | None  # published failover or replacement time; None: AWS publishes none
    source: str  # the AWS page the figure (or the mechanism) comes from
    low_seconds: float | None = None  # lower end of a published range ("60-120 seconds": 60)
    derived: bool = False  # computed from published figures, not published as such


def regional_recovery(source: str) -> Recovery:
    """A regional service AWS runs across the AZs of its Region: nothing of the workload's to fail over, no time
    published (``source``: the service's resilience page)."""
    return Recovery("AWS serves from the AZs still up; nothing to fail over", None, source)


@dataclass(frozen=True)
class RecoveryPoint:
    """How much data a store can lose in a failure (the RPO estimate's per-store row)."""

    seconds: float | None  # data-loss window; None with lost=False: asynchronous, lag not published
    mechanism: str
    source: str
    lost: bool = False  # no copy outside the failed domain: everything can be lost


def none_per_az(c: Component) -> dict[str, int]:
    return {}


def one_per_az(c: Component) -> dict[str, int]:
    """One presence in each AZ the component covers (load balancer nodes, a NAT gateway, a VPC Lambda)."""
    return {az: 1 for az in c.azs}


def never(c: Component) -> bool:
    return False


def no_regions(c: Component) -> tuple[str, ...]:
    return ()


def no_azs(c: Component) -> tuple[str, ...]:
    return ()


def no_recovery_point(c: Component) -> RecoveryPoint | None:
    return None


def no_region_failover(c: Component) -> Recovery | None:
    return None


class Route(NamedTuple):
    """One target of a router (a Route 53 record, an accelerator endpoint) and what happens to the
    requests sent there when it fails. A named tuple: a zone has thousands of records, and a tuple is
    made in a fraction of a frozen dataclass's time.

    ``fails_over``: the router sees the failure (a health check) and sends those requests to the
    other targets of its ``group``; False: it keeps sending them to the failed target (a latency
    or weighted record without a health check), so they are pinned to it. ``standby``: it gets
    requests only after another target of the group fails (a failover secondary).
    ``detection``: how long until the router sees the target failed (None when it never does);
    ``switch``: how long clients keep using the failed target after that (resolvers' DNS cache).
    """

    target: str
    group: str  # targets of one group stand in for each other ("api.example.com A")
    fails_over: bool
    standby: bool = False
    detection: Recovery | None = None
    switch: Recovery | None = None


@dataclass(frozen=True)
class Redundancy:
    """How the spec says how redundant a component is.

    ``instances_per_az``: instances (tasks, nodes, DB instances, LB nodes) per AZ when zonal.
    ``single_instance``: the whole component is one instance with nothing to fail over to.
    ``replica_regions``: other Regions where its data serves after promotion or failover.
    ``copy_regions``: other Regions holding a copy that does not serve by itself (S3 replication).
    ``after_az_loss(c, lost_azs, alive)``: UP / FAILOVER / DOWN when AZs are lost, ``alive``
    telling whether an instance survives; None leaves the default (UP while one survives).
    ``state_azs``: AZs ``after_az_loss`` looks at besides its AZs and instances.
    ``az_recovery_point`` / ``region_copy``: the data-loss window of a store losing an AZ, and
    of its built-in cross-Region copy (None: no such copy). ``smallest_domain``: the smallest
    failure that takes all of it, when ``instances_per_az`` cannot tell.
    ``stand_ins``: components that answer its requests when it fails (a dependency's fallback):
    a flow to it is served by them too.
    """

    how: str  # in words, for the docs: what in the spec says how many copies run where
    instances_per_az: Callable[[Component], dict[str, int]] = none_per_az
    single_instance: Callable[[Component], bool] = never
    replica_regions: Callable[[Component], tuple[str, ...]] = no_regions
    copy_regions: Callable[[Component], tuple[str, ...]] = no_regions
    after_az_loss: Callable[[Component, frozenset, bool], str | None] | None = None
    state_azs: Callable[[Component], tuple[str, ...]] = no_azs
    az_recovery_point: Callable[[Component], RecoveryPoint | None] = no_recovery_point
    region_copy: Callable[[Component], RecoveryPoint | None] = no_recovery_point
    stand_ins: Callable[[Component], tuple[str, ...]] = no_regions  # ids of components that answer in its place
    smallest_domain: Callable[[Component], str] | None = None  # when instances per AZ cannot tell it (Aurora
    # instances whose AZ RDS chooses): INSTANCE, AZ or REGION
    # when its Region is lost and a copy elsewhere takes over (``replica_regions``): the promotion
    # step of a Region failover, with AWS's figure or "not published" (None: nothing to promote)
    region_failover: Callable[[Component], Recovery | None] = no_region_failover


@dataclass(frozen=True)
class Traffic:
    """Capacity and cost models (archgen.traffic functions), where AWS publishes one.

    ``assess(component, avg, peak, view)`` -> Assessment: the limits of one tier.
    ``surviving_capacity(component, spec, surviving_azs)`` -> requests/s left after an AZ loss.
    ``capacity_azs(component)`` -> the AZs whose loss can change that capacity, when they are more than
    the AZs of its instances (``Redundancy.instances_per_az``): an RDS instance's same-Region read replicas.
    ``cost(component, avg, sizing, spec, bill)`` adds the tier's lines to a monthly bill.
    ``needs(sizing)`` -> what the tier needs at peak in its own units (traffic table).
    ``passes_reads(component)`` -> share of arriving reads passed downstream (cache misses).
    ``scale_out(component, before, after)`` -> how long the tier takes to grow from serving
    ``before`` (a TierLoad) to serving ``after`` when AWS publishes a scaling rate (Lambda), a
    Recovery with ``seconds=None`` when it must grow but AWS publishes no time, None when it need not.
    """

    note: str  # what is and is not modelled, with the source of the limits
    assess: Callable | None = None
    surviving_capacity: Callable | None = None
    capacity_azs: Callable[[Component], tuple[str, ...]] | None = None
    cost: Callable | None = None
    needs: Callable[[Mapping[str, Any]], str] | None = None
    passes_reads: Callable[[Component], float] | None = None
    scale_out: Callable | None = None


def all_reads(c: Component) -> float:
    return 1.0


def no_details(c: Component) -> list[str]:
    return []


@dataclass(frozen=True)
class ComponentType:
    """Everything archgen knows about one component type (one module in ``catalogue/components``)."""

    name: str  # the spec's ``type:`` value
    title: str  # "RDS DB instance": how messages, legends and reports name it
    article: str  # "a" or "an" before the title ("" for a plural title such as "users")
    description: str  # one line: the schema's and the reference's description
    model: type[Component]  # the model dataclass ``build`` returns
    properties: Mapping[str, dict]  # JSON Schema of the type's own keys (the common and placement keys are added)
    required: tuple[str, ...]  # keys the spec must give, beyond id and type
    build: Callable[["ModelBuilder", int, dict, dict], Component]  # (builder, index, raw, common fields) -> model
    placement: Placement
    role: Role
    tier: Tier
    state: State
    icon: tuple[str, str]  # (diagrams module, node class) of its AWS Architecture Icon
    redundancy: Redundancy
    recovery: Recovery
    sla: Sla
    traffic: Traffic
    drawing: Drawing = Drawing.NODE
    details: Callable[[Component], list[str]] = no_details  # extra lines under its label on the diagram
    check: Callable[["SemanticChecker", tuple, dict], None] | None = None  # checks the schema cannot express
    places_itself: Callable[[dict], bool] | None = None  # its own keys give its AZs (no subnets or azs needed)
    capabilities: frozenset[Capability] = frozenset()
    connection_keys: tuple[str, ...] = ()  # connection keys that apply only when it is the target
    check_incoming: Callable[["SemanticChecker", tuple, dict, dict], None] | None = None  # (checker, path, connection, self)
    instance_noun: str = "instance"  # what one of its instances is called: instance, task, node
    deletion_policies: tuple[str, ...] = ()  # deletion_policy values it accepts (stateful types): retain, snapshot, delete
    link: Callable[[Component, Mapping[str, Component]], Mapping[str, Component]] | None = None  # after every
    # component is built: (component, all by id) -> the components it completes (a named read replica adds
    # itself to its source's replicas), by id
    copies: Callable[[Component], Mapping[str, tuple[str, ...]]] | None = None  # BACKUP_COPY types: data copied
    # to other Regions, store id -> Regions (AWS Backup copy rules)
    copy_every: Callable[[Component], Mapping[str, float]] | None = None  # BACKUP_COPY types: store id ->
    # seconds between the backups copied (the backup rule's schedule): the RPO of backup & restore
    backups: Callable[[Component], Mapping[str, float]] | None = None  # BACKUP_COPY types: store id -> seconds
    # between its backups in its own Region (what restores a store that loses every copy with an AZ)
    definitions: Mapping[str, dict] = field(default_factory=dict)  # schema $defs its properties refer to
    # per-component facts, for a type whose components declare them (a custom node); None: the type's own
    role_of: Callable[[Component], Role] | None = None
    state_of: Callable[[Component], State] | None = None
    tier_of: Callable[[Component], Tier] | None = None
    icon_of: Callable[[Component], tuple[str, str]] | None = None
    recovery_of: Callable[[Component], Recovery] | None = None  # when the figure depends on the component
    # a router's targets and what happens to their requests when one fails (None: not a router
    # that knows: every target counts as an alternative, as before)
    routes: Callable[[Component, Any], tuple[Route, ...]] | None = None

    def with_article(self) -> str:
        return f"{self.article} {self.title}" if self.article else self.title

    @property
    def plural_title(self) -> str:
        return self.title if self.title.endswith("s") else self.title + "s"

    def holds_data(self, c: Component) -> bool:
        """Whether this component holds data a loss can destroy (stores, caches, a database on an instance)."""
        state = self.state_for(c)
        if state is State.HOSTED:
            return bool(getattr(c, "hosts", ()))
        return state is not State.STATELESS

    def role_for(self, c: Component) -> Role:
        return self.role_of(c) if self.role_of is not None else self.role

    def state_for(self, c: Component) -> State:
        return self.state_of(c) if self.state_of is not None else self.state

    def tier_for(self, c: Component) -> Tier:
        return self.tier_of(c) if self.tier_of is not None else self.tier

    def icon_for(self, c: Component) -> tuple[str, str]:
        return self.icon_of(c) if self.icon_of is not None else self.icon

    def recovery_for(self, c: Component) -> Recovery:
        return self.recovery_of(c) if self.recovery_of is not None else self.recovery
