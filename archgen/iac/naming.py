"""Spec ids from the names infrastructure code gives its resources.

The rule (documented in docs/import.md): split the name where a lower-case letter or digit
meets an upper-case letter, and before the last capital of a run of capitals that starts a
word; join the words with '-', lower case; anything but letters and digits becomes '-'.
``WebServerGroup`` -> ``web-server-group``, ``MasterDB`` -> ``master-db``,
``DBEC2SecurityGroup`` -> ``dbec2-security-group``, ``aws_subnet.private[0]`` ->
``aws-subnet-private-0``. A name that does not start with a letter gets ``r-`` in front; one
longer than 63 characters is cut and ends in a short digest of the whole name; the second
resource that would get an id already taken gets ``-2``, the third ``-3``, ...
"""

from __future__ import annotations

import hashlib
import re

MAX_ID = 63
_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_CAPITALS_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")
_OTHER = re.compile(r"[^A-Za-z0-9]+")


def kebab(name: str) -> str:
    words = _CAPITALS_WORD.sub(r"\1-\2", _LOWER_UPPER.sub(r"\1-\2", name))
    text = _OTHER.sub("-", words).strip("-").lower()
    if not text or not text[0].isalpha():
        text = "r-" + text if text else "r"
    if len(text) > MAX_ID:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
        text = text[: MAX_ID - 7].rstrip("-") + "-" + digest
    return text


class IdAllocator:
    """Hands out unique spec ids in the order names are seen (so ids are stable across runs)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def allocate(self, name: str) -> str:
        base = kebab(name)
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            suffix = f"-{n}"
            candidate = base[: MAX_ID - len(suffix)] + suffix
        self.taken.add(candidate)
        return candidate


_PLACEHOLDER = re.compile(r"\$\{[^}]*\}|ImportValue")


def stand_in_name(label: str) -> str:
    """A readable name for something a template only names: ``ImportValue ${ParentVPCStack}-SubnetAPublic``
    -> ``subnet-a-public``, ``pAppPrivateSubnetA`` -> ``p-app-private-subnet-a``."""
    bare = _PLACEHOLDER.sub(" ", label)
    return kebab(bare) if re.search(r"[A-Za-z0-9]", bare) else kebab(label)
