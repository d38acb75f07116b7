"""Scene + annotations -> laid-out DOT: every node, box, connector and label at its final place.

archgen lays the diagram out itself (:mod:`archgen.render.drawing`); Graphviz only draws it
(``neato -n2`` keeps the given positions and connector paths), turning the same DOT into SVG,
PNG and PDF with its fonts and the AWS icons. Positions therefore do not depend on the
Graphviz version or the fonts of the machine.

The DOT is written by hand rather than through ``diagrams``/``graphviz.Digraph``: ids come
from component ids (``diagrams`` uses uuid4), every collection is walked in spec order, and
no absolute path is written (icons are named relative to ``imagepath``), so the same spec
gives byte-identical DOT on every machine and under any ``PYTHONHASHSEED``.

Styling follows the AWS Architecture Icons group conventions for boxes (colours noted per
kind below). Node slots have a fixed size: titles wrap into two lines and longer text is cut
with an ellipsis (the full text is in the tooltip), so a longer label never moves anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archgen import model as m
from archgen.annotations import DiagramAnnotations
from archgen.formatting import rate
from archgen.render import metrics, text
from archgen.render.drawing import HEADER_H, Drawing, arrange
from archgen.render.icons import AWS_CLOUD_ICON, group_icon
from archgen.render.layout import (DETAIL_LINE, DETAIL_LINES, DETAIL_SIZE, ICON, MARK_LINE, NODE_H, NODE_W,
                                   TEXT_W, TITLE_DETAIL_SIZE, TITLE_LINE, TITLE_LINES, TITLE_SIZE, PlacedBox, PlacedNode,
                                   Rect)
from archgen.render.route import ARROW, LABEL_LINES, LABEL_SIZE, LABEL_WIDTH, RoutedEdge
from archgen.render.scene import SERVING_ROLES, Scene, SceneEdge, SceneNode
from archgen.render.views import FULL, OVERVIEW, view_names, view_scene

FONT = "Helvetica"  # a PostScript base font: every Graphviz maps it, browsers fall back to sans-serif
INK = "#232F3E"  # AWS "squid ink", the colour of text and the AWS Cloud box
GREY = "#545B64"

# Box styles from the AWS Architecture Icons "Groups" (also the draw.io aws4 group shapes):
# AWS Cloud solid #232F3E; Region dashed #00A4A6; VPC solid #8C4FFF; Availability Zone dashed
# #147EBA; public subnet #7AA116 on #E9F3E6; private subnet #00A4A6 on #E6F6F7.
GROUP_STYLE = {
    "cloud": {"color": INK, "fontcolor": INK, "style": "solid", "penwidth": "1.5"},
    "region": {"color": "#00A4A6", "fontcolor": "#00A4A6", "style": "dashed", "penwidth": "1.5"},
    "vpc": {"color": "#8C4FFF", "fontcolor": "#8C4FFF", "style": "solid", "penwidth": "1.5"},
    "az": {"color": "#147EBA", "fontcolor": "#147EBA", "style": "dashed", "penwidth": "1.2"},
    "public": {"color": "#7AA116", "fontcolor": "#248814", "style": "filled", "fillcolor": "#E9F3E6"},
    "private": {"color": "#00A4A6", "fontcolor": "#147EBA", "style": "filled", "fillcolor": "#E6F6F7"},
}

# Edge kinds: solid grey request; pink open arrow for asynchronous messages (AWS's
# application-integration colour); dashed for standby paths used only after a failover;
# dotted blue for data replication (carries no requests).
EDGE_STYLE = {
    "sync": {},
    "async": {"color": "#E7157B", "arrowhead": "vee"},
    "standby": {"color": "#879196", "style": "dashed"},
    "replication": {"color": "#147EBA", "style": "dotted", "penwidth": "1.6", "arrowhead": "onormal",
                    "arrowtail": "onormal"},
}
EDGE_LEGEND = {
    "sync": "request (synchronous)",
    "async": "asynchronous message / event",
    "standby": "standby path, used after failover",
    "replication": "data replication (no requests)",
}

SPOF_COLOR = "#D13212"
# Diff marks: added green, removed red dashed, changed amber (the colours of GitHub-style diffs).
DIFF_STYLE = {
    "added": {"color": "#1D8102", "fill": "#E9F5E3", "dashed": False, "legend": "added"},
    "removed": {"color": "#D13212", "fill": "#FCE9E7", "dashed": True, "legend": "removed"},
    "changed": {"color": "#FF9900", "fill": "#FFF4E0", "dashed": False, "legend": "changed"},
}


def penwidth(rps: float) -> float:
    """1 at no traffic, +1 per factor of ten (10 req/s -> 2, 1,000 -> 4, 100,000 -> 6), at most 8."""
    return round(min(8.0, 1.0 + math.log10(1.0 + max(0.0, rps))), 2)


def rps_text(rps: float) -> str:
    return rate(rps, "req/s", compact=True)


def attrs(values: dict[str, str]) -> str:
    """``[k=v, ...]`` in insertion order; every value quoted except ``label``, which this module
    always builds as an HTML-like label (``<...>``) from escaped text."""
    def value_text(key: str, value) -> str:
        if key == "label":
            return value
        return text.quoted_tooltip(value) if key == "tooltip" else text.quoted(str(value))

    return "[" + ", ".join(f"{key}={value_text(key, value)}" for key, value in values.items()) + "]"


@dataclass
class Used:
    """What the drawing shows, so the legend explains exactly those marks."""

    edge_kinds: set = field(default_factory=set)
    rps: bool = False
    spof: bool = False
    findings: bool = False
    diff: set = field(default_factory=set)
    shares: bool = False


def coordinate(value: float) -> str:
    """A position or size in DOT or draw.io XML (machine text, not a figure for people)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def inches(points: float) -> str:
    return f"{(points + 1) / 72:.4f}"  # a hair larger than the label: Graphviz warns when equal after rounding


class DotWriter:
    def __init__(self, spec: m.Spec, scene: Scene, annotations: DiagramAnnotations, direction: str,
                 view: str = FULL):
        self.spec = spec
        self.scene = scene
        self.notes = annotations
        self.direction = direction
        self.view = view
        self.lines: list[str] = []
        self.used = Used()
        self.copies: dict[str, int] = {}
        for edge in scene.edges:
            if edge.connection is not None and edge.kind != "layout":
                self.copies[edge.connection] = self.copies.get(edge.connection, 0) + 1
        self.home_region = {c.id: c.region for c in spec.components}
        # copies of one connection that end at the same node are drawn as one bus into it:
        # its label carries what they bring together, written once
        self.joined: dict[tuple, list[SceneEdge]] = {}
        for edge in scene.edges:
            if edge.connection is not None and edge.kind != "layout":
                self.joined.setdefault((edge.connection, edge.head, edge.kind), []).append(edge)
        self.drawing: Drawing = arrange(scene, direction, self.label_lines, self.content_depth)
        self.height = 0.0  # whole canvas, set in write()

    # -- marks ----------------------------------------------------------------------------
    def concerned(self, node: SceneNode) -> bool:
        """Findings and single-point-of-failure marks go on the copies they are about: the
        component's serving nodes in its own Region, not its standby, readers or replicas."""
        return node.role in SERVING_ROLES and node.region == self.home_region.get(node.component, node.region)

    def edge_rps(self, edge: SceneEdge) -> float | None:
        """Peak requests/s one drawn connector carries: a connection drawn once per AZ pair
        shows each copy's even share of the total."""
        if edge.connection is None:
            loads = [self.notes.edge_peak_rps[c] for c in edge.merged if c in self.notes.edge_peak_rps]
            return sum(loads) if loads else None  # an overview edge: the connections it stands for
        total = self.notes.edge_peak_rps.get(edge.connection)
        if total is None:
            return None
        return total / self.copies.get(edge.connection, 1)

    def joined_with(self, edge: SceneEdge) -> list[SceneEdge]:
        return self.joined.get((edge.connection, edge.head, edge.kind), [edge])

    def label_rps(self, edge: SceneEdge) -> float | None:
        """Requests/s written on a connector: its share, summed over the copies it is joined with."""
        shares = [self.edge_rps(e) for e in self.joined_with(edge)]
        return None if shares[0] is None else sum(shares)

    def label_lines(self, edge: SceneEdge) -> list[str]:
        if self.joined_with(edge)[0] is not edge:
            return []  # the bus's first copy carries the label
        lines = metrics.fit_lines(edge.label, LABEL_WIDTH, LABEL_SIZE, LABEL_LINES) if edge.label else []
        rps = self.label_rps(edge)
        if rps is not None:
            lines.append(rps_text(rps))
        return lines

    # -- coordinates ----------------------------------------------------------------------
    def xy(self, x: float, y: float) -> str:
        return f"{coordinate(x)},{coordinate(self.height - (y + HEADER_H))}"

    def bb(self, rect: Rect) -> str:
        return f"{coordinate(rect.x)},{coordinate(self.height - (rect.bottom + HEADER_H))},{coordinate(rect.right)},{coordinate(self.height - (rect.y + HEADER_H))}"

    def centre(self, rect: Rect) -> str:
        return self.xy(rect.x + rect.w / 2, rect.y + rect.h / 2)

    # -- nodes ----------------------------------------------------------------------------
    def node_label(self, node: SceneNode, struck: bool) -> str:
        # cells have a minimum size and no FIXEDSIZE: text wider than archgen measured (another
        # font) only widens the label, where a fixed table would make Graphviz 2.43 abort
        def cell(height: float, content: str, valign: str = "TOP") -> str:
            return (f'<TR><TD WIDTH="{coordinate(NODE_W)}" HEIGHT="{coordinate(height)}" VALIGN="{valign}">'
                    f"{content}</TD></TR>")

        def strike(value: str) -> str:
            return f"<S>{value}</S>" if struck else value

        title_lines, detail_text, listed = self.node_text(node)
        title = "<BR/>".join(strike(text.html(line)) for line in title_lines)
        details = "<BR/>".join(strike(text.html(d)) for d in detail_text)
        marks = ""
        if listed:
            self.used.findings = True
            marks = f'<FONT POINT-SIZE="{coordinate(DETAIL_SIZE)}" COLOR="{SPOF_COLOR}">{text.html(listed)}</FONT>'
        text_rows = f'<FONT POINT-SIZE="{coordinate(DETAIL_SIZE)}" COLOR="{GREY}">{details}</FONT>' if details else ""
        if marks:
            text_rows += ("<BR/>" if details else "") + marks
        rows = [f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{coordinate(ICON)}" HEIGHT="{coordinate(ICON)}"><IMG SRC="{node.icon}" SCALE="TRUE"/></TD></TR>',
                cell(TITLE_LINE * TITLE_LINES + 2, title),
                cell(DETAIL_LINE * DETAIL_LINES + MARK_LINE + 2, text_rows or " ")]
        return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">' + "".join(rows) + "</TABLE>>"

    def node_text(self, node: SceneNode) -> tuple[list[str], list[str], str]:
        """The lines under a node's icon: title, details, and its findings ("" for none)."""
        title = metrics.fit_lines(node.title, TEXT_W, TITLE_SIZE, TITLE_LINES)
        details = [metrics.ellipsize(d, TEXT_W, DETAIL_SIZE) for d in node.details[:DETAIL_LINES]]
        if len(node.details) > DETAIL_LINES:
            details[-1] = metrics.ellipsize(" · ".join(node.details[DETAIL_LINES - 1:]), TEXT_W, DETAIL_SIZE)
        rules = set(self.notes.findings.get(node.component, ())) if self.concerned(node) else set()
        rules.update(self.notes.copy_findings.get((node.component, node.region), ()))
        listed = metrics.ellipsize("⚑ " + ", ".join(sorted(rules)), TEXT_W, DETAIL_SIZE) if rules else ""
        return title, details, listed

    def outlined(self, node: SceneNode) -> bool:
        """Drawn as a box (a single point of failure, or a diff mark) rather than a bare icon."""
        spof = node.component in self.notes.spof and self.concerned(node)
        return spof or self.notes.diff.get(node.component) in DIFF_STYLE

    def content_depth(self, node: SceneNode) -> float:
        """How far a node's drawing reaches along the tier axis (TB: from its top): connectors
        leave below its last line of text, not from the bottom of its empty slot."""
        if node.role == "empty" or self.outlined(node):
            return NODE_H
        title, details, listed = self.node_text(node)
        rows = len(details) + (1 if listed else 0)
        if rows:
            return ICON + TITLE_LINE * TITLE_LINES + 2 + DETAIL_LINE * rows + 4
        return ICON + TITLE_LINE * len(title) + 6

    def node(self, placed: PlacedNode, indent: str) -> None:
        node = placed.node
        size = {"pos": self.centre(placed.rect), "width": inches(NODE_W), "height": inches(NODE_H),
                "fixedsize": "true"}
        if node.role == "empty":
            label = f'<<FONT POINT-SIZE="10" COLOR="{GREY}"><I>{text.html(node.title)}</I></FONT>>'
            self.lines.append(f"{indent}{text.quoted(node.id)} {attrs({'id': 'node:' + node.id, **size, 'label': label})}")
            return
        diff = self.notes.diff.get(node.component)
        values = {"id": f"node:{node.id}", "tooltip": node.tooltip, **size,
                  "label": self.node_label(node, struck=diff == "removed")}
        spof = node.component in self.notes.spof and self.concerned(node)
        if self.outlined(node):
            styles = ["rounded"]
            values.update({"shape": "box", "margin": "0"})
            if diff in DIFF_STYLE:
                mark = DIFF_STYLE[diff]
                self.used.diff.add(diff)
                styles.append("filled")
                if mark["dashed"]:
                    styles.append("dashed")
                values.update({"color": mark["color"], "fillcolor": mark["fill"], "penwidth": "2"})
            if spof:
                self.used.spof = True
                values.update({"color": SPOF_COLOR, "penwidth": "3"})
            values["style"] = ",".join(styles)
        self.lines.append(f"{indent}{text.quoted(node.id)} {attrs(values)}")

    # -- boxes ----------------------------------------------------------------------------
    def title_label(self, box: PlacedBox) -> str:
        group = box.group
        icon = {"cloud": AWS_CLOUD_ICON, "vpc": group_icon("vpc") if box.icon else ""}.get(group.kind, "")
        if group.kind == "subnet" and box.icon:
            icon = group_icon("public_subnet" if group.subkind == "public" else "private_subnet")
        cells = []
        rect = box.title
        if icon:
            width = 34 if group.kind == "cloud" else 18
            cells.append(f'<TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="18" VALIGN="TOP"><IMG SRC="{icon}" SCALE="TRUE"/></TD>'
                         '<TD WIDTH="3"> </TD>')
            text_w = rect.w - width - 3
        else:
            text_w = rect.w
        lines = []
        for index, (line, size, bold) in enumerate(box.title_lines):
            body = text.html(line)
            lines.append(f'<FONT POINT-SIZE="{coordinate(size)}">' + (f"<B>{body}</B>" if bold else body) + "</FONT>")
        cells.append(f'<TD WIDTH="{coordinate(max(text_w, 1))}" ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP">'
                     + "<BR/>".join(lines) + "</TD>")
        return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>' + "".join(cells) + "</TR></TABLE>>"

    def box(self, box: PlacedBox, depth: int) -> None:
        indent = "  " * depth
        group = box.group
        style = GROUP_STYLE[group.subkind if group.kind == "subnet" else group.kind]
        self.lines.append(f"{indent}subgraph {text.quoted(group.id)} {{")
        inner = indent + "  "
        tooltip = " · ".join([group.title] + list(group.details))
        self.lines.append(f"{inner}graph {attrs({'id': group.id, 'bb': self.bb(box.rect), 'label': '<>', 'tooltip': tooltip, **style})}")
        if box.title is not None:
            self.lines.append(f"{inner}{text.quoted('title:' + group.id)} "
                              + attrs({"id": "title:" + group.id, "pos": self.centre(box.title),
                                       "width": inches(box.title.w), "height": inches(box.title.h),
                                       "fixedsize": "true", "tooltip": tooltip, "label": self.title_label(box)}))
        for row in box.rows:
            for item in row:
                if isinstance(item, PlacedBox):
                    self.box(item, depth + 1)
                else:
                    self.node(item, inner)
        self.lines.append(f"{indent}}}")

    # -- edges ----------------------------------------------------------------------------
    def spline(self, routed: RoutedEdge) -> str:
        points = [list(p) for p in routed.points]
        tip = points[-1]
        before = points[-2]
        length = abs(tip[0] - before[0]) + abs(tip[1] - before[1])
        cut = min(ARROW, length / 2)
        base = [tip[0] - (tip[0] - before[0]) / length * cut, tip[1] - (tip[1] - before[1]) / length * cut]
        prefix = f"e,{self.xy(*tip)} "
        body = points[:-1] + [base]
        if routed.edge.bidirectional:
            start, after = points[0], points[1]
            first = abs(after[0] - start[0]) + abs(after[1] - start[1])
            cut = min(ARROW, first / 2)
            body[0] = [start[0] + (after[0] - start[0]) / first * cut, start[1] + (after[1] - start[1]) / first * cut]
            prefix = f"s,{self.xy(*start)} " + prefix
        controls = [body[0]]
        for p, q in zip(body, body[1:]):
            controls += [p, q, q]
        return prefix + " ".join(self.xy(*p) for p in controls)

    def edge(self, routed: RoutedEdge) -> None:
        edge = routed.edge
        values = {"id": f"edge:{edge.connection or edge.kind}:{edge.tail}->{edge.head}", "pos": self.spline(routed)}
        style = dict(EDGE_STYLE[edge.kind])
        self.used.edge_kinds.add(edge.kind)
        tooltip = edge.label or edge.kind
        struck = False
        rps = self.edge_rps(edge)
        if rps is not None and edge.connection is None:
            self.used.rps = True
            style["penwidth"] = str(penwidth(rps))
            tooltip += f" — {rps_text(rps)} at peak ({', '.join(edge.merged)})"
        if edge.connection is not None:
            tooltip = f"{edge.connection}: {tooltip}"
            if rps is not None:
                self.used.rps = True
                style["penwidth"] = str(penwidth(rps))
                share = self.copies.get(edge.connection, 1)
                if share > 1:
                    self.used.shares = True
                    tooltip += f" — {rps_text(rps)} at peak on this path (1/{share} of {rps_text(rps * share)})"
                else:
                    tooltip += f" — {rps_text(rps)} at peak"
            diff = self.notes.diff.get(edge.connection)
            if diff in DIFF_STYLE:
                self.used.diff.add(diff)
                style["color"] = DIFF_STYLE[diff]["color"]
                if DIFF_STYLE[diff]["dashed"]:
                    style["style"] = "dashed"
                struck = diff == "removed"
        values["tooltip"] = tooltip
        if routed.label_lines and routed.label is not None:
            rps = self.label_rps(edge)
            parts = []
            for index, line in enumerate(routed.label_lines):
                body = text.html(line)
                if struck:
                    body = f"<S>{body}</S>"
                if rps is not None and index == len(routed.label_lines) - 1:
                    body = f"<B>{body}</B>"
                parts.append(body)
            values["label"] = f'<<FONT POINT-SIZE="{coordinate(LABEL_SIZE)}">' + "<BR/>".join(parts) + "</FONT>>"
            values["lp"] = self.centre(routed.label)
        values.update(style)
        if edge.bidirectional:
            values["dir"] = "both"
        self.lines.append(f"  {text.quoted(edge.tail)} -> {text.quoted(edge.head)} {attrs(values)}")

    # -- title and legend -----------------------------------------------------------------
    def legend_rows(self) -> list[tuple[str, str]]:
        """(sample cell, explanation) for every mark the drawing uses, in a fixed order."""
        rows = []
        for kind in ("sync", "async", "standby", "replication"):
            if kind in self.used.edge_kinds:
                style = EDGE_STYLE[kind]
                line_style = style.get("style", "solid")
                sample = (f'<TD WIDTH="40" HEIGHT="10" SIDES="B" BORDER="2" COLOR="{style.get("color", GREY)}"'
                          + (f' STYLE="{line_style}"' if line_style != "solid" else "") + "></TD>")
                rows.append((sample, EDGE_LEGEND[kind]))
        if self.used.rps:
            rows.append(('<TD WIDTH="40" HEIGHT="10" SIDES="B" BORDER="5" COLOR="#545B64"></TD>',
                         "line width grows with estimated peak req/s (+1 per ×10)"))
        if self.used.shares:
            rows.append(('<TD WIDTH="40"><FONT POINT-SIZE="9"><B>req/s</B></FONT></TD>',
                         "a connection drawn once per AZ: each line shows its own share"))
        if self.used.spof:
            rows.append((f'<TD WIDTH="40" HEIGHT="10" BORDER="3" COLOR="{SPOF_COLOR}"></TD>', "single point of failure"))
        if self.used.findings:
            rows.append((f'<TD WIDTH="40"><FONT COLOR="{SPOF_COLOR}">⚑</FONT></TD>', "resilience findings (rule ids)"))
        for diff in ("added", "removed", "changed"):
            if diff in self.used.diff:
                mark = DIFF_STYLE[diff]
                sample = (f'<TD WIDTH="40" HEIGHT="10" BORDER="2" COLOR="{mark["color"]}" BGCOLOR="{mark["fill"]}"'
                          + (' STYLE="dashed"' if mark["dashed"] else "") + "></TD>")
                rows.append((sample, mark["legend"] + " since the base version" + (" (struck through)" if diff == "removed" else "")))
        if self.scene.spans_azs:
            rows.append(('<TD WIDTH="40"><FONT COLOR="#147EBA">AZ</FONT></TD>',
                         "a component spanning AZs is drawn in each AZ it covers"))
        return rows

    def readability_note(self, width: float) -> str:
        """Says so when the smallest text would be under 8 px on a 1,000 px wide screen."""
        smallest = min(LABEL_SIZE, TITLE_DETAIL_SIZE, DETAIL_SIZE) * 1000 / max(width, 1.0)
        if smallest >= 8:
            return ""
        note = f"At 1,000 px wide the smallest text here is {smallest:.1f} px: zoom in"
        if self.view == FULL and len(self.spec.regions) > 1:
            others = ", ".join(f"diagram-{v}.svg" for v in view_names(self.spec)[1:])
            note += f", or read the overview and per-Region diagrams ({others})"
        return note + "."

    def footer(self, width: float) -> tuple[list[str], float, float]:
        """DOT lines of the description and legend below the drawing, their width and height."""
        y = self.drawing.height + 4
        out = []
        blocks: list[tuple[str, float, float]] = []  # (label, width, height)
        texts = [t for t in (self.spec.description, self.readability_note(width)) if t]
        for index, words in enumerate(texts):
            lines = metrics.fit_lines(words, max(width - 40, 300), 11, 3)
            w = max(metrics.text_width(line, 11) for line in lines) + 8
            h = 14 * len(lines) + 4
            color = GREY if index == 0 and self.spec.description else SPOF_COLOR
            label = (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD WIDTH="{coordinate(w)}" '
                     f'ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{color}">'
                     + "<BR/>".join(text.html(line) for line in lines) + "</FONT></TD></TR></TABLE>>")
            blocks.append((label, w, h))
        entries = self.legend_rows()
        if entries:
            per_row = 3
            cells = []
            widths = [0.0] * per_row
            for start in range(0, len(entries), per_row):
                chunk = entries[start:start + per_row]
                for column, (_, words) in enumerate(chunk):
                    widths[column] = max(widths[column], 40 + 6 + metrics.text_width(words, 12) + 14 + 6)
                cells.append("<TR>" + "".join(f'{sample}<TD ALIGN="LEFT">{text.html(words)}</TD><TD WIDTH="14"></TD>'
                                              for sample, words in chunk) + "</TR>")
            rows = -(-len(entries) // per_row)
            w = sum(widths) + 16
            h = 20 + rows * 22 + 10
            legend = ('<TABLE BORDER="1" COLOR="#AAB7B8" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
                      f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row * 3}"><B>Legend</B></TD></TR>' + "".join(cells) + "</TABLE>")
            label = f"<{legend}>"
            blocks.append((label, w, h))
        widest, total = 0.0, 0.0
        placed = []
        for label, w, h in blocks:
            placed.append((label, Rect(16, y + total, w, h)))
            total += h + 6
            widest = max(widest, w + 32)
        return [label for label in placed], widest, total

    # -- whole graph ----------------------------------------------------------------------
    def write(self) -> str:
        drawing = self.drawing
        body: list[str] = []
        self.lines = body
        for row in drawing.grid.root.rows:  # users outside the AWS Cloud, then the cloud
            for item in row:
                if isinstance(item, PlacedBox):
                    self.box(item, 1)
        nodes_outside = [i for row in drawing.grid.root.rows for i in row if isinstance(i, PlacedNode)]
        # edges need final coordinates, which need the canvas height, which needs the footer:
        # the footer's size does not depend on what is drawn above it except the marks used,
        # so draw nodes and edges once to collect the marks, then again with the height known
        for placed in nodes_outside:
            self.node(placed, "  ")
        for routed in drawing.edges:
            self.edge(routed)
        title = self.spec.title or self.spec.name
        if self.view == OVERVIEW:
            title += " — overview"
        elif self.view != FULL:
            title += f" — Region {self.view}"
        footer, footer_w, footer_h = self.footer(drawing.width)
        width = max(drawing.width, footer_w)
        self.height = HEADER_H + drawing.height + footer_h + 8
        # second pass with the height known
        body.clear()
        self.used = Used()
        for row in drawing.grid.root.rows:
            for item in row:
                if isinstance(item, PlacedBox):
                    self.box(item, 1)
        for placed in nodes_outside:
            self.node(placed, "  ")
        for routed in drawing.edges:
            self.edge(routed)
        footer, _, _ = self.footer(drawing.width)
        fitted = metrics.ellipsize(title, width - 40, 20, True)
        title_rect = Rect(16, 6 - HEADER_H, metrics.text_width(fitted, 20, True) + 8, 26)
        extras = [("header:title", title_rect,
                   f'<<FONT POINT-SIZE="20"><B>{text.html(fitted)}</B></FONT>>')]
        for index, (label, rect) in enumerate(footer):
            extras.append((f"footer:{index}", rect, label))
        for name, rect, label in extras:
            body.append(f"  {text.quoted(name)} " + attrs({"id": name, "pos": self.centre(rect), "width": inches(rect.w),
                                                           "height": inches(rect.h), "fixedsize": "true",
                                                           "label": label}))
        canvas = Rect(0, -HEADER_H, width, self.height)
        graph = {
            "id": "diagram", "bb": self.bb(canvas), "outputorder": "edgesfirst", "pad": "0", "fontname": FONT,
            "fontsize": "12", "fontcolor": INK, "bgcolor": "white", "splines": "true",
        }
        head = [
            "// Generated by archgen render from spec " + text.quoted(self.spec.name) + "; do not edit.",
            "// Laid out by archgen: every position is final; Graphviz draws it with neato -n2.",
            f"// Direction: {self.direction} (tiers {'left to right' if self.direction == 'LR' else 'top to bottom'})",
            "// Icons are relative to the 'resources' directory of the Python 'diagrams' package:",
            "//   neato -n2 -Gimagepath=\"$(python -c 'import archgen.render.icons as i; print(i.resources_dir())')\" -Tsvg this.dot",
            f"digraph {text.quoted(self.spec.name)} {{",
            f"  graph {attrs(graph)}",
            f"  node {attrs({'shape': 'plain', 'fontname': FONT, 'fontsize': '12', 'fontcolor': INK})}",
            f"  edge {attrs({'fontname': FONT, 'fontsize': '10', 'fontcolor': INK, 'color': GREY, 'arrowsize': '0.7'})}",
            # pins the canvas: neato -n2 would otherwise shrink the drawing to what is on it
            f"  subgraph \"cluster_canvas\" {{ graph [bb=\"{self.bb(canvas)}\", label=<>, style=\"invis\"] }}",
        ]
        return "\n".join(head + body + ["}"]) + "\n"


def dot_writer(spec: m.Spec, annotations: DiagramAnnotations | None = None, direction: str | None = None,
               view: str = FULL) -> DotWriter:
    # the overview puts Regions side by side (zone axis across) whatever the direction asked:
    # it is the view meant to be read whole at 1,000 px
    chosen = "TB" if view == OVERVIEW else direction or spec.direction
    return DotWriter(spec, view_scene(spec, view), annotations or DiagramAnnotations(), chosen, view=view)


def to_dot(spec: m.Spec, annotations: DiagramAnnotations | None = None, direction: str | None = None,
           view: str = FULL) -> str:
    return dot_writer(spec, annotations, direction, view).write()
