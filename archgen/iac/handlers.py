"""The ``@handles(*types)`` registry both importers file their resource handlers in."""

from __future__ import annotations

from typing import Callable, TypeVar

H = TypeVar("H", bound=Callable)


def registrar(handlers: dict[str, H]) -> Callable[..., Callable[[H], H]]:
    """A ``handles(*types)`` decorator that files the function it decorates in ``handlers`` under each type."""

    def handles(*types: str) -> Callable[[H], H]:
        def register(function: H) -> H:
            for resource_type in types:
                handlers[resource_type] = function
            return function

        return register

    return handles
