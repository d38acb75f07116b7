"""The YAML loader keeps positions, refuses what is unsafe and never constructs from tags."""

from __future__ import annotations

import pytest

from archgen.diagnostics import SpecError
from archgen.spec.yamlload import load_yaml_text


def error_of(text: str) -> str:
    with pytest.raises(SpecError) as info:
        load_yaml_text(text, "t.yaml")
    (diagnostic,) = info.value.diagnostics
    return diagnostic.format()


def test_values_and_keys_keep_their_line_and_column():
    loaded = load_yaml_text("a: 1\nb:\n  - x\n  - {c: true}\n", "t.yaml")
    assert loaded.data == {"a": 1, "b": ["x", {"c": True}]}
    assert loaded.locate(("a",)) == (1, 4)
    assert loaded.locate(("b", 1, "c")) == (4, 9)
    assert loaded.locate(("b", 1, "c"), key=True) == (4, 6)
    assert loaded.locate(("b", 5, "zzz")) == (3, 3)  # nearest known parent: the list under 'b'


def test_anchors_aliases_and_merge_keys_work():
    loaded = load_yaml_text("base: &b {min: 2, max: 4}\nweb:\n  <<: *b\n  max: 8\nother: *b\n", "t.yaml")
    assert loaded.data["web"] == {"min": 2, "max": 8}
    assert loaded.data["other"] == {"min": 2, "max": 4}


def test_timestamps_stay_text_and_keys_are_never_booleans():
    loaded = load_yaml_text("on: 2026-01-01\nno: yes\n", "t.yaml")
    assert loaded.data == {"on": "2026-01-01", "no": True}


@pytest.mark.parametrize("text, expected", [
    ("a: 1\na: 2\n", "t.yaml:2:1: error: duplicate key 'a'; each key may appear once in a mapping; remove or rename one"),
    ("a: !!python/object/apply:os.system ['id']\n",
     "t.yaml:1:4: error: unsupported YAML tag '!!python/object/apply:os.system'; "
     "specs use plain YAML mappings, lists and scalars; tags are never interpreted"),
    ("a: !!python/name:os.system x\n",
     "t.yaml:1:4: error: unsupported YAML tag '!!python/name:os.system'; specs use plain YAML values; tags are never interpreted"),
    ("a: !!binary aGVsbG8=\n",
     "t.yaml:1:4: error: unsupported YAML tag '!!binary'; specs use plain YAML values; tags are never interpreted"),
    ("a: !!set {x}\n",
     "t.yaml:1:4: error: unsupported YAML tag '!!set'; specs use plain YAML mappings, lists and scalars; tags are never interpreted"),
    ("a: 1.0e+400\n", "t.yaml:1:4: error: number '1.0e+400' is not finite; use a finite number"),
    ("a: -.inf\n", "t.yaml:1:4: error: number '-.inf' is not finite; use a finite number"),
    ("a: *nothing\n",
     "t.yaml:1:4: error: alias '*nothing' refers to no completed anchor; define '&name' before using '*name' "
     "(recursive aliases are not allowed)"),
    ("? [a, b]\n: 1\n", "t.yaml:1:3: error: a mapping key must be a plain scalar, not a list"),
    ("a: &x [1, *x]\n",
     "t.yaml:1:11: error: alias '*x' refers to no completed anchor; define '&name' before using '*name' (recursive aliases are not allowed)"),
])
def test_unsafe_or_broken_yaml_is_refused_with_a_position(text, expected):
    assert error_of(text) == expected


def test_deep_nesting_is_refused_without_recursion():
    text = "a: " + "[" * 20000 + "]" * 20000 + "\n"
    # archgen's own limit (64) fires first where the scanner streams; PyYAML 6.0.4's libyaml
    # scans ahead and stops at its built-in limit of 1,000 flow levels. Both refuse, positioned.
    assert error_of(text) in ("t.yaml:1:67: error: nesting deeper than 64 levels",
                              "t.yaml:1:1003: error: YAML syntax error: exceeded maximum nesting depth; "
                              "while increasing flow level")


def test_deep_block_nesting_hits_archgen_limit():
    text = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n"
    assert error_of(text) == "t.yaml:65:129: error: nesting deeper than 64 levels"


def test_billion_laughs_is_refused():
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    message = error_of("\n".join(lines) + "\n")
    assert "more than 5,000,000 values after alias expansion" in message


def test_moderate_alias_fan_out_is_refused_by_the_ratio_rule():
    lines = ["a0: &a0 [" + ", ".join(["x"] * 100) + "]"]
    lines += [f"b{i}: *a0" for i in range(2000)]  # 200,000 values from ~2,100 written ones
    message = error_of("\n".join(lines) + "\n")
    assert message == ("t.yaml:2:5: error: aliases expand 102 written values into 202,102; "
                       "a 'billion laughs' document? write the values out or use fewer aliases")
