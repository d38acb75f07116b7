"""What a template value resolves to when part of it is only known at deploy time.

A resolved template is plain Python data (str, int, float, bool, list, dict) plus three
kinds of placeholders, so the mapping can tell "the template says" from "the template
cannot say" and never guesses silently:

- ``Reference``: a resource's id or attribute (``Ref`` / ``Fn::GetAtt``), known once deployed;
- ``Unknown``: a value from outside the template (an ``Fn::ImportValue``, an SSM parameter,
  a parameter with no default) with the reason it is unknown;
- ``Text``: a string built (``Fn::Sub``, ``Fn::Join``) from text and the two above.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    stack: tuple[str, ...]  # logical ids of the nested stacks holding the resource ((): the root template)
    logical_id: str
    attribute: str | None = None  # None: the resource's Ref value
    file: str = ""  # the template holding it (several templates may be imported together)

    def __str__(self) -> str:
        return "${" + self.logical_id + (f".{self.attribute}" if self.attribute else "") + "}"


@dataclass(frozen=True)
class Unknown:
    reason: str  # what the value depends on, e.g. "Fn::ImportValue '${ParentVPCStack}-SubnetAPublic'"
    label: str = ""  # how it shows inside text, e.g. "ParentVPCStack" (default: the reason)
    references: tuple = ()  # resources it is derived from (``!Select [2, !Split ['/', !GetAtt B.WebsiteURL]]``)

    def __str__(self) -> str:
        return "${" + (self.label or self.reason) + "}"


@dataclass(frozen=True)
class Text:
    parts: tuple  # of str | Reference | Unknown

    def __str__(self) -> str:
        return "".join(str(part) for part in self.parts)

    @property
    def references(self) -> tuple[Reference, ...]:
        found: list[Reference] = []
        for part in self.parts:
            if isinstance(part, Reference):
                found.append(part)
            elif isinstance(part, Unknown):
                found.extend(part.references)
        return tuple(found)


class _NoValue:
    """``AWS::NoValue``: the property it is the value of is removed."""

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE = _NoValue()
PLACEHOLDERS = (Reference, Unknown, Text)


def text_of(parts: list):
    """Adjacent strings joined; a plain str when every part is known."""
    merged: list = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    if all(isinstance(part, str) for part in merged):
        return "".join(merged)
    if len(merged) == 1:  # "${Subnet}" alone is the reference itself
        return merged[0]
    return Text(tuple(merged))


def references_in(value) -> list[Reference]:
    """Every Reference inside a resolved value, in document order."""
    found: list[Reference] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Reference):
            found.append(item)
        elif isinstance(item, (Text, Unknown)):
            found.extend(item.references)
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found
