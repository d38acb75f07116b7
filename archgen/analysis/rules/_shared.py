"""Small helpers several rule modules share (not a rule: the registry loads ``ag*`` modules only)."""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import RuleContext
from archgen.model import Component, Spec


def serves_requests(ctx: RuleContext, c: Component) -> bool:
    """Something sends it requests: a connection that carries requests, or a DNS record."""
    if any(x.carries_requests for x in ctx.spec.incoming(c.id)):
        return True
    return bool(ctx.dns_records_to(c.id))


def load_balancers_in_front(spec: Spec, c: Component) -> list[m.LoadBalancer]:
    return [spec.component(x.source) for x in spec.incoming(c.id)
            if x.carries_requests and isinstance(spec.component(x.source), m.LoadBalancer)]
