"""What one component survives: its instances per AZ, its smallest failure domain, its replicas.

Shared by the lint rules, the request-graph SPOF search, the failure-domain simulation and the
availability estimate, so all four agree on what "redundant" means. Pure functions of the model.
"""

from __future__ import annotations

from archgen import model as m
from archgen.model import GLOBAL_SERVICE_TYPES, REGIONAL_SERVICE_TYPES, Component, Spec, spread

# Failure domains, smallest first. "global" components (users, Route 53, CloudFront) have none.
INSTANCE, AZ, REGION = "instance", "AZ", "Region"

# Component states after a failure (see ``state_after``).
UP, FAILOVER, DOWN = "up", "failover", "down"


def is_zonal(c: Component) -> bool:
    """Runs in specific AZs of a Region (so an AZ can take it down).

    Regional services (S3, DynamoDB, SQS, SNS, API Gateway, Lambda) are multi-AZ by design and
    never zonal, except a Lambda function attached to VPC subnets: it runs only in their AZs.
    """
    if c.type in GLOBAL_SERVICE_TYPES:
        return False
    if c.type == "lambda":
        return bool(c.subnets)
    return c.type not in REGIONAL_SERVICE_TYPES


def instances_per_az(c: Component) -> dict[str, int]:
    """How many instances (tasks, nodes, DB instances, LB nodes) run in each AZ; {} if not zonal."""
    if not is_zonal(c):
        return {}
    if isinstance(c, m.Ec2Instances):
        return {az: n for az, n in spread(c.count, c.azs).items() if n}
    if isinstance(c, m.ScalingGroup):
        return {az: n for az, n in spread(c.desired, c.azs).items() if n}
    if isinstance(c, m.RdsInstance):
        out = {c.primary_az: 1} if c.primary_az else {}
        if c.multi_az and c.standby_az:
            out[c.standby_az] = out.get(c.standby_az, 0) + 1
        return out
    if isinstance(c, m.AuroraCluster):
        out: dict[str, int] = {}
        for instance in c.instances:
            out[instance.az] = out.get(instance.az, 0) + 1
        return out
    if isinstance(c, m.CacheCluster):
        out = {}
        for az in c.node_azs:
            out[az] = out.get(az, 0) + 1
        return out
    return {az: 1 for az in c.azs}  # load balancers, NAT gateways, VPC Lambda: one presence per AZ


def single_instance(c: Component) -> bool:
    """The whole component is one instance with nothing to fail over to."""
    if isinstance(c, m.Ec2Instances):
        return c.count <= 1
    if isinstance(c, m.ScalingGroup):
        return c.desired <= 1
    if isinstance(c, m.RdsInstance):
        return not c.multi_az
    if isinstance(c, m.AuroraCluster):
        return len(c.instances) <= 1
    if isinstance(c, m.CacheCluster):
        if c.engine == "memcached":
            return c.nodes <= 1
        return not c.automatic_failover
    return False


def failure_domain(c: Component) -> str | None:
    """The smallest failure that takes the whole component down (None for global services)."""
    if c.type in GLOBAL_SERVICE_TYPES:
        return None
    if single_instance(c):
        return INSTANCE
    if is_zonal(c) and len(instances_per_az(c) or {az: 1 for az in c.azs}) <= 1:
        return AZ
    return REGION


def replica_regions(c: Component) -> tuple[str, ...]:
    """Other Regions where this store's data lives and can serve after promotion or failover.

    DynamoDB global tables serve in every replica Region; an Aurora Global Database or an RDS
    cross-Region read replica serves after promotion. S3 cross-Region replication is *not*
    listed: the replica is another bucket with another endpoint, reachable only through a path
    to it (a CloudFront origin group or a Route 53 failover record).
    """
    if isinstance(c, m.DynamoTable):
        return c.global_table_regions
    if isinstance(c, m.AuroraCluster):
        return c.global_database_regions
    if isinstance(c, m.RdsInstance):
        return tuple(dict.fromkeys(r.region for r in c.read_replicas if r.region and r.region != c.region))
    return ()


def data_copy_regions(spec: Spec, c: Component) -> tuple[str, ...]:
    """Regions (other than its own) holding a continuously replicated copy of this store's data."""
    regions = list(replica_regions(c))
    if isinstance(c, m.S3Bucket):
        regions += c.replica_regions
    for holder in replication_holders(spec, c.id):
        region = spec.component(holder).region
        if region and region != c.region:
            regions.append(region)
    return tuple(dict.fromkeys(regions))


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
    Region (global table, Aurora Global Database, cross-Region read replica). ``per_az`` is
    ``instances_per_az(c)``, when the caller already has it.
    """
    if c.region is None:
        return UP
    if c.region in lost_regions:
        return FAILOVER if set(replica_regions(c)) - set(lost_regions) else DOWN
    if not is_zonal(c):
        return UP
    if isinstance(c, m.RdsInstance):
        if c.primary_az not in lost_azs:
            return UP
        return FAILOVER if c.multi_az and c.standby_az not in lost_azs else DOWN
    alive = any(az not in lost_azs for az in (instances_per_az(c) if per_az is None else per_az))
    if isinstance(c, m.AuroraCluster):
        writer = next((i for i in c.instances if i.role == "writer"), c.instances[0])
        if writer.az not in lost_azs:
            return UP
        return FAILOVER if alive else DOWN
    if isinstance(c, m.CacheCluster) and c.engine != "memcached":
        primary_az = c.node_azs[0] if c.node_azs else None
        if primary_az not in lost_azs:
            return UP
        return FAILOVER if alive and c.automatic_failover else DOWN
    if alive:
        return UP
    if isinstance(c, m.ScalingGroup) and c.desired > 0 and set(c.azs) - set(lost_azs):
        return FAILOVER  # the group relaunches its instances in the AZs it still has
    return DOWN


def azs_state_depends_on(c: Component, *, per_az: dict[str, int] | None = None) -> frozenset[str]:
    """Every AZ ``state_after`` looks at for this component (keep the two in step).

    Losing any other AZ, or another Region than its own, leaves the component in its
    nothing-lost state: the failure-domain simulation relies on this to evaluate, per scenario,
    only the components the loss touches (tests/test_analysis_perf.py checks it). ``per_az``
    is ``instances_per_az(c)``, when the caller already has it.
    """
    if c.region is None or not is_zonal(c):
        return frozenset()
    azs = set(c.azs) | set(instances_per_az(c) if per_az is None else per_az)
    if isinstance(c, m.RdsInstance):
        azs |= {c.primary_az, c.standby_az}
    elif isinstance(c, m.AuroraCluster):
        azs |= {instance.az for instance in c.instances}
    elif isinstance(c, m.CacheCluster):
        azs |= set(c.node_azs)
    azs.discard(None)
    return frozenset(azs)


def load_balancer_targets(spec: Spec, lb: Component) -> tuple[Component, ...]:
    """Components a load balancer sends requests to in normal operation."""
    return tuple(spec.component(c.target) for c in spec.outgoing(lb.id)
                 if c.carries_requests and not c.standby)


def is_stateful(c: Component) -> bool:
    return c.type in ("rds", "aurora", "dynamodb", "s3", "elasticache")


STORE_TYPES = ("rds", "aurora", "dynamodb", "s3", "elasticache")


def holds_authoritative_data(spec: Spec, c: Component) -> bool:
    """A store whose data matters on its own: not a cache in front of another store."""
    if c.type not in STORE_TYPES:
        return False
    if c.type == "elasticache":
        return not any(x.carries_requests for x in spec.outgoing(c.id))
    return True


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
        if isinstance(c, m.S3Bucket) and c.website and source.type == "cloudfront":
            continue
        return True
    return False


def az_list(azs) -> str:
    return ", ".join(azs) if azs else "no AZ"
