"""Putting spec text into Markdown so it shows literally (CommonMark + GitHub tables).

Every Markdown writer (analyze, traffic, build's report.md, diff) goes through these
functions, so a title like ``<script>``, ``*bold*``, ``[link](x)`` or a ``|`` in a table cell is
shown as typed, never turned into markup in a pull-request comment; ``@team`` and ``#123``
notify and link nobody, and invisible or bidi characters are shown as ``[U+XXXX]``
(archgen/untrusted.py).
"""

from __future__ import annotations

import re

from archgen.untrusted import unmention, visible

# The ASCII punctuation that opens inline markup: emphasis, code, links and images ('[' is
# enough to disarm '![x](y)'), HTML and autolinks, entities, GFM tables and strikethrough.
# '-', '+', '#', '=', '>' and '1.' only mean something at the start of a line: see paragraph().
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def text(value) -> str:
    """Inline text (a table cell, or after other text on a line): one line, markup characters escaped."""
    flat = " ".join(visible(value).split())
    return unmention(_INLINE.sub(r"\\\1", flat))


def paragraph(value) -> str:
    """Text that starts a line: also disarm what opens a heading, quote, list or setext underline."""
    def disarm(m: re.Match) -> str:
        if m.group(2):  # '# heading', '> quote', '- item' ...
            return m.group(1) + "\\" + m.group(2)
        return m.group(1) + m.group(3) + "\\" + m.group(4)  # '1. item' -> '1\. item'

    return _LINE_START.sub(disarm, text(value), count=1)


def code(value) -> str:
    """A code span holding ``value`` literally (a fence longer than any backtick run inside; GitHub
    finds no mentions in code)."""
    flat = " ".join(visible(value).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat.strip() else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
