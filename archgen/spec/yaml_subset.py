"""A fast reader for the plain YAML subset specs are written in; everything else goes to libyaml.

``yamlload`` folds libyaml's event stream into values with positions: ~400,000 events for a
10,000-component spec, half a second, of which PyYAML's Python event objects are the half.
Specs (hand-written, generated, ``archgen import``'s) use a small part of YAML: block mappings
and lists of plain keys and plain or simply quoted values, flow ``{...}`` and ``[...]`` (on one
line or wrapped after a comma), comments. This module reads exactly that part, line by line,
into the same ``LoadedYaml`` (values, and the position of every value and key in the same
``children``) in about 55% of the time: 0.28-0.37 s of CPU against 0.49-0.68 s for the three
10,000-component benchmark shapes. libyaml's C parser cannot close that gap: its event stream
alone, before anything is folded, costs 0.21-0.30 s (PyYAML builds a Python event and two marks
per event), and its C composer is 5x slower still (it resolves every scalar in Python).

It is a fast path, never a second YAML dialect: whatever it is not sure of — merge keys, anchors
on nested blocks, tags, block scalars, multi-line plain or quoted scalars, quoted keys, escapes, tabs,
other line breaks, an empty value, a duplicate key, a limit, anything libyaml would refuse —
makes it answer ``None``, and the caller folds libyaml's events as before (with libyaml's messages).
``tests/spec/test_yaml_subset.py`` checks it against that reference on every YAML file of the
repository (the hostile corpus too), on generated specs and on thousands of mutated texts.
"""

from __future__ import annotations

import math
import re
from typing import Any

from archgen.spec.yamlload import (ALIAS_EXPANSION_FACTOR, ALIAS_FREE_NODES, MAX_DEPTH, MAX_EXPANDED_NODES, MAX_ITEMS,
                                   ItemLimits, LoadedYaml, resolve_plain)

# Characters the subset allows anywhere: line feed, printable ASCII, and Unicode that libyaml
# reads as printable and not as a line break (no tab, CR, NEL, LS, PS, BOM, C0/C1 controls,
# surrogates or noncharacters)
_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*"  # plain keys only, and only of these characters
# every line of the text: (what comes before the value, indentation, list dash, key, the rest)
_LINES = re.compile(rf"^(( *)(- +|-$)?(?:({_KEY}):(?: +|$))?)(.*)$", re.MULTILINE)
# a scalar inside a flow collection: plain (no ':', '#' or flow indicator in it, not starting
# with an indicator, no blank at its end), or quoted without quotes or escapes inside
_FLOW_PLAIN = r"(?:[^\s\[\]{},:#'\"!&*|>%@`?\-]|-[^\s\[\]{},:#])[^\[\]{},:#]*(?<! )"
_QUOTED_TEXT = r"'[^']*'(?!')|\"[^\"\\]*\""
_FLOW_SCALAR = rf"(?:{_FLOW_PLAIN}|{_QUOTED_TEXT})"
# a flow mapping or list of scalars on one line (the common case), and its entries
_FLAT_MAP = re.compile(rf"\{{ *(?:{_KEY}: +{_FLOW_SCALAR}(?: *, *{_KEY}: +{_FLOW_SCALAR})*)? *\}}")
_FLAT_LIST = re.compile(rf"\[ *(?:{_FLOW_SCALAR}(?: *, *{_FLOW_SCALAR})*)? *\]")
_MAP_ENTRY = re.compile(rf"({_KEY}): +({_FLOW_SCALAR})")
_LIST_ENTRY = re.compile(_FLOW_SCALAR)
# one token of any other flow collection, after optional blanks: an indicator, ': ', a key or
# scalar, or the end of the line
_FLOW_TOKEN = re.compile(rf" *(?:([\[\]{{}},])|(: )|({_FLOW_SCALAR})|(\Z))")
_KEY_ONLY = re.compile(rf"{_KEY}\Z")
_QUOTED = re.compile(_QUOTED_TEXT)
_ANCHOR = re.compile(r"&([A-Za-z0-9_\-]+) +")
_ALIAS = re.compile(r"\*([A-Za-z0-9_\-]+)")
_NOT_PLAIN_START = frozenset("{['\"&*!|>%@`,]}#")  # a block value starting with these is no plain scalar
_SIMPLE_KEY_MAX = 1000  # libyaml refuses an implicit key of more than 1,024 characters
_MAX_DEPTH = MAX_DEPTH - 4  # nesting deeper than this: the reference decides


class _Outside(Exception):
    """The text leaves the subset: the reference path reads it."""


class _Values(dict):
    """Scalar text as written -> its value: plain text resolved as the reference resolves it
    (YAML 1.2 core schema), quoted text unquoted. Specs repeat values a lot: most lookups hit."""

    def __missing__(self, text: str) -> Any:
        if text[0] == "'" or text[0] == '"':
            value = text[1:-1]
        else:
            kind, value = resolve_plain(text)
            if (kind == "int" and value is None) or (kind == "float" and not math.isfinite(value)):
                raise _Outside  # refused by the reference, with its message
        self[text] = value
        return value


class _Context:
    """What reading a value may need besides its text."""

    __slots__ = ("rows", "children", "deferred", "scalar", "anchors", "aliased")

    def __init__(self, rows, loaded: LoadedYaml):
        self.rows = rows  # the iterator over the lines: a wrapped flow collection reads on
        self.children = loaded.children
        self.deferred = loaded.deferred
        self.scalar = _Values().__getitem__
        self.anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, values in it)
        self.aliased = 0  # values the aliases stand for


class _Frame:
    __slots__ = ("indent", "is_map", "value", "positions", "keys", "path", "indentless")

    def __init__(self, indent: int, is_map: bool, path: tuple, indentless: bool = False):
        self.indent = indent
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.positions: Any = {} if is_map else []
        self.keys = {} if is_map else None
        self.path = path
        self.indentless = indentless  # a list written at its key's indentation ("key:\n- a")


def fold_subset(text: str, file: str, item_limits: ItemLimits | None = None) -> LoadedYaml | None:
    """The document as ``yamlload.load_yaml_text`` reads it, or None when it is outside the subset."""
    if _OUTSIDE.search(text):
        return None
    try:
        loaded, written, aliased = _read(text, file)
    except _Outside:
        return None
    # the reference's limits, with a margin: near them it decides (and words the refusal)
    expanded = written + aliased
    if expanded >= MAX_EXPANDED_NODES // 2 or (
            expanded > ALIAS_FREE_NODES // 2 and expanded > ALIAS_EXPANSION_FACTOR // 2 * written):
        return None
    if _over_limits(loaded, item_limits or {}):
        return None
    return loaded


def _over_limits(loaded: LoadedYaml, item_limits: ItemLimits) -> bool:
    for path, (positions, keys) in loaded.children.items():
        limit = item_limits[path][0] if path in item_limits else MAX_ITEMS
        if len(positions) > limit or (keys is not None and len(keys) > limit):
            return True
    for path, where in loaded.deferred.items():
        # a one-line flow collection of more than MAX_ITEMS entries is more than 2 * MAX_ITEMS characters
        if path in item_limits or len(where[0]) > 2 * MAX_ITEMS:
            limit = item_limits[path][0] if path in item_limits else MAX_ITEMS
            if len(_flat_positions(where)[0]) > limit:
                return True
    return False


def _flat_positions(where: tuple[str, int, int]) -> tuple:
    """(positions, keys) of a one-line flow collection, worked out when first asked for."""
    rest, number, offset = where
    offset += 1
    if rest[0] == "[":
        return [(number, offset + entry.start()) for entry in _LIST_ENTRY.finditer(rest, 1)], None
    positions, keys = {}, {}
    for entry in _MAP_ENTRY.finditer(rest, 1):
        keys[entry[1]] = (number, offset + entry.start())
        positions[entry[1]] = (number, offset + entry.start(2))
    return positions, keys


def _read(text: str, file: str) -> tuple[LoadedYaml, int, int]:
    """The block structure, line by line: (the document, values written, values aliases stand for)."""
    result = LoadedYaml(file, None)
    result.defer(_flat_positions)
    rows = enumerate(_LINES.findall(text), 1)
    context = _Context(rows, result)
    children = result.children
    scalar = context.scalar
    stack: list[_Frame] = []
    top: _Frame = None  # type: ignore[assignment]  # stack[-1]
    pending: tuple[_Frame, str] | None = None  # a key waiting for its nested block collection
    marker = False  # '---' seen
    values = 0
    for number, (prefix, indent_text, dash, key, rest) in rows:
        if not dash and not key:
            if not rest or rest[0] == "#":
                continue  # blank or comment
            if top is None and not marker and not indent_text and rest.rstrip(" ") == "---":
                marker = True
                continue
            raise _Outside
        indent = len(indent_text)
        if pending is not None:
            parent, parent_key = pending
            pending = None
            if indent > parent.indent:
                indentless = False
            elif indent == parent.indent and dash:
                indentless = True
            else:
                raise _Outside  # an empty value
            top = _Frame(indent, not dash, parent.path + (parent_key,), indentless)
            parent.positions[parent_key] = (number, indent + 1)
            parent.value[parent_key] = top.value
            children[top.path] = (top.positions, top.keys)
            stack.append(top)
            values += 1
            if len(stack) >= _MAX_DEPTH:
                raise _Outside
        elif top is None:
            if dash:
                raise _Outside  # the subset's documents are mappings
            top = _Frame(indent, True, ())
            stack.append(top)
            result.root_position = (number, indent + 1)
            result.data = top.value
            children[()] = (top.positions, top.keys)
        elif indent != top.indent or (not dash and not top.is_map):
            while top.indent > indent:
                stack.pop()
                if not stack:
                    raise _Outside  # text after the document's mapping
                top = stack[-1]
            if top.indent != indent:
                raise _Outside
            if not dash and not top.is_map:
                if not top.indentless:
                    raise _Outside
                stack.pop()
                top = stack[-1]
                if top.indent != indent:
                    raise _Outside
        # the line's content belongs to ``top``, at its indentation
        if dash:
            if top.is_map:
                raise _Outside
            if key:  # "- key: ...": a mapping item
                column = indent + len(dash)
                frame = _Frame(column, True, top.path + (len(top.value),))
                top.positions.append((number, column + 1))
                top.value.append(frame.value)
                children[frame.path] = (frame.positions, frame.keys)
                stack.append(frame)
                top = frame
                values += 1
                if len(stack) >= _MAX_DEPTH:
                    raise _Outside
                indent = column
            else:
                if not rest:
                    raise _Outside  # "-" alone: an empty item or a nested block
                first = rest[0]
                if first in _NOT_PLAIN_START or (first in "-?:" and (len(rest) == 1 or rest[1] == " ")):
                    value, count = _value(rest, len(prefix), number, top.indent, len(stack),
                                          top.path + (len(top.value),), context)
                    values += count
                else:
                    value = _plain(rest, scalar)
                    values += 1
                top.positions.append((number, len(prefix) + 1))
                top.value.append(value)
                continue
        elif not key or not top.is_map:
            raise _Outside
        # "key: rest" in the mapping ``top``
        if key in top.keys or len(key) > _SIMPLE_KEY_MAX:
            raise _Outside  # the reference reports duplicate keys
        top.keys[key] = (number, indent + 1)
        if not rest:
            pending = (top, key)
            continue
        first = rest[0]
        if first in _NOT_PLAIN_START or (first in "-?:" and (len(rest) == 1 or rest[1] == " ")):
            if first == "#":
                pending = (top, key)
                continue
            value, count = _value(rest, len(prefix), number, top.indent, len(stack), top.path + (key,), context)
            values += count
        else:
            value = _plain(rest, scalar)
            values += 1
        top.positions[key] = (number, len(prefix) + 1)
        top.value[key] = value
    if pending is not None or top is None:
        raise _Outside
    return result, values, context.aliased


def _plain(rest: str, scalar) -> Any:
    """A plain scalar running to the end of its line (less a comment)."""
    if " #" in rest:
        rest = rest[:rest.index(" #")]
    if rest[-1] == " ":
        rest = rest.rstrip(" ")
    if ": " in rest or rest[-1] == ":":
        raise _Outside  # libyaml: "mapping values are not allowed here"
    return scalar(rest)


def _value(rest: str, offset: int, number: int, block_indent: int, depth: int, path: tuple,
           context: _Context) -> tuple[Any, int]:
    """(value, values written in it) of a block value that is quoted, a flow collection, an alias or anchored.

    ``rest`` starts at column ``offset + 1`` and runs to the end of the line.
    """
    first = rest[0]
    if first == "*":
        alias = _ALIAS.match(rest)
        if alias is None or alias[1] not in context.anchors:
            raise _Outside
        _end_of_line(rest, alias.end())
        value, size = context.anchors[alias[1]]
        context.aliased += size
        return value, 0
    if first == "&":
        anchor = _ANCHOR.match(rest)
        if anchor is None:
            raise _Outside
        inner = rest[anchor.end():]
        if not inner or inner[0] in "&*#" or (inner[0] in "-?:" and (len(inner) == 1 or inner[1] == " ")):
            raise _Outside  # an anchor on a nested block, an empty value, ...
        if inner[0] in _NOT_PLAIN_START:
            value, count = _value(inner, offset + anchor.end(), number, block_indent, depth, path, context)
        else:
            value, count = _plain(inner, context.scalar), 1
        context.anchors[anchor[1]] = (value, count)
        return value, count
    scalar = context.scalar
    if first == "'" or first == '"':
        quoted = _QUOTED.match(rest)
        if quoted is None:
            raise _Outside  # multi-line, escapes or doubled quotes
        _end_of_line(rest, quoted.end())
        return quoted.group()[1:-1], 1
    if first == "{":
        flat = _FLAT_MAP.match(rest)
        if flat is not None:
            end = flat.end()
            _end_of_line(rest, end)
            pairs = _MAP_ENTRY.findall(rest, 1, end)
            value = {key: scalar(text) for key, text in pairs}
            if len(value) != len(pairs) or (end > _SIMPLE_KEY_MAX and max(map(len, value)) > _SIMPLE_KEY_MAX):
                raise _Outside  # a duplicate key (the reference reports it), or one libyaml would not take
            context.deferred[path] = (rest[:end], number, offset)
            return value, len(value) + 1
    elif first == "[":
        flat = _FLAT_LIST.match(rest)
        if flat is not None:
            end = flat.end()
            _end_of_line(rest, end)
            items = list(map(scalar, _LIST_ENTRY.findall(rest, 1, end)))
            context.deferred[path] = (rest[:end], number, offset)
            return items, len(items) + 1
    else:
        raise _Outside  # an anchor, alias, tag, block scalar, ...
    if depth >= _MAX_DEPTH:
        raise _Outside
    return _flow(rest, offset, number, context.rows, block_indent, _MAX_DEPTH - depth, path, context.children, scalar)


def _end_of_line(line: str, end: int) -> None:
    """After a complete value: nothing, or blanks and a comment."""
    if end < len(line):
        after = line[end:]
        stripped = after.lstrip(" ")
        if stripped and (stripped[0] != "#" or len(stripped) == len(after)):
            raise _Outside


# states of an open flow collection
_FIRST_KEY, _KEY_NEXT, _COLON, _MAP_VALUE, _AFTER_ENTRY, _FIRST_ITEM, _ITEM = range(7)
_MAY_BREAK = frozenset((_FIRST_KEY, _KEY_NEXT, _FIRST_ITEM, _ITEM))  # where a flow may go on on the next line


def _flow(line: str, offset: int, number: int, rows, block_indent: int, depth_left: int, path: tuple,
          children: dict, scalar) -> tuple[Any, int]:
    """Any flow collection of the subset, token by token (nested, or wrapped over several lines).

    ``line[0]`` is the opening bracket, at column ``offset + 1`` of line ``number``.
    """
    stack: list[list] = []  # [is_map, value, positions, keys, path, state, key waiting for its value]
    result: Any = None
    pos = 0
    values = 0
    match_token = _FLOW_TOKEN.match
    while True:
        token = match_token(line, pos)
        if token is None:
            raise _Outside
        group = token.lastindex
        top = stack[-1] if stack else None
        state = top[5] if top is not None else _MAP_VALUE
        if group == 4:  # the end of the line: go on with the next one, between entries only
            if top is None or state not in _MAY_BREAK:
                raise _Outside
            number, row = next(rows, (0, None))
            if row is None:
                raise _Outside
            line = row[0] + row[4]
            pos = indent = len(line) - len(line.lstrip(" "))
            offset = 0
            if indent <= block_indent or indent == len(line) or line[indent] == "#":
                raise _Outside
            continue
        pos = token.end()
        if group == 1:
            char = token[1]
            if char == "{" or char == "[":
                if state != _MAP_VALUE and state != _FIRST_ITEM and state != _ITEM:
                    raise _Outside
                position = (number, offset + token.start(1) + 1)
                value: Any = {} if char == "{" else []
                if top is None:
                    here = path
                    result = value
                elif top[0]:
                    here = top[4] + (top[6],)
                    top[2][top[6]] = position
                    top[1][top[6]] = value
                    top[5] = _AFTER_ENTRY
                else:
                    here = top[4] + (len(top[1]),)
                    top[2].append(position)
                    top[1].append(value)
                    top[5] = _AFTER_ENTRY
                if len(stack) >= depth_left:
                    raise _Outside
                frame = [char == "{", value, {} if char == "{" else [], {} if char == "{" else None, here,
                         _FIRST_KEY if char == "{" else _FIRST_ITEM, None]
                children[here] = (frame[2], frame[3])
                values += 1
                stack.append(frame)
                continue
            if char == ",":
                if state != _AFTER_ENTRY:
                    raise _Outside
                top[5] = _KEY_NEXT if top[0] else _ITEM
                continue
            # a closing bracket
            if top is None or (char == "}") != top[0] or state not in (_AFTER_ENTRY, _FIRST_KEY, _FIRST_ITEM):
                raise _Outside
            stack.pop()
            if not stack:
                _end_of_line(line, pos)
                return result, values
            continue
        if group == 2:  # ': ' after a key
            if state != _COLON:
                raise _Outside
            top[5] = _MAP_VALUE
            continue
        text = token[3]  # a scalar
        if top is None:
            raise _Outside
        column = offset + token.start(3) + 1
        if state == _FIRST_KEY or state == _KEY_NEXT:
            if len(text) > _SIMPLE_KEY_MAX or text in top[3] or not _KEY_ONLY.match(text):
                raise _Outside
            top[3][text] = (number, column)
            top[6] = text
            top[5] = _COLON
            continue
        if state == _MAP_VALUE:
            top[1][top[6]] = scalar(text)
            top[2][top[6]] = (number, column)
        elif state == _FIRST_ITEM or state == _ITEM:
            top[1].append(scalar(text))
            top[2].append((number, column))
        else:
            raise _Outside
        values += 1
        top[5] = _AFTER_ENTRY
