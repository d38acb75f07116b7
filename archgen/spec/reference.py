"""The spec format reference in Markdown, generated from the JSON Schema and the component catalogue
so it cannot drift.

``python -m archgen.docs`` rewrites docs/spec-reference.md (and README's generated blocks);
tests/test_docs.py fails when either is stale.
"""

from __future__ import annotations

from pathlib import Path

from archgen import catalogue
from archgen.catalogue.base import ComponentType, Placement, State
from archgen.formatting import duration
from archgen.spec.schema_check import load_schema
from archgen.spec.schema_parts import COMMON

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_FILE = ROOT / "docs" / "spec-reference.md"


def _type_of(node: dict, defs: dict) -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in ("duration", "size"):
            return name
        return _type_of(defs[name], defs) if name in defs and "$ref" not in defs[name] else name
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return " \\| ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type")
    if kind == "array":
        return f"list of {_type_of(node.get('items', {}), defs)}"
    if kind == "object":
        return "mapping"
    if kind in ("integer", "number"):
        low = node.get("minimum", node.get("exclusiveMinimum"))
        high = node.get("maximum")
        word = "integer" if kind == "integer" else "number"
        if low is not None and high is not None and high < 10**9:
            return f"{word} {low}–{high:g}" if isinstance(high, float) else f"{word} {low}–{high}"
        if low is not None:
            return f"{word} {'>' if 'exclusiveMinimum' in node else '≥'} {low}"
        return word
    if kind == "string":
        return "text"
    if kind == "boolean":
        return "true/false"
    return "value"


def _rows(properties: dict, required, defs: dict, skip=()) -> list[str]:
    rows = ["| key | type | description |", "|---|---|---|"]
    for name, node in properties.items():
        if name in skip:
            continue
        star = " *(required)*" if name in required else ""
        description = node.get("description", "").replace("|", "\\|")
        rows.append(f"| `{name}`{star} | {_type_of(node, defs)} | {description} |")
    return rows


def _object_of(node: dict, defs: dict) -> tuple[dict, str]:
    """(the object schema ``node`` holds, '[]' when it is a list of them); ({}, '') for plain values."""
    target = defs.get(node["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in node else node
    suffix = ""
    if target.get("type") == "array" and isinstance(target.get("items"), dict):
        items = target["items"]
        target = defs.get(items["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in items else items
        suffix = "[]"
    if target.get("type") == "object" and target.get("properties"):
        return target, suffix
    return {}, ""


def _nested(properties: dict, defs: dict, prefix: str, out: list[str]) -> None:
    """A table for every mapping below ``properties``, at any depth (``network.vpcs[].subnets[]``)."""
    for name, node in properties.items():
        target, suffix = _object_of(node, defs)
        if target and name != "type":
            path = f"{prefix}{name}{suffix}"
            out += ["", f"**`{path}`** — {node.get('description', '')}", ""]
            out += _rows(target["properties"], target.get("required", []), defs)
            _nested(target["properties"], defs, path + ".", out)


PLACEMENT_WORDS = {
    Placement.EXTERNAL: "outside AWS: no Region, drawn outside the AWS Cloud",
    Placement.GLOBAL: "a global AWS service: no Region, no AZ to lose",
    Placement.REGIONAL: "one Region (`region`), run across its AZs by AWS: never single-AZ",
    Placement.SUBNETS: "one Region (`region`); attached to `subnets`, only in their AZs",
    Placement.ZONAL: "the AZs of its `subnets` (or `region` and `azs`)",
    Placement.DECLARED: "as the spec places each one: no `region` (global), a `region`, or `subnets`/`azs` (zonal)",
}
STATE_WORDS = {State.STATELESS: "holds no data", State.STORE: "holds data",
               State.CACHE: "holds a copy of data kept elsewhere",
               State.HOSTED: "holds data when software in `hosts` keeps state on it"}


def type_facts(kind: ComponentType) -> list[str]:
    """What the catalogue knows about a type, as a bullet list for the reference."""
    recovery = kind.recovery
    time = f"{duration(recovery.seconds)} ({recovery.source})" if recovery.seconds is not None else \
        f"no published time ({recovery.source})"
    if kind.sla.figures:
        sla = "; ".join(f"{figure.percent:g}% {figure.configuration} ([{figure.source}]({figure.url}), "
                        f"recorded {figure.recorded})" for figure in kind.sla.figures)
    elif kind.sla.declared is not None:
        sla = f"declared per component (`sla`): {kind.sla.note}"
    else:
        sla = f"none: {kind.sla.note}"
    return [
        f"- **placement**: {kind.placement.value} — {PLACEMENT_WORDS[kind.placement]}",
        (f"- **role**: {kind.role.value} · **diagram tier**: {kind.tier.title} · **state**: {STATE_WORDS[kind.state]}"
         if kind.role_of is None else
         f"- **role, diagram tier and state**: declared per component (`role`, default {kind.role.value})"),
        f"- **redundancy**: {kind.redundancy.how}",
        f"- **failure and recovery**: {recovery.how}; {time}",
        f"- **SLA**: {sla}",
        f"- **capacity and cost**: {kind.traffic.note}",
        f"- **example**: [`docs/examples/types/{kind.name}.yaml`](examples/types/{kind.name}.yaml)",
    ]


def component_types_table() -> str:
    rows = ["| type | what it is |", "|---|---|"]
    for kind in catalogue.all_types():
        rows.append(f"| [`{kind.name}`](docs/spec-reference.md#{kind.name}) | {kind.description} |")
    return "\n".join(rows)


def reference_markdown() -> str:
    schema = load_schema()
    defs = schema["$defs"]
    out = [
        "# archgen spec format, version 1",
        "",
        "Generated from `archgen/spec/archgen.schema.json` by `bash scripts/regenerate.sh`;",
        "do not edit by hand. Durations are seconds or text like `30s`, `15m`, `4h`, `1d`; sizes are",
        "bytes or text like `512B`, `4KB`, `1.5MB`: `KB`, `MB` and `GB` are 1,024-based (1 KB = 1,024 bytes,",
        "as DynamoDB counts, and what archgen has always read), as are the explicit `KiB`, `MiB`, `GiB`;",
        "`kB` is 1,000 bytes (SI), the unit of AWS's decimal prices such as Elastic Load Balancing's.",
        "",
        "## Top level",
        "",
    ]
    out += _rows(schema["properties"], schema.get("required", []), defs)
    _nested({k: v for k, v in schema["properties"].items() if k not in ("components", "connections")}, defs, "", out)
    out += ["", "## Connections", "", defs["connection"]["description"], ""]
    out += _rows(defs["connection"]["properties"], defs["connection"].get("required", []), defs)
    out += ["", "## Components", "", "Every component has these keys:", ""]
    out += _rows(COMMON, ["id", "type"], defs)
    _nested(COMMON, defs, "", out)
    out += ["", "Each type below lists its own keys and what archgen knows about it (its module in",
            "`archgen/catalogue/components/`); the types are in diagram-tier order."]
    for kind in catalogue.all_types():
        name = kind.name
        definition = defs[f"component_{name}"]
        out += ["", f"### {name}", "", kind.description, "", *type_facts(kind), ""]
        out += _rows(definition["properties"], definition.get("required", []), defs, skip=tuple(COMMON))
        _nested({k: v for k, v in definition["properties"].items() if k not in COMMON}, defs, f"{name}.", out)
    return "\n".join(out) + "\n"
