"""Point every archgen version reference users copy at one commit: the GitHub Action's
`uses: <owner>/archgen@REF` and pre-commit's `rev: REF`, in the README, the example workflow
and the comment at the top of .pre-commit-hooks.yaml.

    python scripts/pin_refs.py SHA LABEL     # e.g. ... 3f2c...e1 v0.2.0

A full commit SHA is what GitHub recommends pinning third-party actions to (a tag can be moved);
LABEL, written as a trailing comment, says which release it is. scripts/release.sh runs this;
tests/commands/test_pinned_refs.py checks that the pinned commit exists and carries what the
snippets use.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ("README.md", "docs/examples/archgen-workflow.yml", ".pre-commit-hooks.yaml")
# `uses: x/archgen@REF  # label` and `rev: REF  # label` (also inside a YAML comment)
PIN = re.compile(r"(?P<key>(?:uses: \S+/archgen@)|(?:\brev: ))(?P<ref>[^\s#]+)(?P<label>[ \t]+#[^\n]*)?")


def pins(text: str) -> list[tuple[str, str]]:
    """(ref, label) of every pin in ``text``; label without its '#'."""
    return [(m["ref"], (m["label"] or "").strip().lstrip("#").strip()) for m in PIN.finditer(text)]


def repin(text: str, sha: str, label: str) -> str:
    return PIN.sub(lambda m: f"{m['key']}{sha}  # {label}", text)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not re.fullmatch(r"[0-9a-f]{40}", argv[0]) or not argv[1].strip():
        print("usage: python scripts/pin_refs.py SHA(40 hex digits) LABEL", file=sys.stderr)
        return 2
    sha, label = argv
    for name in FILES:
        path = ROOT / name
        text = path.read_text(encoding="utf-8")
        if not pins(text):
            print(f"pin_refs: {name}: no archgen@REF or rev: REF found", file=sys.stderr)
            return 1
        path.write_text(repin(text, sha, label), encoding="utf-8")
        print(f"{name}: {len(pins(text))} reference(s) -> {sha[:12]} ({label})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
