"""Safe, bounded YAML loading that remembers where every value came from.

Plain values are read as YAML 1.2 (the core schema), not as PyYAML's YAML 1.1: ``1:30`` is
text, not 90 (sexagesimal); ``1e6`` is a number; ``yes``/``no``/``on``/``off`` are text (only
``true``/``false`` are booleans); ``0777`` is 777 and ``1_000`` is text. Timestamps stay text.
Files are UTF-8, or UTF-16/UTF-32 with a byte-order mark (docs/limits.md).

Why not ``yaml.safe_load``: it forgets line numbers, silently keeps the last of two
duplicate keys, expands alias bombs without limit and recurses on deep nesting. Here the
libyaml *event* stream is folded into plain Python values by an explicit stack, so depth,
alias expansion and size are bounded, tags are whitelisted (nothing is ever constructed
from a tag, let alone executed) and each value's line/column is kept for diagnostics.
"""

from __future__ import annotations

import math
import os
import stat
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from archgen.diagnostics import Diagnostic, SpecError

MAX_BYTES = 20 * 1024 * 1024  # a 50,000-component spec is ~12 MB; anything far larger is not a spec
MAX_DEPTH = 64  # the format nests < 10 levels; deep nesting only ever means hostile input
MAX_EXPANDED_NODES = 5_000_000  # values after alias expansion ("billion laughs" guard) ...
ALIAS_FREE_NODES = 100_000  # ... and beyond this many values, aliases may at most
ALIAS_EXPANSION_FACTOR = 10  # multiply the written values by this factor
# entries in one list or mapping: refused while parsing, before anything is built from them (a
# million-key mapping took 20 s to report one unknown key); callers set lower limits per path
MAX_ITEMS = 100_000

Path = tuple  # of str | int

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver_1_1 = yaml.resolver.Resolver()
_constructor_1_1 = yaml.constructor.SafeConstructor()

_TAG = "tag:yaml.org,2002:"
_KEEP_AS_TEXT = {_TAG + "timestamp", _TAG + "value", _TAG + "yaml"}
_MAP_TAGS = {None, "!", _TAG + "map"}
# C0 and C1 control characters other than tab and line breaks: libyaml refuses them raw, but
# double-quoted escapes ("\e", "\x1b") produce them, and printed in a message or a report they
# would drive the reader's terminal
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SEQ_TAGS = {None, "!", _TAG + "seq"}


@dataclass
class LoadedYaml:
    """A parsed document plus the position of every value (and of every mapping key).

    Positions live with the collection that holds them (``children[path of the collection]``
    is (positions of its items or values, positions of its keys)) rather than in one dict
    keyed by every value's path: a 10,000-component spec has ~300,000 values, and building
    that many path tuples was a fifth of the load time. Read them through ``holder`` (or
    ``locate``): the fast reader works most of them out only when first asked for.
    """

    file: str
    data: Any
    root_position: tuple[int, int] | None = None
    children: dict[Path, tuple[Any, dict | None]] = field(default_factory=dict)
    # the collections whose positions a reader left to be worked out when first asked for (the fast
    # reader's: yaml_subset), by ``deferred_by``: path -> what it needs to (block mappings), and
    # any path not in ``children`` -> (positions, keys), or None where there is no collection
    deferred: dict[Path, Any] = field(default_factory=dict)
    deferred_by: Callable[[Path], tuple[Any, dict | None] | None] | None = None

    def defer(self, work_out: Callable[[Path], tuple[Any, dict | None] | None]) -> None:
        self.deferred_by = work_out

    def holder(self, path: Path) -> tuple[Any, dict | None] | None:
        """(positions of the items or values, positions of the keys) of the collection at ``path``."""
        found = self.children.get(path)
        if found is None and self.deferred_by is not None:
            found = self.deferred_by(path)
            if found is not None:
                self.children[path] = found
        return found

    def value_position(self, path: Path) -> tuple[int, int] | None:
        if not path:
            return self.root_position
        holder = self.holder(path[:-1])
        if holder is None:
            return None
        values, last = holder[0], path[-1]
        if type(values) is list:
            return values[last] if type(last) is int and 0 <= last < len(values) else None
        return values.get(last)

    def key_position(self, path: Path) -> tuple[int, int] | None:
        if not path:
            return None
        holder = self.holder(path[:-1])
        return holder[1].get(path[-1]) if holder is not None and holder[1] is not None else None

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` (or its key), else its nearest parent."""
        path = tuple(path)
        if key:
            found = self.key_position(path)
            if found is not None:
                return found
        while True:
            found = self.value_position(path) or self.key_position(path)
            if found is not None:
                return found
            if not path:
                return (1, 1)
            path = path[:-1]


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_spec_text(file: str, *, max_bytes: int = MAX_BYTES, kind: str = "spec",
                   split_hint: str = "split the system into several specs") -> str:
    """Read a spec file's text (UTF-8, or UTF-16/32 with a BOM), refusing what is clearly not a spec (exit 2)."""

    def unreadable(message: str, line: int = 0, column: int = 0, hint: str = "") -> SpecError:
        return _unreadable(file, message, line, column, hint)

    try:
        if os.path.isdir(file):
            raise unreadable("is a directory, not a spec file")
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise unreadable("not a regular file", hint="save the spec to a file first")
        size = info.st_size
        if size > max_bytes:
            raise unreadable(
                f"file is {size / 1048576:.1f} MB, over the {max_bytes // 1048576} MB limit for a {kind}",
                hint=split_hint)
        with open(file, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except SpecError:
        raise
    except FileNotFoundError:
        raise unreadable("no such file") from None
    except PermissionError:
        raise unreadable("permission denied") from None
    except OSError as exc:
        raise unreadable(f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise unreadable(f"file grew past the {max_bytes // 1048576} MB limit while being read")
    return decode_spec_bytes(raw, file)


# YAML 1.2 (5.2): a stream is UTF-8, UTF-16 or UTF-32; the byte-order mark says which. The
# 32-bit marks go first: UTF-32-LE's mark starts with UTF-16-LE's.
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"), (b"\xef\xbb\xbf", "utf-8"))


def decode_spec_bytes(raw: bytes, file: str) -> str:
    """The text of a spec file: UTF-8 (with or without a BOM), or UTF-16/UTF-32 with a BOM."""

    def unreadable(message: str, line: int = 0, column: int = 0, hint: str = "") -> SpecError:
        return _unreadable(file, message, line, column, hint)

    encoding = "utf-8"
    for bom, name in _BOMS:
        if raw.startswith(bom):
            raw, encoding = raw[len(bom):], name
            break
    if encoding != "utf-8":
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise unreadable(f"not valid {encoding.upper()} (byte offset {exc.start + len(bom)})",
                             hint="save the file as UTF-8") from None
        if "\x00" in text:
            line, column = _text_position(text, text.index("\x00"))
            raise unreadable("NUL character: not a YAML text file", line, column)
        return text
    if b"\x00" in raw:
        line, column = _offset_to_position(raw, raw.index(b"\x00"))
        hint = ("UTF-16 or UTF-32 without a byte-order mark? save the file as UTF-8"
                if raw[:1] == b"\x00" or raw[1:2] == b"\x00" else "")
        raise unreadable("binary data (NUL byte): not a YAML text file", line, column, hint)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _offset_to_position(raw, exc.start)
        raise unreadable(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line, column,
                         hint="save the file as UTF-8") from None


def _unreadable(file: str, message: str, line: int, column: int, hint: str) -> SpecError:
    return SpecError([Diagnostic(file, line, column, message, hint=hint, code="io")], unreadable=True)


def _text_position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _offset_to_position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


@dataclass(frozen=True)
class TagPolicy:
    """Local tags a format gives meaning to, read as data: ``!Ref X`` becomes ``{"Ref": "X"}``.

    ``wrap`` maps a tag (``!Ref``) to the key of the one-entry mapping its value is wrapped in
    (``Ref``), which is how the long form of the same value is written. Nothing is constructed
    or run: the tagged value is folded exactly like an untagged one, then wrapped. Any other
    tag is refused with ``hint``.
    """

    wrap: dict[str, str]
    hint: str
    # plain values as YAML 1.1 reads them (yes/no booleans, 1:30 = 90): CloudFormation's YAML is
    # 1.1 (its User Guide, "Template formats"), specs are read as YAML 1.2
    yaml_1_1: bool = False


# path of a collection -> (most entries it may have, what they are), e.g. {("components",): (50_000, "components")}
ItemLimits = dict


def load_yaml_file(file: str, *, max_bytes: int = MAX_BYTES, tags: TagPolicy | None = None,
                   item_limits: ItemLimits | None = None) -> LoadedYaml:
    return load_yaml_text(read_spec_text(file, max_bytes=max_bytes), file, tags=tags, item_limits=item_limits)


def load_yaml_text(text: str, file: str = "<string>", *, tags: TagPolicy | None = None,
                   item_limits: ItemLimits | None = None) -> LoadedYaml:
    return _Folder(file, tags, item_limits).fold(text)


class _Frame:
    __slots__ = ("value", "path", "pending_key", "merges", "is_map", "start", "anchor", "positions", "keys", "wrap",
                 "limit")

    def __init__(self, value, path, is_map, anchor, start, wrap=None, limit=MAX_ITEMS):
        self.value = value
        self.limit = limit  # most entries this collection may have
        self.wrap = wrap  # key of the one-entry mapping a tagged collection is wrapped in (see TagPolicy)
        self.anchor = anchor
        self.path = path
        self.is_map = is_map
        self.pending_key = None  # the key (or _MERGE) while a mapping waits for the key's value
        self.merges: list = []
        self.start = start  # values expanded before this one: its size is the count at its end minus this
        self.positions: dict | list = {} if is_map else []  # of the values / items
        self.keys: dict | None = {} if is_map else None  # of the keys


_MISSING = object()
_MERGE = object()  # pending key of a '<<' merge


@dataclass(frozen=True)
class _Wrapped:
    """A scalar carrying a format's tag, before it is wrapped in its one-entry mapping."""

    key: str
    text: str


class _Folder:
    """Turns libyaml events into Python values with an explicit stack (no recursion).

    The event loop is written out in one function on purpose: a 10,000-component spec is
    ~375,000 events, and a method call per event doubled the load time.
    """

    def __init__(self, file: str, tags: TagPolicy | None = None, item_limits: ItemLimits | None = None):
        self.file = file
        self.item_limits: ItemLimits = item_limits or {}
        self.tags = tags
        self.wrap: dict[str, str] = tags.wrap if tags is not None else {}
        self.yaml_1_1 = tags is not None and tags.yaml_1_1
        self.text = ""
        self.literal_nodes = 0
        self.result = LoadedYaml(file, None)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.biggest_alias: tuple[int, int, int] = (0, 0, 0)  # (values it expands to, line, column)
        self.expanded = 0

    def fail(self, mark, message: str, hint: str = "", code: str = "yaml") -> SpecError:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        return SpecError([Diagnostic(self.file, line, column, message, hint=hint, code=code)])

    def fold(self, text: str) -> LoadedYaml:
        self.text = text
        try:
            self._fold(text)
        except yaml.MarkedYAMLError as exc:
            raise self._syntax_error(exc) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
            raise self._reader_error(exc) from None
        except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports every other error with a mark
            raise SpecError([Diagnostic(self.file, 0, 0, f"YAML error: {_clip(str(exc))}", code="yaml")]) from None
        except RecursionError:  # pragma: no cover - the depth limit fires first
            raise SpecError([Diagnostic(self.file, 0, 0, "YAML nesting too deep", code="limit")]) from None
        if self.expanded > ALIAS_FREE_NODES and self.expanded > ALIAS_EXPANSION_FACTOR * self.literal_nodes:
            _, line, column = self.biggest_alias  # the alias that expands most: where to start looking
            raise SpecError([Diagnostic(
                self.file, line, column,
                f"aliases expand {self.literal_nodes:,} written values into {self.expanded:,}",
                hint="a 'billion laughs' document? write the values out or use fewer aliases", code="limit")])
        return self.result

    def _fold(self, text: str) -> None:
        stack: list[_Frame] = []
        top: _Frame | None = None  # stack[-1], kept in a local
        documents = 0
        children = self.result.children
        item_limits = self.item_limits
        anchors = self.anchors
        plain_cache: dict[str, Any] = {}  # plain scalar text -> resolved value (specs repeat values a lot)
        expanded = literal = 0
        get_event = _Loader(text).get_event
        Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        MapEnd, SeqEnd, Alias = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent
        DocStart, StreamEnd = yaml.DocumentStartEvent, yaml.StreamEndEvent
        key_tags = (None, "!", _TAG + "str", _TAG + "merge")
        while True:
            event = get_event()
            kind = type(event)
            if kind is Scalar:
                mark = event.start_mark
                if top is not None and top.is_map and top.pending_key is None:  # a mapping key
                    if event.anchor:
                        raise self.fail(mark, "anchors on mapping keys are not supported")
                    if event.tag not in key_tags:
                        raise self.fail(mark, f"unsupported YAML tag '{_short_tag(event.tag)}' on a key")
                    key = event.value
                    if event.style == '"' and _CONTROL.search(key):
                        raise self._control_characters(mark, key)
                    if key == "<<" and event.implicit[0]:
                        top.pending_key = _MERGE
                    else:
                        if key in top.value:
                            raise self.fail(mark, f"duplicate key '{_clip(key)}'",
                                            hint="each key may appear once in a mapping; remove or rename one")
                        if len(top.keys) >= top.limit:
                            raise self._too_many_items(mark, top)
                        top.keys[key] = (mark.line + 1, mark.column + 1)
                        top.pending_key = key
                    continue
                if event.tag is None:
                    if event.implicit[0]:
                        value = plain_cache.get(event.value, _MISSING)
                        if value is _MISSING:
                            value = plain_cache[event.value] = self._construct_scalar(event)
                    else:  # quoted or block scalar: always text
                        value = event.value
                        if event.style == '"' and _CONTROL.search(value):
                            raise self._control_characters(mark, value)
                else:
                    value = self._construct_scalar(event)
                    if type(value) is _Wrapped:  # a format's tag: record the wrapper's one entry
                        value = self._wrap_scalar(value, top, mark)
                expanded += 1
                literal += 1
                size = 1
                anchor = event.anchor
            elif kind is MapStart or kind is SeqStart:
                is_map = kind is MapStart
                mark = event.start_mark
                wrap = None
                if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                    wrap = self.wrap.get(event.tag)
                    if wrap is None:
                        raise self._bad_tag(mark, event.tag, "specs use plain YAML mappings, lists and scalars; "
                                                             "tags are never interpreted")
                position = (mark.line + 1, mark.column + 1)
                if top is None:
                    path = ()
                    self.result.root_position = position
                elif top.is_map:
                    key = top.pending_key
                    if key is None:
                        raise self.fail(mark, "a mapping key must be a plain scalar, not a "
                                        + ("mapping" if is_map else "list"))
                    if key is _MERGE:
                        key = "<<"
                    path = top.path + (key,)
                    top.positions[key] = position
                else:
                    if len(top.positions) >= top.limit:
                        raise self._too_many_items(mark, top)
                    path = top.path + (len(top.value),)
                    top.positions.append(position)
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(mark, f"nesting deeper than {MAX_DEPTH} levels", code="limit")
                if wrap is not None:  # the collection is the value of the wrapper's one entry
                    children[path] = ({wrap: position}, {wrap: position})
                    path = path + (wrap,)
                # libyaml reports a collection's anchor on its start event; it is registered at the end
                top = _Frame({} if is_map else [], path, is_map, event.anchor, expanded, wrap,
                             item_limits[path][0] if path in item_limits else MAX_ITEMS)
                expanded += 1
                literal += 1
                if expanded > MAX_EXPANDED_NODES:
                    self._too_many(mark)
                children[path] = (top.positions, top.keys)
                stack.append(top)
                continue
            elif kind is MapEnd or kind is SeqEnd:
                frame = stack.pop()
                top = stack[-1] if stack else None
                if frame.merges:
                    self._apply_merges(frame)
                value, anchor = frame.value, frame.anchor
                if frame.wrap is not None:
                    value = {frame.wrap: value}
                if anchor:
                    anchors[anchor] = (value, expanded - frame.start)
                if top is None:
                    self.result.data = value
                elif top.is_map:
                    key = top.pending_key
                    top.pending_key = None
                    if key is _MERGE:
                        top.merges.append((value, frame.path))
                    else:
                        top.value[key] = value
                else:
                    top.value.append(value)
                continue
            elif kind is Alias:
                mark = event.start_mark
                if event.anchor not in anchors:
                    raise self.fail(mark, f"alias '*{event.anchor}' refers to no completed anchor",
                                    hint="define '&name' before using '*name' (recursive aliases are not allowed)")
                if top is not None and top.is_map and top.pending_key is None:
                    raise self.fail(mark, "an alias cannot be used as a mapping key")
                value, size = anchors[event.anchor]
                expanded += size
                if size > self.biggest_alias[0]:
                    self.biggest_alias = (size, mark.line + 1, mark.column + 1)
                anchor = None
            elif kind is DocStart:
                documents += 1
                if documents > 1:
                    raise self.fail(event.start_mark, "several YAML documents in one file",
                                    hint="put each system in its own spec file")
                continue
            elif kind is StreamEnd:
                break
            else:
                continue
            # a scalar or an alias value: record where it is and add it to its parent
            if expanded > MAX_EXPANDED_NODES:
                self._too_many(mark)
            position = (mark.line + 1, mark.column + 1)
            if top is None:
                self.result.root_position = position
                self.result.data = value
            elif top.is_map:
                key = top.pending_key
                top.pending_key = None
                if key is _MERGE:
                    top.positions["<<"] = position
                    top.merges.append((value, top.path + ("<<",)))
                else:
                    top.positions[key] = position
                    top.value[key] = value
            else:
                if len(top.positions) >= top.limit:
                    raise self._too_many_items(mark, top)
                top.positions.append(position)
                top.value.append(value)
            if anchor:
                anchors[anchor] = (value, size)
        self.expanded, self.literal_nodes = expanded, literal
        if documents == 0:
            raise SpecError([Diagnostic(self.file, 1, 1, "file is empty: expected a spec mapping",
                                        hint="start with 'version: 1', 'name:' and 'components:'",
                                        code="yaml")])

    def _too_many_items(self, mark, frame: _Frame) -> SpecError:
        if frame.path in self.item_limits:
            limit, what = self.item_limits[frame.path]
            return self.fail(mark, f"more than {limit:,} {what}",
                             hint=f"archgen reads at most {limit:,} {what} in one spec (docs/limits.md); "
                                  "split the system into several specs", code="limit")
        return self.fail(mark, f"more than {frame.limit:,} entries in one {'mapping' if frame.is_map else 'list'}",
                         hint="no spec needs that many (docs/limits.md)", code="limit")

    def _too_many(self, mark) -> None:
        raise self.fail(mark, f"more than {MAX_EXPANDED_NODES:,} values after alias expansion",
                        hint="aliases expand too far (a 'billion laughs' document?)", code="limit")

    def _apply_merges(self, frame: _Frame) -> None:
        for value, path in frame.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    line, column = self.result.locate(path)
                    raise SpecError([Diagnostic(self.file, line, column,
                                                "'<<' merge needs a mapping or a list of mappings",
                                                code="yaml")])
                for key, item in source.items():
                    frame.value.setdefault(key, item)

    def _construct_scalar(self, event):
        tag = event.tag
        if event.style == '"' and _CONTROL.search(event.value):
            raise self._control_characters(event.start_mark, event.value)
        if tag == "!" or tag == _TAG + "str" or tag in _KEEP_AS_TEXT:
            return event.value
        if tag is not None and tag not in _CORE_TAGS:
            wrap = self.wrap.get(tag)
            if wrap is not None:
                return _Wrapped(wrap, event.value)
            raise self._bad_tag(event.start_mark, event.tag, "specs use plain YAML values; tags are never interpreted")
        kind, value = resolve_plain_1_1(event) if self.yaml_1_1 else resolve_plain(event.value)
        if tag == _TAG + "float" and kind == "int" and value is not None:
            kind, value = "float", float(value)
        if tag is not None and kind != tag[len(_TAG):]:
            raise self.fail(event.start_mark, f"'{_clip(event.value)}' is not a valid {tag[len(_TAG):]}")
        if kind == "int" and value is None:
            raise self.fail(event.start_mark, f"number '{_clip(event.value)}' has {len(event.value):,} digits",
                            hint="no value in a spec needs more than a few; use a smaller number", code="limit")
        if kind == "float" and not math.isfinite(value):
            raise self.fail(event.start_mark, f"number '{_clip(event.value)}' is not finite",
                            hint="use a finite number")
        return value

    def _bad_tag(self, mark, tag: str, hint: str) -> SpecError:
        if self.tags is not None:
            return self.fail(mark, f"unknown YAML tag '{_short_tag(tag)}'", hint=self.tags.hint)
        return self.fail(mark, f"unsupported YAML tag '{_short_tag(tag)}'", hint=hint)

    def _wrap_scalar(self, wrapped: _Wrapped, top: _Frame | None, mark) -> dict:
        """``!Ref X`` -> {"Ref": "X"}, its entry positioned like the tagged scalar."""
        if top is None:
            path: Path = ()
        elif top.is_map:
            if top.pending_key is _MERGE:
                raise self.fail(mark, "'<<' merge needs a mapping or a list of mappings")
            path = top.path + (top.pending_key,)
        else:
            path = top.path + (len(top.value),)
        position = (mark.line + 1, mark.column + 1)
        self.result.children[path] = ({wrapped.key: position}, {wrapped.key: position})
        return {wrapped.key: wrapped.text}

    def _reader_error(self, exc) -> SpecError:
        """libyaml gives a byte offset into the UTF-8 text: turn it into line and column."""
        before = self.text.encode("utf-8")[: max(0, exc.position)].decode("utf-8", "replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return SpecError([Diagnostic(self.file, line, column,
                                     f"character U+{character:04X} is not allowed in a YAML file ({exc.reason})",
                                     hint="remove it; specs are plain text", code="yaml")])

    def _control_characters(self, mark, text: str) -> SpecError:
        found = _CONTROL.search(text)
        return self.fail(mark, f"control character U+{ord(found.group()):04X} in a quoted value",
                         hint="specs are plain text: remove the escape sequence", code="yaml")

    def _syntax_error(self, exc: yaml.MarkedYAMLError) -> SpecError:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "syntax error").strip()
        hint = ""
        if mark is not None and "\t" in self._line_text(mark.line)[: mark.column + 1]:
            hint = "YAML forbids tabs for indentation; indent with spaces"
        elif exc.context:
            hint = exc.context.strip()
        return self.fail(mark, f"YAML syntax error: {problem}", hint=hint)

    def _line_text(self, index: int) -> str:
        lines = self.text.split("\n", index + 1)
        return lines[index] if index < len(lines) else ""


# YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2): what a plain scalar means. Anything
# else is text. The first character rules most scalars out without a regular expression.
_CORE_TAGS = {_TAG + t for t in ("null", "bool", "int", "float")}
_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = re.compile(r"(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z")
# a plain scalar is text unless it starts with one of these or is one of those words (the fast reader
# resolves the others without asking)
MAY_BE_NUMBER = frozenset("0123456789+-.")
NOT_TEXT_WORDS = frozenset((*_NULL, *_BOOL))
MAX_INT_DIGITS = 100  # far past any spec value (schema maxima are 10^12), far below Python's 4,300


def resolve_plain(text: str) -> tuple[str, Any]:
    """(kind, value) of a plain scalar under the YAML 1.2 core schema; kind is null, bool, int, float or str.

    An integer of more than MAX_INT_DIGITS digits comes back as ("int", None): refused by the caller.
    """
    if not text or text[0] not in MAY_BE_NUMBER:
        if text in _NULL:
            return "null", None
        if text in _BOOL:
            return "bool", _BOOL[text]
        return "str", text
    if _INT.match(text):
        digits = len(text.lstrip("+-"))
        return "int", int(text) if digits <= MAX_INT_DIGITS else None
    if _INT8.match(text) or _INT16.match(text):
        return "int", int(text, 0) if len(text) <= MAX_INT_DIGITS else None
    if _FLOAT.match(text):
        return "float", float(text)
    if _SPECIAL_FLOAT.match(text):
        return "float", float(text.replace(".", "", 1))
    return "str", text


def resolve_plain_1_1(event) -> tuple[str, Any]:
    """(kind, value) of a scalar as YAML 1.1 (PyYAML) reads it; timestamps stay text."""
    tag = event.tag or _resolver_1_1.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag not in _CORE_TAGS:
        return "str", event.value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return tag[len(_TAG):], _constructor_1_1.yaml_constructors[tag](_constructor_1_1, node)
    except (ValueError, yaml.YAMLError):
        return "str", event.value  # the caller reports '... is not a valid <tag>'


def _short_tag(tag: str) -> str:
    return _clip("!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag)


def _clip(text: str, limit: int = 80) -> str:
    """Input quoted in a message: control characters escaped, at most ``limit`` characters."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
