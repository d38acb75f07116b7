"""Text widths without Graphviz: archgen places everything itself, so it measures its own text.

Widths come from the advance-width table of DejaVu Sans (what Graphviz's text layout draws
``Helvetica`` with on the machines archgen is built on, and wider than Helvetica, Arial or
Liberation Sans, so browsers' text fits too), falling back to Liberation Sans, then to one em
for characters neither has (CJK, emoji). The same table measures the
text of any SVG the quality checks read back, so layout and checks agree.
"""

from __future__ import annotations

import unicodedata

from archgen.render.metrics_table import BOLD, REGULAR

ELLIPSIS = "…"


def char_width(char: str, bold: bool = False) -> float:
    """Advance width of ``char`` in em."""
    found = (BOLD if bold else REGULAR).get(char)
    if found is not None:
        return found / 1000
    if unicodedata.combining(char):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.62


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` at ``size`` points."""
    return size * sum(char_width(c, bold) for c in text)


def ellipsize(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut to fit ``width`` with a trailing ellipsis (unchanged when it fits)."""
    if text_width(text, size, bold) <= width:
        return text
    room = width - text_width(ELLIPSIS, size, bold)
    used = 0.0
    for index, char in enumerate(text):
        used += size * char_width(char, bold)
        if used > room:
            return text[:index].rstrip() + ELLIPSIS
    return text


def fit_lines(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """``text`` wrapped at spaces into at most ``max_lines`` lines of at most ``width``; the last
    line ellipsized when the text does not fit. Author line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in (piece for word in paragraph.split(" ") for piece in split_long(word, width, size, bold)):
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold) <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        last = ellipsize(rest, width, size, bold)
        lines = lines[:max_lines - 1] + [last if last != rest else rest + ELLIPSIS]
    return [ellipsize(line, width, size, bold) for line in lines]


BREAKS = ".-/_:"  # a word too long for a line (a DNS name, an ARN) may break after one of these


def split_long(word: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``word`` as it is when it fits ``width``, else in pieces that break after punctuation
    (the pieces are joined by fit_lines with a space only when they stay on one line)."""
    if text_width(word, size, bold) <= width:
        return [word]
    pieces, current = [], ""
    for char in word:
        current += char
        if char in BREAKS:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    merged: list[str] = []
    for piece in pieces:  # glue back what fits, so a line breaks as late as it can
        if merged and text_width(merged[-1] + piece, size, bold) <= width:
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged
