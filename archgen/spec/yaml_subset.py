"""A fast reader for the plain YAML subset specs are written in; everything else goes to libyaml.

``yamlload`` folds libyaml's event stream into values with positions: ~400,000 events for a
10,000-component spec, half a second, of which PyYAML's Python event objects are the half.
Specs (hand-written, generated, ``archgen import``'s) use a small part of YAML: block mappings
and lists of plain keys and plain or simply quoted values, flow ``{...}`` and ``[...]`` (on one
line or wrapped after a comma), comments. This module reads exactly that part, line by line,
into the same ``LoadedYaml`` (values, and the position of every value and key, answered by the
same ``holder``) in about a third of the time: 0.15-0.21 s of CPU against 0.47-0.65 s for the
three 10,000-component benchmark shapes. libyaml's C parser cannot close that gap: its event stream
alone, before anything is folded, costs 0.21-0.30 s (PyYAML builds a Python event and two marks
per event), and its C composer is 5x slower still (it resolves every scalar in Python).

Where the time goes: one regular expression splits every line (indentation, dash, key, and a value
that is a plain scalar or may be a one-line flow collection), the loop in ``_read`` puts most
lines' entry straight into the collection being read, and the entries of a one-line flow
collection are found by a second expression. Positions are kept only where they are nearly
always asked for (list items, the document's keys); those of the ~100,000 other entries are
worked out from the text if a message asks for one (``_Positions``).

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
import sys
from itertools import chain
from typing import Any

from archgen.spec.yamlload import (ALIAS_EXPANSION_FACTOR, ALIAS_FREE_NODES, MAX_DEPTH, MAX_EXPANDED_NODES, MAX_ITEMS,
                                   MAY_BE_NUMBER, NOT_TEXT_WORDS, ItemLimits, LoadedYaml, resolve_plain)

# Characters the subset allows anywhere: line feed, printable ASCII, and Unicode that libyaml
# reads as printable and not as a line break (no tab, CR, NEL, LS, PS, BOM, C0/C1 controls,
# surrogates or noncharacters)
_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_ASCII_INSIDE = bytes((10, *range(0x20, 0x7f)))  # the same, of ASCII
_KEY = r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*"  # plain keys only, and only of these characters
_SIMPLE_KEY_MAX = 1000  # libyaml refuses an implicit key of more than 1,024 characters
# a key of a block mapping (a longer one: the line is outside the subset)
_BLOCK_KEY = rf"[A-Za-z0-9_][A-Za-z0-9_.\-/]{{0,{_SIMPLE_KEY_MAX - 1}}}+"
# a scalar inside a flow collection: plain (no ':', '#' or flow indicator in it, not starting
# with an indicator, no blank at its end), or quoted without quotes or escapes inside; never
# past the end of its line
_FLOW_PLAIN_START = r"(?:[^\s\[\]{},:#'\"!&*|>%@`?\-]|-[^\s\[\]{},:#])"
_FLOW_PLAIN_REST = r"[^\[\]{},:#\n]*"
_FLOW_PLAIN = rf"{_FLOW_PLAIN_START}{_FLOW_PLAIN_REST}(?<! )"
_QUOTED_TEXT = r"'[^'\n]*'(?!')|\"[^\"\\\n]*\""
_FLOW_SCALAR = rf"(?:{_FLOW_PLAIN}|{_QUOTED_TEXT})"
# a flow mapping or list of scalars on one line (the common case), and its entries
_FLAT_MAP = re.compile(rf"\{{ *(?:{_KEY}: +{_FLOW_SCALAR}(?: *, *{_KEY}: +{_FLOW_SCALAR})*)? *\}}")
_FLAT_LIST = re.compile(rf"\[ *(?:{_FLOW_SCALAR}(?: *, *{_FLOW_SCALAR})*)? *\]")
_MAP_ENTRY = re.compile(rf"({_KEY}): +({_FLOW_SCALAR})")
_LIST_ENTRY = re.compile(_FLOW_SCALAR)
# a one-line flow mapping of plain scalars, spaced as specs write them ("{a: 1, b: x}"): plain scalars
# and keys hold no ',' or ':', so its keys and values are what lies between ", " and ": ". Its repetitions
# are possessive ("*+"): what follows each (": ", ", ", "}") is never a character it takes, so giving some
# back never helps, and not keeping track of what could be given back is ~15% faster
_PLAIN_ENTRY = rf"{_KEY}+: {_FLOW_PLAIN_START}{_FLOW_PLAIN_REST}+(?<! )"
_PLAIN_MAP = re.compile(rf"\{{{_PLAIN_ENTRY}(?:, {_PLAIN_ENTRY})*+\}}")
# the first character of a block value that is a plain scalar (``_Values`` reads the rest of its line)
_PLAIN_START = r"[^ \n{\['\"&*!|>%@`,\]}#?:\-]|[-?:](?=[^ \n])"
# a flow collection of scalars wrapped after its opening bracket or after commas: its first line
# (from the bracket), a line in between and its last line (from the indentation), of a mapping and a list
_MAP_PAIR = rf"{_KEY}: +{_FLOW_SCALAR}"
_WRAPPED = {
    "{": (re.compile(rf"\{{ *(?:{_MAP_PAIR} *, *)*\Z"), re.compile(rf"(?:{_MAP_PAIR} *, *)+\Z"),
          re.compile(rf"{_MAP_PAIR}(?: *, *{_MAP_PAIR})* *\}}")),
    "[": (re.compile(rf"\[ *(?:{_FLOW_SCALAR} *, *)*\Z"), re.compile(rf"(?:{_FLOW_SCALAR} *, *)+\Z"),
          re.compile(rf"{_FLOW_SCALAR}(?: *, *{_FLOW_SCALAR})* *\]")),
}
# every line of the text: (indentation and list dash, key, the blanks after its ':', then the value if it
# is a plain scalar (to the end of the line, with any comment), else the rest of the line: any other
# value (a one-line flow collection is the common one: ``_flat`` makes sure), or a comment). Each group
# is a string to make per line, so: none for all that comes before the value (the blanks after ':' are
# one, a string Python does not make anew); none for a one-line flow collection (finding where it ends
# was a quarter of the expression's time, and ``_flat`` checks its text anyway); one for the indentation
# and the dash (a list's items go on with it when that is "- " at its indentation). "(?:...|)" and not
# "(?:...)?": the same, a third faster (no repeat to keep track of)
_LINES = re.compile(rf"^( *(?:- +|-$|))(?:({_BLOCK_KEY}):( +|$)|)(?:((?:{_PLAIN_START})[^\n]*)|)(.*)$", re.MULTILINE)
# one token of any other flow collection, after optional blanks: an indicator, ': ', a key or
# scalar, or the end of the line
_FLOW_TOKEN = re.compile(rf" *(?:([\[\]{{}},])|(: )|({_FLOW_SCALAR})|(\Z))")
_KEY_ONLY = re.compile(rf"{_KEY}\Z")
_QUOTED = re.compile(_QUOTED_TEXT)
_ANCHOR = re.compile(r"&([A-Za-z0-9_\-]+) +")
_ALIAS = re.compile(r"\*([A-Za-z0-9_\-]+)")
_NOT_PLAIN_START = frozenset("{['\"&*!|>%@`,]}#")  # a block value starting with these is no plain scalar
_LONG_FLAT = 2 * MAX_ITEMS  # characters of a one-line flow collection that may have more than MAX_ITEMS entries
_MAX_DEPTH = MAX_DEPTH - 4  # nesting deeper than this: the reference decides


class _Outside(Exception):
    """The text leaves the subset: the reference path reads it."""


class _Values(dict):
    """Scalar text as written -> its value: quoted text unquoted; plain text, or a plain block value to
    the end of its line (less a comment and blanks), resolved as the reference resolves it (YAML 1.2 core
    schema). Specs repeat values a lot: most lookups hit, and only a miss looks into the text."""

    def __missing__(self, text: str) -> Any:
        first = text[0]
        if first == "'" or first == '"':
            value = text[1:-1]
        else:
            value = text
            if text[-1] in " :" or " #" in text or ": " in text:  # rarely
                value = _plain_to_end(text)
            if first in MAY_BE_NUMBER or value in NOT_TEXT_WORDS:  # else text, as most misses are (names)
                kind, value = resolve_plain(value)
                if (kind == "int" and value is None) or (kind == "float" and not math.isfinite(value)):
                    raise _Outside  # refused by the reference, with its message
        self[text] = value
        return value


class _Keys(dict):
    """Key text -> the one string object for it, interned: a 10,000-component spec writes ~200,000 keys
    and only ~100 distinct ones. Each key's text made anew is freed at once (the memory is reused while
    it is still in the cache), and the checks and the model builder look keys up by string literals,
    which are the interned objects: a lookup finds them at once, without comparing the text."""

    def __missing__(self, text: str) -> str:
        key = self[text] = sys.intern(text)
        return key


def _plain_to_end(text: str) -> str:
    """A plain block value running to the end of its line, less a comment and blanks."""
    if " #" in text:
        text = text[:text.index(" #")]
    text = text.rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Outside  # libyaml: "mapping values are not allowed here"
    return text


class _Context:
    """What reading a value may need besides its text."""

    __slots__ = ("rows", "children", "scalar", "key", "flats", "anchors", "aliased")

    def __init__(self, rows, loaded: LoadedYaml):
        self.rows = rows  # the iterator over the lines: a wrapped flow collection reads on
        self.children = loaded.children
        self.scalar = _Values().__getitem__
        self.key = _Keys().__getitem__
        self.flats: dict[str, tuple[Any, int]] = {}  # one-line flow collection as written -> (value, values in it)
        self.anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, values in it)
        self.aliased = 0  # values the aliases stand for


class _Frame:
    """A block collection being read, and where its entries are.

    A list keeps the position of each item, the document's mapping the positions of its keys and
    values; any other mapping only the line of each key: the positions of a mapping's entries are
    rarely asked for (a message about one of them), and working them out from the text then
    (``_Positions``) is cheaper than recording ~100,000 of them while reading.
    """

    __slots__ = ("indent", "is_map", "value", "positions", "keys", "lines", "path", "indentless")

    def __init__(self, indent: int, is_map: bool, path: tuple, loaded: LoadedYaml, indentless: bool = False):
        self.indent = indent
        self.is_map = is_map
        self.path = path
        self.indentless = indentless  # a list written at its key's indentation ("key:\n- a")
        self.positions: Any = None
        self.keys: dict | None = None
        self.lines: list[int] | None = None
        if not is_map:
            self.value: Any = []
            self.positions = []
            loaded.children[path] = (self.positions, None)
        elif path:
            self.value = {}
            self.lines = loaded.deferred[path] = []
        else:
            self.value = {}
            self.positions, self.keys = loaded.children[path] = ({}, {})


def fold_subset(text: str, file: str, item_limits: ItemLimits | None = None) -> LoadedYaml | None:
    """The document as ``yamlload.load_yaml_text`` reads it, or None when it is outside the subset."""
    if not _characters_inside(text):
        return None
    try:
        loaded, written, aliased, lines = _read(text, file)
    except _Outside:
        return None
    # the reference's limits, with a margin: near them it decides (and words the refusal)
    expanded = written + aliased
    if expanded >= MAX_EXPANDED_NODES // 2 or (
            expanded > ALIAS_FREE_NODES // 2 and expanded > ALIAS_EXPANSION_FACTOR // 2 * written):
        return None
    if _over_limits(loaded, item_limits or {}, lines):
        return None
    return loaded


def _characters_inside(text: str) -> bool:
    if text.isascii():  # a spec's usual text: what the bytes leave out of the subset's ASCII (4x faster)
        return not text.encode("ascii").translate(None, _ASCII_INSIDE)
    return _OUTSIDE.search(text) is None


def _over_limits(loaded: LoadedYaml, item_limits: ItemLimits, lines: int) -> bool:
    """Whether a collection has more entries than the reference allows (then it decides, and words the refusal).

    Without going through every collection: a block collection has at most one entry per line, and
    one-line flow collections longer than 2 * MAX_ITEMS characters are left to the reference.
    """
    for path, (limit, _) in item_limits.items():
        node = loaded.data
        for part in path:
            if type(node) is dict:
                node = node.get(part)
            else:
                node = node[part] if type(node) is list and type(part) is int and 0 <= part < len(node) else None
        if type(node) in (dict, list) and len(node) > limit:
            return True
    for positions, _ in loaded.children.values():  # lists, the document's mapping, wrapped flow collections
        if len(positions) > MAX_ITEMS:
            return True
    return lines > MAX_ITEMS and any(len(keys) > MAX_ITEMS for keys in loaded.deferred.values())


def _read(text: str, file: str) -> tuple[LoadedYaml, int, int, int]:
    """The document, line by line: (it, values written, values aliases stand for, lines).

    Most lines go on with the collection being read, at its indentation: this loop takes their
    entry straight to it; ``_Blocks`` first closes and opens collections for the other lines.
    """
    result = LoadedYaml(file, None)
    rows = enumerate(_LINES.findall(text), 1)
    context = _Context(rows, result)
    blocks = _Blocks(result)
    scalar = context.scalar
    key_of = context.key
    values = 0
    number = 0
    # the collection the entries go in, and what comes before the key or the item of a line that goes on
    # with it: the indentation of a mapping's keys, the indentation and "- " of a list's items (None: no
    # line does); compared, not measured
    top: _Frame = None  # type: ignore[assignment]
    top_value: Any = None
    top_entries: list = []  # a list's item positions, or a mapping's key lines
    top_keys: dict | None = None  # the document's mapping keeps positions instead
    map_indent: str | None = None
    list_head: str | None = None
    for number, (head, key, blanks, plain, rest) in rows:
        if key:
            goes_on = head == map_indent  # never so for "- key: ...": it opens a mapping
        elif head == list_head:
            goes_on = True
        elif plain or (rest and rest[0] != "#") or "-" in head:
            goes_on = False
        else:
            continue  # blank or comment
        if not goes_on:
            top = blocks.place(number, head, key, plain or rest)
            if top is None:
                continue  # the document's '---'
            top_value, top_keys = top.value, top.keys
            if top.is_map:
                map_indent, list_head = " " * top.indent, None
                top_entries = top.lines if top_keys is None else top.positions
            else:
                map_indent, list_head = None, " " * top.indent + "- "
                top_entries = top.positions
        if key:
            key = key_of(key)
            if key in top_value:
                raise _Outside  # the reference reports duplicate keys
            if top_keys is None:
                top_entries.append(number)
            else:
                top_keys[key] = (number, len(head) + 1)
                # a nested block's is where it starts: _Blocks.place
                top_entries[key] = (number, _before_value(head, key, blanks) + 1)
            if plain:
                top_value[key] = scalar(plain)
                values += 1
            elif not rest or rest[0] == "#":
                blocks.pending = (top, key)
                map_indent = list_head = None  # the next line opens a nested block collection
            else:
                top_value[key], count = (_flat(rest, context) or
                                         _inline(rest, _before_value(head, key, blanks), number, top,
                                                 len(blocks.stack), key, context))
                values += count
        else:  # an item of the list ``top``
            top_entries.append((number, len(head) + 1))
            if plain:
                top_value.append(scalar(plain))
                values += 1
            elif not rest:
                raise _Outside  # "-" alone: an empty item or a nested block
            else:
                value, count = (_flat(rest, context) or
                                _inline(rest, len(head), number, top, len(blocks.stack),
                                        len(top_value), context))
                top_value.append(value)
                values += count
    if blocks.pending is not None or top is None:
        raise _Outside
    result.defer(_Positions(text, result))
    return result, values + blocks.values, context.aliased, number


def _before_value(head: str, key: str, blanks: str) -> int:
    """How many characters of a line come before its value (``_LINES``' groups)."""
    return len(head) + (len(key) + 1 + len(blanks) if key else 0)


def _line_of(groups: tuple[str, ...]) -> str:
    """A line from its ``_LINES`` groups."""
    head, key, blanks, plain, rest = groups
    return head + (key + ":" + blanks if key else "") + plain + rest


def _inline(rest: str, offset: int, number: int, top: _Frame, depth: int, entry: str | int,
            context: _Context) -> tuple[Any, int]:
    """(value, values written in it) of the ``entry`` of ``top`` written on the line from column ``offset + 1``,
    not a plain scalar (``_LINES`` finds those)."""
    return _value(rest, offset, number, top.indent, depth, top.path + (entry,), context)


class _Blocks:
    """The stack of open block collections: which one a line's entry goes in."""

    __slots__ = ("result", "stack", "top", "pending", "marker", "values")

    def __init__(self, result: LoadedYaml):
        self.result = result
        self.stack: list[_Frame] = []
        self.top: _Frame | None = None  # stack[-1]
        self.pending: tuple[_Frame, str] | None = None  # a key waiting for its nested block collection
        self.marker = False  # '---' seen
        self.values = 0  # collections opened

    def place(self, number: int, head: str, key: str, content: str) -> _Frame | None:
        """The collection the entry of the line goes in, after closing the collections the line is
        out of and opening those it starts; None for the document's '---'."""
        dash = head.lstrip(" ")
        indent = len(head) - len(dash)
        stack = self.stack
        top = self.top
        if not dash and not key:
            if top is None and not self.marker and not indent and content.rstrip(" ") == "---":
                self.marker = True
                return None
            raise _Outside
        if self.pending is not None:
            parent, parent_key = self.pending
            self.pending = None
            if indent > parent.indent:
                indentless = False
            elif indent == parent.indent and dash:
                indentless = True
            else:
                raise _Outside  # an empty value
            top = self.open(_Frame(indent, not dash, parent.path + (parent_key,), self.result, indentless))
            if parent.keys is not None:
                parent.positions[parent_key] = (number, indent + 1)
            parent.value[parent_key] = top.value
        elif top is None:
            if dash:
                raise _Outside  # the subset's documents are mappings
            top = self.open(_Frame(indent, True, (), self.result))
            self.result.root_position = (number, indent + 1)
            self.result.data = top.value
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
        if dash:
            if top.is_map:
                raise _Outside
            if key:  # "- key: ...": a mapping item
                column = len(head)
                frame = _Frame(column, True, top.path + (len(top.value),), self.result)
                top.positions.append((number, column + 1))
                top.value.append(frame.value)
                top = self.open(frame)
        elif not top.is_map:
            raise _Outside
        self.top = top
        return top

    def open(self, frame: _Frame) -> _Frame:
        self.stack.append(frame)
        self.values += 1
        if len(self.stack) >= _MAX_DEPTH:
            raise _Outside
        return frame


class _Positions:
    """Works out where the entries of a collection are, for the collections the reader keeps no positions of:
    block mappings below the document's (from the line of each key) and one-line flow collections (from
    their text, where the collection holding them says they are)."""

    def __init__(self, text: str, loaded: LoadedYaml):
        self.text = text
        self.loaded = loaded
        self.lines: list[str] | None = None

    def __call__(self, path: tuple) -> tuple[Any, dict | None] | None:
        if self.lines is None:
            self.lines = self.text.split("\n")
        key_lines = self.loaded.deferred.pop(path, None)
        if key_lines is not None:
            return self.mapping(key_lines)
        if not path:
            return None
        where = self.loaded.value_position(path)
        if where is None:
            return None
        number, column = where
        rest = self.lines[number - 1][column - 1:]
        anchor = _ANCHOR.match(rest)
        if anchor is not None:
            rest, column = rest[anchor.end():], column + anchor.end()
        flat = (_FLAT_MAP if rest[:1] == "{" else _FLAT_LIST if rest[:1] == "[" else None)
        found = flat.match(rest) if flat is not None else None
        return _flat_positions((found.group(), number, column - 1)) if found is not None else None

    def mapping(self, key_lines: list[int]) -> tuple[dict, dict]:
        lines = self.lines
        positions, keys = {}, {}
        for number in key_lines:
            head, key, blanks, plain, rest = _LINES.match(lines[number - 1]).groups("")
            keys[key] = (number, len(head) + 1)
            if plain or (rest and rest[0] != "#"):
                positions[key] = (number, _before_value(head, key, blanks) + 1)
                continue
            # a nested block collection: it starts on the next line that is not blank or a comment
            for following in range(number, len(lines)):
                line = lines[following]
                content = line.lstrip(" ")
                if content and content[0] != "#":
                    positions[key] = (following + 1, len(line) - len(content) + 1)
                    break
        return positions, keys


def _flat(text: str, context: _Context) -> tuple[Any, int] | None:
    """(value, values written in it) of a one-line flow collection of scalars, ``text`` being the rest of
    its line; None if ``text`` is not one, or has blanks or a comment after it (``_value`` reads it).

    A mapping of plain scalars spaced as specs write them is its text split at ", " and ": " (cheaper
    than finding its entries); other entries are what ``_MAP_ENTRY`` or ``_LIST_ENTRY``
    find, when written back as specs write flow collections they make its text (the regular
    expression for any spacing is the slower check). A third of them are written more than once
    (``{name: pk, type: S}``): those are copied.
    """
    known = context.flats.get(text)
    if known is not None:
        return known[0].copy(), known[1]  # the same entries, never the same collection
    first = text[0]
    if first != "{" and first != "[":
        return None  # a quoted scalar, an alias, an anchor, ...
    long = len(text) > _SIMPLE_KEY_MAX
    if long and len(text) > _LONG_FLAT:
        raise _Outside  # it may have more than MAX_ITEMS entries: the reference counts them
    scalar = context.scalar
    if first == "[":
        items = _LIST_ENTRY.findall(text, 1)
        if f"[{', '.join(items)}]" != text and _FLAT_LIST.fullmatch(text) is None:
            return None
        found = context.flats[text] = list(map(scalar, items)), len(items) + 1
        return found
    if _PLAIN_MAP.fullmatch(text) is not None:
        words = text[1:-1].replace(", ", ": ").split(": ")  # key, value, key, value, ...
        entries = len(words) >> 1
        pairs = iter(words)
        value = dict(zip(map(context.key, pairs), map(scalar, pairs)))
    else:
        pairs = _MAP_ENTRY.findall(text, 1)
        if f"{{{', '.join(map(': '.join, pairs))}}}" != text and _FLAT_MAP.fullmatch(text) is None:
            return None
        value = {key: scalar(entry) for key, entry in pairs}
        entries = len(pairs)
    if len(value) != entries or (long and max(map(len, value), default=0) > _SIMPLE_KEY_MAX):
        raise _Outside  # a duplicate key (the reference reports it), or one libyaml would not take
    found = context.flats[text] = value, entries + 1
    return found


def _flat_positions(where: tuple[str, int, int]) -> tuple:
    """(positions, keys) of a one-line flow collection: its text, line, and the column before it."""
    rest, number, offset = where
    offset += 1
    if rest[0] == "[":
        return [(number, offset + entry.start()) for entry in _LIST_ENTRY.finditer(rest, 1)], None
    positions, keys = {}, {}
    for entry in _MAP_ENTRY.finditer(rest, 1):
        keys[entry[1]] = (number, offset + entry.start())
        positions[entry[1]] = (number, offset + entry.start(2))
    return positions, keys


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
            value, count = context.scalar(inner), 1
        context.anchors[anchor[1]] = (value, count)
        return value, count
    if first == "'" or first == '"':
        quoted = _QUOTED.match(rest)
        if quoted is None:
            raise _Outside  # multi-line, escapes or doubled quotes
        _end_of_line(rest, quoted.end())
        return quoted.group()[1:-1], 1
    if first == "{" or first == "[":
        flat = (_FLAT_MAP if first == "{" else _FLAT_LIST).match(rest)
        if flat is not None:
            _end_of_line(rest, flat.end())
            return _flat(flat.group(), context)  # type: ignore[return-value]  # it is one
    else:
        raise _Outside  # an anchor, alias, tag, block scalar, ...
    if depth >= _MAX_DEPTH:
        raise _Outside
    wrapped = _wrapped(rest, offset, number, block_indent, path, context)
    if type(wrapped) is tuple:
        return wrapped
    return _flow(rest, offset, number, chain(wrapped, context.rows), block_indent, _MAX_DEPTH - depth, path,
                 context.children, context.scalar)


def _wrapped(rest: str, offset: int, number: int, block_indent: int, path: tuple,
             context: _Context) -> tuple[Any, int] | list:
    """(value, values written in it) of a flow collection of scalars wrapped after its opening bracket
    or after commas (how long ones are written), else the lines it read: ``_flow`` reads them again.

    ``rest`` starts at column ``offset + 1`` of line ``number``; the collection does not end on it.
    """
    first, between, last = _WRAPPED[rest[0]]
    if first.match(rest) is None:
        return []
    pieces = [(rest, number, 1, None, offset)]  # (text, line, where its entries start and end, columns before it)
    read = []
    while True:
        row = next(context.rows, None)
        if row is None:
            raise _Outside
        read.append(row)
        number, groups = row
        line = _line_of(groups)
        indent = len(line) - len(line.lstrip(" "))
        if indent <= block_indent or indent == len(line) or line[indent] == "#":
            raise _Outside  # as ``_flow``
        end = last.match(line, indent)
        if end is not None:
            _end_of_line(line, end.end())
            pieces.append((line, number, indent, end.end(), 0))
            break
        if between.match(line, indent) is None:
            return read
        pieces.append((line, number, indent, None, 0))
    scalar = context.scalar
    if rest[0] == "[":
        items, places = [], []
        for text, number, start, end, before in pieces:
            for entry in _LIST_ENTRY.finditer(text, start, end or len(text)):
                items.append(scalar(entry[0]))
                places.append((number, before + entry.start() + 1))
        context.children[path] = (places, None)
        return items, len(items) + 1
    value, positions, keys = {}, {}, {}
    for text, number, start, end, before in pieces:
        for entry in _MAP_ENTRY.finditer(text, start, end or len(text)):
            key = entry[1]
            if key in value or len(key) > _SIMPLE_KEY_MAX:
                raise _Outside  # the reference reports duplicate keys
            value[key] = scalar(entry[2])
            keys[key] = (number, before + entry.start() + 1)
            positions[key] = (number, before + entry.start(2) + 1)
    context.children[path] = (positions, keys)
    return value, len(value) + 1


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
            line = _line_of(row)
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
