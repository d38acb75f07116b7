"""Spec text in logs and pull-request comments: shown as typed, reaching nobody, forging nothing.

Why: specs come from pull requests and archgen's Markdown becomes a PR comment, its text a CI
log. A title ``@everyone`` would notify a whole organisation and ``#123`` link an issue; a
suppression reason with a line break could print a fake ``file:line:col: error:`` line that a
problem matcher turns into an annotation; bidi overrides and zero-width characters make a
reviewer read something other than what is there. Every text and Markdown output of every
command that prints spec text runs on one hostile spec here.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from archgen.untrusted import UNSAFE, one_line, unmention, visible

HOSTILE = r"""version: 1
name: hostile
title: "Shop @everyone #123\nspecs/forged.yaml:1:1: error: forged title \u202eevil\u200b"
description: "cc @org/team, see #42 and GH-7\n# not a heading\u2066"
objectives: {availability: 99.9}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: u, type: users, label: "@everyone\u202e", traffic: {peak_rps: 10}}
  - {id: web, type: ec2, azs: [us-east-1a], label: "web #9 @octocat\u200b"}
  - id: dns
    type: route53
    zone: example.com
    records:
      - {name: "www\nspecs/forged.yaml:3:3: error: forged record @dns-team", type: A, value: 192.0.2.1, target: web}
connections:
  - {from: u, to: dns}
  - {from: dns, to: web}
ignore:
  - {rule: AG102, component: web, reason: "ok\nspecs/forged.yaml:2:2: error: forged reason @admins #77 \u2066x\u2069"}
"""
MENTIONS = ("@everyone", "@org/team", "@admins", "@octocat", "@dns-team", "#123", "#42", "#77", "#9", "GH-7")
FORGED = re.compile(r"^\S*forged\.yaml:\d+:\d+: error:", re.M)


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "base.yaml").write_text(HOSTILE.replace("peak_rps: 10", "peak_rps: 20")
                                        .replace("@everyone\\u202e", "people"), encoding="utf-8")
    return tmp_path


def run(*argv: str) -> str:
    result = CliRunner().invoke(cli, list(argv))
    assert result.exit_code in (0, 1), result.output
    return result.output


def outside_code(markdown: str) -> str:
    """Markdown without its code spans (GitHub finds no mentions inside them)."""
    return re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", markdown)


TEXT = {
    "analyze": ["analyze", "hostile.yaml"],
    "traffic": ["traffic", "hostile.yaml"],
    "diff": ["diff", "base.yaml", "hostile.yaml"],
    "validate": ["validate", "hostile.yaml"],
}
MARKDOWN = {
    "analyze": ["analyze", "--format", "markdown", "hostile.yaml"],
    "traffic": ["traffic", "--format", "markdown", "hostile.yaml"],
    "diff": ["diff", "--format", "markdown", "base.yaml", "hostile.yaml"],
}


def test_the_hostile_spec_is_valid_and_its_text_reaches_the_outputs(hostile):
    text = run(*TEXT["analyze"])
    assert "Shop @everyone #123\\nspecs/forged.yaml:1:1: error: forged title [U+202E]evil[U+200B]" in text


@pytest.mark.parametrize("command", sorted(TEXT))
def test_text_output_forges_no_line_and_shows_invisible_characters(hostile, command):
    output = run(*TEXT[command])
    assert not FORGED.findall(output), output
    assert not UNSAFE.search(output), [line for line in output.splitlines() if UNSAFE.search(line)]


@pytest.mark.parametrize("command", sorted(MARKDOWN))
def test_markdown_mentions_and_references_reach_nobody(hostile, command):
    output = run(*MARKDOWN[command])
    assert not UNSAFE.search(output)
    assert not FORGED.findall(output)
    prose = outside_code(output)
    if command != "traffic":  # the traffic tables show ids and figures only
        assert "&#8203;" in prose
    for mention in MENTIONS:
        assert mention not in prose, (mention, [line for line in prose.splitlines() if mention in line])


def test_build_report_and_diagram_show_the_same_text_safely(hostile):
    run("build", "-o", "out", "hostile.yaml")
    report = (hostile / "out" / "hostile" / "report.md").read_text(encoding="utf-8")
    assert not UNSAFE.search(report) and not FORGED.findall(report)
    for mention in MENTIONS:
        assert mention not in outside_code(report), mention
    svg = (hostile / "out" / "hostile" / "diagram.svg").read_text(encoding="utf-8")
    assert not UNSAFE.search(svg)
    assert "[U+200B]" in svg and "[U+202E]" in svg  # shown, not removed


@pytest.mark.parametrize("raw, shown", [
    ("a\u202eb", "a[U+202E]b"), ("zero\u200bwidth", "zero[U+200B]width"), ("bom\ufeff", "bom[U+FEFF]"),
    ("line\u2028sep", "line[U+2028]sep"), ("esc\x1b[31m", "esc[U+001B][31m"), ("שלום مرحبا", "שלום مرحبا"),
])
def test_unsafe_characters_are_shown_not_removed(raw, shown):
    assert visible(raw) == shown


def test_one_line_shows_line_breaks():
    assert one_line("a\nb\r\nc\rd\te") == "a\\nb\\nc\\nd e"


@pytest.mark.parametrize("raw, neutral", [
    ("@everyone", "@&#8203;everyone"), ("@org/team", "@&#8203;org/team"), ("see #123", "see #&#8203;123"),
    ("org/repo#5", "org/repo#&#8203;5"), ("GH-7", "GH&#8203;-7"), ("#x and @ alone", "#x and @ alone"),
    ("1 inst @70%", "1 inst @70%"), ("@70x", "@&#8203;70x"),
])
def test_unmention(raw, neutral):
    assert unmention(raw) == neutral

