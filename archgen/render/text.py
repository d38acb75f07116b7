"""Turning untrusted spec text into DOT that Graphviz draws literally.

Labels come from the spec author and end up in two languages at once (DOT, then SVG/XML),
so every string goes through exactly one of two escapers:

* :func:`html` for text inside HTML-like labels (``<...>``): XML-escapes ``& < > "``, so a
  label such as ``<B>x</B>`` or ``&amp;`` is shown as typed, never interpreted, and doubles
  ``\\`` (Graphviz still expands ``\\N``, ``\\G``... inside HTML labels, even written as ``&#92;``);
* :func:`quoted` for double-quoted attribute values (ids, colours): escapes ``\\`` and ``"``,
  so Graphviz's escString sequences (``\\N``, ``\\G``, ``\\l``...) stay literal, and
  :func:`quoted_tooltip` for tooltips, which Graphviz unescapes once more.

Characters that would be invisible or change how neighbouring text is displayed are made
visible instead of passed through: C0/C1 controls become Unicode "control pictures" (they are
also illegal in XML 1.0, so passing them would break the SVG), and bidirectional formatting
characters (the "Trojan Source" overrides, CVE-2021-42574) and zero-width characters become
``[U+202E]`` (the list is archgen/untrusted.py's, shared with text and Markdown). Right-to-left
letters themselves (Arabic, Hebrew) are kept as they are.
"""

from __future__ import annotations

import re
import textwrap

from archgen.untrusted import UNSAFE as _UNSAFE  # one list of characters shown rather than passed on


def _visible(match: re.Match) -> str:
    char = match.group(0)
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"[U+{code:04X}]"


def visible(text: str) -> str:
    """``text`` with controls and bidi overrides shown as visible marks (tabs become spaces)."""
    return _UNSAFE.sub(_visible, text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))


def html(text: str) -> str:
    """Text for an HTML-like label cell; line breaks become ``<BR/>``."""
    lines = visible(text).split("\n")
    return "<BR/>".join(
        line.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;")
        for line in lines)


def quoted(text: str) -> str:
    """A DOT double-quoted string (with the quotes) whose value Graphviz shows literally."""
    return '"' + visible(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def quoted_tooltip(text: str) -> str:
    """Like :func:`quoted` for ``tooltip``, which Graphviz 2.43 unescapes twice (as an escString,
    then again when writing SVG ``xlink:title``), so a backslash is written four times."""
    return quoted(text.replace("\\", "\\\\"))


def wrap(text: str, width: int) -> str:
    """Wrap long labels to ``width`` columns so nodes stay narrow; keeps the author's line breaks."""
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False)) or line
        for line in text.split("\n"))
