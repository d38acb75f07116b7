"""Where routers send requests when a target fails: alternatives, and targets requests stay pinned to.

A router type declares its routes in the catalogue (``ComponentType.routes``): Route 53 records
and their health checks, an accelerator's endpoints. Targets of one route group stand in for
each other when the router sees a failure: a health-checked latency, weighted, geolocation or
failover record (Amazon Route 53 Developer Guide, "Configuring DNS failover"). A record in a
group of several targets that nothing health-checks is *pinned*: Route 53 keeps answering with
it after its endpoint fails, so the requests routed there fail with it (AG301 says so). The
availability estimate and the failure-domain simulation both read this module, so they agree
with AG301 and with each other.
"""

from __future__ import annotations

from functools import cached_property

from archgen import catalogue
from archgen.catalogue.base import Route
from archgen.model import Spec


class Routing:
    """The routes of every router of a spec, indexed once."""

    def __init__(self, spec: Spec, of_type=None):
        """``of_type``: an index of the spec's components by type (``RequestGraph.of_type``), to visit the routers
        only; every component is looked at otherwise."""
        self.spec = spec
        self.routes: dict[str, tuple[Route, ...]] = {}  # router id -> its routes, for routers whose type has them
        self._pinned_siblings: dict[str, dict[str, tuple[str, ...]]] = {}
        kinds = catalogue.by_name()
        routers = catalogue.names_where(lambda kind: kind.routes is not None)
        for c in spec.components if of_type is None else of_type(*routers):
            hook = kinds[c.type].routes
            if hook is not None:
                routes = hook(c, spec)
                if routes:
                    self.routes[c.id] = routes

    @cached_property
    def groups(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(router, group) -> its targets, in route order."""
        out: dict[tuple[str, str], list[str]] = {}
        for router, routes in self.routes.items():
            for route in routes:
                targets = out.setdefault((router, route.group), [])
                if route.target not in targets:
                    targets.append(route.target)
        return {key: tuple(targets) for key, targets in out.items()}

    @cached_property
    def _by_target(self) -> dict[tuple[str, str], frozenset[str]]:
        out: dict[tuple[str, str], frozenset[str]] = {}
        for (router, _), targets in self.groups.items():
            for target in targets:
                out[router, target] = out.get((router, target), frozenset()) | frozenset(targets)
        return out

    def siblings(self, router: str, target: str) -> frozenset[str] | None:
        """The targets (``target`` included) sharing a route group with ``target`` at ``router``; None when
        the router declares no route to it (then any other target may stand in, as before routes existed)."""
        return self._by_target.get((router, target))

    @cached_property
    def pinned(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Target -> the (router, group) pairs that keep sending it requests after it fails: a route in a
        group of two or more targets that does not fail over and is not a standby."""
        out: dict[str, list[tuple[str, str]]] = {}
        groups = self.groups
        for router, routes in self.routes.items():
            for route in routes:
                if route.fails_over or route.standby or len(groups[router, route.group]) < 2:
                    continue
                pairs = out.setdefault(route.target, [])
                if (router, route.group) not in pairs:
                    pairs.append((router, route.group))
        return {target: tuple(pairs) for target, pairs in out.items()}

    def pinned_siblings(self, target: str) -> dict[str, tuple[str, ...]]:
        """Router -> the other targets of the groups ``target`` is pinned in: the requests routed to
        ``target`` never reach them (computed once per target: every flow through it asks)."""
        found = self._pinned_siblings.get(target)
        if found is None:
            out: dict[str, list[str]] = {}
            for router, group in self.pinned.get(target, ()):
                siblings = out.setdefault(router, [])
                siblings += [t for t in self.groups[router, group] if t != target and t not in siblings]
            found = self._pinned_siblings[target] = {router: tuple(siblings) for router, siblings in out.items()}
        return found

    @cached_property
    def takeovers(self) -> dict[str, tuple[str, ...]]:
        """Target -> the targets that get its requests when it fails (the others of its groups, when its
        route fails over); a target pinned anywhere gets none: some of its requests never move."""
        out: dict[str, list[str]] = {}
        for router, routes in self.routes.items():
            for route in routes:
                if not route.fails_over or route.target in self.pinned:
                    continue
                others = out.setdefault(route.target, [])
                others += [t for t in self.groups[router, route.group] if t != route.target and t not in others]
        return {target: tuple(others) for target, others in out.items() if others}
