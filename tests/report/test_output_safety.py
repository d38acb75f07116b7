"""Text from a spec is shown literally in every output: DOT, SVG, Markdown and HTML.

Specs are edited in pull requests and their reports are posted as PR comments and published
as HTML, so a label like ``<b>x</b>``, ``</script><script>...``, a '|' in a Markdown table
cell or a newline must come out as those characters, never as markup. Each payload below
carries a marker (INJ-...!, none a prefix of another); the checks render every output (Markdown through a CommonMark +
tables renderer with raw HTML enabled, as GitHub does before sanitising) and require that no
element was created from a payload, that table cells are not split, and that wherever a
marker is visible, its whole payload is visible around it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from tests.support import SPECS

SPEC = """\
version: 1
name: injection
title: 'INJ-T! <b>INJ-TB!</b> & "q" | *INJ-TE!* [INJ-TA!](https://example.com)'
description: "INJ-D! <script>INJS()</script> <img src=x alt=INJ-DIMG!>\\nsecond line"
owner: "<i>INJ-O!</i>"
regions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]
components:
  - id: users
    type: users
    label: "Users \\"INJ-Q!\\" 'single' <&> \\\\ back"
    traffic: {peak_rps: 100}
  - id: web
    type: ec2
    label: "<<b>INJ-HB!</b>> INJ-P1! | INJ-P2!\\nINJ-N2!"
    azs: [us-east-1a]
    capacity_rps: 50
  - id: db
    type: rds
    engine: postgres
    label: "</script><script>INJS()</script> \\u05e9\\u05dc\\u05d5\\u05dd \\u0639\\u0631\\u0628\\u064a INJ-RTL!"
    azs: [us-east-1a]
    capacity_rps: 10
connections:
  - {from: users, to: web, label: "}]; digraph { INJ-G! -> x <i>INJ-CI!</i>"}
  - {from: web, to: db, label: "edge & INJ-E1! | INJ-E2!"}
ignore:
  - {rule: AG205, component: db, reason: "<b>INJ-R!</b> | INJ-R2! *INJ-RE!*"}
"""
FILE_NAME = "inj <i>INJ-F! *INJ-FE!* x.yaml"  # no "/" in a file name: an unclosed tag

# element that must never be created from a payload, marker found inside it
INJECTED = [("b", "INJ-TB!"), ("b", "INJ-HB!"), ("b", "INJ-R!"), ("i", "INJ-F!"), ("i", "INJ-O!"), ("i", "INJ-CI!"),
            ("em", "INJ-TE!"), ("em", "INJ-RE!"), ("em", "INJ-FE!"), ("a", "INJ-TA!"), ("script", "INJS()"),
            ("img", "INJ-DIMG!")]
# marker -> the payload text that must surround it wherever it is visible
LITERAL = {"INJ-TB!": "<b>INJ-TB!</b>", "INJ-TE!": "*INJ-TE!*", "INJ-TA!": "[INJ-TA!](https://example.com)",
           "INJ-HB!": "<<b>INJ-HB!</b>>", "INJ-R!": "<b>INJ-R!</b>", "INJ-RE!": "*INJ-RE!*", "INJ-O!": "<i>INJ-O!</i>",
           "INJ-CI!": "<i>INJ-CI!</i>", "INJS()": "<script>INJS()</script>", "INJ-Q!": '"INJ-Q!"',
           "INJ-F!": "<i>INJ-F!", "INJ-FE!": "*INJ-FE!*", "INJ-RTL!": "שלום عربي INJ-RTL!",
           "INJ-DIMG!": "<img src=x alt=INJ-DIMG!>"}
# markers that must share a table cell when either is in one (a '|' or newline split the row)
SAME_CELL = [("INJ-P1!", "INJ-P2!"), ("INJ-E1!", "INJ-E2!"), ("INJ-R!", "INJ-R2!")]


class Page(HTMLParser):
    """Elements with their text, the visible text and the table cells of an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[list] = []  # [tag, attrs, text parts]
        self.elements: list[tuple[str, str, dict]] = []
        self.visible: list[str] = []
        self.cells: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "br", "meta", "link", "input", "hr"):
            self.elements.append((tag, "", dict(attrs)))
            return
        self.stack.append([tag, dict(attrs), []])

    def handle_endtag(self, tag):
        while self.stack:
            name, attrs, parts = self.stack.pop()
            text = "".join(parts)
            self.elements.append((name, text, attrs))
            if name in ("td", "th"):
                self.cells.append(text)
            if self.stack:
                self.stack[-1][2].append(text)
            if name == "tag" or name == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)
        if not self.stack or self.stack[-1][0] not in ("script", "style"):
            self.visible.append(data)


def parse_html(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    while page.stack:
        page.handle_endtag(page.stack[-1][0])
    return page


def markdown_to_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(text)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def problems_in_page(page: Page, where: str) -> list[str]:
    found = []
    for tag, marker in INJECTED:
        for name, text, attrs in page.elements:
            # an element made from a payload starts with its marker (the report's own <em> around a
            # whole suppression reason, or its data <script>, do not)
            if name == tag and (text.strip().startswith(marker) or marker in attrs.values()):
                found.append(f"{where}: <{tag}> created from a payload ({marker})")
    visible = squash("".join(page.visible))
    for marker, payload in LITERAL.items():
        if marker in visible and squash(payload) not in visible:
            shown = visible[max(0, visible.find(marker) - 40): visible.find(marker) + 40]
            found.append(f"{where}: {payload!r} not shown literally: ...{shown}...")
    for first, second in SAME_CELL:
        for cell in page.cells:
            if (first in cell) != (second in cell):
                found.append(f"{where}: table cell split between {first} and {second}: {cell[:80]!r}")
    return found


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    """Every text output archgen makes for the spec, by name."""
    work = tmp_path_factory.mktemp("inject")
    spec = work / FILE_NAME
    spec.write_text(SPEC, encoding="utf-8")
    runner = CliRunner()
    out: dict[str, str] = {}

    def run(*argv):
        result = runner.invoke(cli, list(argv), catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        return result.stdout

    from archgen.commands import __path__ as command_path

    commands = {p.stem for p in Path(command_path[0]).glob("*.py")}
    out["validate"] = run("validate", str(spec))
    if "analyze" in commands:
        out["analyze.md"] = run("analyze", "--format", "markdown", str(spec))
        out["analyze.json"] = run("analyze", "--format", "json", str(spec))
        out["analyze.sarif"] = run("analyze", "--format", "sarif", str(spec))
    if "traffic" in commands:
        out["traffic.md"] = run("traffic", "--format", "markdown", str(spec))
        out["traffic.json"] = run("traffic", "--format", "json", str(spec))
    if "diff" in commands:
        out["diff.md"] = run("diff", "--format", "markdown", str(SPECS / "shop.yaml"), str(spec))
    if "render" in commands:
        run("render", "-o", str(work / "render"), "--format", "dot,svg", str(spec))
        for path in (work / "render").rglob("diagram.*"):
            out[f"render/{path.name}"] = path.read_text(encoding="utf-8")
    if "build" in commands:
        run("build", "-o", str(work / "build"), str(spec))
        for path in (work / "build").rglob("*"):
            if path.suffix in (".md", ".html", ".json", ".svg", ".dot") and not path.name.startswith("."):
                out[f"build/{path.name}"] = path.read_text(encoding="utf-8")
    return out


def markdown_problems(outputs) -> list[str]:
    """What the Markdown outputs get wrong (test_markdown_outputs_show_spec_text_literally asserts there are none)."""
    found = []
    for name, text in sorted(outputs.items()):
        if name.endswith(".md"):
            found += problems_in_page(parse_html(markdown_to_html(text)), name)
    return found


def test_markdown_check_detects_injection():
    """The Markdown check itself works: raw payloads in a table are caught, escaped ones pass."""
    raw = "| a | b |\n|---|---|\n| <b>INJ-TB!</b> | INJ-P1! | INJ-P2! |\n"
    escaped = "| a | b |\n|---|---|\n| &lt;b&gt;INJ-TB!&lt;/b&gt; | INJ-P1! \\| INJ-P2! |\n"
    assert len(problems_in_page(parse_html(markdown_to_html(raw)), "raw")) == 3
    assert problems_in_page(parse_html(markdown_to_html(escaped)), "escaped") == []


def test_html_report_shows_spec_text_literally(outputs):
    pages = {name: text for name, text in outputs.items() if name.endswith(".html")}
    found = []
    for name, text in sorted(pages.items()):
        page = parse_html(text)
        found += problems_in_page(page, name)
        scripts = [text for tag, text, _ in page.elements if tag == "script"]
        if any("INJS()" == s.strip() for s in scripts):
            found.append(f"{name}: a <script> element from a payload")
    assert not found, "\n".join(found)


def test_svg_diagrams_are_well_formed_and_literal(outputs):
    found = []
    for name, text in sorted(outputs.items()):
        if not name.endswith(".svg"):
            continue
        root = ET.fromstring(text.encode("utf-8"))
        local = [(el.tag.rsplit("}", 1)[-1], el) for el in root.iter()]
        for tag, element in local:
            if tag in ("script", "foreignObject", "b", "i", "em"):
                found.append(f"{name}: <{tag}> element in the SVG")
        texts = "".join("".join(el.itertext()) for tag, el in local if tag == "text")
        compact = re.sub(r"\s+", "", texts)
        for marker, payload in LITERAL.items():
            if marker in compact and not drawn_literally(marker, payload, compact):
                found.append(f"{name}: {payload!r} not drawn literally")
    assert not found, "\n".join(found)


def drawn_literally(marker: str, payload: str, compact: str) -> bool:
    """The payload's text is there as it was written, whole or cut by an ellipsis after the marker
    (a label longer than its room; the tooltip has the rest)."""
    text = re.sub(r"\s+", "", payload)
    end = text.index(marker) + len(marker)
    return text in compact or any(text[:cut] + "…" in compact for cut in range(end, len(text)))


def test_dot_source_keeps_payloads_inside_labels(outputs):
    """A payload closing the label ('}]; digraph {') must not create a node: DOT parses to the spec's nodes."""
    dots = [text for name, text in outputs.items() if name.endswith(".dot")]
    assert dots, "no DOT output to check"
    for text in dots:
        nodes = set(re.findall(r'^\s*"([^"]+)" \[', text, re.M))
        assert "INJ-G!" not in nodes and "x" not in nodes
        assert "INJ-G! -> x" not in re.sub(r'"(?:\\.|[^"\\])*"|<[^\n]*>', "", text)


def test_machine_outputs_are_valid_json_with_the_text_unchanged(outputs):
    label = "</script><script>INJS()</script> שלום عربي INJ-RTL!"
    for name, text in outputs.items():
        if name.endswith((".json", ".sarif")):
            data = json.loads(text)
            assert "INJ" in json.dumps(data, ensure_ascii=False)
            if name == "traffic.json":
                assert label in json.dumps(data, ensure_ascii=False)



# ------------------------------------------------------------------ Markdown shows spec text literally
# Markdown reports (analyze, traffic, build's report.md, diff) show spec text literally:
# no <b>, <script>, *emphasis* or [links](...) from a spec become markup in a PR comment.
def test_markdown_outputs_show_spec_text_literally(outputs):
    found = markdown_problems(outputs)
    assert not found, "\n".join(found)


def test_escaping_renders_back_to_the_original_text():
    from markdown_it import MarkdownIt

    from archgen.report import markdown as md

    render = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render
    for original in ["1. not a list", "# not a heading", "- not an item", "> not a quote", "3.47 rps",
                     "<b>bold?</b> *no* [link](x) ~~s~~ &lt; a|b multi_az \\ `tick`"]:
        html = render(md.paragraph(original)).strip()
        assert html.startswith("<p>") and "<b>" not in html and "<a " not in html and "<em>" not in html, html
    assert render("| " + md.text("a|b") + " |\n|---|\n| x |").count("<td>") == 1
    assert md.code("a`b") == "``a`b``" and md.code("`x") == "`` `x ``"
    assert md.text("3.47") == "3.47", "table cells stay readable: no escapes where none are needed"
