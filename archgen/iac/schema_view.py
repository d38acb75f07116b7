"""What the spec format can say, read from archgen's JSON Schema.

The importer writes a type or key only when the schema has it, so a resource archgen has no
component type for yet is named in a note instead of producing an invalid spec, and a type
or key added to the catalogue is used by the next import without touching the mapping.
"""

from __future__ import annotations

import json
from functools import cache

from archgen.spec.schema_build import SCHEMA_FILE


@cache
def _definitions() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["$defs"]


def has_type(component_type: str) -> bool:
    return f"component_{component_type}" in _definitions()


def has_key(component_type: str, *path: str) -> bool:
    """``has_key("rds", "read_replicas", "multi_az")``: the key exists (items of arrays looked into)."""
    node = _definitions().get(f"component_{component_type}")
    for key in path:
        if node is None:
            return False
        while node.get("type") == "array" or "$ref" in node:
            if "$ref" in node:
                node = _definitions().get(node["$ref"].rsplit("/", 1)[-1], {})
            else:
                node = node.get("items", {})
        node = (node.get("properties") or {}).get(key)
    return node is not None


def is_required(component_type: str, *path: str) -> bool:
    """``is_required("aurora", "instances", "az")``: the last key of ``path`` must be written."""
    node = _definitions().get(f"component_{component_type}", {})
    for key in path[:-1]:
        node = (node.get("properties") or {}).get(key, {})
        while node.get("type") == "array":
            node = node.get("items", {})
    return path[-1] in (node.get("required") or [])


def enum_of(component_type: str, key: str) -> tuple:
    node = ((_definitions().get(f"component_{component_type}") or {}).get("properties") or {}).get(key) or {}
    return tuple(node.get("enum", ()))
