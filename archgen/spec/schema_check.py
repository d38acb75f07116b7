"""JSON Schema validation with errors a person can act on.

Why not jsonschema's own messages: "Additional properties are not allowed ('multiaz' was
unexpected)" names neither line nor fix. Each error is turned into a Diagnostic at the
offending key or value with a hint (closest allowed key, expected format).
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from functools import lru_cache
from typing import Any, Iterator

from archgen.diagnostics import Diagnostic
from archgen.spec import schema_build as sb
from archgen.spec import schema_parts as parts
from archgen.spec.fastschema import compile_check, ecma_pattern
from archgen.spec.yamlload import LoadedYaml, format_path


@lru_cache(maxsize=1)
def load_schema() -> dict:
    with open(sb.SCHEMA_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def _canonical(value: Any):
    """A hashable stand-in with JSON Schema equality (1 == 1.0, but true != 1)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("list", tuple(_canonical(v) for v in value))
    if isinstance(value, dict):
        return ("map", frozenset((k, _canonical(v)) for k, v in value.items()))
    return ("other", value)


@lru_cache(maxsize=1)
def _validator_class():
    """Draft 2020-12 with two keywords made safe for hostile input.

    pattern: ECMA-262 meaning of '$' (Python's also matches before a final newline, which let
    an id "web\\n" through). uniqueItems: linear; jsonschema's falls back to comparing every pair
    when items are not sortable, minutes for a list of 30,000 mappings.
    """
    # jsonschema here, not at the top: 60 ms of import that `archgen rules` (which imports this module for
    # `suggest`) never needs (python -X importtime: 57-66 ms of its 173 ms)
    from jsonschema import Draft202012Validator, ValidationError, validators

    compiled: dict[str, Any] = {}

    def pattern(validator, patrn, instance, schema):
        regex = compiled.get(patrn) or compiled.setdefault(patrn, ecma_pattern(patrn))
        if validator.is_type(instance, "string") and not regex.search(instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    def unique_items(validator, unique, instance, schema):
        if unique and validator.is_type(instance, "array"):
            seen = set()
            for item in instance:
                key = _canonical(item)
                if key in seen:
                    yield ValidationError(f"{instance!r} has non-unique elements")
                    return
                seen.add(key)

    return validators.extend(Draft202012Validator, {"pattern": pattern, "uniqueItems": unique_items})


# pattern -> the texts of the document being checked that matched it (fastschema.compile_check), shared
# by the checkers: validate_schema empties it when it is done
_MATCHED: dict[str, set[str]] = {}


class _Checker:
    """jsonschema for the errors, behind the compiled yes/no check for speed."""

    def __init__(self, schema: dict):
        self.validator = _validator_class()(schema)
        self.is_valid = compile_check(schema, matched=_MATCHED)

    def iter_errors(self, instance):
        if self.is_valid(instance):
            return iter(())
        return self.validator.iter_errors(instance)


def _rejected(_: Any) -> bool:
    """The verdict on a component of an unknown type (its errors are found by the loops of validate_schema)."""
    return False


# arrays that grow with the system: validated item by item (fast path per item) rather than
# through the document's schema, so one bad connection does not send all 50,000 to jsonschema
_PER_ITEM = ("components", "connections")


@lru_cache(maxsize=1)
def _validators():
    """Checkers for the document shell, a component's id/type, each component type and a connection.

    Validating each component against its own type's definition (chosen in Python) gives
    the same verdict as the schema's if/then dispatch, but clearer errors and linear time.
    """
    schema = load_schema()
    defs = schema["$defs"]
    shell = copy.deepcopy(schema)
    for key in _PER_ITEM:
        del shell["properties"][key]["items"]
    component_shell = {
        "type": "object",
        "required": ["id", "type"],
        "properties": {
            "id": {"type": "string", "pattern": parts.ID_PATTERN},
            "type": defs["component"]["properties"]["type"],
        },
    }
    per_type = {name.removeprefix("component_"): _Checker({"$ref": f"#/$defs/{name}", "$defs": defs})
                for name in defs if name.startswith("component_")}
    items = {
        "components": _Checker(component_shell),
        "connections": _Checker({"$ref": "#/$defs/connection", "$defs": defs}),
    }
    return _Checker(shell), items, per_type


PATTERN_NAMES = {
    parts.ID_PATTERN: ("an id", "letters, digits, '-' and '_', starting with a letter"),
    parts.NAME_PATTERN: ("a name", "lower-case letters, digits, '-' and '_'"),
    parts.REGION_PATTERN: ("a Region name", "like us-east-1"),
    parts.AZ_PATTERN: ("an Availability Zone name", "like us-east-1a"),
    parts.DURATION_PATTERN: ("a duration", "like 30s, 15m, 4h or 1d"),
    parts.SIZE_PATTERN: ("a size", "like 512B, 4KB or 1.5MB"),
}
JSON_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
                   "number": "a number", "boolean": "true or false", "null": "nothing"}


UNBOUNDED_QUANTITY = re.compile(r"^[0-9]+(\.[0-9]+)?\s*(ms|s|m|h|d|B|KB|MB|GB)$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?$")
_YAML_1_1_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


def _yaml_1_1_hint(value: Any) -> str:
    """Text that YAML 1.1 tools read as a number or boolean; archgen reads YAML 1.2 (docs/limits.md)."""
    if not isinstance(value, str):
        return ""
    if _SEXAGESIMAL.match(value):
        return "YAML 1.2 reads h:m:s as text, not as a base-60 number"
    if value.lower() in _YAML_1_1_BOOLEANS:
        return "YAML 1.2 booleans are true and false only"
    if "_" in value and value.replace("_", "").isdigit():
        return "YAML 1.2 numbers have no '_' separators: write the digits only"
    return ""


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return "a number"
    return "text"


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value) if not isinstance(value, (dict, list)) else _type_name(value)
    return text if len(text) <= 60 else text[:57] + "..."


def suggest(word: str, choices) -> str:
    if len(str(word)) > 100:  # no id or key is that long; difflib on megabytes of text takes seconds
        return ""
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    if not match:
        lowered = {str(c).lower(): str(c) for c in choices}
        hit = lowered.get(str(word).lower().replace("-", "_")) or lowered.get(str(word).lower().replace("_", "-"))
        match = [hit] if hit else []
    return f"did you mean '{match[0]}'?" if match else ""


# jsonschema needs ~0.1 ms per invalid item: past this many errors the rest are only
# counted, so 50,000 broken components cost a second rather than five
ERROR_BUDGET = 500


def validate_schema(loaded: LoadedYaml, bad_connections: set[int] | None = None) -> tuple[list[Diagnostic], set[int]]:
    """All schema errors (up to ERROR_BUDGET described), and the indexes of components that failed.

    Semantic checks skip the failed components (and the connections added to ``bad_connections``)
    to avoid noise, and so that they never meet a list where the schema promises an id.
    """
    try:
        return _validate_schema(loaded, bad_connections)
    finally:
        for texts in _MATCHED.values():  # nothing is remembered from one document to the next
            texts.clear()


def _validate_schema(loaded: LoadedYaml, bad_connections: set[int] | None) -> tuple[list[Diagnostic], set[int]]:
    bad = {"components": set(), "connections": bad_connections if bad_connections is not None else set()}
    shell, items, per_type = _validators()
    undescribed: list[tuple] = []  # paths of items that failed after the budget was spent
    data = loaded.data
    out: list[Diagnostic] = []
    bad_components: set[int] = bad["components"]
    if not isinstance(data, dict):
        out.append(Diagnostic(loaded.file, 1, 1, f"a spec must be a mapping, not {_type_name(data)}",
                              hint="start with 'version: 1', 'name:' and 'components:'", code="schema"))
        return out, bad_components
    for error in shell.iter_errors(data):
        if len(out) >= ERROR_BUDGET:
            undescribed.append(tuple(error.absolute_path)[:2])
            break
        out.extend(_describe(loaded, error, ()))
    components = data.get("components")
    # A component its own type's definition accepts also passes the id/type check (every definition
    # requires the same id and its type's name, schema_build.component_def): asked once, the answer
    # lets such a component skip both loops below (they find no error in it)
    is_valid = {name: checker.is_valid for name, checker in per_type.items()}
    accepted = [type(c) is dict and type(kind := c.get("type")) is str and is_valid.get(kind, _rejected)(c)
                for c in components] if isinstance(components, list) else []
    all_accepted = all(accepted)  # the usual case: neither loop over the components below has anything to do
    for key in _PER_ITEM:
        values = data.get(key)
        if not isinstance(values, list) or (key == "components" and all_accepted):
            continue
        checker = items[key]
        skip = accepted if key == "components" else ()
        valid = checker.is_valid
        for index, value in enumerate(values):
            if (skip and skip[index]) or valid(value):  # no error to describe
                continue
            if len(out) >= ERROR_BUDGET:
                undescribed.append((key, index))
                bad[key].add(index)
                continue
            for error in checker.validator.iter_errors(value):
                bad[key].add(index)
                if len(out) >= ERROR_BUDGET:  # one item can hold thousands of errors
                    undescribed.append((key, index))
                    break
                out.extend(_describe(loaded, error, (key, index)))
    if isinstance(components, list) and not all_accepted:
        for index, component in enumerate(components):
            if accepted[index]:
                continue
            if not isinstance(component, dict):
                bad_components.add(index)
                continue
            ctype = component.get("type")
            validator = per_type.get(ctype) if isinstance(ctype, str) else None
            if validator is None:
                bad_components.add(index)
                continue
            if len(out) >= ERROR_BUDGET:
                if index not in bad_components and not validator.is_valid(component):
                    bad_components.add(index)
                    undescribed.append(("components", index))
                continue
            for error in validator.iter_errors(component):
                bad_components.add(index)
                if len(out) >= ERROR_BUDGET:
                    undescribed.append(("components", index))
                    break
                out.extend(_describe(loaded, error, ("components", index)))
    # a missing or malformed 'id' fails both the id/type check and the type's own definition:
    # report it once
    out = list(dict.fromkeys(out))
    out.sort(key=lambda d: (d.line, d.column, d.message))
    if undescribed:
        first = min(undescribed, key=lambda path: loaded.locate(path))
        line, column = loaded.locate(first)
        out.append(Diagnostic(loaded.file, line, column,
                              f"more schema errors not described (stopped after {len(out):,}), "
                              f"in {len(set(undescribed)):,} item(s) from here on",
                              format_path(first), "fix the errors above and validate again", "limit"))
    return out, bad_components


def _describe(loaded: LoadedYaml, error, prefix: tuple) -> Iterator[Diagnostic]:
    path = prefix + tuple(error.absolute_path)
    where = format_path(path) or "top level"
    instance = error.instance
    schema = error.schema
    kind = error.validator

    def diag(message: str, hint: str = "", at: tuple = path, key: bool = False) -> Diagnostic:
        line, column = loaded.locate(at, key=key)
        return Diagnostic(loaded.file, line, column, message, format_path(at) or "top level", hint, "schema")

    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed), key=str):
            hint = suggest(key, allowed) or ("allowed keys: " + ", ".join(allowed) if len(allowed) <= 12 else "")
            yield diag(f"unknown key '{key}'", hint, path + (key,), key=True)
    elif kind == "required":
        for key in error.validator_value:
            if isinstance(instance, dict) and key not in instance:
                yield diag(f"missing required key '{key}'")
    elif kind == "type":
        expected = schema.get("type")
        names = " or ".join(JSON_TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected]))
        shown = "" if isinstance(instance, (dict, list)) or instance is None else " " + _show(instance)
        yield diag(f"expected {names}, got {_type_name(instance)}{shown}", _yaml_1_1_hint(instance))
    elif kind in ("enum", "const"):
        choices = error.validator_value if kind == "enum" else [error.validator_value]
        if path[-1:] == ("type",) and path[:1] == ("components",):
            yield diag(f"unknown component type {_show(instance)}",
                       suggest(instance, choices) or "types: " + ", ".join(choices))
        elif path == ("version",):
            yield diag(f"unsupported spec format version {_show(instance)}", "this archgen reads 'version: 1'")
        else:
            shown = ", ".join(str(c) for c in choices)
            yield diag(f"{_show(instance)} is not allowed here; expected {'one of ' if len(choices) > 1 else ''}{shown}",
                       suggest(instance, choices))
    elif kind == "pattern":
        what, example = PATTERN_NAMES.get(error.validator_value, ("valid", f"matching {error.validator_value}"))
        yield diag(f"{_show(instance)} is not {what}", example)
    elif kind == "anyOf" and any(s.get("pattern") in PATTERN_NAMES for s in schema.get("anyOf", [])):
        pattern = next(s["pattern"] for s in schema["anyOf"] if "pattern" in s)
        what, example = PATTERN_NAMES[pattern]
        if isinstance(instance, (int, float)) and not isinstance(instance, bool):
            yield diag(f"{_show(instance)} is out of range: must be between 0 and {parts.BIG:,}")
        elif isinstance(instance, str) and UNBOUNDED_QUANTITY.match(instance):
            yield diag(f"{_show(instance)} is out of range: at most {parts.QUANTITY_DIGITS} digits before the unit")
        else:
            yield diag(f"{_show(instance)} is not {what}",
                       "; ".join(filter(None, (_yaml_1_1_hint(instance), f"write a number or text {example}"))))
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        sign = {"minimum": "≥", "maximum": "≤", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[kind]
        limit = error.validator_value
        yield diag(f"{_show(instance)} is out of range: must be {sign} {limit:,}" if isinstance(limit, (int, float))
                   else f"{_show(instance)} is out of range")
    elif kind in ("minItems", "maxItems"):
        word = "at least" if kind == "minItems" else "at most"
        yield diag(f"needs {word} {error.validator_value} item(s), has {len(instance)}")
    elif kind == "uniqueItems":
        yield diag("list items must be unique")
    elif kind in ("minLength", "maxLength"):
        word = "at least" if kind == "minLength" else "at most"
        yield diag(f"text must be {word} {error.validator_value} characters long")
    else:  # pragma: no cover - every validator the schema uses is handled above
        yield diag(f"{error.message} ({where})")
