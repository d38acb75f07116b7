"""Layout quality of a Graphviz SVG, read back from the file: what a reviewer would see.

Works on any SVG Graphviz writes (archgen's, or a mingrammer ``diagrams`` script's), so the
benchmark compares both with one ruler:

* **edge-label crossings**: a connector passing through the text of another connector's label;
* **label overlaps**: two pieces of text (labels, node text, box titles) on top of each other;
* **title crossings**: a connector through a box title;
* **edge crossings**: two connectors crossing (lines of one connection that fork are one);
* **size** in points, and the **smallest text at 1,000 px** wide, in pixels;
* :func:`displacement` of the nodes two drawings share.

Text extents come from :mod:`archgen.render.metrics` (the widths Graphviz draws with).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from archgen.render import metrics

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box", margin: float = 0.0) -> bool:
        return (self.x0 < other.x1 - margin and other.x0 < self.x1 - margin
                and self.y0 < other.y1 - margin and other.y0 < self.y1 - margin)

    def crossed_by(self, p, q) -> bool:
        """Does segment p-q pass through the inside of the box (shrunk by a hair)?"""
        return segment_hits_box(p, q, Box(self.x0 + 0.5, self.y0 + 0.5, self.x1 - 0.5, self.y1 - 0.5))


@dataclass
class Text:
    owner: str  # id of the node / edge / cluster it belongs to
    kind: str  # label (of a connector) | node | title | other
    text: str
    size: float
    box: Box


@dataclass
class Drawing:
    width: float
    height: float
    nodes: dict[str, tuple[float, float]] = field(default_factory=dict)  # key -> centre
    node_boxes: dict[str, Box] = field(default_factory=dict)
    edges: dict[str, list[list[tuple[float, float]]]] = field(default_factory=dict)  # id -> polylines
    edge_groups: dict[str, str] = field(default_factory=dict)  # edge id -> connection (forks share it)
    texts: list[Text] = field(default_factory=list)


def text_box(x: float, y: float, anchor: str, size: float, bold: bool, content: str) -> Box:
    width = metrics.text_width(content, size, bold)
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return Box(left, y - 0.78 * size, left + width, y + 0.22 * size)


def cubic(p0, p1, p2, p3, steps: int = 8):
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        yield (u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
               u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1])


def path_points(d: str) -> list[tuple[float, float]]:
    """Graphviz edge paths are ``M x,y C x,y x,y x,y ...``: sampled into a polyline."""
    numbers = [float(v) for v in re.findall(NUMBER, d)]
    points = list(zip(numbers[0::2], numbers[1::2]))
    if not points:
        return []
    out = [points[0]]
    straight = True
    for k in range(1, len(points) - 2, 3):
        p0, p1, p2, p3 = out[-1], points[k], points[k + 1], points[k + 2]
        collinear = (abs(p0[0] - p3[0]) < 0.01 or abs(p0[1] - p3[1]) < 0.01) and on_line(p0, p3, p1) and on_line(p0, p3, p2)
        if collinear:
            out.append(p3)
        else:
            straight = False
            out.extend(cubic(p0, p1, p2, p3))
    return out if straight or len(out) > 1 else out


def on_line(a, b, p) -> bool:
    return abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) < 0.5


def read(svg: bytes | str) -> Drawing:
    root = ET.fromstring(svg if isinstance(svg, (bytes, str)) else svg)
    view = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    drawing = Drawing(view[2], view[3])
    for group in root.iter(SVG + "g"):
        cls = group.get("class", "")
        gid = group.get("id", "")
        title_el = group.find(SVG + "title")
        # archgen's elements are known by their id (node:<id>); others (a diagrams script's,
        # whose ids are random) by their title
        name = gid.removeprefix("node:") if gid.startswith("node:") else (
            title_el.text if title_el is not None and title_el.text else gid)
        if cls == "node":
            kind = "title" if gid.startswith("title:") else "other" if gid.startswith(("header:", "footer:")) else "node"
            if kind == "node":
                box = element_box(group)
                if box is not None:
                    drawing.node_boxes[name] = box
                    drawing.nodes[name] = anchor(group) or ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
            collect_texts(group, name, kind, drawing)
        elif cls == "edge":
            polylines = [path_points(p.get("d", "")) for p in group.iter(SVG + "path")]
            drawing.edges[gid or name] = [p for p in polylines if len(p) > 1]
            connection = gid.split(":")[1] if gid.startswith("edge:") else gid or name
            drawing.edge_groups[gid or name] = connection
            collect_texts(group, gid or name, "label", drawing)
        elif cls == "cluster":
            collect_texts(group, gid or name, "title", drawing)
    shift(drawing, root)
    return drawing


def shift(drawing: Drawing, root) -> None:
    """Graphviz writes y upwards from the bottom (negative numbers under a translate): move
    everything to page coordinates, so a drawing that grows at the bottom moves nothing above."""
    graph = next((g for g in root.iter(SVG + "g") if g.get("class") == "graph"), None)
    found = re.search(r"translate\((" + NUMBER + r")[ ,](" + NUMBER + r")\)", graph.get("transform", "")) if graph is not None else None
    if not found:
        return
    dx, dy = float(found.group(1)), float(found.group(2))
    drawing.nodes = {k: (x + dx, y + dy) for k, (x, y) in drawing.nodes.items()}
    drawing.node_boxes = {k: Box(b.x0 + dx, b.y0 + dy, b.x1 + dx, b.y1 + dy) for k, b in drawing.node_boxes.items()}
    drawing.edges = {k: [[(x + dx, y + dy) for x, y in line] for line in lines] for k, lines in drawing.edges.items()}
    for t in drawing.texts:
        t.box = Box(t.box.x0 + dx, t.box.y0 + dy, t.box.x1 + dx, t.box.y1 + dy)


def element_box(group) -> Box | None:
    """A node's extent: its shape polygon if it has one, else what its image and text cover."""
    xs, ys = [], []
    for element in group.iter():
        tag = element.tag.removeprefix(SVG)
        if tag == "polygon" and element.get("fill") != "transparent" and element.get("stroke") != "transparent":
            numbers = [float(v) for v in re.findall(NUMBER, element.get("points", ""))]
            xs += numbers[0::2]
            ys += numbers[1::2]
        elif tag in ("image", "use"):
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            w = float(str(element.get("width", "0")).removesuffix("px"))
            h = float(str(element.get("height", "0")).removesuffix("px"))
            xs += [x, x + w]
            ys += [y, y + h]
        elif tag == "text":
            box = svg_text_box(element)
            if box:
                xs += [box.x0, box.x1]
                ys += [box.y0, box.y1]
    if not xs:
        return None
    return Box(min(xs), min(ys), max(xs), max(ys))


def anchor(group) -> tuple[float, float] | None:
    """Where a node is: the centre of its icon (its text extent changes with its label)."""
    for element in group.iter():
        if element.tag.removeprefix(SVG) in ("image", "use"):
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            w = float(str(element.get("width", "0")).removesuffix("px"))
            h = float(str(element.get("height", "0")).removesuffix("px"))
            return (x + w / 2, y + h / 2)
    return None


def svg_text_box(element) -> Box | None:
    content = "".join(element.itertext())
    if not content.strip():
        return None
    size = float(element.get("font-size", "14"))
    bold = element.get("font-weight") == "bold"
    return text_box(float(element.get("x", 0)), float(element.get("y", 0)), element.get("text-anchor", "start"),
                    size, bold, content)


def collect_texts(group, owner: str, kind: str, drawing: Drawing) -> None:
    for element in group.iter(SVG + "text"):
        box = svg_text_box(element)
        if box is not None:
            drawing.texts.append(Text(owner, kind, "".join(element.itertext()), float(element.get("font-size", "14")), box))


# --------------------------------------------------------------------------- geometry
def orientation(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(p1, p2, q1, q2) -> bool:
    """Proper crossing of two segments (touching ends and collinear overlaps do not count)."""
    d1, d2 = orientation(q1, q2, p1), orientation(q1, q2, p2)
    d3, d4 = orientation(p1, p2, q1), orientation(p1, p2, q2)
    return ((d1 > 1e-6 and d2 < -1e-6) or (d1 < -1e-6 and d2 > 1e-6)) and \
        ((d3 > 1e-6 and d4 < -1e-6) or (d3 < -1e-6 and d4 > 1e-6))


def segment_hits_box(p, q, box: Box) -> bool:
    """Liang-Barsky clipping: does the segment enter the box?"""
    x0, y0 = p
    dx, dy = q[0] - x0, q[1] - y0
    low, high = 0.0, 1.0
    for edge_p, edge_q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if abs(edge_p) < 1e-12:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


CELL = 80.0


def _cells(x0, y0, x1, y1):
    for i in range(int(math.floor(min(x0, x1) / CELL)), int(math.floor(max(x0, x1) / CELL)) + 1):
        for j in range(int(math.floor(min(y0, y1) / CELL)), int(math.floor(max(y0, y1) / CELL)) + 1):
            yield i, j


def segments_of(drawing: Drawing):
    for edge_id, polylines in drawing.edges.items():
        for line in polylines:
            for p, q in zip(line, line[1:]):
                if p != q:
                    yield edge_id, p, q


# --------------------------------------------------------------------------- metrics
@dataclass
class Quality:
    edge_label_crossings: int
    label_overlaps: int
    title_crossings: int
    title_overlaps: int
    edge_crossings: int
    width: float
    height: float
    smallest_text_px: float  # at 1,000 px wide
    nodes: int
    edges: int

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def quality(svg: bytes | str) -> Quality:
    drawing = read(svg)
    index: dict[tuple[int, int], list] = {}
    segments = list(segments_of(drawing))
    for item in segments:
        _, p, q = item
        for key in _cells(p[0], p[1], q[0], q[1]):
            index.setdefault(key, []).append(item)

    def crossing_segments(box: Box, exclude: str | None = None) -> set:
        found = set()
        for key in _cells(box.x0, box.y0, box.x1, box.y1):
            for edge_id, p, q in index.get(key, ()):
                if edge_id != exclude and box.crossed_by(p, q):
                    found.add(edge_id)
        return found

    labels = [t for t in drawing.texts if t.kind == "label"]
    titles = [t for t in drawing.texts if t.kind == "title"]
    edge_label_crossings = sum(len(crossing_segments(t.box, exclude=t.owner)) for t in labels)
    title_crossings = sum(len(crossing_segments(t.box)) for t in titles)
    texts = drawing.texts
    overlaps = 0
    title_overlaps = 0
    buckets: dict[tuple[int, int], list[int]] = {}
    for i, t in enumerate(texts):
        for key in _cells(t.box.x0, t.box.y0, t.box.x1, t.box.y1):
            buckets.setdefault(key, []).append(i)
    seen = set()
    for members in buckets.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = members[a], members[b]
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                ti, tj = texts[i], texts[j]
                if ti.owner == tj.owner and ti.kind == tj.kind:
                    continue  # lines of one label
                if ti.box.overlaps(tj.box, margin=0.5):
                    overlaps += 1
                    if "title" in (ti.kind, tj.kind):
                        title_overlaps += 1
    # titles over nodes (icons included)
    for t in titles:
        for name, box in drawing.node_boxes.items():
            if t.box.overlaps(box, margin=0.5):
                title_overlaps += 1
    crossings = 0
    pairs = set()
    for members in index.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                ea, p1, p2 = members[a]
                eb, q1, q2 = members[b]
                if ea == eb or drawing.edge_groups.get(ea) == drawing.edge_groups.get(eb):
                    continue
                key = (min(id(members[a]), id(members[b])), max(id(members[a]), id(members[b])))
                if key in pairs:
                    continue
                pairs.add(key)
                if segments_cross(p1, p2, q1, q2):
                    crossings += 1
    sizes = [t.size for t in texts if t.text.strip()]
    smallest = min(sizes) * 1000 / drawing.width if sizes and drawing.width else 0.0
    return Quality(edge_label_crossings, overlaps, title_crossings, title_overlaps, crossings,
                   round(drawing.width, 1), round(drawing.height, 1), round(smallest, 2), len(drawing.nodes),
                   len(drawing.edges))


def displacement(before: bytes | str, after: bytes | str, key=None) -> tuple[float, float]:
    """(largest move of a node both drawings have, that move as a share of the diagonal of ``after``).

    Nodes are matched by their name (archgen's ids are the component ids); ``key`` can map a
    drawing to other keys (a diagrams script's random ids: by label)."""
    first, second = read(before), read(after)
    a = key(first) if key else first.nodes
    b = key(second) if key else second.nodes
    shared = [k for k in a if k in b]
    if not shared:
        return 0.0, 0.0
    largest = max(math.dist(a[k], b[k]) for k in shared)
    diagonal = math.hypot(second.width, second.height)
    return largest, largest / diagonal if diagonal else 0.0


def nodes_by_label(drawing: Drawing) -> dict[str, tuple[float, float]]:
    """Node centres keyed by their text (and occurrence), for drawings whose ids are random."""
    out: dict[str, tuple[float, float]] = {}
    texts: dict[str, list[str]] = {}
    for t in drawing.texts:
        if t.kind == "node":
            texts.setdefault(t.owner, []).append(t.text)
    counts: dict[str, int] = {}
    for name, centre in drawing.nodes.items():
        label = " ".join(texts.get(name, [name]))
        counts[label] = counts.get(label, 0) + 1
        out[f"{label}#{counts[label]}"] = centre
    return out
