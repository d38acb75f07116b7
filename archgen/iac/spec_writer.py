"""An imported spec as YAML text: stable, readable, byte-identical on every run.

Written by hand rather than by ``yaml.safe_dump`` for the shape a person would write: short
mappings of plain values on one line (``- {id: public-a, az: us-east-1a, kind: public}``),
everything else in block style, strings quoted only when YAML would read them otherwise.
"""

from __future__ import annotations

import json
import re

import yaml

from archgen.spec.yamlload import resolve_plain

FLOW_WIDTH = 110  # a mapping of plain values this short goes on one line
_PLAIN = re.compile(r"[A-Za-z0-9_./(][A-Za-z0-9_./@()' ,:-]*")
_resolver = yaml.resolver.Resolver()


def scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    # plain only if both YAML 1.2 (archgen) and YAML 1.1 (PyYAML and most tools) read it back as this text
    plain = (_PLAIN.fullmatch(text) and not text.endswith((" ", ":")) and ": " not in text and " #" not in text
             and resolve_plain(text)[0] == "str"
             and _resolver.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(value) -> str | None:
    """One-line form of a mapping or list of plain values, or None when it does not fit."""
    if isinstance(value, dict):
        if not all(not isinstance(v, (dict, list)) or (isinstance(v, list) and all(
                not isinstance(i, (dict, list)) for i in v)) for v in value.values()):
            return None
        inner = ", ".join(f"{scalar(k)}: {_flow(v) if isinstance(v, list) else scalar(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        if any(isinstance(i, (dict, list)) for i in value):
            return None
        return "[" + ", ".join(scalar(i) for i in value) + "]"
    return scalar(value)


def _emit(value, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            flow = _flow(item) if isinstance(item, (dict, list)) else scalar(item)
            if flow is not None and (not isinstance(item, (dict, list)) or len(pad) + len(str(key)) + len(flow) + 2
                                     <= FLOW_WIDTH or not item):
                lines.append(f"{pad}{scalar(key)}: {flow}")
            else:
                lines.append(f"{pad}{scalar(key)}:")
                _emit(item, indent + 2, lines)
    elif isinstance(value, list):
        for item in value:
            flow = _flow(item)
            if flow is not None and len(pad) + len(flow) + 2 <= FLOW_WIDTH:
                lines.append(f"{pad}- {flow}")
            elif isinstance(item, dict):
                first = len(lines)
                _emit(item, indent + 2, lines)
                lines[first] = f"{pad}- {lines[first][indent + 2:]}"
            else:
                lines.append(f"{pad}-")
                _emit(item, indent + 2, lines)
    else:
        lines.append(pad + scalar(value))


def dump_spec(spec: dict, header: list[str] = ()) -> str:
    lines = [f"# {line}".rstrip() for line in header]
    top = list(spec.items())
    for n, (key, value) in enumerate(top):
        if n and isinstance(value, (dict, list)) and value:
            lines.append("")
        _emit({key: value}, 0, lines)
    return "\n".join(lines) + "\n"
