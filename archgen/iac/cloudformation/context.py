"""What the CloudFormation mapping works with: every resolved resource, indexed, and the
helpers its parts share (reading numbers and flags, placement, stand-in subnets, notes)."""

from __future__ import annotations

from pathlib import Path

from archgen.iac.cloudformation.stack import LoadedStacks, Resource
from archgen.iac.cloudformation.values import PLACEHOLDERS, Reference, Text, Unknown, references_in
from archgen.iac.draft import Origin, SpecDraft
from archgen.iac.naming import kebab, stand_in_name

DEFAULT_ROUTE = "0.0.0.0/0"


class Mapper:
    """The resources of every stack, indexed, with the helpers the handlers share."""

    def __init__(self, stacks: LoadedStacks, draft: SpecDraft, registry: dict | None = None):
        self.stacks = stacks
        self.draft = draft
        self.draft.notes.extend(stacks.notes)
        self.resources: dict[tuple, Resource] = {self.key(r): r for r in stacks.all_resources()}
        # every resource of the templates imported together, for values exported by one and imported by another
        self.registry = registry if registry is not None else {}
        self.registry.update(self.resources)
        self.folded: set[tuple] = set()  # resources whose settings live in a component (or the network)
        self.clusters: list[str] = []  # Aurora cluster components, filled with their DB instances last
        self.cached_tables: dict[tuple, list[Resource]] = {}  # DAX cluster key -> the tables it caches
        self._by_type: dict[str, list[Resource]] = {}
        for resource in self.resources.values():
            self._by_type.setdefault(resource.type, []).append(resource)

    # -- looking things up ----------------------------------------------------------------------
    @staticmethod
    def key(resource: Resource) -> tuple:
        """The resource's identity in the draft (several templates may share one)."""
        return (resource.file, resource.stack, resource.logical_id)

    def name(self, resource: Resource) -> str:
        """The name a component id is made from: the logical id, behind its nested stacks' ids; for
        ``cdk synth`` output the construct path (``App/Api/Handler/Resource`` -> ``Api/Handler``)."""
        path = resource.metadata.get("aws:cdk:path")
        if isinstance(path, str) and path.count("/") >= 1:
            parts = path.split("/")[1:]
            while len(parts) > 1 and parts[-1] in ("Resource", "Default"):
                parts.pop()
            return "-".join(parts)
        return "-".join((*resource.stack, resource.logical_id))

    def origin(self, resource: Resource) -> Origin:
        return Origin(resource.file, resource.line, "/".join((*resource.stack, resource.logical_id)))

    def of_type(self, *types: str) -> list[Resource]:
        return [r for t in types for r in self._by_type.get(t, ())]

    def target(self, value) -> Resource | None:
        """The resource a Ref / Fn::GetAtt value names."""
        if isinstance(value, Reference):
            return self.registry.get((value.file, value.stack, value.logical_id))
        return None

    def targets(self, value) -> list[Resource]:
        """Every resource a value names, anywhere inside it (Sub strings and derived values too)."""
        found = []
        for reference in references_in(value):
            resource = self.registry.get((reference.file, reference.stack, reference.logical_id))
            if resource is not None and resource not in found:
                found.append(resource)
        return found

    def component_id(self, resource: Resource | None) -> str | None:
        return self.draft.component_ids.get(self.key(resource)) if resource is not None else None

    def fold(self, *resources: Resource | None) -> None:
        self.folded.update(self.key(r) for r in resources if r is not None)

    # -- reading values ---------------------------------------------------------------------------
    def integer(self, resource: Resource, prop: str, value=None):
        """A whole number property, or None (with a note when the template cannot decide it)."""
        value = resource.properties.get(prop) if value is None else value
        if value is None:
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, (int, float)):
            return int(value)
        if isinstance(value, str):
            try:
                return int(float(value.strip()))
            except ValueError:
                return None
        if isinstance(value, PLACEHOLDERS):
            self.unknown_note(resource, prop, value)
        return None

    def flag(self, resource: Resource, prop: str, value=None):
        """A boolean property, or None (with a note when the template cannot decide it)."""
        value = resource.properties.get(prop) if value is None else value
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        if isinstance(value, PLACEHOLDERS):
            self.unknown_note(resource, prop, value)
        return None

    def unknown_note(self, resource: Resource, prop: str, value, consequence: str = "left out") -> None:
        why = value.reason if isinstance(value, Unknown) else f"{value}, known only once deployed"
        self.draft.note(Origin(resource.file, resource.line_of(prop), self.origin(resource).name),
                        f"{resource.logical_id}.{prop} depends on {why}: {consequence}")

    @staticmethod
    def text(value) -> str | None:
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return None

    def label(self, value) -> str:
        """Readable text for any value (placeholders shown by their label)."""
        if isinstance(value, Unknown):
            return value.label or value.reason
        if isinstance(value, Text):
            return "".join(p if isinstance(p, str) else (p.label or p.reason) if isinstance(p, Unknown) else str(p)
                           for p in value.parts)
        return str(value)

    def items(self, value) -> list:
        """A list property as a list (a single value as one item, an unknown list as [unknown])."""
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    # -- placement --------------------------------------------------------------------------------
    def subnets(self, resource: Resource, prop: str, value=None, *, at_least: int = 1) -> list[str]:
        """Spec subnet ids for a subnet list property; stand-ins for subnets the template only names.

        A list archgen cannot see at all (one Unknown for the whole list) becomes ``at_least``
        stand-ins in distinct AZs: the fewest AWS accepts there.
        """
        value = resource.properties.get(prop) if value is None else value
        out: list[str] = []
        for item in self.items(value):
            subnet = self.target(item)
            if subnet is not None and self.draft.subnet_ids.get(self.key(subnet)):
                out.append(self.draft.subnet_ids[self.key(subnet)])
            elif isinstance(item, Unknown) and item is value and at_least > 1:
                for n in range(at_least):
                    out.append(self.draft.placeholder_subnet((item.reason, n), f"{self.label(item)} {n + 1}",
                                                             self.origin(resource)))
            elif isinstance(item, (Unknown, Text)) or isinstance(item, str):
                label = self.label(item)
                out.append(self.draft.placeholder_subnet(label, label, self.origin(resource)))
        return list(dict.fromkeys(out))

    def azs(self, resource: Resource, value) -> list[str]:
        """AZ names for an AZ list property (assumed, with a note, where the template leaves them open)."""
        out = []
        for item in self.items(value):
            if isinstance(item, str) and item:
                out.append(item)
            elif isinstance(item, PLACEHOLDERS):
                out.append(self.draft.assume_az(self.label(item), self.origin(resource),
                                                f"{resource.logical_id}: AZ {self.label(item)}",
                                                name=stand_in_name(self.label(item))))
        if isinstance(value, Unknown) and not out:
            out.append(self.draft.assume_az(value.reason, self.origin(resource), f"{resource.logical_id}: AZs"))
        return list(dict.fromkeys(out))

    def placement_of_subnets_or_azs(self, resource: Resource, subnets_prop: str, azs_prop: str,
                                    *, at_least: int = 1) -> dict:
        if resource.properties.get(subnets_prop) is not None:
            subnets = self.subnets(resource, subnets_prop, at_least=at_least)
            if subnets:
                return {"subnets": subnets}
        if resource.properties.get(azs_prop) is not None:
            azs = self.azs(resource, resource.properties[azs_prop])
            if azs:
                return {"region": self.draft.region, "azs": azs}
        return {}


def spec_name(file: str) -> str:
    """A spec name (lower case, '-') from the template's file name."""
    stem = Path(file).name
    for suffix in (".template.json", ".template.yaml", ".json", ".yaml", ".yml", ".template"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return kebab(stem)
