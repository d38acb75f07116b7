"""Where every node and box goes: a grid computed from the spec's structure, never by a solver.

Two axes, whatever the direction:

* the **tier axis** (left to right in LR, top to bottom in TB) holds columns in request order:
  global services first, then each tier (entry, edge, load balancing, compute, messaging, cache,
  data); inside a VPC each subnet *lane* (the public subnets, the first private subnets, ...)
  owns its own columns, so subnet boxes never overlap;
* the **zone axis** (top to bottom in LR, left to right in TB) stacks Regions (primary first),
  inside them each VPC's Availability Zones in declared (name) order, then the Region's
  services outside any VPC, beside the VPC.

Node slots have a fixed size and box titles are fitted into the room they have, so a change of
numbers, flags or labels moves nothing; adding a component adds at most a row or column of its
own. Sizes depend on structure only: no text width ever moves a node. Edge routing
(:mod:`archgen.render.route`) only adds channel width between columns.

Coordinates are in points (1/72 inch, Graphviz's unit), origin top-left, y down. Internally the
grid is computed in (t, a) = (tier axis, zone axis) and turned into (x, y) at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archgen.render import metrics
from archgen.render.scene import Group, Scene, SceneNode
from archgen.render.tiers import OFF_PATH, Tier

# Node content: icon on top, two title lines, two detail lines, one line of marks.
NODE_W = 140.0
NODE_H = 118.0
ICON = 50.0
ICON_TOP = 0.0
TITLE_SIZE = 12.0
TITLE_LINE = 14.0
TITLE_LINES = 2
DETAIL_SIZE = 10.0
DETAIL_LINE = 12.0
DETAIL_LINES = 2
MARK_LINE = 12.0
TEXT_W = 136.0

# Slot size along each axis: in TB, nodes sit side by side along the zone axis and need room
# for box titles to the left of their incoming connector.
SLOT = {"LR": (NODE_W, NODE_H), "TB": (NODE_H, 180.0)}  # (tier-axis extent, zone-axis extent)
STACK_GAP = 34.0  # between nodes stacked in one cell (room for a label beside a connector)
ROW_GAP = 30.0  # between rows of a box (corridors run here)
BOX_PAD = 10.0  # inside a box, beyond its title strip
TITLE_SIZE_BOX = 11.0
TITLE_DETAIL_SIZE = 9.0
TITLE_STRIP = {"root": 0.0, "cloud": 22.0, "region": 30.0, "vpc": 30.0, "az": 18.0, "subnet": 30.0}
PORT_SPREAD = 20.0
MARGIN = 16.0  # around the drawing
SHORT_TITLES = (("Availability Zone ", "AZ "), ("Region ", ""))  # when the long title does not fit
GROUP_ICONS = frozenset({"cloud", "vpc", "subnet"})  # AWS draws Region and AZ boxes without an icon  # ports of one node side spread this far either side of its axis


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def intersects(self, other: "Rect", margin: float = 0.0) -> bool:
        return (self.x < other.right + margin and other.x < self.right + margin
                and self.y < other.bottom + margin and other.y < self.bottom + margin)


@dataclass
class PlacedNode:
    node: SceneNode
    column: int
    t0: float = 0.0  # slot start on the tier axis
    a0: float = 0.0  # slot start on the zone axis
    rect: Rect | None = None  # drawn content (NODE_W x NODE_H), absolute


@dataclass
class PlacedBox:
    group: Group
    parent: "PlacedBox | None"
    columns: tuple[int, int] = (0, 0)
    rows: list[list] = field(default_factory=list)  # items: PlacedBox or PlacedNode
    a0: float = 0.0
    a_extent: float = 0.0
    t0: float = 0.0
    t1: float = 0.0
    rect: Rect | None = None
    title: Rect | None = None  # where the title text may go (fitted later)
    title_lines: list[tuple[str, float, bool]] = field(default_factory=list)  # (text, size, bold)
    icon: str = ""

    @property
    def kind(self) -> str:
        return self.group.kind


class Frame:
    """(t, a) <-> (x, y) for one direction."""

    def __init__(self, direction: str):
        self.direction = direction
        self.lr = direction == "LR"

    def rect(self, t: float, a: float, dt: float, da: float) -> Rect:
        return Rect(t, a, dt, da) if self.lr else Rect(a, t, da, dt)

    def point(self, t: float, a: float) -> tuple[float, float]:
        return (t, a) if self.lr else (a, t)


@dataclass
class Grid:
    """Placement before routing: columns known by index, zone-axis positions final."""

    direction: str
    frame: Frame
    nodes: dict[str, PlacedNode]
    root: PlacedBox
    boxes: list[PlacedBox]  # outermost first
    columns: int
    a_extent: float
    left_pad: list[float] = field(default_factory=list)
    right_pad: list[float] = field(default_factory=list)
    column_t: list[float] = field(default_factory=list)  # slot start of each column
    t_extent: float = 0.0

    @property
    def slot(self) -> tuple[float, float]:
        return SLOT[self.direction]

    def box_of(self, group_id: str) -> PlacedBox | None:
        return next((b for b in self.boxes if b.group.id == group_id), None)


# --------------------------------------------------------------------------- columns
def lane_keys(scene: Scene) -> dict[str, tuple]:
    """Subnet box id -> lane: (0 public | 1 private, rank among that kind in its AZ by tier)."""
    lanes: dict[str, tuple] = {}
    for group in walk(scene.cloud):
        if group.kind != "az":
            continue
        subnets = [g for g in group.ordered_groups() if g.kind == "subnet"]
        for kind_rank, kind in enumerate(("public", "private")):
            same = [s for s in subnets if (s.subkind or "private") == kind]
            same.sort(key=lambda s: (min((n.tier for n in s.nodes if n.role != "empty" and n.tier not in OFF_PATH),
                                         default=99), s.order))
            for rank, subnet in enumerate(same):
                lanes[subnet.id] = (kind_rank, rank)
    return lanes


def assign_columns(scene: Scene, direction: str, lanes: dict[str, tuple]) -> tuple[dict[str, tuple], list[tuple]]:
    """Node id -> column key, and the sorted distinct keys.

    Keys are (0 global or calling in | 1 in a Region or called outside AWS, tier, lane, sub). In TB a node off the request path (a
    NAT gateway) takes a sub-column after its lane's first column, under what it serves, so
    subnets do not grow sideways (the width is what limits reading at 1,000 px); in LR it
    stacks in the cell. A lane whose tiers would
    interleave with another lane's is folded into one column (its first tier)."""
    keys: dict[str, tuple] = {}
    lane_members: dict[tuple, list[SceneNode]] = {}
    loose: list[SceneNode] = []
    beside: dict[str, list[SceneNode]] = {}  # Region box id -> its services outside any VPC
    vpc_region: dict[str, str] = {}
    for group, chain in walk_with_chain(scene.cloud):
        vpc = next((g.id for g in chain if g.kind == "vpc"), None)
        region = next((g.id for g in chain if g.kind == "region"), None)
        if vpc is not None:
            vpc_region[vpc] = region
        for node in group.nodes:
            if group.kind == "cloud":
                keys[node.id] = (0, int(node.tier), (), 0)
            elif group.kind == "subnet":
                lane_members.setdefault((vpc, lanes[group.id]), []).append(node)
            elif group.kind == "region":
                beside.setdefault(region, []).append(node)
            else:
                loose.append(node)
    for node in scene.outside:
        # where requests come from sits before the AWS Cloud; what the system calls outside AWS
        # (a payment provider) sits above it in its tier's column, so its connectors run
        # forward, not round the drawing, and a new column in a Region does not move it
        keys[node.id] = (0, int(node.tier), (), 0) if calls_in(node) else (1, int(node.tier), (), 0)
    # empty subnets, and nodes off the request path (a NAT gateway), take the first tier of their
    # lane (in any AZ), else a default for the subnet's kind
    def on_path(node: SceneNode) -> bool:
        return node.role != "empty" and node.tier not in OFF_PATH

    column_tier: dict[str, int] = {}
    for (vpc, lane), members in lane_members.items():
        real = [n.tier for (v, l), ms in lane_members.items() if l == lane for n in ms if on_path(n)]
        fallback = Tier.LOAD_BALANCING if lane[0] == 0 else Tier.COMPUTE
        for node in members:
            column_tier[node.id] = int(node.tier) if on_path(node) else int(min(real, default=fallback))
    folded: set[tuple] = set()
    while True:
        ranges = {}
        for (vpc, lane), members in lane_members.items():
            tiers = [column_tier[n.id] for n in members]
            low, high = (min(tiers), max(tiers)) if (vpc, lane) not in folded else (min(tiers), min(tiers))
            ranges[(vpc, lane)] = ((1, low, lane, 0), (1, high, lane, 1))
        clash = None
        items = sorted(ranges.items(), key=lambda kv: (kv[0][0] or "", kv[0][1]))
        for i, (lane_a, (lo_a, hi_a)) in enumerate(items):
            for lane_b, (lo_b, hi_b) in items[i + 1:]:
                if lane_a[0] == lane_b[0] and lane_b not in folded and lo_a <= hi_b and lo_b <= hi_a:
                    clash = lane_b
                    break
            if clash:
                break
        if clash is None:
            break
        folded.add(clash)
    for (vpc, lane), members in lane_members.items():
        low = min(column_tier[n.id] for n in members)
        for node in members:
            tier = low if (vpc, lane) in folded else column_tier[node.id]
            sub = 1 if direction == "TB" and node.role != "empty" and node.tier in OFF_PATH else 0
            keys[node.id] = (1, tier, lane, sub)
    vpc_keys: dict[str, set] = {}
    for (vpc, _lane), members in lane_members.items():
        vpc_keys.setdefault(vpc_region[vpc], set()).update(keys[n.id] for n in members)
    for region, nodes in beside.items():
        if region in vpc_keys:
            place_beside(nodes, sorted(vpc_keys[region], key=column_sort_key), keys,
                         [k for ks in vpc_keys.values() for k in ks])
        else:
            loose.extend(nodes)
    regional_keys = sorted(k for k in keys.values() if k[0] == 1)
    for node in loose:
        same_tier = [k for k in regional_keys if k[1] == int(node.tier)]
        keys[node.id] = same_tier[0] if same_tier else (1, int(node.tier), (), 0)
    ordered = sorted(set(keys.values()), key=column_sort_key)
    return keys, ordered


def calls_in(node: SceneNode) -> bool:
    """A node outside AWS where requests come from (users), not one the system calls."""
    return node.tier <= Tier.EDGE


def place_beside(nodes: list[SceneNode], columns: list[tuple], keys: dict[str, tuple], anywhere: list[tuple]) -> None:
    """Services beside a VPC take its columns: each the free one nearest its tier (at or after it
    first), stacking only when every column is taken. A new service fills a free cell instead of
    adding a column or a row, so the rest of the drawing stays where it was. A service whose tier
    comes after every column of the VPC gets that tier's column (shared with other Regions, else
    a new one at the end, which moves nothing)."""
    taken: set[tuple] = set()
    columns = list(columns)
    for node in nodes:
        tier = int(node.tier)
        if not any(key[1] >= tier for key in columns):
            same = sorted((k for k in anywhere if k[1] == tier), key=column_sort_key)
            extra = same[0] if same else (1, tier, (), 0)
            columns = sorted(set(columns) | {extra}, key=column_sort_key)
        preferred = next(i for i, key in enumerate(columns) if key[1] >= tier)
        order = sorted(range(len(columns)), key=lambda i: (abs(i - preferred), i < preferred))
        chosen = next((i for i in order if columns[i] not in taken), preferred)
        taken.add(columns[chosen])
        keys[node.id] = columns[chosen]


def column_sort_key(key: tuple) -> tuple:
    group, tier, lane, sub = key
    return (group, tier, (0,) + lane if lane else (-1,), sub)


def walk(group: Group):
    yield group
    for child in group.ordered_groups():
        yield from walk(child)


def walk_with_chain(group: Group, chain: tuple = ()):
    chain = chain + (group,)
    yield group, chain
    for child in group.ordered_groups():
        yield from walk_with_chain(child, chain)


# --------------------------------------------------------------------------- boxes and rows
def build_boxes(scene: Scene, column_of: dict[str, int],
                lanes: dict[str, tuple]) -> tuple[PlacedBox, list[PlacedBox], dict[str, PlacedNode]]:
    nodes: dict[str, PlacedNode] = {}
    on_path = {e.tail for e in scene.edges if e.kind in ("sync", "async")} | {
        e.head for e in scene.edges if e.kind in ("sync", "async")}
    boxes: list[PlacedBox] = []
    root = PlacedBox(Group("root", "root", ""), None)

    def place_node(node: SceneNode) -> PlacedNode:
        placed = PlacedNode(node, column_of[node.id])
        nodes[node.id] = placed
        return placed

    def make(group: Group, parent: PlacedBox) -> PlacedBox | None:
        if group.is_empty():
            return None
        box = PlacedBox(group, parent, icon="icon" if group.kind in GROUP_ICONS else "")
        boxes.append(box)
        children = [c for c in (make(g, box) for g in group.ordered_groups()) if c is not None]
        # in a cell, nodes on the request path come before those beside it (a NAT gateway)
        own = [place_node(n) for n in sorted(group.nodes, key=lambda n: n.id not in on_path)]
        box.rows = initial_rows(group.kind, own, children)
        return box

    callers = [place_node(n) for n in scene.outside if calls_in(n)]
    called = [place_node(n) for n in scene.outside if not calls_in(n)]
    cloud = make(scene.cloud, root)
    # what the system calls outside AWS goes above the Cloud box, beside who calls in
    root.rows = [callers + called, [cloud]] if called and cloud else [callers + called + ([cloud] if cloud else [])]
    boxes.insert(0, root)
    span_columns(root)
    stretch(root, lanes)
    for box in boxes:
        box.rows = split_conflicts(box.rows)
    return root, boxes, nodes


def initial_rows(kind: str, own: list[PlacedNode], children: list[PlacedBox]) -> list[list]:
    if kind == "cloud":  # global services beside the first Region; one Region per row
        rows = [own + children[:1]] + [[c] for c in children[1:]]
        return rows if rows[0] else rows[1:]
    if kind in ("region", "vpc"):  # VPCs / AZs one per row, then what sits beside them
        return [[c] for c in children] + ([own] if own else [])
    return [own + children]  # az, subnet: side by side along the tier axis


def item_columns(item) -> tuple[int, int]:
    return (item.column, item.column) if isinstance(item, PlacedNode) else item.columns


def span_columns(box: PlacedBox) -> tuple[int, int]:
    spans = [span_columns(i) if isinstance(i, PlacedBox) else (i.column, i.column) for row in box.rows for i in row]
    box.columns = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (0, 0)
    return box.columns


def stretch(box: PlacedBox, lanes: dict[str, tuple]) -> None:
    """Sibling AZ boxes span the same columns, and so do subnets of one lane (aligned grid)."""
    children = [i for row in box.rows for i in row if isinstance(i, PlacedBox)]
    azs = [c for c in children if c.kind == "az"]
    if azs:
        low, high = min(c.columns[0] for c in azs), max(c.columns[1] for c in azs)
        for az in azs:
            az.columns = (low, high)
    if box.kind == "vpc":
        # by lane, not by first column: a subnet whose only node is a standby copy (drawn when
        # a flag says Multi-AZ) keeps the width of the lane's other subnets
        same_lane: dict[tuple, list[PlacedBox]] = {}
        for az in azs:
            for row in az.rows:
                for item in row:
                    if isinstance(item, PlacedBox) and item.kind == "subnet":
                        same_lane.setdefault(lanes[item.group.id], []).append(item)
        for members in same_lane.values():
            low, high = min(m.columns[0] for m in members), max(m.columns[1] for m in members)
            for member in members:
                member.columns = (low, high)
    for child in children:
        stretch(child, lanes)


def split_conflicts(rows: list[list]) -> list[list]:
    """Items of one row must not share columns (nodes of one column stack instead): an item that
    would overlap goes to a further row, keeping order."""
    out: list[list] = []
    for row in rows:
        pending = list(row)
        while pending:
            placed: list = []
            rest: list = []
            for item in pending:
                (rest if overlaps_any(item, placed) else placed).append(item)
            out.append(placed)
            pending = rest
    return out


def overlaps_any(item, placed: list) -> bool:
    low, high = item_columns(item)
    for other in placed:
        if isinstance(item, PlacedNode) and isinstance(other, PlacedNode):
            continue  # nodes of one column stack in their cell
        other_low, other_high = item_columns(other)
        if not (high < other_low or other_high < low):
            return True
    return False


# --------------------------------------------------------------------------- zone axis
def pad_a(box: PlacedBox, direction: str) -> tuple[float, float]:
    if box.kind == "root":
        return 0.0, 0.0
    start = BOX_PAD + (TITLE_STRIP.get(box.kind, 0.0) if direction == "LR" else 0.0)
    return start, BOX_PAD


def pad_t(box: PlacedBox, direction: str) -> tuple[float, float]:
    if box.kind == "root":
        return 0.0, 0.0
    start = BOX_PAD + (TITLE_STRIP.get(box.kind, 0.0) if direction == "TB" else 0.0)
    return start, BOX_PAD


def cell_extent(count: int, slot_a: float) -> float:
    return count * slot_a + (count - 1) * STACK_GAP


def measure(box: PlacedBox, direction: str) -> float:
    slot_a = SLOT[direction][1]
    total = 0.0
    for index, row in enumerate(box.rows):
        total += row_extent(row, direction, slot_a) + (ROW_GAP if index else 0.0)
    start, end = pad_a(box, direction)
    box.a_extent = start + total + end
    return box.a_extent


def row_extent(row: list, direction: str, slot_a: float) -> float:
    cells: dict[int, int] = {}
    extent = 0.0
    for item in row:
        if isinstance(item, PlacedBox):
            extent = max(extent, measure(item, direction))
        else:
            cells[item.column] = cells.get(item.column, 0) + 1
    for count in cells.values():
        extent = max(extent, cell_extent(count, slot_a))
    return extent


def place_zone_axis(box: PlacedBox, a0: float, direction: str) -> None:
    slot_a = SLOT[direction][1]
    box.a0 = a0
    cursor = a0 + pad_a(box, direction)[0]
    for index, row in enumerate(box.rows):
        if index:
            cursor += ROW_GAP
        stacked: dict[int, int] = {}
        for item in row:
            if isinstance(item, PlacedBox):
                place_zone_axis(item, cursor, direction)
            else:
                position = stacked.get(item.column, 0)
                item.a0 = cursor + position * (slot_a + STACK_GAP)
                stacked[item.column] = position + 1
        cursor += row_extent(row, direction, slot_a)


# --------------------------------------------------------------------------- tier axis
def box_pads(grid: Grid) -> None:
    """How much room box borders (and, in TB, title strips) need before and after each column."""
    left = [0.0] * grid.columns
    right = [0.0] * grid.columns
    for box in grid.boxes:
        if box.kind == "root":
            continue
        left[box.columns[0]] = max(left[box.columns[0]], box_offset(grid, box, 0))
        right[box.columns[1]] = max(right[box.columns[1]], box_offset(grid, box, 1))
    grid.left_pad, grid.right_pad = left, right


def place_tier_axis(grid: Grid, channel_width: list[float], margin: float) -> None:
    """Column positions once the routing channels are sized: channel i follows column i,
    channel -1 (index 0 of ``channel_width``) precedes column 0."""
    slot_t = grid.slot[0]
    cursor = margin + channel_width[0]
    grid.column_t = []
    for column in range(grid.columns):
        cursor += grid.left_pad[column]
        grid.column_t.append(cursor)
        cursor += slot_t + grid.right_pad[column] + channel_width[column + 1]
    grid.t_extent = cursor + margin
    for placed in grid.nodes.values():
        placed.t0 = grid.column_t[placed.column]
        placed.rect = node_rect(grid, placed)
    for box in grid.boxes:
        if box.kind == "root":
            continue
        box.t0 = grid.column_t[box.columns[0]] - box_offset(grid, box, 0)
        box.t1 = grid.column_t[box.columns[1]] + slot_t + box_offset(grid, box, 1)
        box.rect = grid.frame.rect(box.t0, box.a0, box.t1 - box.t0, box.a_extent)


def box_offset(grid: Grid, box: PlacedBox, side: int) -> float:
    """How far the border of ``box`` lies before its first column (side 0) or after its last
    (side 1): its own padding plus that of the boxes inside it that start (end) there too."""
    inner = [box_offset(grid, c, side) for row in box.rows for c in row
             if isinstance(c, PlacedBox) and c.columns[side] == box.columns[side]]
    return pad_t(box, grid.direction)[side] + max(inner, default=0.0)


def node_axis_a(direction: str, a0: float) -> float:
    """Zone-axis position of a node's centre line, from its slot start."""
    slot_a = SLOT[direction][1]
    return a0 + slot_a / 2 if direction == "LR" else a0 + slot_a - NODE_W / 2


def node_rect(grid: Grid, placed: PlacedNode) -> Rect:
    """The drawn node inside its slot. TB slots are wider than the node, which sits at their far
    end: the room before it holds the titles of the boxes its connector enters from above."""
    slot_t, slot_a = grid.slot
    if grid.direction == "LR":
        return Rect(placed.t0, placed.a0, NODE_W, NODE_H)
    return Rect(placed.a0 + slot_a - NODE_W, placed.t0, NODE_W, NODE_H)


# --------------------------------------------------------------------------- entry point
def build_grid(scene: Scene, direction: str) -> Grid:
    lanes = lane_keys(scene)
    keys, ordered = assign_columns(scene, direction, lanes)
    index = {key: i for i, key in enumerate(ordered)}
    column_of = {node_id: index[key] for node_id, key in keys.items()}
    root, boxes, nodes = build_boxes(scene, column_of, lanes)
    grid = Grid(direction, Frame(direction), nodes, root, boxes, len(ordered), 0.0)
    grid.a_extent = measure(root, direction)
    place_zone_axis(root, MARGIN, direction)
    box_pads(grid)
    return grid


def fit_titles(grid: Grid, limit_of) -> None:
    """Each box title fitted into the room before the first connector that could cross it."""
    for box in grid.boxes:
        if box.kind == "root" or box.rect is None:
            continue
        lines = box.group.title, " · ".join(box.group.details)
        room = max(20.0, limit_of(box))
        strip = TITLE_STRIP.get(box.kind, 0.0)
        icon = 20.0 if box.icon else 0.0
        text_room = room - icon - 4.0
        if text_room < metrics.text_width(box.group.title, TITLE_SIZE_BOX, True) and box.icon:
            icon, text_room = 0.0, room - 4.0
            box.icon = ""
        title = box.group.title
        short = next((prefix[1] + title.removeprefix(prefix[0]) for prefix in SHORT_TITLES if title.startswith(prefix[0])), "")
        if metrics.text_width(title, TITLE_SIZE_BOX, True) > text_room and short:
            title = short
        fitted = [(metrics.ellipsize(title, text_room, TITLE_SIZE_BOX, True), TITLE_SIZE_BOX, True)]
        if lines[1] and strip >= 28:
            fitted.append((metrics.ellipsize(lines[1], text_room, TITLE_DETAIL_SIZE), TITLE_DETAIL_SIZE, False))
        width = icon + 4.0 + max(metrics.text_width(t, s, b) for t, s, b in fitted)
        box.title_lines = fitted
        box.title = Rect(box.rect.x + 4.0, box.rect.y + 3.0, width, strip - 4.0 if strip else 14.0)
