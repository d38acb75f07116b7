"""Orthogonal connectors between placed nodes, and where their labels go.

Connectors run in *channels* (the strips between columns of the tier axis) and *corridors*
(free lines along the tier axis between rows). A connector leaves its source on the far side
of the tier axis, runs in the channel after the source's column, along a corridor when it has
to pass other columns, in the channel before the target's column, and enters the target on the
near side: at most four bends, none inside a node or across a box title. Each connector owns a
track in each channel it uses; tracks are ordered to avoid crossings, and the last part of each
channel (next to the targets) is left free for labels.

Labels go where no connector, node, title or other label is: by preference just before the
arrowhead, then on the other segments of the connector. Everything is computed from the grid,
so the same scene always gives the same drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archgen.render import metrics
from archgen.render.layout import (ICON, ICON_TOP, NODE_H, NODE_W, PORT_SPREAD, TITLE_STRIP, Grid, PlacedBox,
                                   PlacedNode, Rect, STACK_GAP, node_axis_a, place_tier_axis)
from archgen.render.layout import MARGIN
from archgen.render.scene import SceneEdge

TRACK_GAP = 9.0
LABEL_ZONE = {"LR": 66.0, "TB": 40.0}
MIN_CHANNEL = {"LR": 40.0, "TB": 34.0}
ARROW = 7.0
LABEL_SIZE = 9.0
LABEL_LINE = 11.0
LABEL_WIDTH = 62.0  # labels wrap to this width
LABEL_LINES = 3  # of the author's text (the rate is a line more); labels never move a node
CELL = 64.0  # spatial hash cell
GAPS = (2.0, 12.0)  # label to its line: close by, else a little off
FRACTIONS = (0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875)  # where along a segment a label may sit


@dataclass
class RoutedEdge:
    edge: SceneEdge
    points: list[tuple[float, float]] = field(default_factory=list)  # absolute, last point is the arrow tip
    label_lines: list[str] = field(default_factory=list)
    label: Rect | None = None
    label_clear: bool = True  # False: no free place was found (counted by the quality checks)


@dataclass
class Plan:
    """One connector before the tier axis is known: waypoints with symbolic tier positions."""

    edge: SceneEdge
    index: int
    waypoints: list[tuple[tuple, float]] = field(default_factory=list)  # ((kind, ...), a)


# --------------------------------------------------------------------------- ports
def icon_a(grid: Grid, placed: PlacedNode) -> float:
    """Zone-axis position of a node's axis: the icon centre (LR) or the node centre (TB)."""
    if grid.direction == "LR":
        return placed.a0 + ICON_TOP + ICON / 2
    return node_axis_a("TB", placed.a0)


def centre_a(grid: Grid, placed: PlacedNode) -> float:
    return node_axis_a(grid.direction, placed.a0)


def spread(count: int, centre: float, half: float) -> list[float]:
    if count == 1:
        return [centre]
    step = min(10.0, 2 * half / (count - 1))
    first = centre - step * (count - 1) / 2
    return [first + step * i for i in range(count)]


class Router:
    def __init__(self, grid: Grid, edges: list[SceneEdge], label_of, depth_of=None):
        self.grid = grid
        self.frame = grid.frame
        self.direction = grid.direction
        self.edges = [e for e in edges if e.kind != "layout" and e.tail in grid.nodes and e.head in grid.nodes
                      and e.tail != e.head]
        self.label_of = label_of  # SceneEdge -> list of label lines ([] for none)
        self.depth_of = depth_of or (lambda node: NODE_H)  # SceneNode -> how far its drawing reaches (TB)
        self.by_column: dict[int, list[PlacedNode]] = {}
        for placed in grid.nodes.values():
            self.by_column.setdefault(placed.column, []).append(placed)
        for members in self.by_column.values():
            members.sort(key=lambda p: p.a0)
        self.blocked: list[list[tuple[float, float]]] = [[] for _ in range(grid.columns)]
        self.corridors: list[list[tuple[float, float]]] = [[] for _ in range(grid.columns + 1)]
        self.ports: dict[tuple[int, str], float] = {}  # (edge index, "tail"|"head") -> a
        self.sides: dict[tuple[int, str], str] = {}
        self.joined: dict[tuple, float] = {}  # (head bundle, columns passed) -> its corridor

    # -- obstacles on the zone axis, per column ------------------------------------------
    def collect_blocked(self) -> None:
        slot_a = self.grid.slot[1]
        for placed in self.grid.nodes.values():
            self.blocked[placed.column].append((placed.a0 - 4, placed.a0 + slot_a + 4))
        for column, members in self.by_column.items():  # the gap inside a cell is for its labels
            for upper, lower in zip(members, members[1:]):
                if abs(lower.a0 - (upper.a0 + slot_a) - STACK_GAP) < 0.5:
                    self.blocked[column].append((upper.a0 + slot_a, lower.a0))
        for box in self.grid.boxes:
            if box.kind == "root":
                continue
            low, high = box.columns
            for column in range(low, high + 1):
                self.blocked[column].append((box.a0 - 4, box.a0 + 4))
                self.blocked[column].append((box.a0 + box.a_extent - 4, box.a0 + box.a_extent + 4))
            self.blocked[low].append(self.title_band(box))
        for column in self.blocked:
            column.sort()

    def title_band(self, box: PlacedBox) -> tuple[float, float]:
        """Zone-axis range a connector crossing the start of ``box`` must avoid (its title)."""
        if self.direction == "LR":
            return (box.a0 - 4, box.a0 + TITLE_STRIP.get(box.kind, 0.0) + 4)
        return (box.a0 - 4, box.a0 + self.title_room(box) + 4)

    def title_room(self, box: PlacedBox) -> float:
        """TB: how wide a title may be before it meets the connectors entering the box's first row."""
        firsts = [p for p in self.by_column.get(box.columns[0], []) if box.a0 <= p.a0 <= box.a0 + box.a_extent]
        if not firsts:
            return box.a_extent - 8
        return min(centre_a(self.grid, p) for p in firsts) - PORT_SPREAD - 6 - box.a0

    def free_line(self, a: float, low: int, high: int) -> bool:
        """Is a line at zone position ``a`` through columns low..high clear of nodes, titles, borders and corridors?"""
        for column in range(max(low, 0), min(high, self.grid.columns - 1) + 1):
            for start, end in self.blocked[column]:
                if start > a:
                    break
                if start <= a <= end:
                    return False
        for channel in range(max(low, 0), min(high, self.grid.columns - 1) + 2):
            for start, end in self.corridors[channel]:
                if start <= a <= end:
                    return False
        return True

    def corridor(self, low: int, high: int, preferred: float, other: float) -> float:
        """The free zone position nearest ``preferred`` (then ``other``) for a line through columns low..high."""
        intervals = sorted(iv for column in range(max(low, 0), min(high, self.grid.columns - 1) + 1)
                           for iv in self.blocked[column])
        intervals += [iv for channel in range(max(low, 0), min(high, self.grid.columns - 1) + 2)
                      for iv in self.corridors[channel]]
        intervals.sort()
        merged: list[list[float]] = []
        for start, end in intervals:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        gaps = []
        cursor = 2.0
        for start, end in merged:
            if start - cursor >= 2:
                gaps.append((cursor, start))
            cursor = max(cursor, end)
        gaps.append((cursor, cursor + 10_000))
        best, best_cost = None, None
        lo, hi = min(preferred, other), max(preferred, other)
        for start, end in gaps:
            a = min(max(preferred, start + 1), end - 1)
            cost = (max(0.0, lo - a) + max(0.0, a - hi)) * 2 + abs(a - preferred) * 0.01
            if best_cost is None or cost < best_cost:
                best, best_cost = a, cost
        return best

    def reserve(self, a: float, low: int, high: int) -> None:
        for channel in range(max(low, 0), min(high, self.grid.columns - 1) + 2):
            self.corridors[channel].append((a - 6, a + 6))

    # -- plans ----------------------------------------------------------------------------
    def adjacent(self, tail: PlacedNode, head: PlacedNode) -> bool:
        """Stacked next to each other in one column, with no title between them."""
        if tail.column != head.column:
            return False
        column = self.by_column[tail.column]
        i, j = column.index(tail), column.index(head)
        if abs(i - j) != 1:
            return False
        if self.direction == "LR":
            upper, lower = (tail, head) if i < j else (head, tail)
            for box in self.grid.boxes:
                if box.kind != "root" and box.columns[0] == tail.column and upper.a0 < box.a0 < lower.a0:
                    return False
        return True

    def classify(self) -> list[str]:
        """Each edge's shape: fwd, back, stack (adjacent in one column) or loop (same column, C-shape)."""
        shapes = []
        for edge in self.edges:
            tail, head = self.grid.nodes[edge.tail], self.grid.nodes[edge.head]
            if head.column > tail.column:
                shapes.append("fwd")
            elif head.column < tail.column:
                shapes.append("back")
            elif self.adjacent(tail, head):
                shapes.append("stack")
            else:
                shapes.append("loop")
        return shapes

    def bundle(self, index: int, end: str) -> tuple:
        """Copies of one connection that meet at one node share its port and their track next to
        it: they are drawn as one line that forks (a bus), not as parallel lines."""
        edge = self.edges[index]
        node = edge.head if end == "head" else edge.tail
        if edge.connection is None:
            return (node, end, index)
        return (node, end, edge.connection, edge.kind)

    def assign_ports(self, shapes: list[str]) -> None:
        sides: dict[tuple[str, str], dict[tuple, list]] = {}
        for index, (edge, shape) in enumerate(zip(self.edges, shapes)):
            tail, head = self.grid.nodes[edge.tail], self.grid.nodes[edge.head]
            if shape == "stack":
                down = head.a0 > tail.a0
                self.sides[(index, "tail")] = "a1" if down else "a0"
                self.sides[(index, "head")] = "a0" if down else "a1"
                continue
            self.sides[(index, "tail")] = "t1"
            self.sides[(index, "head")] = "t1" if shape == "loop" else "t0"
            for end, node, other in (("tail", edge.tail, head), ("head", edge.head, tail)):
                groups = sides.setdefault((node, self.sides[(index, end)]), {})
                groups.setdefault(self.bundle(index, end), []).append((centre_a(self.grid, other), index, end))
        for (node_id, _side), groups in sides.items():
            placed = self.grid.nodes[node_id]
            users = sorted((sum(a for a, _, _ in members) / len(members), min(i for _, i, _ in members), members)
                           for members in groups.values())
            half = (ICON / 2 - 4) if self.direction == "LR" else PORT_SPREAD
            centre = icon_a(self.grid, placed)
            if len(users) > 5 and self.direction == "LR":
                half, centre = NODE_H / 2 - 8, placed.a0 + NODE_H / 2
            for (_, _, members), a in zip(users, spread(len(users), centre, half)):
                for _, index, end in members:
                    self.ports[(index, end)] = a
        # a connector alone on both its ends runs straight when the head's icon allows it (a
        # user outside the Cloud box to the DNS just inside it), instead of a small jog
        alone = {key: len(groups) == 1 for key, groups in sides.items()}
        for index, (edge, shape) in enumerate(zip(self.edges, shapes)):
            if shape != "fwd" or not (alone[(edge.tail, "t1")] and alone[(edge.head, "t0")]):
                continue
            a_out, a_in = self.ports[(index, "tail")], self.ports[(index, "head")]
            half = (ICON / 2 - 4) if self.direction == "LR" else PORT_SPREAD
            if 0 < abs(a_out - a_in) <= half:
                self.ports[(index, "head")] = a_out

    def plan(self, index: int, edge: SceneEdge, shape: str) -> Plan:
        tail, head = self.grid.nodes[edge.tail], self.grid.nodes[edge.head]
        plan = Plan(edge, index)
        if shape == "stack":
            side_t, side_h = self.sides[(index, "tail")], self.sides[(index, "head")]
            plan.waypoints = [(("axis", edge.tail), self.stack_a(tail, side_t)),
                              (("axis", edge.tail), self.stack_a(head, side_h))]
            return plan
        a_out, a_in = self.ports[(index, "tail")], self.ports[(index, "head")]
        out = (("port", edge.tail, "t1"), a_out)
        into = (("port", edge.head, self.sides[(index, "head")]), a_in)
        cu, cv = tail.column, head.column
        if shape == "loop":
            track = ("track", cu, index)
            plan.waypoints = [out, (track, a_out), (track, a_in), into]
        elif shape == "fwd" and cv == cu + 1:
            track = ("track", cu, index)
            plan.waypoints = [out, (track, a_out), (track, a_in), into]
        elif shape == "fwd" and abs(a_out - a_in) < 0.5 and self.free_line(a_out, cu + 1, cv - 1):
            plan.waypoints = [out, into]
        elif shape == "fwd" and (self.joined.get((self.bundle(index, "head"), cu + 1, cv - 1)) == a_in
                                 or self.free_line(a_in, cu + 1, cv - 1)):
            track = ("track", cu, index)
            plan.waypoints = [out, (track, a_out), (track, a_in), into]
            if self.joined.setdefault((self.bundle(index, "head"), cu + 1, cv - 1), a_in) == a_in:
                self.reserve(a_in, cu + 1, cv - 1)
        elif shape == "fwd" and self.free_line(a_out, cu + 1, cv - 1):
            track = ("track", cv - 1, index)
            plan.waypoints = [out, (track, a_out), (track, a_in), into]
            self.reserve(a_out, cu + 1, cv - 1)
        else:  # through a corridor: forward past other columns, or backward
            low, high = (cu + 1, cv - 1) if shape == "fwd" else (cv, cu)
            # copies of one connection into one node join in one corridor (a bus), not in
            # parallel lines across the drawing
            joined = (self.bundle(index, "head"), low, high)
            a_mid = self.joined.get(joined)
            if a_mid is None:
                a_mid = self.joined[joined] = self.corridor(low, high, a_in, a_out)
                self.reserve(a_mid, low, high)
            first, last = ("track", cu, index), ("track", cv - 1, index)
            plan.waypoints = [out, (first, a_out), (first, a_mid), (last, a_mid), (last, a_in), into]
        return plan

    def stack_a(self, placed: PlacedNode, side: str) -> float:
        if self.direction == "LR":
            return placed.a0 + (NODE_H if side == "a1" else 0.0)
        rect_a0 = placed.a0 + self.grid.slot[1] - NODE_W
        return rect_a0 + (NODE_W if side == "a1" else 0.0)

    # -- tracks ---------------------------------------------------------------------------
    def assign_tracks(self, plans: list[Plan]) -> tuple[dict[tuple[int, int], int], list[int]]:
        """Track number of each (channel, edge) visit, and the number of tracks per channel.

        Channel c follows column c (c = -1 precedes column 0). Within a channel, visits whose
        zone-axis spans overlap get distinct tracks, ordered so that connectors heading down
        nest inside each other instead of crossing."""
        visits: dict[int, list[tuple[tuple, int, float, float]]] = {}
        sharing: dict[tuple, int] = {}  # how many connectors fork from (or join at) each bundle
        for plan in plans:
            for end in ("tail", "head"):
                key = self.bundle(plan.index, end)
                sharing[key] = sharing.get(key, 0) + 1
        for plan in plans:
            points = plan.waypoints
            for k in range(len(points) - 1):
                (kind_a, a1), (kind_b, a2) = points[k], points[k + 1]
                if kind_a[0] == "track" and kind_a == kind_b:
                    channel = kind_a[1]
                    into, out = self.bundle(plan.index, "head"), self.bundle(plan.index, "tail")
                    # one track per bus: copies of a connection that fork from one node (a
                    # database drawn in each AZ it occupies) take no more room than one, so a
                    # flag that adds a copy moves nothing
                    if k + 2 == len(points) - 1 and (k != 1 or sharing[into] > 1 or sharing[out] == 1):
                        key = ("in",) + into
                    elif k == 1:
                        key = ("out",) + out
                    else:
                        key = ("own", plan.index)
                    visits.setdefault(channel, {}).setdefault(key, []).append((plan.index, a1, a2))
        tracks: dict[tuple[int, int], int] = {}
        counts = [0] * (self.grid.columns + 1)
        for channel, bundles in visits.items():
            items = []
            for members in bundles.values():
                low = min(min(a1, a2) for _, a1, a2 in members)
                high = max(max(a1, a2) for _, a1, a2 in members)
                _, a1, a2 = members[0]
                down = a2 >= a1
                order = (0, -a1, a2) if down else (1, a1, -a2)
                items.append((order, [i for i, _, _ in members], low, high))
            items.sort()
            occupied: list[list[tuple[float, float]]] = []
            for _, indexes, low, high in items:
                chosen = None
                for number, spans in enumerate(occupied):
                    if all(high + 3 < s or e + 3 < low for s, e in spans):
                        chosen = number
                        break
                if chosen is None:
                    occupied.append([])
                    chosen = len(occupied) - 1
                occupied[chosen].append((low, high))
                for index in indexes:
                    tracks[(channel, index)] = chosen
            counts[channel + 1] = len(occupied)
        return tracks, counts

    # -- absolute coordinates -------------------------------------------------------------
    def port_t(self, kind: tuple) -> float:
        grid = self.grid
        placed = grid.nodes[kind[1]]
        if kind[0] == "axis":
            return placed.t0 + (NODE_W / 2 if self.direction == "LR" else ICON_TOP + ICON / 2)
        side = kind[2]
        if self.direction == "LR":
            centre = placed.t0 + NODE_W / 2
            return centre + (ICON / 2 + 3) if side == "t1" else centre - (ICON / 2 + 3)
        return placed.t0 + self.depth_of(placed.node) + 1 if side == "t1" else placed.t0 - 1

    def channel_start(self, channel: int) -> float:
        grid = self.grid
        if channel < 0:
            return MARGIN
        return grid.column_t[channel] + grid.slot[0] + grid.right_pad[channel]

    def resolve(self, plan: Plan, tracks: dict[tuple[int, int], int]) -> list[tuple[float, float]]:
        out = []
        for kind, a in plan.waypoints:
            if kind[0] == "track":
                t = self.channel_start(kind[1]) + TRACK_GAP * (tracks[(kind[1], plan.index)] + 1)
            else:
                t = self.port_t(kind)
            out.append(self.frame.point(t, a))
        return simplify(out)

    # -- run ------------------------------------------------------------------------------
    def route_edges(self) -> list[RoutedEdge]:
        """Connectors with absolute points (labels are placed later, once titles are fitted)."""
        self.collect_blocked()
        shapes = self.classify()
        self.assign_ports(shapes)
        order = sorted(range(len(self.edges)), key=lambda i: (shapes[i] != "fwd", i))
        plans: list[Plan | None] = [None] * len(self.edges)
        for index in order:
            plans[index] = self.plan(index, self.edges[index], shapes[index])
        tracks, counts = self.assign_tracks(plans)
        # room for tracks in steps of two: a connector more or less rarely moves anything
        widths = [max(MIN_CHANNEL[self.direction], TRACK_GAP * (2 * -(-n // 2) + 1) + LABEL_ZONE[self.direction])
                  for n in counts]
        place_tier_axis(self.grid, widths, MARGIN)
        return [RoutedEdge(plan.edge, self.resolve(plan, tracks), self.label_of(plan.edge)) for plan in plans]


def simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated and collinear points (keeps the first and last)."""
    out: list[tuple[float, float]] = []
    for point in points:
        if out and abs(out[-1][0] - point[0]) < 0.01 and abs(out[-1][1] - point[1]) < 0.01:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (abs(x0 - x1) < 0.01 and abs(x1 - point[0]) < 0.01) or (abs(y0 - y1) < 0.01 and abs(y1 - point[1]) < 0.01):
                out[-1] = point
                continue
        out.append(point)
    return out


# --------------------------------------------------------------------------- labels
def segment_rect(p: tuple[float, float], q: tuple[float, float], pad: float = 0.5) -> Rect:
    x0, x1 = sorted((p[0], q[0]))
    y0, y1 = sorted((p[1], q[1]))
    return Rect(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)


class SpatialIndex:
    """Rectangles by grid cell; long thin ones (connector segments) by the one strip of cells
    they run along, so a segment across a tall drawing is stored once, not once per cell."""

    def __init__(self):
        self.cells: dict[tuple[int, int], list[tuple[Rect, object]]] = {}
        self.columns: dict[int, list[tuple[Rect, object]]] = {}  # tall thin: by x cell
        self.rows: dict[int, list[tuple[Rect, object]]] = {}  # wide thin: by y cell

    @staticmethod
    def span(low: float, high: float) -> range:
        return range(int(low // CELL), int(high // CELL) + 1)

    def add(self, rect: Rect, owner) -> None:
        entry = (rect.x, rect.y, rect.right, rect.bottom, owner)  # plain numbers: hits() runs hot
        if rect.w <= 2 and rect.h > CELL and len(self.span(rect.x, rect.right)) == 1:
            self.columns.setdefault(int(rect.x // CELL), []).append(entry)
        elif rect.h <= 2 and rect.w > CELL and len(self.span(rect.y, rect.bottom)) == 1:
            self.rows.setdefault(int(rect.y // CELL), []).append(entry)
        else:
            for i in self.span(rect.x, rect.right):
                for j in self.span(rect.y, rect.bottom):
                    self.cells.setdefault((i, j), []).append(entry)

    def hits(self, rect: Rect, ignore=None) -> list:
        found = []
        seen = set()
        x0, y0, x1, y1 = rect.x, rect.y, rect.right, rect.bottom
        xs, ys = self.span(x0, x1), self.span(y0, y1)
        buckets = [self.cells.get((i, j), ()) for i in xs for j in ys]
        buckets += [self.columns.get(i, ()) for i in xs] + [self.rows.get(j, ()) for j in ys]
        for bucket in buckets:
            for entry in bucket:
                if x0 < entry[2] and entry[0] < x1 and y0 < entry[3] and entry[1] < y1 and entry[4] is not ignore:
                    key = id(entry)
                    if key not in seen:
                        seen.add(key)
                        found.append(entry[4])
        return found


class LabelPlacer:
    def __init__(self, grid: Grid, routed: list[RoutedEdge]):
        self.grid = grid
        self.routed = routed
        self.hard = SpatialIndex()  # nodes, titles, connectors, labels: never under a label
        self.soft = SpatialIndex()  # box borders: better avoided

    def place(self) -> None:
        for placed in self.grid.nodes.values():
            self.hard.add(placed.rect, placed)
        for box in self.grid.boxes:
            if box.rect is None:
                continue
            r = box.rect
            for side in (Rect(r.x, r.y, r.w, 0), Rect(r.x, r.bottom, r.w, 0), Rect(r.x, r.y, 0, r.h),
                         Rect(r.right, r.y, 0, r.h)):
                self.soft.add(side, box)
            if box.title is not None:
                self.hard.add(box.title, box)
        for edge in self.routed:
            for p, q in zip(edge.points, edge.points[1:]):
                self.hard.add(segment_rect(p, q), edge)
        for edge in self.routed:
            if edge.label_lines:
                self.place_one(edge)

    def size(self, edge: RoutedEdge) -> tuple[float, float]:
        width = max(metrics.text_width(line, LABEL_SIZE, bold=(i == len(edge.label_lines) - 1))
                    for i, line in enumerate(edge.label_lines)) + 4
        return width, LABEL_LINE * len(edge.label_lines) + 2

    def candidates(self, edge: RoutedEdge, w: float, h: float):
        points = edge.points
        segments = list(zip(points, points[1:]))
        # the last segment first (next to the arrowhead), then the first, then the rest
        ordered = [len(segments) - 1, 0] + list(range(1, len(segments) - 1))
        seen = set()
        for k in ordered:
            if k in seen or k < 0:
                continue
            seen.add(k)
            (x0, y0), (x1, y1) = segments[k]
            last = k == len(segments) - 1
            if abs(y0 - y1) < 0.01:  # horizontal
                direction = 1 if x1 > x0 else -1
                if last:
                    anchors = [x1 - direction * (ARROW + 4) - (w if direction > 0 else 0)]
                else:
                    anchors = []
                low, high = min(x0, x1), max(x0, x1)
                anchors += [low + 4, high - 4 - w] + [low + f * (high - low) - w / 2 for f in FRACTIONS]
                for gap in GAPS:
                    for x in anchors:
                        yield Rect(x, y0 - h - gap, w, h)
                        yield Rect(x, y0 + gap, w, h)
            else:  # vertical
                direction = 1 if y1 > y0 else -1
                anchors = []
                if last:
                    anchors.append(y1 - direction * (ARROW + 3) - (h if direction > 0 else 0))
                low, high = min(y0, y1), max(y0, y1)
                anchors += [low + 4, high - 4 - h] + [low + f * (high - low) - h / 2 for f in FRACTIONS]
                for gap in GAPS:
                    for y in anchors:
                        yield Rect(x0 + gap + 1, y, w, h)
                        yield Rect(x0 - gap - 1 - w, y, w, h)

    def place_one(self, edge: RoutedEdge) -> None:
        w, h = self.size(edge)
        best, best_score = None, None
        for rect in self.candidates(edge, w, h):
            if rect.x < 2 or rect.y < 2:
                continue
            clearance = Rect(rect.x - 2, rect.y - 2, rect.w + 4, rect.h + 4)
            hard = len(self.hard.hits(clearance, ignore=edge))
            soft = len(self.soft.hits(rect))
            score = (hard, soft)
            if best_score is None or score < best_score:
                best, best_score = rect, score
            if score == (0, 0):
                break
        if best is None:
            return
        edge.label = best
        edge.label_clear = best_score[0] == 0
        self.hard.add(best, edge)
