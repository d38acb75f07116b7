"""Showing text from a spec (titles, labels, descriptions, suppression reasons, record names).

Specs come from pull requests, so their free text is untrusted wherever archgen prints it:

* characters that change how *other* text is displayed or are invisible — C0/C1 controls
  (terminal escape sequences), bidirectional formatting (the "Trojan Source" overrides,
  CVE-2021-42574) and zero-width characters — are shown as ``[U+202E]``, never passed on and
  never silently removed, so a reviewer sees that they are there;
* in text output a line break becomes the two characters ``\\n``: a title or suppression reason
  cannot forge another ``file:line:col: error:`` line in a CI log;
* in Markdown (pull-request comments) ``@user``, ``@org/team``, ``#123`` and ``GH-123`` get a
  zero-width space (written as the entity ``&#8203;``) after ``@``/``#``/``GH``: they read the
  same, but GitHub neither notifies anyone nor links an issue. A backslash does not do that:
  GitHub finds mentions after the Markdown is parsed.

Right-to-left letters (Arabic, Hebrew) are text and kept as written.
"""

from __future__ import annotations

import re

# C0 (except tab and line breaks) and C1 controls; Arabic letter mark; zero-width space,
# non-joiner, joiner, LRM/RLM; line and paragraph separators; bidi embeddings, overrides and
# isolates; word joiner and invisible operators; byte-order mark / zero-width no-break space
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064"
                    "\u2066-\u2069\ufeff\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")
# '@70%' (archgen's own "instances @ utilisation") is a percentage, not a user
_MENTION = re.compile(r"@(?=[A-Za-z0-9])(?![0-9.]+%)|#(?=[0-9])|\bGH(?=-[0-9])")


def mark(character: str) -> str:
    return f"[U+{ord(character):04X}]"


def visible(text) -> str:
    """``text`` with unsafe characters shown as ``[U+XXXX]`` (line breaks and tabs kept)."""
    return UNSAFE.sub(lambda m: mark(m.group()), str(text))


def one_line(text) -> str:
    """Text for one line of text output: unsafe characters shown, line breaks shown as ``\\n``."""
    return _LINE_BREAK.sub(r"\\n", visible(text).replace("\t", " "))


def unmention(markdown: str) -> str:
    """Markdown text in which ``@name``, ``#123`` and ``GH-123`` reach nobody (apply after escaping)."""
    return _MENTION.sub(lambda m: m.group() + "&#8203;", markdown)
