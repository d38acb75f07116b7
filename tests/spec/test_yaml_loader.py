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
    assert loaded.data == {"on": "2026-01-01", "no": "yes"}


@pytest.mark.parametrize("plain, value", [
    # YAML 1.1 (PyYAML) read these as 90, 5430, True, 511, 1000 and text; YAML 1.2 does not
    ("1:30", "1:30"), ("1:30:30", "1:30:30"), ("yes", "yes"), ("off", "off"), ("0777", 777), ("1_000", "1_000"),
    ("1e6", 1e6), ("1E+6", 1e6), ("2.5e-3", 0.0025), (".5", 0.5), ("5.", 5.0), ("-7", -7), ("+7", 7),
    ("0x1F", 31), ("0o17", 15), ("true", True), ("FALSE", False), ("~", None), ("null", None), ("", None),
    ("2026-01-01", "2026-01-01"), ("1.2.3", "1.2.3"), ("-x", "-x"), ("0b101", "0b101"), ("e6", "e6"),
])
def test_plain_values_are_read_as_yaml_1_2(plain, value):
    data = load_yaml_text(f"a: {plain}\n", "t.yaml").data["a"]
    assert data == value and type(data) is type(value)


@pytest.mark.parametrize("text, expected", [
    ("a: !!int 12\nb: !!float 1\nc: !!str 1e6\nd: !!bool true\ne: !!null ''\n",
     {"a": 12, "b": 1.0, "c": "1e6", "d": True, "e": None}),
])
def test_explicit_core_tags_follow_yaml_1_2(text, expected):
    assert load_yaml_text(text, "t.yaml").data == expected


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b"")])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmp_path, encoding, bom):
    from archgen.spec.yamlload import load_yaml_file

    path = tmp_path / "s.yaml"
    path.write_bytes(bom + "name: café\nbad: [\n".encode(encoding))
    with pytest.raises(SpecError) as info:  # positions count characters, whatever the encoding
        load_yaml_file(str(path))
    assert info.value.diagnostics[0].line == 3
    path.write_bytes(bom + "name: café\nrto: 1:30\n".encode(encoding))
    assert load_yaml_file(str(path)).data == {"name": "café", "rto": "1:30"}


def test_utf16_without_a_byte_order_mark_is_refused_with_a_hint(tmp_path):
    from archgen.spec.yamlload import load_yaml_file

    path = tmp_path / "s.yaml"
    path.write_bytes("name: x\n".encode("utf-16-le"))
    with pytest.raises(SpecError) as info:
        load_yaml_file(str(path))
    assert info.value.diagnostics[0].format() == (
        f"{path}:1:2: error: binary data (NUL byte): not a YAML text file; "
        "UTF-16 or UTF-32 without a byte-order mark? save the file as UTF-8")


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
    ("a: 1e999\n", "t.yaml:1:4: error: number '1e999' is not finite; use a finite number"),
    ("a: !!int 1e6\n", "t.yaml:1:4: error: '1e6' is not a valid int"),
    ("a: " + "9" * 101 + "\n", "t.yaml:1:4: error: number '" + "9" * 77 + "...' has 101 digits; "
     "no value in a spec needs more than a few; use a smaller number"),
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


def test_a_format_that_reads_yaml_1_1_keeps_its_meaning():
    """CloudFormation reads YAML 1.1: its importer asks for it; specs never get it."""
    from archgen.spec.yamlload import TagPolicy

    text = "a: yes\nb: 1:30\nc: 0777\nd: 2026-01-01\ne: 1e6\n"
    assert load_yaml_text(text, "t.yaml", tags=TagPolicy({}, "", yaml_1_1=True)).data == {
        "a": True, "b": 90, "c": 511, "d": "2026-01-01", "e": "1e6"}
    assert load_yaml_text(text, "t.yaml").data == {"a": "yes", "b": "1:30", "c": 777, "d": "2026-01-01", "e": 1e6}
