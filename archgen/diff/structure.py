"""What changed between two models: components, connections and the system-level settings.

Positions are ignored: moving a block in the spec (a ``Location``, wherever the model keeps one) or a
resource in its template (``Source.line``) is not a change.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from archgen.formatting import EMPTY
from archgen.model import Component, Connection, Location, Source, Spec

IGNORED_FIELDS = {"location", "_by_id", "_out", "_in", "_subnets", "file", "unset"}  # unset: follows the fields
POSITION_FIELDS = {Source: frozenset({"line"})}  # fields that are positions in a value compared otherwise


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class ItemChange:
    id: str
    kind: str  # added | removed | changed
    type: str  # component type, or "connection", or "system"
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class StructuralDiff:
    components: tuple[ItemChange, ...] = ()
    connections: tuple[ItemChange, ...] = ()
    system: tuple[FieldChange, ...] = ()  # objectives, dr, regions, vpcs, title ...

    @property
    def empty(self) -> bool:
        return not (self.components or self.connections or self.system)

    def marks(self) -> dict[str, str]:
        """Component and connection id -> added | removed | changed (for the diff diagram)."""
        return {c.id: c.kind for c in self.components + self.connections}

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "removed": 0, "changed": 0}
        for item in self.components + self.connections:
            out[item.kind] += 1
        return out


def plain(value):
    """A dataclass value as plain data, positions stripped (for comparison and JSON)."""
    if isinstance(value, Location):
        return None  # e.g. where the DR block declares each step duration: it moves with the block
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skipped = POSITION_FIELDS.get(type(value), frozenset())
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in IGNORED_FIELDS and f.name not in skipped}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def field_changes(before, after, prefix: str = "") -> tuple[FieldChange, ...]:
    """Changed fields, nested mappings flattened to dotted names (traffic.daily_active_users)."""
    old, new = plain(before), plain(after)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return () if old == new else (FieldChange(prefix.rstrip(".") or "value", old, new),)
    out: list[FieldChange] = []
    for name in list(old) + [k for k in new if k not in old]:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            out.extend(field_changes(a, b, f"{prefix}{name}."))
        elif _keyed(a) and _keyed(b):
            out.extend(_list_changes(a, b, f"{prefix}{name}"))
        else:
            out.append(FieldChange(prefix + name, a, b))
    return tuple(out)


def _key(item: dict):
    return item.get("id", item.get("name"))


def _keyed(value) -> bool:
    """A list of records with ids or names (subnets, VPCs, Regions, records): diff it item by item."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and _key(v) is not None for v in value)


def _list_changes(before: list, after: list, prefix: str) -> list[FieldChange]:
    old, new = {_key(v): v for v in before}, {_key(v): v for v in after}
    out: list[FieldChange] = []
    for key in list(old) + [k for k in new if k not in old]:
        if key not in new:
            out.append(FieldChange(f"{prefix}[{key}]", "present", "removed"))
        elif key not in old:
            out.append(FieldChange(f"{prefix}[{key}]", "absent", "added"))
        else:
            out.extend(field_changes(old[key], new[key], f"{prefix}[{key}]."))
    return out


def _items(before: dict[str, object], after: dict[str, object], type_of) -> tuple[ItemChange, ...]:
    out = []
    for key in sorted(set(before) | set(after)):
        if key not in before:
            out.append(ItemChange(key, "added", type_of(after[key])))
        elif key not in after:
            out.append(ItemChange(key, "removed", type_of(before[key])))
        else:
            changes = field_changes(before[key], after[key])
            if type_of(before[key]) != type_of(after[key]):
                changes = (FieldChange("type", type_of(before[key]), type_of(after[key])),) + changes
            if changes:
                out.append(ItemChange(key, "changed", type_of(after[key]), changes))
    return tuple(out)


def structural_diff(base: Spec, head: Spec) -> StructuralDiff:
    components = _items({c.id: c for c in base.components}, {c.id: c for c in head.components},
                        lambda c: c.type)
    connections = _items({c.id: c for c in base.connections}, {c.id: c for c in head.connections},
                         lambda c: "connection")
    before = {name: getattr(base, name) for name in SYSTEM_FIELDS}
    after = {name: getattr(head, name) for name in SYSTEM_FIELDS}
    return StructuralDiff(components, connections, field_changes(before, after))


SYSTEM_FIELDS = ("title", "description", "owner", "objectives", "dr", "regions", "vpcs", "ignores", "direction")


def describe_value(value, limit: int = 60) -> str:
    """Short human text for a changed value in a table."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            text = ", ".join(describe_value(v) for v in value) or "none"
        else:
            text = f"{len(value)} item(s)"
    elif isinstance(value, dict):
        text = ", ".join(f"{k}={describe_value(v)}" for k, v in value.items() if v not in (None, (), [], {}))
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["Component", "Connection", "FieldChange", "ItemChange", "StructuralDiff", "structural_diff",
           "describe_value", "field_changes", "plain"]
