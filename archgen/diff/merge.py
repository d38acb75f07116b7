"""One model holding both sides of a change, for the diff diagram.

Head's components and connections, plus the base's removed ones (with the VPCs, subnets and
Regions they need), so removed parts can be drawn in place, dashed red.
"""

from __future__ import annotations

from dataclasses import replace

from archgen.model import Spec, Vpc


def merged_spec(base: Spec, head: Spec) -> Spec:
    head_ids = {c.id for c in head.components}
    removed = [c for c in base.components if c.id not in head_ids]
    head_connections = {c.id for c in head.connections}
    kept_ids = head_ids | {c.id for c in removed}
    removed_connections = [c for c in base.connections
                           if c.id not in head_connections and c.source in kept_ids and c.target in kept_ids]
    regions = list(head.regions)
    for region in base.regions:
        current = next((r for r in regions if r.name == region.name), None)
        if current is None:
            regions.append(region)
        else:
            extra = tuple(az for az in region.azs if az not in current.azs)
            if extra:
                regions[regions.index(current)] = replace(current, azs=current.azs + extra)
    vpcs: dict[str, Vpc] = {v.id: v for v in head.vpcs}
    for vpc in base.vpcs:
        if vpc.id not in vpcs:
            vpcs[vpc.id] = vpc
        else:
            known = {s.id for s in vpcs[vpc.id].subnets}
            extra = tuple(s for s in vpc.subnets if s.id not in known)
            if extra:
                vpcs[vpc.id] = replace(vpcs[vpc.id], subnets=vpcs[vpc.id].subnets + extra)
    return replace(head, components=head.components + tuple(removed),
                   connections=head.connections + tuple(removed_connections),
                   regions=tuple(regions), vpcs=tuple(vpcs.values()))
