"""A scene turned into a finished drawing: grid placement, routed connectors, fitted titles.

:func:`arrange` is the whole layout pipeline; writers (DOT for Graphviz to draw, draw.io) only
read the :class:`Drawing` it returns, so every format shows the same positions.
"""

from __future__ import annotations

from dataclasses import dataclass

from archgen.render.layout import Grid, PlacedBox, build_grid, fit_titles
from archgen.render.route import MARGIN, TRACK_GAP, LabelPlacer, RoutedEdge, Router
from archgen.render.scene import Scene

HEADER_H = 34.0  # the diagram title line; description and legend go below the drawing


@dataclass
class Drawing:
    direction: str
    grid: Grid
    edges: list[RoutedEdge]
    width: float  # of the laid-out area (without the legend below it)
    height: float

    @property
    def boxes(self) -> list[PlacedBox]:
        return [b for b in self.grid.boxes if b.kind != "root"]


def arrange(scene: Scene, direction: str, label_of, depth_of=None) -> Drawing:
    """Place, route and label ``scene``; ``label_of(edge)`` gives each connector's label lines,
    ``depth_of(node)`` how far a node's drawing reaches from its top (TB; default its whole slot)."""
    grid = build_grid(scene, direction)
    router = Router(grid, scene.edges, label_of, depth_of)
    routed = router.route_edges()
    fit_titles(grid, lambda box: title_room(router, box))
    LabelPlacer(grid, routed).place()
    a_total = grid.a_extent + 2 * MARGIN
    width, height = (grid.t_extent, a_total) if direction == "LR" else (a_total, grid.t_extent)
    return Drawing(direction, grid, routed, width, height)


def title_room(router: Router, box: PlacedBox) -> float:
    """How wide a box title may be: up to the first channel after the box's first column (LR),
    or up to the first connector entering the box's first row (TB); never wider than the box."""
    rect = box.rect
    if router.direction == "LR":
        room = router.channel_start(box.columns[0]) + TRACK_GAP - 3 - rect.x
    else:
        room = router.title_room(box)
    return min(room, rect.w - 8)

