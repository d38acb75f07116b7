"""Checks the schema cannot express: identity, references, placement and AWS rules of the game.

They run on the raw (schema-checked) data so every problem is reported with its position
in one run; components that already failed the schema are skipped to avoid noise.
"""

from __future__ import annotations

import heapq
from typing import Any

from archgen.diagnostics import DiagnosticSink
from archgen.model import GLOBAL_SERVICE_TYPES, ROUTER_TYPES, type_title
from archgen.spec.schema import suggest
from archgen.spec.yamlload import LoadedYaml, format_path

AZ_PLACED_TYPES = frozenset({"alb", "nlb", "ec2", "autoscaling", "ecs", "rds", "aurora", "elasticache", "nat_gateway"})
ALIAS_TARGET_TYPES = frozenset({"cloudfront", "alb", "nlb", "s3", "api_gateway", "route53"})
SHARE_TOLERANCE = 1e-9
SUGGESTIONS = 20  # "did you mean" hints per file; the rest list known names instead


def record_fqdn(name: str, zone: str) -> tuple[str, bool]:
    """(fully qualified name, is_apex) of a record name written relative or absolute."""
    zone = zone.rstrip(".").lower()
    name = name.rstrip(".").lower()
    if name in ("@", zone):
        return zone, True
    if name.endswith("." + zone):
        return name, False
    return f"{name}.{zone}", False


def region_of_az(az: str) -> str:
    return az[:-1]


def _acyclic(edges) -> bool:
    """Kahn's algorithm: True when the directed graph of ``edges`` has no cycle (self-loops included)."""
    successors: dict[str, list[str]] = {}
    indegree: dict[str, int] = {}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
        indegree[target] = indegree.get(target, 0) + 1
    ready = [node for node in successors if node not in indegree]
    removed = 0
    while ready:
        node = ready.pop()
        for target in successors.get(node, ()):
            removed += 1
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return removed == len(edges)


def request_cycles(nodes, edges) -> list[tuple[list[str], int]]:
    """One cycle per strongly connected component of the directed graph ``edges``.

    Returns (path, closing edge index) pairs, the path written 'a -> b -> a' style as a node
    list starting and ending at the component's first node in ``nodes`` order (a shortest
    loop through it), the index naming the edge that closes it. Iterative Tarjan + BFS: O(V + E),
    deterministic. Self-loops count as one-node cycles.
    """
    if _acyclic(edges):  # the usual case, in a third of Tarjan's time
        return []
    adjacency: dict[str, list[tuple[str, int]]] = {n: [] for n in nodes}
    for index, (source, target) in enumerate(edges):
        adjacency.setdefault(source, []).append((target, index))
        adjacency.setdefault(target, [])
    rank = {n: i for i, n in enumerate(adjacency)}
    low: dict[str, int] = {}
    number: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in adjacency:
        if root in number:
            continue
        work = [(root, 0)]
        number[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, position = work[-1]
            successors = adjacency[node]
            if position < len(successors):
                work[-1] = (node, position + 1)
                nxt = successors[position][0]
                if nxt not in number:
                    number[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], number[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == number[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                components.append(members)
    cycles: list[tuple[list[str], int]] = []
    for members in components:
        start = min(members, key=rank.get)
        if len(members) == 1:
            loop = next((i for t, i in adjacency[start] if t == start), None)
            if loop is not None:
                cycles.append(([start, start], loop))
            continue
        inside = set(members)
        parent: dict[str, tuple[str, int] | None] = {start: None}
        queue = [start]
        found = None
        for node in queue:  # BFS: the shortest loop back to start
            for nxt, index in adjacency[node]:
                if nxt == start:
                    found = (node, index)
                    break
                if nxt in inside and nxt not in parent:
                    parent[nxt] = (node, index)
                    queue.append(nxt)
            if found:
                break
        path = [start]
        node = found[0]
        while node != start:
            path.append(node)
            node = parent[node][0]
        path.append(start)
        path[1:-1] = reversed(path[1:-1])
        cycles.append((path, found[1]))
    cycles.sort(key=lambda item: (rank[item[0][0]], item[1]))
    return cycles


class SemanticChecker:
    def __init__(self, loaded: LoadedYaml, skip_components: set[int], skip_connections: set[int] = frozenset()):
        self.loaded = loaded
        self.data: dict = loaded.data
        self.sink = DiagnosticSink(loaded.file)
        self.skip = skip_components
        self.skip_connections = skip_connections  # failed the schema: 'from' may be a list, 'share' text ...
        self.suggestions_left = SUGGESTIONS
        self._targets: dict[Any, set] | None = None
        self.components: dict[str, tuple[int, dict]] = {}
        self.subnets: dict[str, tuple[tuple, dict, dict]] = {}  # id -> (path, subnet, vpc)
        self.regions: dict[str, list[str]] = {}

    # -- helpers ------------------------------------------------------------------------
    def error(self, path: tuple, message: str, hint: str = "", key: bool = False, severity: str = "error") -> None:
        line, column = self.loaded.locate(path, key=key)
        self.sink.add(line, column, message, path=format_path(path), hint=hint, severity=severity)

    def unknown(self, path: tuple, what: str, name: Any, known) -> None:
        hint = ""
        if self.suggestions_left > 0:  # difflib over 10,000 ids costs ~10 ms: 1,000 dangling references took 9 s
            self.suggestions_left -= 1
            hint = suggest(name, known)
        if not hint:
            hint = f"known {what}s: " + ", ".join(heapq.nsmallest(8, known)) if known else f"no {what} is defined"
        self.error(path, f"unknown {what} '{name}'", hint)

    def _list(self, value) -> list:
        return value if isinstance(value, list) else []

    # -- entry --------------------------------------------------------------------------
    def run(self) -> DiagnosticSink:
        if not isinstance(self.data, dict):
            return self.sink
        self.check_regions()
        self.check_network()
        self.index_components()
        self.check_objectives_and_dr()
        for index, component in self.valid_components():
            self.check_component(index, component)
        self.check_subnet_routes()
        self.check_connections()
        self.check_request_cycles()
        self.check_ignores()
        return self.sink

    def valid_components(self):
        for index, component in enumerate(self._list(self.data.get("components"))):
            if index not in self.skip and isinstance(component, dict):
                yield index, component

    # -- regions and network ------------------------------------------------------------
    def check_regions(self) -> None:
        seen_azs: dict[str, str] = {}
        for index, region in enumerate(self._list(self.data.get("regions"))):
            if not isinstance(region, dict) or not isinstance(region.get("name"), str):
                continue
            name = region["name"]
            path = ("regions", index)
            if name in self.regions:
                self.error(path + ("name",), f"region '{name}' is listed twice")
                continue
            azs = [az for az in self._list(region.get("azs")) if isinstance(az, str)]
            self.regions[name] = azs
            for az_index, az in enumerate(azs):
                if region_of_az(az) != name:
                    self.error(path + ("azs", az_index), f"AZ '{az}' does not belong to region '{name}'",
                               f"AZ names are the Region name plus a letter, e.g. {name}a")
                if az in seen_azs:
                    self.error(path + ("azs", az_index), f"AZ '{az}' is listed twice")
                seen_azs[az] = name

    def need_region(self, path: tuple, region: Any) -> bool:
        if not isinstance(region, str):
            return False
        if region not in self.regions:
            self.error(path, f"region '{region}' is not declared under 'regions'",
                       suggest(region, self.regions) or "add it to the top-level 'regions' list with its AZs")
            return False
        return True

    def need_az(self, path: tuple, az: Any, region: str | None) -> bool:
        if not isinstance(az, str):
            return False
        if region is not None and region_of_az(az) != region:
            self.error(path, f"AZ '{az}' is not in region '{region}'")
            return False
        owner = region_of_az(az)
        if owner in self.regions and az not in self.regions[owner]:
            self.error(path, f"AZ '{az}' is not declared for region '{owner}'",
                       suggest(az, self.regions[owner]) or f"declared AZs: {', '.join(self.regions[owner])}")
            return False
        if owner not in self.regions:
            self.error(path, f"region '{owner}' of AZ '{az}' is not declared under 'regions'")
            return False
        return True

    def check_network(self) -> None:
        network = self.data.get("network")
        if not isinstance(network, dict):
            return
        vpc_ids: set[str] = set()
        for vpc_index, vpc in enumerate(self._list(network.get("vpcs"))):
            if not isinstance(vpc, dict):
                continue
            path = ("network", "vpcs", vpc_index)
            if vpc.get("id") in vpc_ids:
                self.error(path + ("id",), f"duplicate VPC id '{vpc.get('id')}'")
            vpc_ids.add(vpc.get("id"))
            region_ok = self.need_region(path + ("region",), vpc.get("region"))
            has_public = False
            for subnet_index, subnet in enumerate(self._list(vpc.get("subnets"))):
                if not isinstance(subnet, dict) or not isinstance(subnet.get("id"), str):
                    continue
                spath = path + ("subnets", subnet_index)
                if subnet["id"] in self.subnets:
                    self.error(spath + ("id",), f"duplicate subnet id '{subnet['id']}'")
                    continue
                self.subnets[subnet["id"]] = (spath, subnet, vpc)
                if region_ok:
                    self.need_az(spath + ("az",), subnet.get("az"), vpc.get("region"))
                if subnet.get("kind") == "public":
                    has_public = True
                    if "nat_gateway" in subnet:
                        self.error(spath + ("nat_gateway",), "a public subnet routes to the internet gateway, not a NAT gateway",
                                   "remove nat_gateway or make the subnet private")
            if has_public and not vpc.get("internet_gateway"):
                self.error(path, f"VPC '{vpc.get('id')}' has public subnets but no internet gateway",
                           "set internet_gateway: true", severity="warning")

    # -- components ---------------------------------------------------------------------
    def index_components(self) -> None:
        for index, component in enumerate(self._list(self.data.get("components"))):
            if not isinstance(component, dict) or not isinstance(component.get("id"), str):
                continue
            cid = component["id"]
            if cid in self.components:
                first = self.loaded.locate(("components", self.components[cid][0], "id"))[0]
                self.error(("components", index, "id"), f"duplicate component id '{cid}'",
                           f"first defined on line {first}")
                continue
            if cid in self.subnets:
                self.error(("components", index, "id"), f"component id '{cid}' is also a subnet id")
            self.components[cid] = (index, component)

    def ref(self, path: tuple, cid: Any, *types: str) -> dict | None:
        """Resolve a component reference, reporting dangling or wrongly typed ones."""
        if not isinstance(cid, str):
            return None
        found = self.components.get(cid)
        if found is None:
            self.unknown(path, "component", cid, self.components)
            return None
        if found[0] in self.skip:  # the schema already rejected it: its type and keys are not to be trusted
            return None
        if types and found[1].get("type") not in types:
            wanted = " or ".join(type_title(t, article=True) for t in types)
            self.error(path, f"'{cid}' is {type_title(found[1].get('type'), article=True)}, not {wanted}")
            return None
        return found[1]

    def check_component(self, index: int, c: dict) -> None:
        path = ("components", index)
        ctype = c.get("type")
        self.check_placement(path, c)
        check = getattr(self, f"check_{ctype}", None)
        if check:
            check(path, c)

    def placement(self, c: dict) -> tuple[str | None, list[str]]:
        """(region, AZs) a component resolves to, as far as can be told (used after checks)."""
        subnets = [self.subnets[s] for s in self._list(c.get("subnets")) if s in self.subnets]
        if subnets:
            return subnets[0][2].get("region"), [s[1].get("az") for s in subnets]
        azs = [az for az in self._list(c.get("azs")) if isinstance(az, str)]
        region = c.get("region") or (region_of_az(azs[0]) if azs else None)
        return region, azs

    def check_placement(self, path: tuple, c: dict) -> None:
        ctype = c.get("type")
        if ctype in GLOBAL_SERVICE_TYPES:
            return
        region = c.get("region")
        if region is not None and not self.need_region(path + ("region",), region):
            return
        subnet_ids = self._list(c.get("subnets"))
        vpcs = set()
        subnet_azs = []
        for i, subnet_id in enumerate(subnet_ids):
            found = self.subnets.get(subnet_id)
            if found is None:
                self.unknown(path + ("subnets", i), "subnet", subnet_id, self.subnets)
                continue
            vpcs.add(found[2].get("id"))
            subnet_azs.append(found[1].get("az"))
            subnet_region = found[2].get("region")
            if region is not None and subnet_region != region:
                self.error(path + ("subnets", i), f"subnet '{subnet_id}' is in {subnet_region}, not {region}")
        if len(vpcs) > 1:
            self.error(path + ("subnets",), "subnets belong to different VPCs: " + ", ".join(sorted(map(str, vpcs))),
                       "a component lives in one VPC")
        azs = self._list(c.get("azs"))
        if azs and subnet_ids:
            if set(azs) != set(subnet_azs) and len(subnet_azs) == len(subnet_ids):
                self.error(path + ("azs",), "azs disagree with the AZs of the subnets", "give either subnets or azs")
        elif azs:
            az_region = region or (region_of_az(azs[0]) if isinstance(azs[0], str) else None)
            for i, az in enumerate(azs):
                self.need_az(path + ("azs", i), az, az_region)
        placed_by_instances = ctype == "aurora" and region is not None and c.get("instances")
        if ctype in AZ_PLACED_TYPES and not subnet_ids and not azs and not placed_by_instances:
            self.error(path, f"{type_title(ctype)} '{c.get('id')}' needs a placement", "add 'subnets' (or 'region' and 'azs')")
        if ctype == "lambda" and not subnet_ids and not azs and region is None:
            self.error(path, f"Lambda function '{c.get('id')}' needs a placement", "add 'region' (or 'subnets' for a VPC function)")

    def check_nat_gateway(self, path: tuple, c: dict) -> None:
        subnets = self._list(c.get("subnets"))
        if len(subnets) != 1:
            self.error(path + ("subnets",), "a NAT gateway lives in exactly one subnet",
                       "create one NAT gateway per AZ, each in that AZ's public subnet")
            return
        found = self.subnets.get(subnets[0])
        if found and found[1].get("kind") != "public":
            self.error(path + ("subnets", 0), f"NAT gateway '{c.get('id')}' must be in a public subnet",
                       f"'{subnets[0]}' is private")

    def check_scaling(self, path: tuple, c: dict) -> None:
        low, want, high = c.get("min"), c.get("desired"), c.get("max")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            self.error(path + ("min",), f"min ({low}) is greater than max ({high})")
        if isinstance(want, int):
            if isinstance(low, int) and want < low:
                self.error(path + ("desired",), f"desired ({want}) is below min ({low})")
            if isinstance(high, int) and want > high:
                self.error(path + ("desired",), f"desired ({want}) is above max ({high})")

    check_autoscaling = check_scaling
    check_ecs = check_scaling

    def check_lambda(self, path: tuple, c: dict) -> None:
        reserved, provisioned = c.get("reserved_concurrency"), c.get("provisioned_concurrency")
        if isinstance(reserved, int) and isinstance(provisioned, int) and provisioned > reserved:
            self.error(path + ("provisioned_concurrency",),
                       f"provisioned concurrency ({provisioned}) exceeds reserved concurrency ({reserved})")

    def check_rds(self, path: tuple, c: dict) -> None:
        region, azs = self.placement(c)
        for i, replica in enumerate(self._list(c.get("read_replicas"))):
            if not isinstance(replica, dict):
                continue
            replica_region = replica.get("region", region)
            if "region" in replica:
                self.need_region(path + ("read_replicas", i, "region"), replica["region"])
            if "az" in replica:
                self.need_az(path + ("read_replicas", i, "az"), replica["az"], replica_region)
        if c.get("multi_az") and len(set(azs)) < 2 and (c.get("subnets") or c.get("azs")):
            self.error(path + ("multi_az",), "multi_az needs subnets (or azs) in at least two AZs",
                       "a DB subnet group for Multi-AZ covers two or more AZs")

    def check_aurora(self, path: tuple, c: dict) -> None:
        region, _ = self.placement(c)
        names, writers = set(), 0
        for i, instance in enumerate(self._list(c.get("instances"))):
            if not isinstance(instance, dict):
                continue
            name = instance.get("name", f"{c.get('id')}-{i + 1}")
            if name in names:
                self.error(path + ("instances", i, "name"), f"duplicate Aurora instance name '{name}'")
            names.add(name)
            writers += instance.get("role") == "writer"
            self.need_az(path + ("instances", i, "az"), instance.get("az"), region)
        if writers > 1:
            self.error(path + ("instances",), "an Aurora cluster has exactly one writer", "make the others readers")
        self.check_replica_regions(path, c, "global_database_regions", region)

    def check_replica_regions(self, path: tuple, c: dict, key: str, home: str | None) -> None:
        for i, region in enumerate(self._list(c.get(key))):
            if self.need_region(path + (key, i), region) and region == home:
                self.error(path + (key, i), f"'{region}' is the component's own region", "list only other Regions")

    def check_s3(self, path: tuple, c: dict) -> None:
        self.check_replica_regions(path, c, "replica_regions", c.get("region"))

    def check_dynamodb(self, path: tuple, c: dict) -> None:
        capacity = c.get("capacity") or {}
        provisioned = capacity.get("mode") == "provisioned"
        if provisioned:
            for key in ("read", "write"):
                if key not in capacity:
                    self.error(path + ("capacity",), f"provisioned capacity needs '{key}' capacity units")
        else:
            for key in ("read", "write"):
                if key in capacity:
                    self.error(path + ("capacity", key), f"on-demand tables have no provisioned '{key}' capacity",
                               "remove it, or set mode: provisioned")
        names = set()
        for kind in ("gsis", "lsis"):
            for i, index in enumerate(self._list(c.get(kind))):
                if not isinstance(index, dict):
                    continue
                if index.get("name") in names:
                    self.error(path + (kind, i, "name"), f"duplicate index name '{index.get('name')}'")
                names.add(index.get("name"))
                for key in ("read", "write"):
                    if kind == "gsis" and key in index and not provisioned:
                        self.error(path + (kind, i, key), "index capacity units apply to provisioned tables only")
                    if kind == "gsis" and provisioned and key not in index:
                        self.error(path + (kind, i), f"GSI '{index.get('name')}' of a provisioned table needs '{key}' capacity",
                                   "GSIs have their own provisioned capacity")
        if c.get("lsis") and "sort_key" not in c:
            self.error(path + ("lsis",), "local secondary indexes need a table with a sort key")
        self.check_replica_regions(path, c, "global_table_regions", c.get("region"))

    def check_elasticache(self, path: tuple, c: dict) -> None:
        nodes, shards = c.get("nodes", 1), c.get("shards", 1)
        if isinstance(nodes, int) and isinstance(shards, int) and shards > nodes:
            self.error(path + ("shards",), f"{shards} shards need at least {shards} nodes")
        if c.get("engine") == "memcached" and (c.get("automatic_failover") or c.get("multi_az")):
            self.error(path + ("engine",), "Memcached has no replication: automatic_failover and multi_az need Redis OSS or Valkey")
        if c.get("automatic_failover") and isinstance(nodes, int) and isinstance(shards, int) and nodes < 2 * shards:
            self.error(path + ("automatic_failover",), "automatic failover needs at least one replica per shard",
                       f"use at least {2 * shards} nodes")
        if c.get("multi_az") and not c.get("automatic_failover"):
            self.error(path + ("multi_az",), "Multi-AZ requires automatic_failover: true (ElastiCache rule)")

    def check_sqs(self, path: tuple, c: dict) -> None:
        if "dead_letter_queue" in c:
            dlq = self.ref(path + ("dead_letter_queue",), c["dead_letter_queue"], "sqs")
            if dlq is c:
                self.error(path + ("dead_letter_queue",), "a queue cannot be its own dead-letter queue")

    def check_cloudfront(self, path: tuple, c: dict) -> None:
        group = c.get("origin_group")
        if not isinstance(group, dict):
            return
        origins = self.targets_of(c.get("id"))
        for key in ("primary", "secondary"):
            if self.ref(path + ("origin_group", key), group.get(key)) is not None and group.get(key) not in origins:
                self.error(path + ("origin_group", key), f"origin '{group.get(key)}' has no connection from '{c.get('id')}'",
                           "add a connection from the distribution to each origin")
        if group.get("primary") == group.get("secondary"):
            self.error(path + ("origin_group",), "primary and secondary origins must differ")

    def check_route53(self, path: tuple, c: dict) -> None:
        zone = str(c.get("zone", ""))
        checks = {}
        for i, check in enumerate(self._list(c.get("health_checks"))):
            if not isinstance(check, dict):
                continue
            if check.get("id") in checks:
                self.error(path + ("health_checks", i, "id"), f"duplicate health check id '{check.get('id')}'")
            checks[check.get("id")] = check
            self.ref(path + ("health_checks", i, "target"), check.get("target"))
        names: dict[tuple[str, str], list[dict]] = {}
        for i, record in enumerate(self._list(c.get("records"))):
            if not isinstance(record, dict):
                continue
            rpath = path + ("records", i)
            fqdn, apex = record_fqdn(str(record.get("name", "")), zone)
            rtype, routing = record.get("type"), record.get("routing", "simple")
            names.setdefault((fqdn, rtype), []).append(record)
            if rtype == "CNAME" and apex:
                self.error(rpath + ("type",), f"a CNAME record cannot be at the zone apex ({zone})",
                           "use an alias A/AAAA record to the target instead (RFC 1034; Route 53 alias records are allowed at the apex)")
            if record.get("alias"):
                if rtype not in ("A", "AAAA"):
                    self.error(rpath + ("alias",), f"alias records are A or AAAA, not {rtype}")
                if "ttl" in record:
                    self.error(rpath + ("ttl",), "alias records have no TTL of their own (Route 53 uses the target's)",
                               "remove ttl")
                if "target" not in record:
                    self.error(rpath, "an alias record needs a 'target'")
                target = self.ref(rpath + ("target",), record.get("target"))
                if target is not None and target.get("type") not in ALIAS_TARGET_TYPES:
                    self.error(rpath + ("target",), f"an alias record cannot point at {type_title(target.get('type'), article=True)}",
                               "alias targets: CloudFront, ALB/NLB, S3 website, API Gateway, another record; "
                               "for an instance use an A record with its Elastic IP")
            else:
                if "target" in record:
                    self.ref(rpath + ("target",), record.get("target"))
                if "target" not in record and "value" not in record:
                    self.error(rpath, "a record needs a 'target' (component) or a 'value'")
            if "health_check" in record and record["health_check"] not in checks:
                self.unknown(rpath + ("health_check",), "health check", record["health_check"], checks)
            if routing == "failover" and "failover" not in record:
                self.error(rpath, "a failover record needs 'failover: primary' or 'failover: secondary'")
            if routing != "failover" and "failover" in record:
                self.error(rpath + ("failover",), "'failover' is only meaningful with routing: failover")
            if routing == "weighted" and "weight" not in record:
                self.error(rpath, "a weighted record needs a 'weight'")
            if routing == "latency":
                if "region" not in record:
                    self.error(rpath, "a latency record needs the 'region' it serves")
                else:
                    self.need_region(rpath + ("region",), record["region"])
        for (fqdn, rtype), records in names.items():
            if rtype == "CNAME" and len(records) > 1 and all(r.get("routing", "simple") == "simple" for r in records):
                self.error(path + ("records",), f"CNAME '{fqdn}' is defined more than once")
            roles = [r.get("failover") for r in records if r.get("routing") == "failover"]
            if roles.count("primary") > 1 or roles.count("secondary") > 1:
                self.error(path + ("records",), f"'{fqdn}' {rtype} has more than one failover primary or secondary")

    # -- subnet routes ------------------------------------------------------------------
    def check_subnet_routes(self) -> None:
        for subnet_id, (spath, subnet, vpc) in self.subnets.items():
            nat = subnet.get("nat_gateway")
            if nat is None:
                continue
            found = self.ref(spath + ("nat_gateway",), nat, "nat_gateway")
            if found is None:
                continue
            nat_subnets = [self.subnets.get(s) for s in self._list(found.get("subnets"))]
            nat_vpcs = {s[2].get("id") for s in nat_subnets if s}
            if nat_vpcs and vpc.get("id") not in nat_vpcs:
                self.error(spath + ("nat_gateway",), f"NAT gateway '{nat}' is in another VPC")

    # -- connections --------------------------------------------------------------------
    def targets_of(self, source: Any) -> set:
        """Ids the connections from ``source`` go to (indexed once: per-distribution scans were quadratic)."""
        if self._targets is None:
            self._targets = {}
            for conn in self.connection_items():
                if isinstance(conn.get("from"), str) and isinstance(conn.get("to"), str):
                    self._targets.setdefault(conn["from"], set()).add(conn["to"])
        return self._targets.get(source, set()) if isinstance(source, str) else set()

    def connection_items(self):
        for _, connection in self.valid_connections():
            yield connection

    def valid_connections(self):
        for index, connection in enumerate(self._list(self.data.get("connections"))):
            if index not in self.skip_connections and isinstance(connection, dict):
                yield index, connection

    def check_connections(self) -> None:
        ids: set[str] = set()
        pairs: set[tuple] = set()
        shares: dict[str, list[tuple[tuple, float]]] = {}
        for i, conn in self.valid_connections():
            path = ("connections", i)
            source = self.ref(path + ("from",), conn.get("from"))
            target = self.ref(path + ("to",), conn.get("to"))
            cid = conn.get("id") or f"{conn.get('from')}->{conn.get('to')}"
            if cid in ids:
                self.error(path, f"duplicate connection '{cid}'", "give one of them a distinct 'id'")
            ids.add(cid)
            if conn.get("from") == conn.get("to"):
                self.error(path, f"'{conn.get('from')}' connects to itself")
            pairs.add((conn.get("from"), conn.get("to")))
            if target is not None and target.get("type") == "users":
                self.error(path + ("to",), "users are an entry point: they cannot be the target of a connection",
                           "draw responses with bidirectional: true")
            if target is not None:
                ttype = target.get("type")
                for key in ("consistency", "index", "transactional_writes"):
                    if key in conn and ttype != "dynamodb":
                        self.error(path + (key,), f"'{key}' applies to DynamoDB tables, not {type_title(ttype, article=True)}")
                if "index" in conn and ttype == "dynamodb":
                    names = {ix.get("name"): kind for kind in ("gsis", "lsis")
                             for ix in self._list(target.get(kind)) if isinstance(ix, dict)}
                    if conn["index"] not in names:
                        self.unknown(path + ("index",), "index", conn["index"], names)
                    elif names[conn["index"]] == "gsis" and conn.get("consistency") in ("strong", "transactional"):
                        self.error(path + ("consistency",), "global secondary indexes support eventually consistent reads only")
            if source is not None and source.get("type") in ROUTER_TYPES and "share" in conn and not conn.get("standby"):
                shares.setdefault(conn.get("from"), []).append((path, conn["share"]))
        for source, items in shares.items():
            total = sum(share for _, share in items)
            if total > 1 + SHARE_TOLERANCE:
                self.error(items[-1][0] + ("share",),
                           f"shares of '{source}' add up to {total:g}, more than 1",
                           "a router sends each request to one target: shares must sum to at most 1")

    def check_request_cycles(self) -> None:
        """Requests must not loop: a cycle (async hops included) would multiply traffic forever.

        Replication connections copy data and carry no requests, so they never close a cycle;
        self-connections are reported by check_connections. Linear in the spec's size.
        """
        order = {cid: i for i, cid in enumerate(self.components)}
        edges: list[tuple[str, str]] = []
        positions: list[int] = []
        for i, conn in self.valid_connections():
            if conn.get("kind") == "replication":
                continue
            source, target = conn.get("from"), conn.get("to")
            if isinstance(source, str) and isinstance(target, str) and source in order and target in order \
                    and source != target:
                edges.append((source, target))
                positions.append(i)
        for path, closing in request_cycles(sorted(order, key=order.get), edges):
            self.error(("connections", positions[closing]), "connections form a cycle: " + " -> ".join(path),
                       "requests would loop forever; remove one of these connections "
                       "(use kind: replication for data copies)")

    def check_ignores(self) -> None:
        for i, item in enumerate(self._list(self.data.get("ignore"))):
            if isinstance(item, dict) and "component" in item:
                self.ref(("ignore", i, "component"), item["component"])

    def check_objectives_and_dr(self) -> None:
        dr = self.data.get("dr")
        if not isinstance(dr, dict):
            return
        for key in ("primary_region", "secondary_region"):
            if key in dr:
                self.need_region(("dr", key), dr[key])
        if "secondary_region" not in dr:
            self.error(("dr",), f"DR strategy '{dr.get('strategy')}' needs a secondary_region")
        elif dr.get("secondary_region") == dr.get("primary_region"):
            self.error(("dr", "secondary_region"), "the secondary Region must differ from the primary")
        if "primary_region" not in dr and len(self.regions) != 1 and "secondary_region" in dr:
            others = [r for r in self.regions if r != dr.get("secondary_region")]
            if len(others) != 1:
                self.error(("dr",), "cannot tell the primary Region", "set dr.primary_region")
