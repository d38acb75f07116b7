"""What the managed types with published quotas share: a default by Region from an AWS table, the requests a
component receives, a Region's total demand on an account-level quota, and the limit a component meets there.

Account-level quotas (Step Functions StartExecution, EventBridge PutEvents) are shared by every resource of the
account in the Region: a component is judged against the demand of all of them, not its own alone. Not a type
(its name starts with ``_``).
"""

from __future__ import annotations

from typing import Callable, Mapping

from archgen.traffic.capacity import model_for
from archgen.traffic.flow import PEAK, R, W
from archgen.traffic.types import Limit

# The three Regions AWS gives its higher default quotas in (Step Functions, Firehose, Kinesis on-demand)
LARGE_REGIONS = frozenset({"us-east-1", "us-west-2", "eu-west-1"})


def by_region(table: Mapping[str, float], region: str | None, other: float | None) -> float | None:
    """The Region's figure in an AWS table, ``other`` for the Regions it does not list."""
    return table.get(region, other) if region is not None else other


def arriving(view, component_id: str, point: int = PEAK) -> float:
    """Requests/s arriving at a component (``point``: flow.AVG or flow.PEAK), from the flow's edge loads."""
    total = 0.0
    for connection in view.spec.incoming(component_id):
        if connection.carries_requests:
            carried = view.edges[connection.id]
            total += carried[point + R] + carried[point + W]
    return total


def region_demand(view, key: str, model: type, group: Callable, demand: Callable) -> Mapping:
    """(Region, group) -> summed ``demand(component, view)`` over the spec's components of class ``model``.

    Computed once per traffic run and kept in ``view.shared`` under ``key``: each component of the type
    then reads its Region's total instead of adding the others up again.
    """
    found = view.shared.get(key)
    if found is None:
        found = {}
        for component in view.spec.of_class(model):
            where = (component.region, group(component))
            found[where] = found.get(where, 0.0) + demand(component, view)
        view.shared[key] = found
    return found


def worst_capacity(limits: list[Limit], peak_rps: float) -> float | None:
    """Requests/s at which the tightest limit is reached (linear in the traffic); None without a limit or traffic."""
    worst = max((limit.utilization for limit in limits), default=0.0)
    return peak_rps / worst if peak_rps > 0 and worst > 0 else None


def modelled_capacity(component, spec, surviving_azs) -> float | None:
    """A regional service's requests/s at its tightest limit, as the scale-1 traffic model found it: an AZ
    loss leaves a Region's quotas (``traffic.surviving_capacity`` of the types whose limits are quotas)."""
    tier = model_for(spec).tiers.get(component.id)
    return tier.capacity_rps if tier is not None else None
