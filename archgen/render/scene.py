"""Where each component goes on an AWS diagram: groups, nodes and edges, before any styling.

Grouping follows AWS's own architecture-diagram conventions (AWS Architecture Icons,
"Groups"): users outside the AWS Cloud box; global services (Route 53, CloudFront) inside
it but outside every Region; Region -> VPC -> Availability Zone -> public/private subnet;
regional services (S3, DynamoDB, SQS, SNS, API Gateway, Lambda outside a VPC) in their
Region box, outside the VPC.

Graphviz clusters cannot overlap, so a component that spans AZs (load balancer, Auto
Scaling group, ECS service, Multi-AZ RDS, Aurora, ElastiCache) is drawn once per AZ, inside
each AZ box, with the instances, tasks or role (primary, standby, writer, reader) of that
AZ. Replicas the spec implies without naming them (RDS read replicas, Aurora Global
Database secondaries, DynamoDB global table and S3 replication copies) get their own node
in their Region with a replication edge.

Everything is ordered by the spec (Regions and AZs as declared, subnets public first), never
by hashing, so the same spec always gives the same scene.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archgen import catalogue
from archgen import model as m
from archgen.catalogue.base import Drawing, Placement
from archgen.render.icons import component_icon
from archgen.render.tiers import tier_of

# Where a request to a component lands when the component is drawn as several nodes.
SERVING_ROLES = frozenset({"", "primary", "writer"})


@dataclass
class SceneNode:
    id: str  # DOT node id, derived from the component id (never random)
    component: str
    icon: str
    title: str
    details: list[str] = field(default_factory=list)
    role: str = ""  # "" (serves requests), primary, standby, writer, reader, replica
    region: str | None = None
    az: str | None = None
    tooltip: str = ""
    tier: int = 0  # column along the request axis (archgen.render.tiers.Tier)

    @property
    def serves(self) -> bool:
        return self.role in SERVING_ROLES


@dataclass
class Group:
    id: str  # DOT cluster name; unique even when labels repeat ("Private subnet" in every AZ)
    kind: str  # cloud | region | vpc | az | subnet
    title: str
    details: list[str] = field(default_factory=list)
    subkind: str = ""  # public | private for subnets
    order: tuple = ()
    groups: dict[str, "Group"] = field(default_factory=dict)
    nodes: list[SceneNode] = field(default_factory=list)

    def child(self, key: str, make) -> "Group":
        if key not in self.groups:
            self.groups[key] = make()
        return self.groups[key]

    def ordered_groups(self) -> list["Group"]:
        return sorted(self.groups.values(), key=lambda g: g.order)

    def is_empty(self) -> bool:
        return not self.nodes and all(g.is_empty() for g in self.groups.values())


@dataclass
class SceneEdge:
    tail: str
    head: str
    kind: str  # sync | async | standby | replication | layout (invisible: only places nodes)
    connection: str | None = None  # connection id; None for edges the spec implies (replication, DLQ)
    label: str = ""
    labelled: bool = True  # only one of the edges drawn for a connection carries its label
    bidirectional: bool = False
    constraint: bool = True  # False: drawn, but does not push its head a column further
    merged: tuple[str, ...] = ()  # overview: the connections this one edge stands for


@dataclass
class Scene:
    outside: list[SceneNode]  # users: outside the AWS Cloud
    cloud: Group
    edges: list[SceneEdge]
    nodes: dict[str, list[SceneNode]]  # component id -> its nodes, in drawing order
    spans_azs: bool  # some component is drawn once per AZ (the legend says so)


def connection_label(connection: m.Connection) -> str:
    parts = [p for p in (connection.label, connection.protocol) if p]
    if len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]
    return " · ".join(parts)


class SceneBuilder:
    def __init__(self, spec: m.Spec):
        self.spec = spec
        self.cloud = Group("cluster_aws_cloud", "cloud", "AWS Cloud")
        self.outside: list[SceneNode] = []
        self.nodes: dict[str, list[SceneNode]] = {}
        self.edges: list[SceneEdge] = []
        self.region_order = {r.name: i for i, r in enumerate(spec.regions)}
        self.vpc_order = {v.id: i for i, v in enumerate(spec.vpcs)}
        self.subnet_order: dict[str, tuple] = {}
        for vpc in spec.vpcs:
            for i, subnet in enumerate(vpc.subnets):
                self.subnet_order[subnet.id] = (0 if subnet.kind == "public" else 1, i)
        self.copies: dict[str, dict[str, SceneNode]] = {}  # component -> region -> copy serving that region

    # -- groups ---------------------------------------------------------------------------
    def region_group(self, region: str) -> Group:
        spec = self.spec
        details = []
        if spec.dr is not None:
            if region == spec.dr.primary_region:
                details.append("primary Region")
            elif region == spec.dr.secondary_region:
                details.append(f"secondary Region · {spec.dr.strategy}")
        return self.cloud.child(region, lambda: Group(
            f"cluster_region_{region}", "region", f"Region {region}", details,
            order=(1, self.region_order.get(region, len(self.region_order)), region)))

    def az_order(self, region: str, az: str) -> tuple:
        declared = self.spec.region(region)
        azs = declared.azs if declared else ()
        return (azs.index(az) if az in azs else len(azs), az)

    def group_for(self, region: str | None, vpc: str | None = None, az: str | None = None,
                  subnet: m.Subnet | None = None) -> Group:
        """The deepest box for a placement: Region -> VPC -> AZ -> subnet (or AZ boxes outside any VPC)."""
        if region is None:
            return self.cloud
        group = self.region_group(region)
        if vpc is not None:
            vpc_model = next(v for v in self.spec.vpcs if v.id == vpc)
            details = [d for d in (vpc_model.cidr, "internet gateway" if vpc_model.internet_gateway else "") if d]
            group = group.child(f"vpc:{vpc}", lambda: Group(
                f"cluster_vpc_{vpc}", "vpc", f"VPC {vpc}", details, order=(1, self.vpc_order[vpc], vpc)))
        if az is not None:
            # AZ names are unique and have no "_": the two forms can never collide
            name = f"cluster_az_{vpc}_{az}" if vpc else f"cluster_az_{az}"
            group = group.child(f"az:{az}", lambda: Group(
                name, "az", f"Availability Zone {az}", order=(0 if vpc else 2,) + self.az_order(region, az)))
        if subnet is not None:
            group = group.child(f"subnet:{subnet.id}", lambda: self.subnet_group(subnet))
        return group

    def subnet_group(self, subnet: m.Subnet) -> Group:
        details = [subnet.id] + ([subnet.cidr] if subnet.cidr else [])
        lines = [" · ".join(details)]
        if subnet.nat_gateway:
            nat = self.spec.get(subnet.nat_gateway)
            lines.append(f"egress via {nat.label if nat else subnet.nat_gateway}")
        title = "Public subnet" if subnet.kind == "public" else "Private subnet"
        return Group(f"cluster_subnet_{subnet.id}", "subnet", title, lines, subkind=subnet.kind,
                     order=self.subnet_order.get(subnet.id, (2, 0)) + (subnet.id,))

    # -- nodes ----------------------------------------------------------------------------
    def add(self, component: m.Component, group: Group | None, node_id: str, details=(), role: str = "",
            region: str | None = None, az: str | None = None) -> SceneNode:
        where = " in " + az if az else (" in " + region if region else "")
        tooltip = f"{component.label} ({component.id}, {catalogue.title(component.type)}{where})"
        if component.description:
            tooltip += "\n" + component.description
        node = SceneNode(node_id, component.id, component_icon(component), component.label,
                         [d for d in details if d], role, region if region is not None else component.region, az,
                         tooltip, tier_of(component))
        if group is None:
            self.outside.append(node)
        else:
            group.nodes.append(node)
        self.nodes.setdefault(component.id, []).append(node)
        return node

    def az_slots(self, c: m.Component) -> list[tuple[str, m.Subnet | None]]:
        """(AZ, subnet) per AZ the component covers: its first subnet in each AZ, AZs in declared order."""
        subnets = [s for s in (self.spec.subnet(sid) for sid in c.subnets) if s is not None]
        slots = []
        for az in c.azs:
            in_az = [s for s in subnets if s.az == az]
            slots.append((az, in_az[0] if in_az else None))
        return slots

    def az_group(self, c: m.Component, az: str, subnet: m.Subnet | None) -> Group:
        return self.group_for(c.region, c.vpc, az, subnet)

    def place(self, c: m.Component) -> None:
        kind = catalogue.by_name()[c.type]
        if kind.placement is Placement.EXTERNAL:
            self.add(c, None, c.id)
            return
        if c.is_global:
            self.add(c, self.cloud, c.id)
            return
        placer = self.PLACERS.get(kind.drawing)
        if placer is not None:
            placer(self, c)
        elif c.azs:
            self.per_az(c, lambda az, n: kind.details(c))
        else:
            self.add(c, self.group_for(c.region), c.id, kind.details(c))

    def per_az(self, c: m.Component, details_for, counts: dict[str, int] | None = None,
               skip_empty: bool = False) -> None:
        counts = counts or {}
        slots = [(az, subnet) for az, subnet in self.az_slots(c) if counts.get(az) or not skip_empty]
        if not slots:
            self.add(c, self.group_for(c.region), c.id, details_for(None, None))
            return
        for az, subnet in slots:
            node_id = c.id if len(slots) == 1 else f"{c.id}@{az}"
            self.add(c, self.az_group(c, az, subnet), node_id, details_for(az, counts.get(az)), az=az)

    @staticmethod
    def fleet(count: int | None, unit: str, size: str | None) -> str:
        if count is None:
            return ""
        plural = unit if count == 1 else unit + "s"
        return f"{count} × {size}" if size else f"{count} {plural}"

    def place_instances(self, c: m.Ec2Instances) -> None:
        counts = m.spread(c.count, c.azs)
        self.per_az(c, lambda az, n: [self.fleet(n, "instance", c.instance_type)], counts, skip_empty=True)

    def place_group(self, c: m.ScalingGroup) -> None:
        counts = m.spread(c.desired, c.azs)
        self.per_az(c, lambda az, n: [self.fleet(n, "instance", c.instance_type)], counts)

    def place_tasks(self, c: m.ScalingGroup) -> None:
        counts = m.spread(c.desired, c.azs)
        kind = catalogue.by_name()[c.type]
        self.per_az(c, lambda az, n: [" · ".join(p for p in (self.fleet(n, kind.instance_noun, None), *kind.details(c))
                                                 if p)], counts)

    def place_primary_standby(self, c: m.RdsInstance) -> None:
        slots = dict(self.az_slots(c))
        size = c.instance_class or ""
        primary_az = c.primary_az or (c.azs[0] if c.azs else None)
        multi = c.multi_az and c.standby_az is not None
        primary_id = f"{c.id}@{primary_az}" if multi else c.id
        primary = self.add(c, self.az_group(c, primary_az, slots.get(primary_az)) if primary_az else self.group_for(c.region),
                           primary_id, ["primary" if multi else "single-AZ", size], role="primary", az=primary_az)
        if multi:
            standby = self.add(c, self.az_group(c, c.standby_az, slots.get(c.standby_az)), f"{c.id}@{c.standby_az}",
                               ["standby (Multi-AZ)", size], role="standby", az=c.standby_az)
            self.edges.append(SceneEdge(primary.id, standby.id, "replication", label="sync", constraint=False))
        for i, replica in enumerate(c.listed_replicas, start=1):
            region = replica.region or c.region
            node = self.add(c, self.replica_group(region, replica.az, c if region == c.region else None),
                            f"{c.id}#replica{i}", ["read replica", size], role="replica", region=region, az=replica.az)
            self.edges.append(SceneEdge(primary.id, node.id, "replication", label="async"))
            if region != c.region:
                self.copies.setdefault(c.id, {}).setdefault(region, node)

    def replica_group(self, region: str, az: str | None, same: m.Component | None) -> Group:
        """Box for a replica the spec names only by Region/AZ: the source's subnet in that AZ, else
        the AZ box of the Region's first VPC that has that AZ, else the Region."""
        if az is None:
            return self.group_for(region)
        if same is not None:
            for slot_az, subnet in self.az_slots(same):
                if slot_az == az:
                    return self.az_group(same, az, subnet)
            if same.vpc:
                return self.group_for(region, same.vpc, az)
        for vpc in self.spec.vpcs:
            if vpc.region == region and any(s.az == az for s in vpc.subnets):
                return self.group_for(region, vpc.id, az)
        return self.group_for(region, None, az)

    def place_cluster(self, c: m.AuroraCluster) -> None:
        slots = dict(self.az_slots(c))
        writer = None
        readers = []
        for instance in c.instances:
            node = self.add(c, self.az_group(c, instance.az, slots.get(instance.az)), f"{c.id}/{instance.name}",
                            [f"{instance.role} · {instance.name}", instance.instance_class or "",
                             "" if instance.az else "AZ chosen by RDS"],
                            role=instance.role, az=instance.az)
            if instance.role == "writer" and writer is None:
                writer = node
            else:
                readers.append(node)
        source = writer or self.nodes[c.id][0]
        for reader in readers:
            self.edges.append(SceneEdge(source.id, reader.id, "replication", label="", constraint=False))
        for region in c.global_database_regions:
            if region == c.region:
                continue
            node = self.add(c, self.group_for(region), f"{c.id}#{region}", ["secondary cluster", "Global Database"],
                            role="replica", region=region)
            self.edges.append(SceneEdge(source.id, node.id, "replication", label="Global Database"))
            self.copies.setdefault(c.id, {})[region] = node

    def place_nodes(self, c: m.CacheCluster) -> None:
        counts: dict[str, int] = {}
        for az in c.node_azs:
            counts[az] = counts.get(az, 0) + 1
        replicated = c.engine == "redis" and c.nodes > 1
        slots = [(az, subnet) for az, subnet in self.az_slots(c) if counts.get(az)]
        if not slots:
            self.add(c, self.group_for(c.region), c.id, [c.engine])
            return
        first = None
        for index, (az, subnet) in enumerate(slots):
            role = ("primary" if index == 0 else "replica") if replicated else ""
            detail = self.fleet(counts[az], "node", None)
            if replicated:
                detail = role if counts[az] == 1 else f"{role} · {detail}"
            node_id = c.id if len(slots) == 1 else f"{c.id}@{az}"
            node = self.add(c, self.az_group(c, az, subnet), node_id, [detail, c.engine], role=role, az=az)
            if first is None:
                first = node
            elif replicated:
                self.edges.append(SceneEdge(first.id, node.id, "replication", label="", constraint=False))

    def regional_copies(self, c: m.Component, regions: tuple[str, ...], kind: str) -> None:
        """Copies of a regional store in other Regions, unless the spec draws them itself (a same-type
        component in that Region listing this one's Region back, or joined to it by replication)."""
        for region in regions:
            if region == c.region:
                continue
            if self.explicit_copy(c, region) is not None:
                continue
            node = self.add(c, self.group_for(region), f"{c.id}#{region}", [kind], role="replica", region=region)
            self.edges.append(SceneEdge(self.nodes[c.id][0].id, node.id, "replication", label=kind))
            self.copies.setdefault(c.id, {})[region] = node

    def explicit_copy(self, c: m.Component, region: str) -> m.Component | None:
        linked = {(x.source, x.target) for x in self.spec.connections if x.kind == "replication"}
        for other in self.spec.components:
            if other.type != c.type or other.region != region or other.id == c.id:
                continue
            if c.region in getattr(other, "global_table_regions", ()):
                return other
            if (c.id, other.id) in linked or (other.id, c.id) in linked:
                return other
        return None

    PLACERS = {Drawing.INSTANCES: place_instances, Drawing.GROUP: place_group, Drawing.TASKS: place_tasks,
               Drawing.PRIMARY_STANDBY: place_primary_standby, Drawing.CLUSTER: place_cluster,
               Drawing.NODES: place_nodes}  # Drawing.NODE: ``place``'s default

    # -- edges ----------------------------------------------------------------------------
    def endpoints(self, component_id: str, near_region: str | None) -> list[SceneNode]:
        """Nodes a request to a component reaches: its copy in the caller's Region if it has one
        (a DR-Region service reads its local replica), else the nodes that serve requests."""
        copy = self.copies.get(component_id, {}).get(near_region) if near_region else None
        if copy is not None:
            return [copy]
        nodes = self.nodes.get(component_id, [])
        serving = [n for n in nodes if n.serves]
        return serving or nodes[:1]

    def connect(self, connection: m.Connection) -> None:
        tails = self.endpoints(connection.source, None)
        tail_region = self.spec.component(connection.source).region
        heads = (self.endpoints(connection.target, tail_region) if connection.kind != "replication"
                 else self.endpoints(connection.target, None))
        if not tails or not heads:
            return
        kind = "standby" if connection.standby else connection.kind
        pairs = pair_by_az(tails, heads)
        label = connection_label(connection)
        for index, (tail, head) in enumerate(pairs):
            self.edges.append(SceneEdge(tail.id, head.id, kind, connection.id, label, labelled=index == 0,
                                        bidirectional=connection.bidirectional))

    def build(self) -> Scene:
        spec = self.spec
        for vpc in spec.vpcs:  # boxes appear in declared order even before their nodes
            self.group_for(vpc.region, vpc.id)
        for c in spec.components:
            self.place(c)
        self.mark_empty_subnets()
        for c in spec.components:
            if isinstance(c, m.DynamoTable):
                self.regional_copies(c, c.global_table_regions, "global table replica")
            elif isinstance(c, m.S3Bucket):
                self.regional_copies(c, c.replica_regions, "replica (CRR)")
        for connection in spec.connections:
            self.connect(connection)
        replicated = {(x.source, x.target) for x in spec.connections if x.kind == "replication"}
        for c in spec.components:  # read replicas the spec names as components: drawn as themselves
            for replica in (c.read_replicas if isinstance(c, m.RdsInstance) else ()):
                if replica.component in self.nodes and (c.id, replica.component) not in replicated:
                    self.edges.append(SceneEdge(self.endpoints(c.id, None)[0].id, self.nodes[replica.component][0].id,
                                                "replication", label="async"))
        for c in spec.components:  # SQS redrive: failed messages move to the dead-letter queue
            if isinstance(c, m.Queue) and c.dead_letter_queue and c.dead_letter_queue in self.nodes:
                self.edges.append(SceneEdge(self.nodes[c.id][0].id, self.nodes[c.dead_letter_queue][0].id,
                                            "async", label="dead letters"))
        self.shadow_edges()
        spans = any(len([n for n in nodes if n.az]) > 1 for nodes in self.nodes.values())
        return Scene(self.outside, self.cloud, self.edges, self.nodes, spans)

    def mark_empty_subnets(self) -> None:
        """Draw every declared subnet, even an empty one: an AZ with nothing in it is exactly what a
        resilience review wants to see (Graphviz drops empty clusters, so they get a note node)."""
        for vpc in self.spec.vpcs:
            for subnet in vpc.subnets:
                group = self.group_for(vpc.region, vpc.id, subnet.az, subnet)
                if group.is_empty():
                    group.nodes.append(SceneNode(f"empty:{subnet.id}", "", "", "no components", role="empty",
                                                 region=vpc.region, az=subnet.az))

    def shadow_edges(self) -> None:
        """Put a standby, replica or reader in the same column as its primary: it receives no
        requests, so nothing else would rank it, and dot would push it to the far left. An
        invisible copy of each edge into the primary does it (rank=same across clusters would
        too, but trips Graphviz 2.43's "trouble in init_rank" on large graphs)."""
        into: dict[str, list[str]] = {}
        for edge in self.edges:
            if edge.constraint and edge.kind != "layout":
                into.setdefault(edge.head, []).append(edge.tail)
        for component_id, nodes in self.nodes.items():
            primary = next((n for n in nodes if n.id in into), None)
            if primary is None:
                continue
            for node in nodes:
                if node.id in into or node.region != primary.region:
                    continue
                for tail in dict.fromkeys(into[primary.id]):
                    self.edges.append(SceneEdge(tail, node.id, "layout", label="", labelled=False))
        # an empty subnet lines up with a populated subnet of the same kind in the same VPC, and
        # the empty subnets of one AZ follow each other public first (dot ranks inside a box
        # only by the edges within it)
        for vpc_group in (g for g in walk(self.cloud) if g.kind == "vpc"):
            subnets = [s for az in vpc_group.ordered_groups() for s in az.ordered_groups() if s.kind == "subnet"]
            for az in vpc_group.ordered_groups():
                empty = [s.nodes[0] for s in az.ordered_groups() if [n.role for n in s.nodes] == ["empty"]]
                for upper, lower in zip(empty, empty[1:]):
                    self.edges.append(SceneEdge(upper.id, lower.id, "layout", label="", labelled=False))
            for subnet in subnets:
                if [n.role for n in subnet.nodes] != ["empty"]:
                    continue
                twins = [n for s in subnets if s.subkind == subnet.subkind for n in s.nodes if n.id in into]
                for tail in dict.fromkeys(into[twins[0].id]) if twins else ():
                    self.edges.append(SceneEdge(tail, subnet.nodes[0].id, "layout", label="", labelled=False))


def walk(group: Group):
    yield group
    for child in group.ordered_groups():
        yield from walk(child)


def pair_by_az(tails: list[SceneNode], heads: list[SceneNode]) -> list[tuple[SceneNode, SceneNode]]:
    """Edges for one connection between components drawn as several nodes.

    Same-AZ pairs where both sides cover an AZ (the AZ-local path a reader expects: load
    balancer node -> instances of that AZ); every node left over is joined to a node of the
    other side in turn, so each node of both sides shows the connection once.
    """
    if len(tails) == 1 or len(heads) == 1:
        return [(t, h) for t in tails for h in heads]
    head_by_az = {h.az: h for h in heads if h.az}
    pairs = []
    used_heads = set()
    for i, tail in enumerate(tails):
        head = head_by_az.get(tail.az) if tail.az else None
        if head is None:
            head = heads[i % len(heads)]
        pairs.append((tail, head))
        used_heads.add(head.id)
    for j, head in enumerate(heads):
        if head.id not in used_heads:
            pairs.append((tails[j % len(tails)], head))
    return pairs


def build_scene(spec: m.Spec) -> Scene:
    return SceneBuilder(spec).build()
