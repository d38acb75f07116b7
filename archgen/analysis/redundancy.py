"""What one component survives: its instances per AZ, its smallest failure domain, its replicas.

Shared by the lint rules, the request-graph SPOF search, the failure-domain simulation and the
availability estimate, so all four agree on what "redundant" means. Pure functions of the model.
"""

from __future__ import annotations

from typing import Iterable

from archgen import catalogue
from archgen import model as m
# failure domains (smallest first) and component states after a failure, declared with the catalogue's facts
from archgen.catalogue.base import AZ, DOWN, FAILOVER, INSTANCE, REGION, UP, Capability, Placement, Redundancy, State
from archgen.model import Component, Spec


def is_zonal(c: Component) -> bool:
    """Runs in specific AZs of a Region (so an AZ can take it down).

    Regional services (S3, DynamoDB, SQS, SNS, API Gateway, Lambda) are multi-AZ by design and
    never zonal, except a type placed by its subnets (a Lambda function attached to VPC
    subnets): it runs only in their AZs.
    """
    return placed_in_azs(catalogue.by_name()[c.type].placement, c)


def placed_in_azs(placement: Placement, c: Component) -> bool:
    """``is_zonal`` for a component of a type placed so (callers looping over many know its type)."""
    if placement is Placement.ZONAL:
        return True
    if placement is Placement.DECLARED:  # a custom node is zonal when the spec gives it AZs
        return bool(c.azs)
    return placement is Placement.SUBNETS and bool(c.subnets)


def instances_per_az(c: Component) -> dict[str, int]:
    """How many instances (tasks, nodes, DB instances, LB nodes) run in each AZ; {} if not zonal."""
    if not is_zonal(c):
        return {}
    return catalogue.by_name()[c.type].redundancy.instances_per_az(c)


def single_instance(c: Component) -> bool:
    """The whole component is one instance with nothing to fail over to."""
    return catalogue.by_name()[c.type].redundancy.single_instance(c)


def failure_domain(c: Component, *, per_az: dict[str, int] | None = None) -> str | None:
    """The smallest failure that takes the whole component down (None for global services). ``per_az`` is
    ``instances_per_az(c)``, when the caller already has it."""
    kind = catalogue.by_name()[c.type]
    if c.region is None:  # a global service, or outside AWS
        return None
    redundancy = kind.redundancy
    if redundancy.smallest_domain is not None:
        return redundancy.smallest_domain(c)
    if redundancy.single_instance(c):
        return INSTANCE
    if placed_in_azs(kind.placement, c) and len(
            (redundancy.instances_per_az(c) if per_az is None else per_az) or {az: 1 for az in c.azs}) <= 1:
        return AZ  # is_zonal, with instances_per_az
    return REGION


def replica_regions(c: Component) -> tuple[str, ...]:
    """Other Regions where this store's data lives and can serve after promotion or failover.

    DynamoDB global tables serve in every replica Region; an Aurora Global Database or an RDS
    cross-Region read replica serves after promotion. S3 cross-Region replication is *not*
    listed: the replica is another bucket with another endpoint, reachable only through a path
    to it (a CloudFront origin group or a Route 53 failover record).
    """
    return catalogue.by_name()[c.type].redundancy.replica_regions(c)


def data_copy_regions(spec: Spec, c: Component) -> tuple[str, ...]:
    """Regions (other than its own) holding a continuously replicated copy of this store's data."""
    redundancy = catalogue.by_name()[c.type].redundancy
    regions = list(redundancy.replica_regions(c))
    regions += redundancy.copy_regions(c)
    for holder in replication_holders(spec, c.id):
        region = spec.component(holder).region
        if region and region != c.region:
            regions.append(region)
    return tuple(dict.fromkeys(regions))


def backup_plans(of_type) -> tuple[Component, ...]:
    """The components of ``Capability.BACKUP_COPY`` types (AWS Backup plans), from an index by type (``of_type``:
    ``RequestGraph.of_type``): what the functions below read, without a pass over every component."""
    return of_type(*sorted(catalogue.with_capability(Capability.BACKUP_COPY)))


def backup_copy_regions(spec: Spec, plans: Iterable[Component] | None = None) -> dict[str, tuple[str, ...]]:
    """Store id -> other Regions its backups are copied to, by the components of ``Capability.BACKUP_COPY``
    types (an AWS Backup plan's copy rules): the only place a type's ``copies`` fact is read. ``plans``:
    ``backup_plans``, when the caller has an index (every component is looked at otherwise)."""
    out: dict[str, list[str]] = {}
    kinds = catalogue.by_name()
    copying = catalogue.with_capability(Capability.BACKUP_COPY)
    for c in spec.components if plans is None else plans:
        if c.type in copying and kinds[c.type].copies is not None:
            for store, regions in kinds[c.type].copies(c).items():
                out.setdefault(store, []).extend(regions)
    return {store: tuple(dict.fromkeys(regions)) for store, regions in out.items()}


def backup_copy_intervals(spec: Spec, plans: Iterable[Component] | None = None) -> dict[str, float]:
    """Store id -> the shortest time between backups copied to another Region, where the components
    of ``Capability.BACKUP_COPY`` types say (their ``copy_every`` fact; ``plans``: see ``backup_copy_regions``)."""
    return _shortest_per_store(spec, lambda kind: kind.copy_every, plans)


def backup_intervals(spec: Spec, plans: Iterable[Component] | None = None) -> dict[str, float]:
    """Store id -> the shortest time between its backups in its own Region, where the components of
    ``Capability.BACKUP_COPY`` types say (their ``backups`` fact: an AWS Backup plan's rules; ``plans``: see
    ``backup_copy_regions``)."""
    return _shortest_per_store(spec, lambda kind: kind.backups, plans)


def _shortest_per_store(spec: Spec, fact, plans: Iterable[Component] | None) -> dict[str, float]:
    out: dict[str, float] = {}
    kinds = catalogue.by_name()
    copying = catalogue.with_capability(Capability.BACKUP_COPY)
    for c in spec.components if plans is None else plans:
        if c.type not in copying:
            continue
        every = fact(kinds[c.type])
        if every is not None:
            for store, seconds in every(c).items():
                out[store] = min(seconds, out.get(store, seconds))
    return out


def replication_holders(spec: Spec, component_id: str) -> tuple[str, ...]:
    """Components that receive this component's data through replication connections (transitively).

    Walks the spec's per-component connection indexes: scanning every connection at each step
    made this quadratic for specs with thousands of replicated stores.
    """
    seen = {component_id}
    todo = [component_id]
    while todo:
        current = todo.pop()
        found = [c.target for c in spec.outgoing(current) if c.kind == "replication"]
        found += [c.source for c in spec.incoming(current) if c.kind == "replication" and c.bidirectional]
        for nxt in found:
            if nxt and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    seen.discard(component_id)
    return tuple(sorted(seen))


def state_after(c: Component, lost_azs: frozenset[str] = frozenset(),
                lost_regions: frozenset[str] = frozenset(), *, per_az: dict[str, int] | None = None) -> str:
    """UP (keeps serving), FAILOVER (serves again after an automatic switch-over) or DOWN.

    FAILOVER covers RDS Multi-AZ and Aurora/ElastiCache replica promotion, an Auto Scaling
    group or ECS service relaunching in its surviving AZs, and a store promoted in another
    Region (global table, Aurora Global Database, cross-Region read replica): each type's
    ``redundancy.after_az_loss`` in the catalogue. ``per_az`` is ``instances_per_az(c)``,
    when the caller already has it.
    """
    if c.region is None:
        return UP
    redundancy = catalogue.by_name()[c.type].redundancy
    if c.region in lost_regions:
        return state_after_region_loss(redundancy, c, lost_regions)
    if not is_zonal(c):
        return UP
    return state_after_az_loss(redundancy, c, instances_per_az(c) if per_az is None else per_az, lost_azs)


def state_after_region_loss(redundancy: Redundancy, c: Component, lost_regions: frozenset[str]) -> str:
    """``state_after`` of a component whose Region is lost (``redundancy``: its type's)."""
    return DOWN if lost_regions.issuperset(redundancy.replica_regions(c)) else FAILOVER


def state_after_az_loss(redundancy: Redundancy, c: Component, per_az: dict[str, int], lost_azs: frozenset[str]) -> str:
    """``state_after`` of a zonal component whose Region is not lost (``redundancy``: its type's; ``per_az``:
    ``instances_per_az(c)``)."""
    # more AZs with instances than AZs lost: one of them is left (the common case, without a loop)
    alive = len(per_az) > len(lost_azs) or any(az not in lost_azs for az in per_az)
    if redundancy.after_az_loss is not None:
        state = redundancy.after_az_loss(c, lost_azs, alive)
        if state is not None:
            return state
    return UP if alive else DOWN


def azs_state_depends_on(c: Component, *, per_az: dict[str, int] | None = None) -> frozenset[str]:
    """Every AZ ``state_after`` looks at for this component (keep the two in step).

    Losing any other AZ, or another Region than its own, leaves the component in its
    nothing-lost state: the failure-domain simulation relies on this to evaluate, per scenario,
    only the components the loss touches (tests/test_analysis_perf.py checks it). ``per_az``
    is ``instances_per_az(c)``, when the caller already has it.
    """
    if c.region is None or not is_zonal(c):
        return frozenset()
    return zonal_state_azs(catalogue.by_name()[c.type].redundancy, c,
                           instances_per_az(c) if per_az is None else per_az)


def zonal_state_azs(redundancy: Redundancy, c: Component, per_az: dict[str, int]) -> frozenset[str]:
    """``azs_state_depends_on`` of a zonal component with a Region (``redundancy``: its type's)."""
    azs = frozenset((*c.azs, *per_az, *redundancy.state_azs(c)))
    return azs - {None} if None in azs else azs


def load_balancer_targets(spec: Spec, lb: Component) -> tuple[Component, ...]:
    """Components a load balancer sends requests to in normal operation."""
    return tuple(spec.component(c.target) for c in spec.outgoing(lb.id)
                 if c.carries_requests and not c.standby)


def is_stateful(c: Component) -> bool:
    """Holds data a loss can destroy: a store, a cache, or an instance whose ``hosts`` keep state."""
    return catalogue.by_name()[c.type].holds_data(c)


def stateful_types() -> tuple[str, ...]:
    """Names of the types that can hold data (stores, caches, instances hosting a database, nodes that declare it),
    in catalogue order."""
    return catalogue.names_where(lambda kind: kind.state is not State.STATELESS or kind.state_of is not None)


def holds_authoritative_data(spec: Spec, c: Component) -> bool:
    """A store whose data matters on its own: not a cache in front of another store."""
    kind = catalogue.by_name()[c.type]
    if kind.state_for(c) is State.CACHE:
        return not any(x.carries_requests for x in spec.outgoing(c.id))
    return kind.holds_data(c)


def written_by_workload(spec: Spec, c: Component) -> bool:
    """Whether requests can write to this store (so a Region loss can lose recent writes).

    A connection declaring ``read_ratio: 1`` only reads. An S3 bucket with website hosting that
    is reached only from CloudFront is served through its website endpoint, which supports GET
    and HEAD only (Amazon S3 User Guide, "Website endpoints"): its content is deployed, not
    written by the workload.
    """
    incoming = [x for x in spec.incoming(c.id) if x.carries_requests]
    if not incoming:
        return False
    for connection in incoming:
        if connection.read_ratio is not None and connection.read_ratio >= 1:
            continue
        source = spec.component(connection.source)
        if isinstance(c, m.S3Bucket) and c.website and isinstance(source, m.CloudFront):
            continue
        return True
    return False


def written_stores(spec: Spec, components: Iterable[Component] | None = None) -> list[Component]:
    """The stores among ``components`` (all by default) whose data matters on its own and that the workload
    writes to: what an AZ or Region loss can lose recent writes of (spec order)."""
    return [c for c in (spec.components if components is None else components)
            if holds_authoritative_data(spec, c) and written_by_workload(spec, c)]


def az_list(azs) -> str:
    return ", ".join(azs) if azs else "no AZ"
