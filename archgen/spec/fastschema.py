"""A compiled yes/no check for archgen's JSON Schema: the fast path in front of jsonschema.

Why: jsonschema walks the schema anew for every instance and spent ~1.8 s on a
10,000-component spec. Nearly every component of a real spec is valid, so a predicate
compiled once into closures answers "valid" in microseconds; only what it does not
accept goes to jsonschema, which produces the errors (so messages are unchanged).

The contract is one-sided: ``compile_check(schema)(x)`` returning True must imply that
jsonschema finds no error. When in doubt a check returns False (jsonschema then decides),
and a keyword it does not know makes the whole check always False. A hypothesis test
compares the two verdicts.
"""

from __future__ import annotations

import re
from typing import Any, Callable

Check = Callable[[Any], bool]

# keywords that do not constrain instances
_ANNOTATIONS = frozenset({"description", "title", "$schema", "$id", "$defs", "default", "examples", "$comment"})


def ecma_pattern(pattern: str) -> re.Pattern:
    """``pattern`` with JSON Schema (ECMA-262) meaning: a final '$' matches only at the very end.

    Python's '$' also matches before a trailing newline, so "web\\n" passed the id pattern.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


# equal as Python values exactly when equal as JSON values (1 == 1.0; bool is left out: True == 1)
_HASHABLE = (str, int, float)


def _never(_: Any) -> bool:
    return False


def _always(_: Any) -> bool:
    return True


def _is_number(x: Any) -> bool:
    return (type(x) is int or type(x) is float)


_TYPES: dict[str, Check] = {
    "object": lambda x: type(x) is dict,
    "array": lambda x: type(x) is list,
    "string": lambda x: type(x) is str,
    "integer": lambda x: type(x) is int or (type(x) is float and x.is_integer()),
    "number": _is_number,
    "boolean": lambda x: type(x) is bool,
    "null": lambda x: x is None,
}


class _Unsupported(Exception):
    pass


class _Compiler:
    def __init__(self, root: dict):
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, target: str) -> Check:
        if target in self.refs:
            return self.refs[target]
        if not target.startswith("#/$defs/") or "/" in target[len("#/$defs/"):]:
            raise _Unsupported(target)
        name = target[len("#/$defs/"):]
        cell: list[Check] = []
        self.refs[target] = lambda x: cell[0](x)  # recursion-safe placeholder
        cell.append(self.compile(self.root["$defs"][name]))
        self.refs[target] = cell[0]
        return cell[0]

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise _Unsupported(repr(schema))
        checks: list[Check] = []
        unknown = set(schema) - _ANNOTATIONS - {
            "type", "properties", "additionalProperties", "required", "items", "enum", "const", "pattern",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "uniqueItems",
            "minLength", "maxLength", "anyOf", "allOf", "if", "then", "else", "$ref"}
        if unknown:
            raise _Unsupported(", ".join(sorted(unknown)))
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            funcs = [_TYPES[t] for t in types]
            checks.append(funcs[0] if len(funcs) == 1 else (lambda x, fs=tuple(funcs): any(f(x) for f in fs)))
        if "properties" in schema or "additionalProperties" in schema or "required" in schema:
            checks.append(self.object(schema))
        if "items" in schema or "minItems" in schema or "maxItems" in schema or schema.get("uniqueItems"):
            checks.append(self.array(schema))
        if "enum" in schema or "const" in schema:
            checks.append(self.enum(schema["enum"] if "enum" in schema else [schema["const"]]))
        if "pattern" in schema or "minLength" in schema or "maxLength" in schema:
            checks.append(self.string(schema))
        if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")):
            checks.append(self.number(schema))
        if "anyOf" in schema:
            branches = tuple(self.compile(s) for s in schema["anyOf"])
            checks.append(lambda x: any(b(x) for b in branches))
        if "allOf" in schema:
            checks.extend(self.compile(s) for s in schema["allOf"])
        if "if" in schema:
            condition = self.compile(schema["if"])
            then = self.compile(schema.get("then", True))
            otherwise = self.compile(schema.get("else", True))
            checks.append(lambda x: then(x) if condition(x) else otherwise(x))
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda x: first(x) and second(x)
        frozen = tuple(checks)
        return lambda x: all(c(x) for c in frozen)

    def object(self, schema: dict) -> Check:
        properties = {k: self.compile(v) for k, v in schema.get("properties", {}).items()}
        additional = schema.get("additionalProperties", True)
        extra = None if additional is False else self.compile(additional)
        required = tuple(schema.get("required", ()))

        def check(x: Any) -> bool:
            if type(x) is not dict:
                return True  # 'type' decides; these keywords ignore non-objects
            for key in required:
                if key not in x:
                    return False
            for key, value in x.items():
                sub = properties.get(key)
                if sub is None:
                    if extra is None or not extra(value):
                        return False
                elif not sub(value):
                    return False
            return True

        return check

    def array(self, schema: dict) -> Check:
        items = self.compile(schema["items"]) if "items" in schema else None
        low, high = schema.get("minItems", 0), schema.get("maxItems")
        unique = bool(schema.get("uniqueItems"))

        def check(x: Any) -> bool:
            if type(x) is not list:
                return True
            if len(x) < low or (high is not None and len(x) > high):
                return False
            if unique and not (all(type(i) in _HASHABLE for i in x) and len(set(x)) == len(x)):
                return False  # only text and numbers are checked here; anything else goes to jsonschema
            return items is None or all(items(i) for i in x)

        return check

    def enum(self, choices: list) -> Check:
        texts = frozenset(c for c in choices if type(c) is str)
        numbers = tuple(c for c in choices if type(c) in (int, float))

        def check(x: Any) -> bool:
            if type(x) is str:
                return x in texts
            if type(x) is int or type(x) is float:
                return any(x == n for n in numbers)
            return False  # booleans, null, lists, mappings: let jsonschema decide

        return check

    def string(self, schema: dict) -> Check:
        regex = ecma_pattern(schema["pattern"]).search if "pattern" in schema else None
        low, high = schema.get("minLength", 0), schema.get("maxLength")

        def check(x: Any) -> bool:
            if type(x) is not str:
                return True
            if len(x) < low or (high is not None and len(x) > high):
                return False
            return regex is None or regex(x) is not None

        return check

    def number(self, schema: dict) -> Check:
        low, high = schema.get("minimum"), schema.get("maximum")
        xlow, xhigh = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")

        def check(x: Any) -> bool:
            if not (type(x) is int or type(x) is float):
                return True
            return not ((low is not None and x < low) or (high is not None and x > high)
                        or (xlow is not None and x <= xlow) or (xhigh is not None and x >= xhigh))

        return check


def compile_check(schema: dict, root: dict | None = None) -> Check:
    """A predicate that is True only for instances valid against ``schema`` (refs resolved in ``root``)."""
    try:
        return _Compiler(root if root is not None else schema).compile(schema)
    except (_Unsupported, KeyError):
        return _never
