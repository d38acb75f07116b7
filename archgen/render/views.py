"""Views of one spec for big systems: the full diagram, an overview, and one diagram per Region.

* **full**: everything (what ``archgen render`` has always drawn);
* **overview**: one node per tier per Region (what runs there, how many), Regions side by side
  along the zone axis, global services and users as they are, and the arrows between Regions
  (replication, failover) and from the global services;
* **Region**: one Region in full, plus the global services and users, plus the few nodes of other
  Regions it talks to directly (replicas, failover targets) in their own Region boxes.

Each view is a :class:`~archgen.render.scene.Scene`, so it is laid out and drawn like the full one.
"""

from __future__ import annotations

from dataclasses import replace

from archgen import model as m
from archgen.render.icons import type_icon
from archgen.render.scene import Group, Scene, SceneEdge, SceneNode, build_scene, walk
from archgen.render.tiers import OFF_PATH, Tier, tier_title

FULL = "full"
OVERVIEW = "overview"


def view_names(spec: m.Spec) -> list[str]:
    """The views ``build`` draws for a spec: the full diagram, and for a multi-Region spec the
    overview and one per Region (primary first)."""
    if len(spec.regions) < 2:
        return [FULL]
    return [FULL, OVERVIEW] + [region.name for region in ordered_regions(spec)]


def ordered_regions(spec: m.Spec) -> list[m.Region]:
    primary = spec.dr.primary_region if spec.dr else None
    return sorted(spec.regions, key=lambda r: (r.name != primary, spec.regions.index(r)))


def file_stem(view: str) -> str:
    return "diagram" if view == FULL else f"diagram-{view}"


def view_scene(spec: m.Spec, view: str) -> Scene:
    scene = build_scene(spec)
    if view == FULL:
        return scene
    if view == OVERVIEW:
        return overview(spec, scene)
    if spec.region(view) is None:
        raise ValueError(f"unknown view {view!r}: choose full, overview or one of the spec's Regions "
                         f"({', '.join(r.name for r in spec.regions)})")
    return region_view(scene, view)


# --------------------------------------------------------------------------- one Region
def region_view(scene: Scene, region: str) -> Scene:
    """The Region's own nodes, the global ones, and the other Regions' nodes they connect to
    (drawn in their Region's box, without its VPC and AZ boxes: context, kept small)."""
    own = {n.id for nodes in scene.nodes.values() for n in nodes if n.region == region}
    global_ids = {n.id for n in scene.outside} | {n.id for n in scene.cloud.nodes}
    core = own | global_ids
    edges = [e for e in scene.edges if e.kind != "layout" and (e.tail in own or e.head in own
                                                               or (e.tail in global_ids and e.head in global_ids))]
    context = {end for e in edges for end in (e.tail, e.head)} - core
    # a global service's edges into other Regions are left out (their Region has its own view),
    # unless the node is there already as context for this Region's own connections
    keep = core | context
    edges = [e for e in edges if e.tail in keep and e.head in keep]
    cloud = replace(scene.cloud, groups={}, nodes=list(scene.cloud.nodes))
    for key, group in scene.cloud.groups.items():
        if group.kind != "region":
            continue
        if group.id == f"cluster_region_{region}":
            cloud.groups[key] = prune(group, keep)
        else:  # another Region: only what this one talks to, without its VPC and AZ boxes
            flat = [n for g in walk(group) for n in g.nodes if n.id in keep]
            if flat:
                cloud.groups[key] = replace(group, groups={}, nodes=flat)
    nodes = {cid: [n for n in ns if n.id in keep] for cid, ns in scene.nodes.items()}
    nodes = {cid: ns for cid, ns in nodes.items() if ns}
    spans = any(len([n for n in ns if n.az]) > 1 for ns in nodes.values())
    return Scene(list(scene.outside), cloud, edges, nodes, spans)


def prune(group: Group, keep: set[str]) -> Group:
    copy = replace(group, groups={}, nodes=[n for n in group.nodes if n.id in keep])
    for key, child in group.groups.items():
        pruned = prune(child, keep)
        if not pruned.is_empty():
            copy.groups[key] = pruned
    return copy


# --------------------------------------------------------------------------- overview
def overview(spec: m.Spec, scene: Scene) -> Scene:
    """One node per (Region, tier); edges between them merged, Regions' own boxes only."""
    cloud = Group(scene.cloud.id, "cloud", scene.cloud.title)
    tier_node: dict[str, str] = {}  # scene node id -> overview node id
    members: dict[str, list[SceneNode]] = {}
    for node in scene.cloud.nodes:
        cloud.nodes.append(node)
        tier_node[node.id] = node.id
    for region_group in scene.cloud.ordered_groups():
        if region_group.kind != "region":
            continue
        box = replace(region_group, groups={}, nodes=[])
        cloud.groups[region_group.id] = box
        for group in walk(region_group):
            for node in group.nodes:
                if node.role == "empty" or node.tier in OFF_PATH:
                    continue  # the overview follows requests: NAT gateways and the like stay out
                key = f"{region_group.id.removeprefix('cluster_region_')}:{Tier(node.tier).name.lower()}"
                members.setdefault(key, []).append(node)
                tier_node[node.id] = key
        for key in sorted((k for k in members if k.startswith(region_group.id.removeprefix("cluster_region_") + ":")),
                          key=lambda k: min(n.tier for n in members[k])):
            box.nodes.append(tier_summary(key, members[key], spec))
    nodes = {n.id: [n] for n in cloud.nodes}
    for region_group in cloud.groups.values():
        for node in region_group.nodes:
            nodes[node.id] = [node]
    for node in scene.outside:
        tier_node[node.id] = node.id
        nodes[node.id] = [node]
    edges: list[SceneEdge] = []
    seen: dict[tuple, SceneEdge] = {}
    for edge in scene.edges:
        if edge.kind == "layout":
            continue
        tail, head = tier_node.get(edge.tail), tier_node.get(edge.head)
        if tail is None or head is None or tail == head:
            continue
        key = (tail, head, edge.kind)
        if key in seen:
            if edge.connection is not None and edge.connection not in seen[key].merged:
                seen[key].merged += (edge.connection,)
            continue
        merged = SceneEdge(tail, head, edge.kind, None, overview_label(edge), labelled=True,
                           bidirectional=edge.bidirectional,
                           merged=(edge.connection,) if edge.connection is not None else ())
        seen[key] = merged
        edges.append(merged)
    return Scene(list(scene.outside), cloud, edges, nodes, False)


def overview_label(edge: SceneEdge) -> str:
    return {"replication": "replication", "standby": "failover"}.get(edge.kind, "")


def tier_summary(key: str, nodes: list[SceneNode], spec: m.Spec) -> SceneNode:
    components = list(dict.fromkeys(n.component for n in nodes))
    labels = [spec.component(c).label for c in components]
    tier = Tier(min(n.tier for n in nodes))
    first = spec.component(components[0])
    details = [f"{len(components)} component{'s' if len(components) != 1 else ''}", ", ".join(labels)]
    node = SceneNode(key, "", type_icon(first.type), tier_title(tier), details, "", nodes[0].region, None,
                     f"{tier_title(tier)} in {nodes[0].region}: " + ", ".join(labels), int(tier))
    return node
