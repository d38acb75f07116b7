"""Checks the schema cannot express: identity, references, placement and AWS rules of the game.

They run on the raw (schema-checked) data so every problem is reported with its position
in one run; components that already failed the schema are skipped to avoid noise. The checks
of one component type are its ``check`` in the component catalogue, which gets this checker
(``error``, ``ref``, ``need_region``, ``need_az``, ``placement``, ...).
"""

from __future__ import annotations

import heapq
import ipaddress
from itertools import compress
from operator import not_
from typing import Any, NamedTuple

from archgen import catalogue
from archgen.catalogue.base import Capability, Placement, Role
from archgen.cycles import request_cycles
from archgen.diagnostics import DiagnosticSink
from archgen.spec.schema_check import suggest
from archgen.spec.yamlload import LoadedYaml, format_path

SHARE_TOLERANCE = 1e-9
SUGGESTIONS = 20  # "did you mean" hints per file; the rest list known names instead
# Requests/s any component may receive, at most: every figure archgen derives (bytes, cost,
# concurrency) then stays finite even at --scale 10^9 (docs/limits.md). Calls multiply along
# connections, so a valid spec could otherwise compute 1e+400 requests/s = infinity.
MAX_PEAK_RPS = 10**15
SECONDS_PER_DAY = 86_400
# Amazon VPC User Guide, "IP addressing for your VPCs and subnets": an IPv4 block of a VPC or a
# subnet is between a /16 and a /28 netmask
CIDR_PREFIXES = (16, 28)


class RequestGraph(NamedTuple):
    """The connections that carry requests between two known components, by component index (position in
    'components', as lists: cheaper than dicts by id in the loops over every connection)."""

    edges: list[int]  # the indexes of these connections in 'connections', for cycle reports
    successors: list[list[tuple[int, float]] | None]  # index -> (target index, calls) of its connections, or None
    waiting: list[int]  # index -> how many of these connections go to it


def region_of_az(az: str) -> str:
    return az[:-1]


class SemanticChecker:
    def __init__(self, loaded: LoadedYaml, skip_components: set[int], skip_connections: set[int] = frozenset()):
        self.loaded = loaded
        self.data: dict = loaded.data
        self.sink = DiagnosticSink(loaded.file)
        self.skip = skip_components
        self.skip_connections = skip_connections  # failed the schema: 'from' may be a list, 'share' text ...
        self.suggestions_left = SUGGESTIONS
        self._listings: dict[str, str] = {}  # what -> the listing of the components or subnets (``listing``)
        self._targets: dict[Any, set] | None = None
        self._valid_connections: list[tuple[int, dict]] | None = None
        self._ends: tuple[dict, dict] | None = None  # connections by the id they come from / go to
        self._fine_placements: set[tuple] = set()  # (type, region, subnets, azs) that passed check_placement
        self.components: dict[str, tuple[int, dict]] = {}
        # id -> component, for those the schema accepted: what ``ref`` returns for a reference without
        # types, looked up without a call in the loops over every connection and record
        self.accepted: dict[str, dict] = {}
        self._entries: list[tuple[int, dict]] = []  # (index, traffic) of the entry points with traffic
        self.subnets: dict[str, tuple[tuple, dict, dict]] = {}  # id -> (path, subnet, vpc)
        self.regions: dict[str, list[str]] = {}
        self.kinds = catalogue.by_name()
        self.placed = frozenset(name for name, kind in self.kinds.items() if kind.placement.has_region)

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
            hint = self.listing(what, known)
        self.error(path, f"unknown {what} '{name}'", hint)

    def listing(self, what: str, known) -> str:
        """The first names ``known`` holds, or that it holds none. The components and subnets do not change once
        indexed: theirs is worked out once (10,000 ids take ~0.5 ms, for every dangling reference)."""
        own = known is self.components or known is self.subnets
        if own and what in self._listings:
            return self._listings[what]
        text = f"known {what}s: " + ", ".join(heapq.nsmallest(8, known)) if known else f"no {what} is defined"
        if own:
            self._listings[what] = text
        return text

    def as_list(self, value) -> list:
        return value if isinstance(value, list) else []

    # -- entry --------------------------------------------------------------------------
    def run(self) -> DiagnosticSink:
        if not isinstance(self.data, dict):
            return self.sink
        self.check_regions()
        self.check_network()
        self.index_components()
        self.check_objectives_and_dr()
        self.check_components()
        self.check_subnet_routes()
        self.check_request_flow(self.check_connections())
        self.check_ignores()
        return self.sink

    # -- regions and network ------------------------------------------------------------
    def check_regions(self) -> None:
        seen_azs: dict[str, str] = {}
        for index, region in enumerate(self.as_list(self.data.get("regions"))):
            if not isinstance(region, dict) or not isinstance(region.get("name"), str):
                continue
            name = region["name"]
            path = ("regions", index)
            if name in self.regions:
                self.error(path + ("name",), f"region '{name}' is listed twice")
                continue
            azs = [az for az in self.as_list(region.get("azs")) if isinstance(az, str)]
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
        for vpc_index, vpc in enumerate(self.as_list(network.get("vpcs"))):
            if not isinstance(vpc, dict):
                continue
            path = ("network", "vpcs", vpc_index)
            if vpc.get("id") in vpc_ids:
                self.error(path + ("id",), f"duplicate VPC id '{vpc.get('id')}'")
            vpc_ids.add(vpc.get("id"))
            region_ok = self.need_region(path + ("region",), vpc.get("region"))
            vpc_block = self.cidr_block(path + ("cidr",), vpc.get("cidr"), "VPC")
            blocks: list[tuple[ipaddress.IPv4Network, tuple, str]] = []  # the subnets' (block, path, id)
            has_public = False
            for subnet_index, subnet in enumerate(self.as_list(vpc.get("subnets"))):
                if not isinstance(subnet, dict) or not isinstance(subnet.get("id"), str):
                    continue
                spath = path + ("subnets", subnet_index)
                if subnet["id"] in self.subnets:
                    self.error(spath + ("id",), f"duplicate subnet id '{subnet['id']}'")
                    continue
                self.subnets[subnet["id"]] = (spath, subnet, vpc)
                block = self.cidr_block(spath + ("cidr",), subnet.get("cidr"), "subnet")
                if block is not None:
                    if vpc_block is not None and not block.subnet_of(vpc_block):
                        self.error(spath + ("cidr",), f"subnet '{subnet['id']}' ({block}) lies outside its VPC's "
                                   f"CIDR block {vpc_block}", "a subnet's block is part of its VPC's")
                    blocks.append((block, spath, subnet["id"]))
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
            self.check_overlaps(blocks)

    def cidr_block(self, path: tuple, text: Any, what: str) -> ipaddress.IPv4Network | None:
        """The IPv4 block ``text`` names (None, after an error, when it is not a block AWS accepts)."""
        if not isinstance(text, str):
            return None
        try:
            loose = ipaddress.IPv4Network(text, strict=False)
        except ValueError:
            self.error(path, f"'{text}' is not an IPv4 CIDR block", "four numbers 0-255 and a prefix length 0-32")
            return None
        if loose.network_address != ipaddress.IPv4Address(text.split("/")[0]):
            self.error(path, f"{what} CIDR '{text}' is not a network address: its host bits are set",
                       f"the block that contains it is {loose}")
            return None
        low, high = CIDR_PREFIXES
        if not low <= loose.prefixlen <= high:
            self.error(path, f"{what} CIDR '{text}' is a /{loose.prefixlen}: AWS accepts /{low} to /{high}",
                       "Amazon VPC User Guide, IP addressing for your VPCs and subnets")
        return loose

    def check_overlaps(self, blocks: list[tuple[ipaddress.IPv4Network, tuple, str]]) -> None:
        """Subnets of one VPC whose blocks overlap: sorted by first address, a block overlaps an
        earlier one exactly when it starts before the furthest end seen so far."""
        furthest: tuple[int, str] | None = None  # (last address, subnet id) of the block reaching furthest
        for block, spath, subnet_id in sorted(blocks, key=lambda b: (int(b[0].network_address), -b[0].prefixlen)):
            start, end = int(block.network_address), int(block.broadcast_address)
            if furthest is not None and start <= furthest[0]:
                self.error(spath + ("cidr",), f"subnet '{subnet_id}' ({block}) overlaps subnet '{furthest[1]}'",
                           "subnets of a VPC have disjoint CIDR blocks")
            if furthest is None or end > furthest[0]:
                furthest = (end, subnet_id)

    # -- components ---------------------------------------------------------------------
    def index_components(self) -> None:
        """``components`` (the first of a duplicate id), ``accepted`` and the entry points' traffic, in one pass."""
        entry_points = catalogue.with_capability(Capability.ENTRY_POINT)
        components, accepted, skip, subnets = self.components, self.accepted, self.skip, self.subnets
        for index, component in enumerate(self.as_list(self.data.get("components"))):
            if not isinstance(component, dict):
                continue
            cid = component.get("id")
            if not isinstance(cid, str):
                continue
            entry = (index, component)
            first = components.setdefault(cid, entry)
            if first is not entry:
                line = self.loaded.locate(("components", first[0], "id"))[0]
                self.error(("components", index, "id"), f"duplicate component id '{cid}'",
                           f"first defined on line {line}")
                continue
            if cid in subnets:
                self.error(("components", index, "id"), f"component id '{cid}' is also a subnet id")
            if index not in skip:
                accepted[cid] = component
            traffic = component.get("traffic")
            if isinstance(traffic, dict):  # most components have none: asked first
                kind = component.get("type")
                if isinstance(kind, str) and kind in entry_points:
                    self._entries.append((index, traffic))

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
            wanted = " or ".join(catalogue.title(t, article=True) for t in types)
            self.error(path, f"'{cid}' is {catalogue.title(found[1].get('type'), article=True)}, not {wanted}")
            return None
        return found[1]

    def check_components(self) -> None:
        """Each component's placement and its type's own checks."""
        skip = self.skip
        # type name -> (type, whether it is placed, its check): one lookup per component
        plans = {name: (kind, name in self.placed, kind.check) for name, kind in self.kinds.items()}
        for index, c in enumerate(self.as_list(self.data.get("components"))):
            if index in skip or not isinstance(c, dict):
                continue
            plan = plans.get(c.get("type"))
            if plan is None:  # the schema reported it
                continue
            kind, placed, check = plan
            path = ("components", index)
            if placed:
                self.check_placement(path, c, kind)
            if check is not None:
                check(self, path, c)

    def placement(self, c: dict) -> tuple[str | None, list[str]]:
        """(region, AZs) a component resolves to, as far as can be told (used after checks)."""
        known = self.subnets
        subnets = [known[s] for s in self.as_list(c["subnets"]) if s in known] if "subnets" in c else ()
        if subnets:
            return subnets[0][2].get("region"), [s[1].get("az") for s in subnets]
        azs = [az for az in self.as_list(c.get("azs")) if isinstance(az, str)]
        region = c.get("region") or (region_of_az(azs[0]) if azs else None)
        return region, azs

    def check_placement(self, path: tuple, c: dict, kind) -> None:
        """``kind``: one of the types in ``placed``."""
        subnets, azs = c.get("subnets"), c.get("azs")
        # components of a tier share their placement: one that passed needs no second look (its errors
        # depend on these only, or, for a zonal type given neither subnets nor AZs, on its region and
        # whether it places itself)
        if not subnets and not azs and kind.placement is Placement.ZONAL:
            key = (kind.name, c.get("region"), bool(kind.places_itself and kind.places_itself(c)))
        else:
            key = (kind.name, c.get("region"), tuple(subnets) if isinstance(subnets, list) else (),
                   tuple(azs) if isinstance(azs, list) else ())
        if key in self._fine_placements:
            return
        before = len(self.sink.items)
        self.check_placement_of(path, c, kind)
        if len(self.sink.items) == before:
            self._fine_placements.add(key)

    def check_placement_of(self, path: tuple, c: dict, kind) -> None:
        region = c.get("region")
        if region is not None and not self.need_region(path + ("region",), region):
            return
        subnet_ids = self.as_list(c.get("subnets"))
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
        azs = self.as_list(c.get("azs"))
        if azs and subnet_ids:
            if set(azs) != set(subnet_azs) and len(subnet_azs) == len(subnet_ids):
                self.error(path + ("azs",), "azs disagree with the AZs of the subnets", "give either subnets or azs")
        elif azs:
            az_region = region or (region_of_az(azs[0]) if isinstance(azs[0], str) else None)
            for i, az in enumerate(azs):
                self.need_az(path + ("azs", i), az, az_region)
        if subnet_ids or azs:
            return
        if kind.placement is Placement.ZONAL and not (kind.places_itself and kind.places_itself(c)):
            self.error(path, f"{kind.title} '{c.get('id')}' needs a placement", "add 'subnets' (or 'region' and 'azs')")
        if kind.placement is Placement.SUBNETS and region is None:
            self.error(path, f"{kind.title} '{c.get('id')}' needs a placement",
                       f"add 'region' (or 'subnets' for a VPC {kind.title.split()[-1]})")

    def check_replica_regions(self, path: tuple, c: dict, key: str, home: str | None) -> None:
        regions = c.get(key)
        if not regions:  # most components have none
            return
        for i, region in enumerate(self.as_list(regions)):
            if self.need_region(path + (key, i), region) and region == home:
                self.error(path + (key, i), f"'{region}' is the component's own region", "list only other Regions")

    # -- subnet routes ------------------------------------------------------------------
    def check_subnet_routes(self) -> None:
        egress = sorted(catalogue.with_capability(Capability.SUBNET_EGRESS))
        for subnet_id, (spath, subnet, vpc) in self.subnets.items():
            nat = subnet.get("nat_gateway")
            if nat is None:
                continue
            found = self.ref(spath + ("nat_gateway",), nat, *egress)
            if found is None:
                continue
            nat_subnets = [self.subnets.get(s) for s in self.as_list(found.get("subnets"))]
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

    def connections_from(self, cid: Any) -> list[tuple[int, dict]]:
        """(index, mapping) of the accepted connections from the component ``cid``, in order."""
        return self._connection_ends()[0].get(cid, []) if isinstance(cid, str) else []

    def connections_to(self, cid: Any) -> list[tuple[int, dict]]:
        """(index, mapping) of the accepted connections to the component ``cid``, in order."""
        return self._connection_ends()[1].get(cid, []) if isinstance(cid, str) else []

    def _connection_ends(self) -> tuple[dict[str, list[tuple[int, dict]]], dict[str, list[tuple[int, dict]]]]:
        """The accepted connections by the id they come from and by the id they go to (indexed once: a scan of
        every connection per component was quadratic in a spec with many such components)."""
        if self._ends is None:
            starts: dict[str, list[tuple[int, dict]]] = {}
            ends: dict[str, list[tuple[int, dict]]] = {}
            for item in self.valid_connections():
                source, target = item[1].get("from"), item[1].get("to")
                if isinstance(source, str):
                    starts.setdefault(source, []).append(item)
                if isinstance(target, str):
                    ends.setdefault(target, []).append(item)
            self._ends = (starts, ends)
        return self._ends

    def valid_connections(self) -> list[tuple[int, dict]]:
        """(index, mapping) of the connections the schema accepted (listed once: several checks walk them)."""
        if self._valid_connections is None:
            self._valid_connections = [(index, connection)
                                       for index, connection in enumerate(self.as_list(self.data.get("connections")))
                                       if index not in self.skip_connections and isinstance(connection, dict)]
        return self._valid_connections

    def check_connections(self) -> RequestGraph:
        """Each connection's ends, id, keys and shares; returns the request graph (``check_request_flow``),
        collected on the way so the connections are walked once."""
        known, accepted = self.components, self.accepted
        size = len(self.as_list(self.data.get("components")))
        graph = RequestGraph([], [None] * size, [0] * size)
        edges, successors, waiting = graph
        ids: set[str] = set()
        shares: dict[str, list[tuple[tuple, float]]] = {}
        entry_points = catalogue.with_capability(Capability.ENTRY_POINT)
        routers = {kind.name for kind in self.kinds.values() if kind.role is Role.ROUTER}
        owners: dict[str, list] = {}  # connection key -> the types it applies to (as their target)
        for kind in self.kinds.values():
            for key in kind.connection_keys:
                owners.setdefault(key, []).append(kind)
        # what a connection's target type decides, looked up once per connection: whether it is an entry point,
        # the connection keys of other types (a connection holding none of them needs no look at 'owners'),
        # its check_incoming
        owned = frozenset(owners)
        unknown_target = (False, owned, None)
        as_target = {name: (name in entry_points, owned.difference(kind.connection_keys), kind.check_incoming)
                     for name, kind in self.kinds.items()}
        skip = self.skip_connections
        for i, conn in enumerate(self.as_list(self.data.get("connections"))):  # valid_connections, without its list
            if i in skip or not isinstance(conn, dict):
                continue
            path = ("connections", i)
            source_id, target_id = conn.get("from"), conn.get("to")
            # (index, component) of each end; only an end that is not known needs ref (its report)
            try:  # the ends of a connection the schema accepted are text: no need to ask
                source_at, target_at = known.get(source_id), known.get(target_id)
            except TypeError:  # a list or a mapping
                source_at = known.get(source_id) if isinstance(source_id, str) else None
                target_at = known.get(target_id) if isinstance(target_id, str) else None
            if source_at is None:
                self.ref(path + ("from",), source_id)  # reports it; the source is looked up for shares only
            target = self.ref(path + ("to",), target_id) if target_at is None else accepted.get(target_id)
            cid = conn.get("id") or f"{source_id}->{target_id}"
            if cid in ids:
                self.error(path, f"duplicate connection '{cid}'", "give one of them a distinct 'id'")
            ids.add(cid)
            if source_id == target_id:
                self.error(path, f"'{source_id}' connects to itself")
            elif source_at is not None and target_at is not None and conn.get("kind") != "replication":
                calls = conn.get("calls", 1)
                edges.append(i)
                step = (target_at[0], calls if isinstance(calls, (int, float)) else 1)
                out = successors[source_at[0]]
                if out is None:
                    successors[source_at[0]] = [step]
                else:
                    out.append(step)
                waiting[target_at[0]] += 1
            if target is not None:
                ttype = target.get("type")
                is_entry, foreign, check_incoming = as_target.get(ttype, unknown_target)
                if is_entry:
                    self.error(path + ("to",), f"{catalogue.title(ttype)} are an entry point: "
                               "they cannot be the target of a connection", "draw responses with bidirectional: true")
                for key, kinds in owners.items() if foreign and not foreign.isdisjoint(conn) else ():  # most: none
                    if key in conn and all(kind.name != ttype for kind in kinds):
                        what = " or ".join(kind.plural_title for kind in kinds)
                        self.error(path + (key,), f"'{key}' applies to {what}, not {catalogue.title(ttype, article=True)}")
                if check_incoming is not None:
                    check_incoming(self, path, conn, target)
            if "share" in conn and source_at is not None and not conn.get("standby"):
                source = accepted.get(source_id)
                if source is not None and source.get("type") in routers:
                    shares.setdefault(source_id, []).append((path, conn["share"]))
        for source, items in shares.items():
            total = sum(share for _, share in items)
            if total > 1 + SHARE_TOLERANCE:
                self.error(items[-1][0] + ("share",),
                           f"shares of '{source}' add up to {total:g}, more than 1",
                           "a router sends each request to one target: shares must sum to at most 1")
        return graph

    def check_request_flow(self, graph: RequestGraph) -> None:
        """``graph``: the connections that carry requests between two known components (replication carries none;
        self-connections are reported by check_connections).

        Requests must not loop: a cycle (async hops included) would multiply traffic forever. Without one,
        no component may receive more than MAX_PEAK_RPS at peak, counted as an upper bound: entry traffic
        times the calls of every connection on the way (router shares and cache hits only lower it); one
        error, at the first component over the bound in request order. Linear in the spec's size.
        """
        overrun, acyclic = self.first_overrun(graph)
        if not acyclic:
            self.check_request_cycles(graph.edges)
        elif overrun is not None:
            cid, peak = overrun
            self.error(("components", self.components[cid][0]),
                       f"traffic reaching '{cid}' can be up to {peak:.3g} requests/s at peak (entry traffic "
                       f"times 'calls' along the connections), over the {MAX_PEAK_RPS:.0e} archgen computes with",
                       "lower 'calls' or the entry traffic (docs/limits.md)")

    def check_request_cycles(self, edges: list[int]) -> None:
        """One error per request cycle, at the connection that closes it (``edges``: connection indexes)."""
        connections = self.data["connections"]
        cycles = request_cycles(list(self.components), [(connections[i]["from"], connections[i]["to"]) for i in edges])
        for path, closing in cycles:
            self.error(("connections", edges[closing]), "connections form a cycle: " + " -> ".join(path),
                       "requests would loop forever; remove one of these connections "
                       "(use kind: replication for data copies)")

    def first_overrun(self, graph: RequestGraph) -> tuple[tuple[str, float] | None, bool]:
        """The first component in request order (Kahn's, every source before its targets) whose peak bound is
        over MAX_PEAK_RPS, with that bound (None: none is); and whether every connection was reached, which
        is exactly when the requests form no cycle. Consumes ``graph.waiting``."""
        successors, waiting = graph.successors, graph.waiting
        peak = [0.0] * len(waiting)
        for index, traffic in self._entries:
            peak[index] = _entry_peak(traffic)
        overrun = None
        reached = 0
        # every index no connection goes to, in order (built in C: the loop below does the Python work); the
        # indexes of items that are not components have nothing to pass on
        ready = list(compress(range(len(waiting)), map(not_, waiting)))
        for index in ready:
            here = peak[index]
            if overrun is None and here > MAX_PEAK_RPS:
                overrun = (self.data["components"][index]["id"], here)
            out = successors[index]
            if out is None:
                continue
            reached += len(out)
            for target, calls in out:
                peak[target] += here * calls
                left = waiting[target] - 1
                waiting[target] = left
                if not left:
                    ready.append(target)
        return overrun, reached == len(graph.edges)

    def check_ignores(self) -> None:
        for i, item in enumerate(self.as_list(self.data.get("ignore"))):
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


def _entry_peak(traffic: dict) -> float:
    """Peak requests/s of an entry point's traffic as the traffic model computes it (0 when not set)."""
    def number(key: str, default: float | None = None):
        value = traffic.get(key, default)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    if number("peak_rps") is not None:
        return number("peak_rps")
    users, per_user, factor = number("daily_active_users"), number("requests_per_user_per_day"), number("peak_factor", 1.0)
    if users is None or per_user is None or factor is None:
        return 0.0
    return users * per_user / SECONDS_PER_DAY * factor
