"""Raw, validated spec data -> the immutable model (defaults applied, units normalised).

Each component is built by its type's ``build`` in the component catalogue (``archgen.catalogue``).
"""

from __future__ import annotations

from functools import partial
from types import MappingProxyType
from typing import Callable, Mapping

from archgen import catalogue
from archgen import model as m
from archgen.catalogue.base import Role
from archgen.model import Location
from archgen.spec.semantic import region_of_az
from archgen.spec.units import parse_duration, parse_size
from archgen.spec.yamlload import LoadedYaml


# the Location of a (line, column) pair, made without a Python-level call (tuple.__new__ of a named tuple)
location_of = partial(tuple.__new__, Location)

ITEM_CALL_KEYS = frozenset({"read_operation", "items_per_read", "write_operation", "items_per_write",
                            "item_size_before", "index_key_change_share"})


def item_calls(c: dict) -> m.ItemCalls:
    """The DynamoDB operations a connection declares (GetItem and PutItem of single items when it declares none)."""
    if ITEM_CALL_KEYS.isdisjoint(c):
        return m.SINGLE_ITEM_CALLS
    return m.ItemCalls(
        read_operation=c.get("read_operation", "get_item"), items_per_read=float(c.get("items_per_read", 1)),
        write_operation=c.get("write_operation", "put_item"), items_per_write=float(c.get("items_per_write", 1)),
        item_bytes_before=parse_size(c["item_size_before"]) if "item_size_before" in c else None,
        key_change_share=float(c.get("index_key_change_share", 0.0)))


PLAIN_CONNECTION_KEYS = frozenset({"from", "to", "id", "label", "protocol"})  # a connection with none but these
OPTIONAL_COMMON_KEYS = ("description", "latency_ms", "deletion_policy")  # component keys taken as written
# source_facts of a source that is not a Route 53 zone: no failover secondaries, every target weighs 1
ROUTER = (True, frozenset(), MappingProxyType({}))
CALLER = (False, frozenset(), MappingProxyType({}))


class ModelBuilder:
    def __init__(self, loaded: LoadedYaml):
        self.loaded = loaded
        self.data: dict = loaded.data
        self.subnets: dict[str, m.Subnet] = {}
        self.region_azs: dict[str, tuple[str, ...]] = {}
        self.az_ranks: dict[str | None, dict[str, int]] = {}  # Region -> AZ -> its place in the Region's list
        self._placements: dict[tuple, dict] = {}  # (subnets, azs, region) -> placement
        self.kinds = catalogue.by_name()
        self.placed = frozenset(name for name, kind in self.kinds.items() if kind.placement.has_region)
        # source_facts of every source of a type whose components all route (or all call) alike and are no zone:
        # worked out once per type, not once per source (a 10,000-component spec has ~7,000 sources)
        self.type_facts = {name: ROUTER if kind.role is Role.ROUTER else CALLER for name, kind in self.kinds.items()
                           if kind.role_of is None and not issubclass(kind.model, m.Route53Zone)}
        self._raw: dict[str, dict] | None = None
        self._parsed: dict[tuple, float] = {}  # (parse_size or parse_duration, value) -> its result

    def at(self, *path) -> Location:
        line, column = self.loaded.locate(path)
        return Location(line, column)

    def item_locations(self, *path, count: int) -> list[Location]:
        """The location of each of the first ``count`` items of the list at ``path``, with one lookup for the
        list: a 10,000-component spec places ~30,000 items, and locating them one by one was a fifth of the build."""
        holder = self.loaded.holder(path)
        items = holder[0] if holder is not None else None
        if type(items) is list and len(items) >= count:
            return list(map(location_of, items[:count]))
        return [self.at(*path, i) for i in range(count)]

    def parsed(self, parse: Callable[[object], float], value) -> float:
        """``parse(value)`` (``parse_size`` or ``parse_duration``) once per build and value: thousands of tables
        and load balancers repeat a few sizes and intervals, and each parse is a regular expression."""
        key = (parse, value)
        found = self._parsed.get(key)
        if found is None:
            found = self._parsed[key] = parse(value)
        return found

    def build(self) -> m.Spec:
        d = self.data
        regions = tuple(m.Region(r["name"], tuple(r["azs"]), self.at("regions", i))
                        for i, r in enumerate(d.get("regions", [])))
        self.region_azs = {r.name: r.azs for r in regions}
        self.az_ranks = {r.name: {az: i for i, az in enumerate(r.azs)} for r in regions}
        vpcs = tuple(self.vpc(i, v) for i, v in enumerate(d.get("network", {}).get("vpcs", [])))
        raw_components = d.get("components", [])
        at = self.item_locations("components", count=len(raw_components))
        by_id: dict[str, m.Component] = {}  # indexed as they are made, not in a second pass over 10,000 of them
        for i, c in enumerate(raw_components):
            by_id[c["id"]] = self.component(c, at[i], i)
        components = self.linked(tuple(by_id.values()), by_id)
        connections = self.connections(by_id)
        ignores = tuple(m.Suppression(s["rule"], s.get("component"), s["reason"], self.at("ignore", i))
                        for i, s in enumerate(d.get("ignore", [])))
        return m.Spec(
            name=d["name"], file=self.loaded.file, title=d.get("title", d["name"]),
            description=d.get("description", ""), owner=d.get("owner", ""), version=d["version"],
            objectives=self.objectives(), dr=self.dr(regions), regions=regions, vpcs=vpcs,
            components=components, connections=connections, ignores=ignores,
            direction=d.get("diagram", {}).get("direction", "LR"), components_by_id=by_id,
        )

    # -- top level ----------------------------------------------------------------------
    def objectives(self) -> m.Objectives:
        o = self.data.get("objectives")
        if o is None:
            return m.Objectives()
        return m.Objectives(
            availability=o.get("availability"),
            rto_s=parse_duration(o["rto"]) if "rto" in o else None,
            rpo_s=parse_duration(o["rpo"]) if "rpo" in o else None,
            survive=o.get("survive", "az"),
            location=self.at("objectives"),
        )

    def dr(self, regions) -> m.DisasterRecovery | None:
        d = self.data.get("dr")
        if d is None:
            return None
        primary = d.get("primary_region")
        if primary is None:
            others = [r.name for r in regions if r.name != d.get("secondary_region")]
            primary = others[0] if len(others) == 1 else None
        strategy = d["strategy"]
        steps = {key: parse_duration(d[key]) for key in m.DR_STEP_KEYS if key in d}
        return m.DisasterRecovery(
            strategy=strategy, primary_region=primary, secondary_region=d.get("secondary_region"),
            backup_interval_s=parse_duration(d["backup_interval"]) if "backup_interval" in d else None,
            failover=d.get("failover", "automatic" if strategy == "active-active" else "manual"),
            location=self.at("dr"), **{f"{key}_s": seconds for key, seconds in steps.items()},
            declared_at={key: self.at("dr", key) for key in steps},
        )

    def vpc(self, index: int, v: dict) -> m.Vpc:
        subnets = []
        for j, s in enumerate(v["subnets"]):
            subnet = m.Subnet(
                id=s["id"], vpc=v["id"], region=v["region"], az=s["az"], kind=s.get("kind", "private"),
                cidr=s.get("cidr"), nat_gateway=s.get("nat_gateway"),
                location=self.at("network", "vpcs", index, "subnets", j))
            self.subnets[subnet.id] = subnet
            subnets.append(subnet)
        return m.Vpc(v["id"], v["region"], v.get("cidr"), bool(v.get("internet_gateway", False)),
                     tuple(subnets), self.at("network", "vpcs", index))

    # -- components ---------------------------------------------------------------------
    def placement(self, c: dict) -> dict:
        """region, azs, subnets and vpc of a placed component. The components of a tier share their
        placement: it is resolved once and the same mapping handed out (callers copy it, never change it)."""
        key = (tuple(c.get("subnets", ())), tuple(c.get("azs", ())), c.get("region"))
        found = self._placements.get(key)
        if found is None:
            region, azs, vpc = self.resolve_placement(*key)
            found = self._placements[key] = {"region": region, "azs": azs, "subnets": key[0], "vpc": vpc}
        return found

    def resolve_placement(self, subnets: tuple[str, ...], azs: tuple[str, ...], region: str | None
                          ) -> tuple[str | None, tuple[str, ...], str | None]:
        """(Region, AZs in the Region's order, VPC) of a component placed in ``subnets``, or else in ``azs``
        of ``region`` (the Region of its first AZ by name when it gives none)."""
        if subnets:
            resolved = [self.subnets[s] for s in subnets]
            region, vpc = resolved[0].region, resolved[0].vpc
            zones = {s.az for s in resolved}
        else:
            zones = set(azs)
            region = region or (region_of_az(sorted(zones)[0]) if zones else None)
            vpc = None
        if len(zones) > 1:
            rank = self.az_ranks.get(region, {})
            last = len(self.region_azs.get(region, ()))  # AZs the Region does not list come after its own, by name
            ordered = tuple(sorted(zones, key=lambda az: (rank.get(az, last), az)))
        else:
            ordered = tuple(zones)
        return region, ordered, vpc

    def component(self, c: dict, location: Location, index: int) -> m.Component:
        type_name, component_id = c["type"], c["id"]
        kind = self.kinds[type_name]
        common = {"id": component_id, "type": type_name, "label": c.get("label", component_id), "location": location}
        # keys most components leave out: the model's defaults ("", None) stand, and each keyword passed costs
        for key in OPTIONAL_COMMON_KEYS:
            if key in c:
                common[key] = c[key]
        if "source" in c:
            common["source"] = m.Source(c["source"]["file"], c["source"]["logical_id"], c["source"].get("line", 0))
        if type_name in self.placed:
            common.update(self.placement(c))
        return kind.build(self, index, c, common)

    def linked(self, components: tuple[m.Component, ...], by_id: dict[str, m.Component]) -> tuple[m.Component, ...]:
        """Components completed by others once all are built (a named read replica joins its source's replicas);
        ``by_id`` is updated in place. The components are rebuilt only when one was completed."""
        linking = {name for name, kind in self.kinds.items() if kind.link is not None}
        changed = False
        for c in components:
            if c.type in linking:
                updates = self.kinds[c.type].link(by_id[c.id], by_id)
                if updates:
                    by_id.update(updates)
                    changed = True
        return tuple(by_id[c.id] for c in components) if changed else components

    def raw(self, component_id: str) -> dict | None:
        """The spec's (schema-checked) mapping of a component, by id: for a type that takes facts from another."""
        if self._raw is None:
            self._raw = {c["id"]: c for c in self.data.get("components", [])}
        return self._raw.get(component_id)

    # -- connections --------------------------------------------------------------------
    def connections(self, by_id: dict[str, m.Component]) -> tuple[m.Connection, ...]:
        """The spec's connections, with each one's standby flag and the share of its source's requests it
        carries in normal operation.

        Routers send a request to one target: declared shares are kept and the remainder is split over
        the connections without one, in proportion to the weights of their targets (Route 53's records;
        1 for any other target). Other components call every target (share 1). Standby connections and
        replication carry no requests.

        One pass: what a source contributes (whether it routes, its zone's failover secondaries and
        weights) is worked out once per source; a router's connections that carry requests without a
        declared share are built after it, once all of them are known."""
        raw = self.data.get("connections", [])
        at = self.item_locations("connections", count=len(raw))
        out: list = [None] * len(raw)
        sources: dict[str, tuple[bool, frozenset[str], Mapping[str, float]]] = {}
        routed: dict[str, list[int]] = {}  # router id -> its connections carrying requests with no declared share
        declared: dict[str, float] = {}  # router id -> the sum of its declared shares
        for i, c in enumerate(raw):
            source_id = c["from"]
            facts = sources.get(source_id)
            if facts is None:
                facts = sources[source_id] = self.source_facts(by_id[source_id])
            standby = bool(c["standby"]) if "standby" in c else c["to"] in facts[1]
            if standby or c.get("kind") == "replication":
                out[i] = self.connection(c, 0.0, standby, at[i])
            elif not facts[0]:
                out[i] = self.connection(c, float(c.get("share", 1.0)), False, at[i])
            elif "share" in c:  # a router's declared share: kept, and added up in spec order for the remainder
                out[i] = self.connection(c, float(c["share"]), False, at[i])
                declared[source_id] = declared.get(source_id, 0) + c["share"]
            else:
                routed.setdefault(source_id, []).append(i)
        for source_id, indexes in routed.items():
            weight_of = sources[source_id][2]
            weights = [weight_of.get(raw[i]["to"], 1.0) for i in indexes]
            total = sum(weights)
            remainder = max(0.0, 1.0 - declared[source_id]) if source_id in declared else 1.0
            for i, weight in zip(indexes, weights):
                out[i] = self.connection(raw[i], remainder * weight / total if total else 0.0, False, at[i])
        return tuple(out)

    @staticmethod
    def connection(c: dict, share: float, standby: bool, location: Location) -> m.Connection:
        get = c.get
        source, target = c["from"], c["to"]
        connection_id = get("id") or f"{source}->{target}"
        if c.keys() <= PLAIN_CONNECTION_KEYS:  # most connections: the model's defaults stand for every other key
            return m.Connection(connection_id, source, target, get("label", ""), get("protocol", ""), "sync", False, share,
                                False, 1.0, None, "eventual", False, None, None, m.SINGLE_ITEM_CALLS, standby, "", location)
        label, protocol, kind = get("label", ""), get("protocol", ""), get("kind", "sync")
        bidirectional, share_declared, calls = bool(get("bidirectional", False)), "share" in c, float(get("calls", 1.0))
        read_ratio, consistency = get("read_ratio"), get("consistency", "eventual")
        transactional_writes, index = bool(get("transactional_writes", False)), get("index")
        item_bytes = parse_size(c["item_size"]) if "item_size" in c else None
        inferred = get("inferred", "")
        # positional, in the model's field order: binding 19 keywords cost about a third of the call
        return m.Connection(connection_id, source, target, label, protocol, kind, bidirectional, share, share_declared,
                            calls, read_ratio, consistency, transactional_writes, index, item_bytes, item_calls(c),
                            standby, inferred, location)

    def source_facts(self, source: m.Component) -> tuple[bool, frozenset[str], Mapping[str, float]]:
        """(whether it is a router, the targets Route 53 sends requests to only after failover, the
        weight Route 53 gives each record target) of a connection's source."""
        facts = self.type_facts.get(source.type)
        if facts is not None:
            return facts
        router = self.kinds[source.type].role_for(source) is Role.ROUTER
        if not isinstance(source, m.Route53Zone):
            return ROUTER if router else CALLER
        return (router, *self.zone_routing(source))

    @staticmethod
    def zone_routing(zone: m.Route53Zone) -> tuple[frozenset[str], dict[str, float]]:
        """(the targets Route 53 sends requests to only after failover, the relative weight it gives each record
        target (a target no record names: 1, by the caller)) of ``zone``, with one pass over its records."""
        secondaries, others = set(), set()  # targets with a failover secondary record, with any other record
        groups: dict[tuple[str, str], list[m.DnsRecord]] = {}  # (name, type) -> its records
        for record in zone.records:
            (secondaries if record.failover == "secondary" else others).add(record.target)
            key = (record.name, record.type)
            group = groups.get(key)
            if group is None:
                groups[key] = [record]
            else:
                group.append(record)
        weights: dict[str, float] = {}
        for records in groups.values():
            weighted = latency = geo = 0  # the group's weight total and its latency and geolocation records
            for record in records:
                routing = record.routing
                if routing == "weighted":
                    weighted += record.weight or 0
                elif routing == "latency":
                    latency += 1
                elif routing == "geolocation":
                    geo += 1
            for record in records:
                routing = record.routing
                if routing == "weighted":
                    add = (record.weight or 0) / weighted if weighted else 0.0
                elif routing == "latency":
                    add = 1.0 / latency
                elif routing == "geolocation":  # how users spread over places is not known: evenly
                    add = 1.0 / geo
                elif routing == "failover":
                    add = 1.0 if record.failover == "primary" else 0.0
                else:
                    add = 1.0
                weights[record.target] = weights.get(record.target, 0.0) + add
        return frozenset(secondaries - others), weights
