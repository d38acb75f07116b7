"""Markdown reports (analyze, traffic, build's report.md, diff) show spec text literally:
no <b>, <script>, *emphasis* or [links](...) from a spec become markup in a PR comment."""

from __future__ import annotations

from test_output_safety import markdown_problems, outputs  # noqa: F401  (outputs is a fixture)


def test_markdown_outputs_show_spec_text_literally(outputs):  # noqa: F811
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
