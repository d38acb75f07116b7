"""The diagram tier of a component type, as its catalogue module declares it.

Tiers run in request order (entry -> edge -> load balancing -> compute -> cache -> data), then
the tiers off the request path (integration: queues and topics; network: NAT gateways and the
like). The layout orders its columns by them; a network node sits in its subnet's column.
"""

from __future__ import annotations

from archgen import catalogue
from archgen.catalogue.base import Tier

OFF_PATH = frozenset({Tier.NETWORK})  # carries traffic but takes no requests: beside what it serves


def tier_of(component) -> Tier:
    """The tier of a component (its type's, or the one a custom component declares); a type the
    catalogue does not know sits with compute."""
    kind = catalogue.by_name().get(component.type)
    return kind.tier_for(component) if kind is not None else Tier.COMPUTE


def tier_title(tier: int) -> str:
    return Tier(tier).title.capitalize()


__all__ = ["OFF_PATH", "Tier", "tier_of", "tier_title"]
