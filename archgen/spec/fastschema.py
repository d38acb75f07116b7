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
    def __init__(self, root: dict, matched: dict[str, set[str]] | None = None):
        self.root = root
        self.refs: dict[str, Check] = {}
        self.matched = matched if matched is not None else {}

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
        types = schema.get("type")
        types = None if types is None else types if isinstance(types, list) else [types]
        sole = types[0] if types is not None and len(types) == 1 else None
        # When the schema allows one type, the check of that type's keywords tests the type too ("strict"):
        # one call per value instead of two, on the ~300,000 values of a 10,000-component spec
        typed = False
        if "properties" in schema or "additionalProperties" in schema or "required" in schema:
            typed |= sole == "object"
            checks.append(self.object(schema, strict=sole == "object"))
        if "items" in schema or "minItems" in schema or "maxItems" in schema or schema.get("uniqueItems"):
            typed |= sole == "array"
            checks.append(self.array(schema, strict=sole == "array"))
        choices = schema["enum"] if "enum" in schema else [schema["const"]] if "const" in schema else None
        if "pattern" in schema or "minLength" in schema or "maxLength" in schema or (choices is not None and sole == "string"):
            typed |= sole == "string"
            checks.append(self.string(schema, strict=sole == "string",
                                      choices=choices if sole == "string" else None))
            if sole == "string":
                choices = None  # the string check tests them
        if choices is not None:
            checks.append(self.enum(choices))
        if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")):
            numeric = sole if sole in ("number", "integer") else None
            typed |= numeric is not None
            checks.append(self.number(schema, numeric))
        if types is not None and not typed:
            funcs = [_TYPES[t] for t in types]
            checks.insert(0, funcs[0] if len(funcs) == 1 else (lambda x, fs=tuple(funcs): any(f(x) for f in fs)))
        if "anyOf" in schema:
            branches = tuple(self.compile(s) for s in schema["anyOf"])
            if len(branches) == 2:
                one, other = branches
                checks.append(lambda x: one(x) or other(x))
            else:
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

    def object(self, schema: dict, strict: bool) -> Check:
        properties = {k: self.compile(v) for k, v in schema.get("properties", {}).items()}
        additional = schema.get("additionalProperties", True)
        required = frozenset(schema.get("required", ()))
        if additional is False:
            # the first two required keys are tested inline, the others (rarely any) as a set: two 'in' tests
            # cost a third of building the keys view for 'x.keys() >= required' (~43,000 mappings at 10,000)
            need = tuple(schema.get("required", ()))
            one, two = (need * 2)[:2] if need else (None, None)
            more = frozenset(need[2:])

            # the usual mapping, closed to other keys: subscripting beats a .get call on every value, and an
            # unknown key (a KeyError) fails it
            def closed(x: Any) -> bool:
                if type(x) is not dict:
                    return not strict
                if one is not None and (one not in x or two not in x):
                    return False
                if more and not x.keys() >= more:
                    return False
                try:
                    for key, value in x.items():
                        if not properties[key](value):
                            return False
                except KeyError:
                    return False
                return True

            return closed
        of_key = properties.get
        extra = self.compile(additional)  # the check of any other key

        def check(x: Any) -> bool:
            if type(x) is not dict:
                return not strict  # 'type' decides; these keywords ignore non-objects
            if required and not x.keys() >= required:
                return False
            for key, value in x.items():
                if not of_key(key, extra)(value):
                    return False
            return True

        return check

    def array(self, schema: dict, strict: bool) -> Check:
        items = self.compile(schema["items"]) if "items" in schema else None
        low, high = schema.get("minItems", 0), schema.get("maxItems")
        unique = bool(schema.get("uniqueItems"))
        # items that passed a check of type string are text: hashable, no need to test each one
        texts = items is not None and isinstance(schema["items"], dict) and schema["items"].get("type") == "string"

        def check(x: Any) -> bool:
            if type(x) is not list:
                return not strict
            if len(x) < low or (high is not None and len(x) > high):
                return False
            if items is not None:
                for item in x:
                    if not items(item):
                        return False
            if unique and not ((texts or all(type(i) in _HASHABLE for i in x)) and len(set(x)) == len(x)):
                return False  # only text and numbers are checked here; anything else goes to jsonschema
            return True

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

    def string(self, schema: dict, strict: bool, choices: list | None = None) -> Check:
        """pattern, minLength, maxLength; ``strict``: only text passes, and it must be one of ``choices`` if given."""
        regex = ecma_pattern(schema["pattern"]).search if "pattern" in schema else None
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        texts = None if choices is None else frozenset(c for c in choices if type(c) is str)
        if strict and regex is None and low == 0 and high is None and texts is not None:
            # an enum or const of text. Asked of the set straight away: only text is equal to text, and what cannot
            # be hashed (a list, a mapping) is not text either
            def one_of(x: Any) -> bool:
                try:
                    return x in texts
                except TypeError:
                    return False

            return one_of
        if strict and regex is not None and low == 0 and high is None and texts is None:
            # an id, a Region, an AZ ...: a spec repeats them (every connection names two ids), and a set
            # answers for a text seen before in a quarter of the time of the regex
            matched = self.matched.setdefault(schema["pattern"], set())

            def pattern_only(x: Any) -> bool:
                try:
                    if x in matched:  # only text is equal to text
                        return True
                except TypeError:  # a list or a mapping
                    return False
                if type(x) is not str or regex(x) is None:
                    return False
                matched.add(x)
                return True

            return pattern_only
        if strict and regex is None and texts is None:
            top = high if high is not None else float("inf")
            if low == 0:
                return lambda x: type(x) is str and len(x) <= top  # free text of bounded length: a label ...
            return lambda x: type(x) is str and low <= len(x) <= top

        def check(x: Any) -> bool:
            if type(x) is not str:
                return not strict
            if texts is not None and x not in texts:
                return False
            if len(x) < low or (high is not None and len(x) > high):
                return False
            return regex is None or regex(x) is not None

        return check

    def number(self, schema: dict, numeric: str | None) -> Check:
        """minimum, maximum and their exclusive forms; ``numeric`` ("number" or "integer"): the schema's only
        type, which the check then tests as well (other values fail)."""
        low, high = schema.get("minimum"), schema.get("maximum")
        xlow, xhigh = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        if numeric is not None and xhigh is None and high is not None and (low is None) != (xlow is None):
            # the schema's usual forms, fused: [low, high] or (xlow, high] (NaN fails: jsonschema then decides)
            whole = numeric == "integer"
            if low is not None:
                def bounded(x: Any) -> bool:
                    return (type(x) is int or (type(x) is float and (not whole or x.is_integer()))) and low <= x <= high
            else:
                def bounded(x: Any) -> bool:
                    return (type(x) is int or (type(x) is float and (not whole or x.is_integer()))) and xlow < x <= high
            return bounded
        is_type = _TYPES[numeric] if numeric is not None else None

        def check(x: Any) -> bool:
            if not (type(x) is int or type(x) is float):
                return is_type is None
            if is_type is not None and not is_type(x):
                return False
            return not ((low is not None and x < low) or (high is not None and x > high)
                        or (xlow is not None and x <= xlow) or (xhigh is not None and x >= xhigh))

        return check


def compile_check(schema: dict, root: dict | None = None, matched: dict[str, set[str]] | None = None) -> Check:
    """A predicate that is True only for instances valid against ``schema`` (refs resolved in ``root``).

    ``matched``: pattern -> the texts found to match it so far, which the checks of patterns remember (shared by
    the predicates given the same dictionary); its owner empties the sets when a document is done, so that
    nothing is remembered from one document to the next."""
    try:
        return _Compiler(root if root is not None else schema, matched).compile(schema)
    except (_Unsupported, KeyError):
        return _never
