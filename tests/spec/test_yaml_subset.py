"""The fast reader (``yaml_subset``) against the reference loader (``yamlload``: libyaml's events).

On any text the fast reader either answers None (the reference reads it, with its messages) or
exactly what the reference reads: the same values of the same types, the same position of every
value and key, and only where the reference reads the text without an error. Checked on every
YAML file of the repository (bundled specs, type examples, imported examples, the hostile corpus),
on generated specs of every benchmark shape, and on thousands of mutated texts (hypothesis:
derandomized, fixed example count).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archgen.diagnostics import SpecError
from archgen.spec.load import SPEC_ITEM_LIMITS, check_text, read_loaded
from archgen.spec.yaml_subset import fold_subset
from archgen.spec.yamlload import decode_spec_bytes, load_yaml_text
from tests.support import BUNDLED_SPECS, ROOT, benchmark_module


def snapshot(loaded) -> tuple:
    """Everything a reader answers, comparable: typed values, and the positions of every collection's entries."""

    def typed(value):
        if isinstance(value, dict):
            return ("map", tuple((key, typed(item)) for key, item in value.items()))
        if isinstance(value, list):
            return ("seq", tuple(typed(item) for item in value))
        return (type(value).__name__, repr(value))

    positions = {}
    paths = [()] if isinstance(loaded.data, (dict, list)) else []
    while paths:
        path = paths.pop()
        holder = loaded.holder(path)
        if holder is None:  # under an alias: the reference keeps no positions there either
            continue
        values, keys = holder
        positions[path] = (dict(values) if isinstance(values, dict) else list(values), keys)
        node = loaded.data
        for part in path:
            node = node[part]
        for key, item in (node.items() if isinstance(node, dict) else enumerate(node)):
            if isinstance(item, (dict, list)):
                paths.append(path + (key,))
    return typed(loaded.data), loaded.root_position, positions


def reference(text: str, item_limits=None):
    try:
        return load_yaml_text(text, "t.yaml", item_limits=item_limits)
    except SpecError as error:
        return error


def assert_same_or_declined(text: str, item_limits=None) -> bool:
    """True when the fast reader read ``text`` (and read it as the reference does)."""
    fast = fold_subset(text, "t.yaml", item_limits)
    if fast is None:
        return False
    expected = reference(text, item_limits)
    assert not isinstance(expected, SpecError), f"the fast reader accepted what the reference refuses: {expected}"
    assert snapshot(fast) == snapshot(expected)
    return True


def repository_yaml() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "*.yaml", "*.yml"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    return sorted(ROOT / name for name in listed)


def texts_of(paths) -> dict[str, str]:
    out = {}
    for path in paths:
        try:
            out[str(path.relative_to(ROOT))] = decode_spec_bytes(path.read_bytes(), str(path))
        except SpecError:  # binary, or not UTF-8/16/32: refused before any YAML reader runs
            continue
    return out


CORPUS = texts_of(repository_yaml())


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_yaml_file_of_the_repository_is_read_as_the_reference_reads_it(name):
    assert_same_or_declined(CORPUS[name])
    assert_same_or_declined(CORPUS[name], SPEC_ITEM_LIMITS)


def test_the_fast_reader_reads_every_bundled_spec_and_type_example():
    """The fast path must not quietly become dead code: what archgen ships is inside the subset."""
    shipped = [*BUNDLED_SPECS, *sorted((ROOT / "docs" / "examples" / "types").glob("*.yaml"))]
    declined = [path.name for path in shipped if not assert_same_or_declined(path.read_text(encoding="utf-8"))]
    assert declined == []


@pytest.mark.parametrize("shape", ["estate", "products", "records"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_specs_of_every_shape_are_read_by_the_fast_reader(shape, seed):
    generate = benchmark_module("generate")
    text = generate.dump(generate.SHAPES[shape](300, seed))
    assert assert_same_or_declined(text, SPEC_ITEM_LIMITS)


def test_specs_are_loaded_through_the_fast_reader_and_outside_it_through_the_reference():
    text = BUNDLED_SPECS[0].read_text(encoding="utf-8")
    assert read_loaded(text, "t.yaml").deferred_by is not None  # the fast reader's
    assert read_loaded(text.replace("\n", "\r\n"), "t.yaml").deferred_by is None  # CR: the reference's
    assert snapshot(read_loaded(text, "t.yaml")) == snapshot(read_loaded(text.replace("\n", "\r\n"), "t.yaml"))


# The paths the fast reader takes for speed, each against the reference: flow collections wrapped
# after commas (and those it leaves to the token-by-token reader, having read some of their lines),
# one-line flow collections as specs write them (of plain scalars, or quoted ones) and with any other
# spacing, plain block values with a comment or blanks after them, the block key limit
@pytest.mark.parametrize("text, read", [
    ("a:\n  b: {x: 1, y: two,\n    z: 3}\n  c: 1\n", True),
    ("a: {\n    x: 1, y: 2}\n", True),
    ("a: [1, 2,\n  3, 4,\n  5]\nb: 2\n", True),
    ("a:\n- {x: 1,\n  y: 2}\n- {x: 3, y: 4}\n", True),
    ("a: {x: 1,\n  y: 2}  # c\nb: 1\n", True),
    ("a: {x: 1,\n  y: [1, 2]}\nb: 1\n", True),
    ("a: {x: 1,\n  y: 2,\n  z: {q: 1}}\nb: 1\n", True),
    ("a: {x: 1,\n  }\nb: 1\n", False),
    ("a: {x: 1,\n  x: 2}\n", False),
    ("a: {x: 1, # c\n  y: 2}\n", False),
    ("a:\n  b: {x: 1,\n  y: 2}\n", False),
    ("a: { x:  1 ,y: two }\nb: [ 1,2 , 3 ]\nc: {}\nd: [ ]\n", True),
    ("a: {x: 1, y: -2, z: ~, w: x y, v: 1.5e3}\nb: [1, -x, true, x y]\nc: [1, 'q']\n", True),
    ("a: {x: 'p, q: r', y: \"s\"}\nb: ['a, b', c]\n", True),
    ("a: {x: [1]}\nb: [{y: 1}]\n", True),
    ("a: {x: 1} # {y: 2}\nb: [1] #x\n", True),
    ("a: {x: 1} y\n", False),
    ("a: &q {x: 1}\nb: *q\n", True),
    ("a: x y  z\nb: x:y\nc: -1\nd: x #c\ne: 'q'\nf: x \ng: ?x\n", True),
    ("a: x #c: d\nb: x  # c\nc: 1 # 2\nd: x:y # z:\ne: true  \nf: x[y] #c\n", True),
    ("k" * 1000 + ": 1\n", True),
    ("k" * 1001 + ": 1\n", False),
    ("a:\n- " + "k" * 1001 + ": 1\n", False),
])
def test_the_fast_paths_read_as_the_reference_reads(text, read):
    assert assert_same_or_declined(text) is read


def test_a_flow_collection_written_twice_is_read_into_two_collections():
    data = fold_subset("a: {x: 1}\nb: {x: 1}\nc: [1]\nd: [1]\n", "t.yaml").data
    assert data["a"] == data["b"] and data["a"] is not data["b"]
    assert data["c"] == data["d"] and data["c"] is not data["d"]


@pytest.mark.parametrize("text, message", [
    ("a: 1\na: 2\n", "t.yaml:2:1: error: duplicate key 'a'"),
    ("a: {b: 1, b: 2}\n", "t.yaml:1:11: error: duplicate key 'b'"),
    ("a: 1e400\n", "t.yaml:1:4: error: number '1e400' is not finite"),
    ("a: b: c\n", "t.yaml:1:5: error: YAML syntax error: mapping values are not allowed"),
    ("a: b:\n", "t.yaml:1:5: error: YAML syntax error: mapping values are not allowed"),
    ("a:\n  - x\n - y\n", "t.yaml:3:2: error: YAML syntax error: did not find expected key"),
])
def test_outside_the_subset_the_reference_reports_with_its_positions(text, message):
    assert fold_subset(text, "t.yaml") is None
    checked = check_text(text, "t.yaml")
    assert checked.diagnostics[0].format().startswith(message)


def test_item_limits_are_left_to_the_reference():
    text = "components:\n" + "".join(f"- {{id: c{i}}}\n" for i in range(4))
    limits = {("components",): (3, "components")}
    assert fold_subset(text, "t.yaml", limits) is None
    assert fold_subset(text, "t.yaml", {("components",): (4, "components")}) is not None


# Mutations real edits and hostile inputs make: YAML indicators, quotes, tabs, odd line breaks,
# anchors and aliases, plain values YAML 1.1 and 1.2 read differently, indentation changes.
PIECES = [" ", "  ", "\n", ":", ": ", "- ", "-", "#", " #", "{", "}", "[", "]", ",", ", ", "'", '"', "''", "\\",
          "&a ", "*a", "&b ", "*b", "<<: ", "!", "!!str ", "|", ">", "\t", "\r\n", "\r", "\u2028", "\x85", "\ufeff",
          "\x00", "\x1b", "---", "...", "--- ", "? ", "%", "@", "`", "~", "null", "yes", "on", "0x1F", "0o17",
          "0777", "1e3", "1e400", ".inf", ".nan", "1:30", "1_000", "-0", "+1", ".5", "\u00e9", "\U0001f600",
          "x" * 1100, "9" * 120, "a: b", "{a: 1}", "[1, 2]", "key: value\n", "- item\n", "'it''s'", '"\\n"']

SMALL_TEXTS = [text for text in (path.read_text(encoding="utf-8") for path in
                                 [*BUNDLED_SPECS, *sorted((ROOT / "docs" / "examples" / "types").glob("*.yaml"))])
               if len(text) < 6000]
_generate = benchmark_module("generate")
SMALL_TEXTS += [_generate.dump(_generate.SHAPES[shape](40, 1)) for shape in ("estate", "products", "records")]


@st.composite
def mutated(draw) -> str:
    text = draw(st.sampled_from(SMALL_TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        operation = draw(st.sampled_from(["insert", "insert", "delete", "duplicate", "indent", "swap"]))
        row = draw(st.integers(0, len(lines) - 1))
        line = lines[row]
        if operation == "insert":
            at = draw(st.integers(0, len(line)))
            lines[row] = line[:at] + draw(st.sampled_from(PIECES)) + line[at:]
        elif operation == "delete" and line:
            at = draw(st.integers(0, len(line) - 1))
            lines[row] = line[:at] + line[at + draw(st.integers(1, 4)):]
        elif operation == "duplicate":
            lines.insert(row, line)
        elif operation == "indent":
            change = draw(st.sampled_from([-2, -1, 1, 2]))
            lines[row] = " " * change + line if change > 0 else line[-change:] if line[:-change].isspace() else line
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[row], lines[other] = lines[other], lines[row]
    return "\n".join(lines)


@settings(max_examples=3000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_texts_are_read_as_the_reference_reads_them_or_left_to_it(text):
    assert_same_or_declined(text)
