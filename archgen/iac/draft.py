"""A spec being assembled from infrastructure code, whatever the format.

The CloudFormation and Terraform mappings both fill a ``SpecDraft``: VPCs and subnets
(including stand-ins for subnets the code only names), components with their ``source``,
connections with their evidence, and notes. ``SpecDraft.spec()`` returns the spec as plain
data, and ``SpecDraft.loaded()`` the same spec as a ``LoadedYaml`` whose positions are the
template's lines, so validation errors and findings of an in-memory import point at the
template.
"""

from __future__ import annotations

import copy
import ipaddress
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from archgen.iac.zones import REGION, availability_zones
from archgen.iac import schema_view
from archgen.iac.naming import IdAllocator, kebab, stand_in_name
from archgen.iac.notes import Note
from archgen.spec.yamlload import LoadedYaml

PLACEHOLDER_VPC = "vpc-outside-template"
_ZONE_WORD = re.compile(r"(?:^|-)(?:az)?([a-f]|[1-6])(?:-|$)")


@dataclass(frozen=True)
class Origin:
    """Where a part of the spec comes from: a file and line, and the resource's name in it."""

    file: str
    line: int
    name: str  # logical id ('Stack/Resource' in a nested stack) or Terraform address

    def source(self) -> dict:
        return {"file": self.file, "logical_id": self.name, "line": max(self.line, 1)}


@dataclass
class _Subnet:
    data: dict
    origin: Origin | None


@dataclass
class _Vpc:
    data: dict
    origin: Origin | None
    subnets: list[_Subnet] = field(default_factory=list)


class SpecDraft:
    def __init__(self, name: str, region: str, *, root_file: str, title: str = "", description: str = ""):
        self.name = name
        self.region = region
        self.root_file = root_file  # positions of an in-memory import are lines of this file
        self.title = title
        self.description = description
        self.notes: list[Note] = []
        self.objectives: dict | None = None  # from a --traffic file
        self.components: list[dict] = []
        self.component_origin: list[Origin | None] = []
        self.component_ids: dict[object, str] = {}  # resource key -> component id
        self.connections: list[dict] = []
        self.connection_origin: list[Origin | None] = []
        self._connected: set[tuple[str, str]] = set()
        self._component_names = IdAllocator()
        self._network_names = IdAllocator()
        self.vpcs: dict[object, _Vpc] = {}
        self.subnet_ids: dict[object, str] = {}  # subnet key -> subnet id
        self._subnets: dict[str, _Subnet] = {}
        self._assumed_azs: dict[object, str] = {}
        self.region_zones = availability_zones(region) or tuple(f"{region}{letter}" for letter in "abc")

    # -- notes ------------------------------------------------------------------------------
    def note(self, origin: Origin | None, message: str) -> None:
        self.notes.append(Note(origin.file if origin else self.root_file, origin.line if origin else 0, message))

    # -- network ----------------------------------------------------------------------------
    def add_vpc(self, key, name: str, origin: Origin | None, *, cidr=None) -> str:
        vpc_id = self._network_names.allocate(name)
        data = {"id": vpc_id, "region": self.region}
        if self._network_block(cidr, f"VPC {name}", origin):
            data["cidr"] = cidr
        self.vpcs[key] = _Vpc(data, origin)
        return vpc_id

    def _network_block(self, cidr, what: str, origin: Origin | None) -> bool:
        """Whether ``cidr`` is an IPv4 network address the spec can carry; a block with host bits set
        (10.100.119.0/21), which Amazon EC2 refuses, is left out with a note saying so."""
        if not isinstance(cidr, str) or cidr.count(".") != 3:
            return False
        try:
            ipaddress.IPv4Network(cidr)
        except ValueError:
            try:
                block = f": the block that contains it is {ipaddress.IPv4Network(cidr, strict=False)}"
            except ValueError:
                block = ""
            self.note(origin, f"{what}: CidrBlock {cidr} is not a network address Amazon VPC accepts{block}; "
                              "left out of the spec")
            return False
        return True

    def vpc(self, key) -> dict | None:
        found = self.vpcs.get(key)
        return found.data if found else None

    def placeholder_vpc(self) -> object:
        if PLACEHOLDER_VPC not in self.vpcs:
            self.add_vpc(PLACEHOLDER_VPC, PLACEHOLDER_VPC, None)
            self.note(None, f"subnets the template only names (parameters, imports from other stacks) are placed in "
                            f"a stand-in VPC '{PLACEHOLDER_VPC}'")
        return PLACEHOLDER_VPC

    def add_subnet(self, key, name: str, vpc_key, origin: Origin | None, *, az: str, kind: str = "private",
                   cidr=None) -> str:
        subnet_id = self._network_names.allocate(name)
        data = {"id": subnet_id, "az": az, "kind": kind}
        if self._network_block(cidr, f"subnet {name}", origin):
            data["cidr"] = cidr
        subnet = _Subnet(data, origin)
        self.vpcs[vpc_key].subnets.append(subnet)
        self._subnets[subnet_id] = subnet
        self.subnet_ids[key] = subnet_id
        return subnet_id

    def subnet(self, subnet_id: str) -> dict:
        return self._subnets[subnet_id].data

    def assume_az(self, key, origin: Origin | None, what: str, *, name: str = "") -> str:
        """An AZ the template leaves open. A ``name`` holding a zone letter or number as a word
        (``SubnetAPublic``, ``pRegionAZ2Name``, ``PrivateSubnet1``) keeps that AZ of the Region;
        other unknowns get the next AZ not yet assumed. Said in a note either way."""
        if key not in self._assumed_azs:
            match = _ZONE_WORD.search(kebab(name)) if name else None
            if match:
                word = match.group(1)
                index = int(word) - 1 if word.isdigit() else ord(word) - ord("a")
                az = self.region_zones[index % len(self.region_zones)]
                how = f"its name says zone '{word}'"
            else:
                unused = [z for z in self.region_zones if z not in self._assumed_azs.values()]
                az = (unused or self.region_zones)[0]
                how = "the next AZ not yet assumed"
            self._assumed_azs[key] = az
            self.note(origin, f"{what}: the template does not say which AZ, so archgen assumes {az} ({how}; "
                              "AZ spread is not proven)")
        return self._assumed_azs[key]

    def placeholder_subnet(self, key, label: str, origin: Origin | None) -> str:
        """A subnet the code names but does not define (a parameter, another stack's output)."""
        if key in self.subnet_ids:
            return self.subnet_ids[key]
        name = stand_in_name(label)
        kind = "public" if "public" in name or "dmz" in name else "private"
        az = self.assume_az(("subnet", key), origin, f"subnet {label}", name=name)
        vpc_key = self.placeholder_vpc()
        if kind == "public":  # a public subnet routes to an internet gateway, whatever stack made it
            self.vpcs[vpc_key].data["internet_gateway"] = True
        subnet_id = self.add_subnet(key, name, vpc_key, origin, az=az, kind=kind)
        self.note(origin, f"subnet '{subnet_id}' stands in for {label}, which the template does not define "
                          f"(kind '{kind}' read from its name)")
        return subnet_id

    # -- components -------------------------------------------------------------------------
    def add_component(self, key, name: str, ctype: str, fields: dict, origin: Origin | None) -> str:
        component_id = self._component_names.allocate(name)
        component = {"id": component_id, "type": ctype, **fields}
        if origin is not None:
            component["source"] = origin.source()
        self.components.append(component)
        self.component_origin.append(origin)
        self.component_ids[key] = component_id
        return component_id

    def add_typed(self, key, name: str, ctype: str, fields: dict, origin: Origin | None, what: str) -> str | None:
        """Adds a component if the spec format has its type (else a note naming ``what``); keys the
        type does not have (yet) and unset values are dropped."""
        if not schema_view.has_type(ctype):
            self.note(origin, f"{what} would be a '{ctype}' component, a type archgen's spec format does not have "
                              "yet: not in the spec")
            return None
        kept = {k: v for k, v in fields.items()
                if v is not None and (k in ("region", "azs", "subnets") or schema_view.has_key(ctype, k))}
        return self.add_component(key, name, ctype, kept, origin)

    def hosts(self, ctype: str, found: list[str], origin: Origin | None, what: str) -> list[str] | None:
        """The ``hosts`` of a ``ctype`` component running the server software ``found``; where the spec format
        cannot say it yet (the type lacks the key), a note naming ``what`` instead."""
        if not found:
            return None
        if schema_view.has_key(ctype, "hosts"):
            return found
        self.note(origin, f"{what} installs and runs {', '.join(found)}: state held on the instance, which archgen's "
                          "spec format cannot say yet")
        return None

    def note_left_out(self, total: int, supporting: Counter, unmapped: Counter) -> None:
        """Counts what is not a component: resources that configure others, and types archgen lacks."""
        for counted, what in ((supporting, "configure others and are not components of their own"),
                              (unmapped, "have no archgen component type and are not in the spec")):
            if counted:
                listed = ", ".join(f"{t} ({n})" if n > 1 else t for t, n in sorted(counted.items()))
                self.note(None, f"{sum(counted.values())} of {total} resources {what}: {listed}")

    def component(self, component_id: str) -> dict | None:
        return next((c for c in self.components if c["id"] == component_id), None)

    def connect(self, source: str | None, target: str | None, evidence: str, origin: Origin | None = None,
                **extra) -> bool:
        """A connection the code gives evidence for (never a second one between the same two)."""
        if not source or not target or source == target or (source, target) in self._connected:
            return False
        self._connected.add((source, target))
        self.connections.append({"from": source, "to": target, **extra, "inferred": evidence[:1000]})
        self.connection_origin.append(origin)
        return True

    def connected(self, source: str, target: str) -> bool:
        return (source, target) in self._connected

    # -- output -----------------------------------------------------------------------------
    def used_azs(self) -> list[str]:
        azs = {s.data["az"] for vpc in self.vpcs.values() for s in vpc.subnets}
        for c in self.components:
            azs.update(c.get("azs", ()))
            azs.update(i["az"] for i in c.get("instances", ()) if isinstance(i, dict) and "az" in i)
            azs.update(r["az"] for r in c.get("read_replicas", ()) if isinstance(r, dict) and "az" in r)
        order = {az: i for i, az in enumerate(self.region_zones)}
        return sorted(azs, key=lambda az: (order.get(az, len(order)), az))

    def other_regions(self) -> list[str]:
        """Regions components name besides the draft's (replicas, copies, global tables)."""
        found: set[str] = set()
        stack = list(self.components)
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                for key, value in item.items():
                    if "region" in key and isinstance(value, str) and REGION.match(value):
                        found.add(value)
                    elif "region" in key and isinstance(value, list):
                        found.update(v for v in value if isinstance(v, str) and REGION.match(v))
                    elif isinstance(value, (dict, list)):
                        stack.append(value)
            elif isinstance(item, list):
                stack.extend(item)
        return sorted(found - {self.region})

    def spec(self) -> dict:
        out: dict = {"version": 1, "name": self.name}
        if self.title:
            out["title"] = self.title[:200]
        if self.description:
            out["description"] = self.description[:5000]
        if self.objectives is not None:
            out["objectives"] = self.objectives
        azs = self.used_azs() or list(self.region_zones[:1])
        out["regions"] = [{"name": self.region, "azs": azs}]
        for region in self.other_regions():  # where copies and replicas live: its AZs as the table lists them
            zones = availability_zones(region) or (f"{region}a",)
            out["regions"].append({"name": region, "azs": list(zones)})
        vpcs = [{**vpc.data, "subnets": [dict(s.data) for s in vpc.subnets]} for vpc in self.vpcs.values()
                if vpc.subnets]
        if vpcs:
            out["network"] = {"vpcs": vpcs}
        out["components"] = copy.deepcopy(self.components)
        if self.connections:
            out["connections"] = copy.deepcopy(self.connections)
        return out

    def loaded(self) -> LoadedYaml:
        """The spec with the template's lines as positions (for an import that is never written);
        sources are relative to the template's folder, as they are to a written spec's."""
        spec = self.spec()
        folder = os.path.dirname(os.path.abspath(self.root_file))
        for component in spec["components"]:
            if "source" in component:
                source = component["source"]
                component["source"] = {**source, "file": os.path.relpath(os.path.abspath(source["file"]), folder)}
        here = (1, 1)
        positions: dict[tuple, tuple[int, int]] = {}

        def at(origin: Origin | None) -> tuple[int, int]:
            return (origin.line, 1) if origin is not None and origin.file == self.root_file and origin.line else here

        for i, origin in enumerate(self.component_origin):
            positions[("components", i)] = at(origin)
        for i, origin in enumerate(self.connection_origin):
            positions[("connections", i)] = at(origin)
        kept = [vpc for vpc in self.vpcs.values() if vpc.subnets]
        for i, vpc in enumerate(kept):
            positions[("network", "vpcs", i)] = at(vpc.origin)
            for j, subnet in enumerate(vpc.subnets):
                positions[("network", "vpcs", i, "subnets", j)] = at(subnet.origin or vpc.origin)
        return positioned(spec, self.root_file, positions)


def positioned(data, file: str, anchors: dict[tuple, tuple[int, int]]) -> LoadedYaml:
    """A LoadedYaml of ``data`` where every value sits at the position of its nearest anchored ancestor."""
    loaded = LoadedYaml(file, data, root_position=(1, 1))
    stack = [((), data, (1, 1))]
    while stack:
        path, value, position = stack.pop()
        if isinstance(value, dict):
            items = {}
            for key, item in value.items():
                child = path + (key,)
                items[key] = anchors.get(child, position)
                stack.append((child, item, items[key]))
            loaded.children[path] = (items, dict(items))
        elif isinstance(value, list):
            items_list = []
            for index, item in enumerate(value):
                child = path + (index,)
                items_list.append(anchors.get(child, position))
                stack.append((child, item, items_list[-1]))
            loaded.children[path] = (items_list, None)
    return loaded
