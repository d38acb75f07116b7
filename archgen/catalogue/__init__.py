"""The component catalogue: one module per component type, each declaring all archgen knows about it.

Every module in ``archgen/catalogue/components/`` defines ``TYPE = ComponentType(...)``
(``archgen.catalogue.base``): its schema keys, model and builder, semantic checks, placement,
role, tier, state, redundancy, recovery, SLA, icon, capacity and cost. The schema, the model
builder, the semantic checks, the analysis, the traffic model, the renderer and the docs read
these facts; nothing else branches on a type name (tests/spec/test_catalogue.py checks both).

    all_types()          every ComponentType, in diagram-tier order then by name (deterministic)
    names()              their names, in the same order
    get(name)            the ComponentType called ``name`` (KeyError if none)
    of(component)        the ComponentType of a model component
    by_name()            name -> ComponentType, for hot loops
    title(name, article) "RDS DB instance" / "an RDS DB instance" (the name itself if unknown)
    names_where(test)    names of the types a predicate accepts, e.g. ``lambda t: t.state is State.STORE``
    with_capability(c)   names of the types that declare a ``Capability``

The layout reads ``ComponentType.tier`` (``base.Tier``: entry → edge → load balancing →
compute → cache → data, then integration and network) to order columns.

Types are discovered the first time they are asked for, like the rule catalogue: a module
that reads the catalogue at import time would import every type module (and, through them,
the traffic and analysis functions they point at) while its own import is half done.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Callable

from archgen.catalogue import components as _components
from archgen.catalogue.base import Capability, ComponentType
from archgen.model import Component


@lru_cache(maxsize=1)
def all_types() -> tuple[ComponentType, ...]:
    """Every component type, ordered by diagram tier, then name."""
    found = []
    for info in pkgutil.iter_modules(_components.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_components.__name__}.{info.name}")
        kind: ComponentType = module.TYPE
        found.append(kind)
    found.sort(key=lambda t: (t.tier, t.name))
    names_seen = [t.name for t in found]
    if len(names_seen) != len(set(names_seen)):  # pragma: no cover - guarded by tests
        raise RuntimeError(f"two component types share a name: {names_seen}")
    return tuple(found)


@lru_cache(maxsize=1)
def by_name() -> dict[str, ComponentType]:
    return {t.name: t for t in all_types()}


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    return tuple(t.name for t in all_types())


def get(name: str) -> ComponentType:
    return by_name()[name]


def of(component: Component) -> ComponentType:
    return by_name()[component.type]


def title(name: str, article: bool = False) -> str:
    """'EC2 instance', or with ``article`` 'an EC2 instance'; an unknown name is shown as it is."""
    kind = by_name().get(name)
    if kind is None:
        text = str(name)
        return (("an " if text[:1].lower() in "aeiou" else "a ") + text) if article else text
    return kind.with_article() if article else kind.title


def names_where(test: Callable[[ComponentType], bool]) -> tuple[str, ...]:
    return tuple(t.name for t in all_types() if test(t))


@lru_cache(maxsize=None)
def with_capability(capability: Capability) -> frozenset[str]:
    return frozenset(t.name for t in all_types() if capability in t.capabilities)
