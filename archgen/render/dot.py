"""Scene + annotations -> DOT source text (the pre-layout graph Graphviz lays out).

The DOT is written by hand rather than through ``diagrams``/``graphviz.Digraph``: ids come
from component ids (``diagrams`` uses uuid4), every collection is walked in spec order, and
no absolute path is written (icons are named relative to ``imagepath``), so the same spec
gives byte-identical DOT on every machine and under any ``PYTHONHASHSEED``.

Styling follows the AWS Architecture Icons group conventions for boxes (colours noted per
kind below) and uses HTML-like labels so a node is its icon above a wrapped title: nodes
grow with their text instead of overflowing a fixed size (the label overlap ``diagrams``'
fixed 1.4-inch nodes produce). Splines are ``spline``: ``ortho`` drops edge labels and
``curved`` is catastrophically slow on large graphs (anchors.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archgen import model as m
from archgen.annotations import DiagramAnnotations
from archgen.formatting import rate
from archgen.render import text
from archgen.render.icons import AWS_CLOUD_ICON, group_icon
from archgen.render.scene import Group, Scene, SceneEdge, SceneNode, build_scene

FONT = "Helvetica"  # a PostScript base font: every Graphviz maps it, browsers fall back to sans-serif
INK = "#232F3E"  # AWS "squid ink", the colour of text and the AWS Cloud box
GREY = "#545B64"
TITLE_WRAP = 22  # characters per line of a node title
ICON_PX = 48

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


class DotWriter:
    def __init__(self, spec: m.Spec, scene: Scene, annotations: DiagramAnnotations, direction: str):
        self.spec = spec
        self.scene = scene
        self.notes = annotations
        self.direction = direction
        self.lines: list[str] = []
        self.used = Used()

    # -- nodes ----------------------------------------------------------------------------
    def node_label(self, node: SceneNode) -> str:
        rows = [f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_PX}" HEIGHT="{ICON_PX}"><IMG SRC="{node.icon}" SCALE="TRUE"/></TD></TR>',
                f"<TR><TD>{text.html(text.wrap(node.title, TITLE_WRAP))}</TD></TR>"]
        for detail in node.details:
            rows.append(f'<TR><TD><FONT POINT-SIZE="10" COLOR="{GREY}">{text.html(text.wrap(detail, 28))}</FONT></TD></TR>')
        if node.component in self.notes.spof:
            rows.append(f'<TR><TD><FONT POINT-SIZE="10" COLOR="{SPOF_COLOR}"><B>single point of failure</B></FONT></TD></TR>')
        rules = self.notes.findings.get(node.component, ())
        if rules:
            listed = text.wrap(", ".join(sorted(set(rules))), 28)
            rows.append(f'<TR><TD><FONT POINT-SIZE="10" COLOR="{SPOF_COLOR}">⚑ {text.html(listed)}</FONT></TD></TR>')
        return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"

    def node(self, node: SceneNode, indent: str) -> None:
        if node.role == "empty":
            label = f'<<FONT POINT-SIZE="10" COLOR="{GREY}"><I>{text.html(node.title)}</I></FONT>>'
            self.lines.append(f"{indent}{text.quoted(node.id)} {attrs({'id': 'node:' + node.id, 'label': label})}")
            return
        values = {"id": f"node:{node.id}", "tooltip": node.tooltip, "label": self.node_label(node)}
        spof = node.component in self.notes.spof
        diff = self.notes.diff.get(node.component)
        if self.notes.findings.get(node.component):
            self.used.findings = True
        if spof or diff in DIFF_STYLE:
            styles = ["rounded"]
            values.update({"shape": "box", "margin": "0.08,0.04"})
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

    # -- groups ---------------------------------------------------------------------------
    def in_drawing_order(self, items: list) -> list:
        """Items so the first appears first on screen: dot lays LR graphs out top-to-bottom as a
        TB graph turned a quarter, which lists a rank bottom-up, so LR declares them reversed."""
        return list(reversed(items)) if self.direction == "LR" else list(items)

    def group_label(self, group: Group) -> str:
        icon = {"cloud": AWS_CLOUD_ICON, "vpc": group_icon("vpc")}.get(group.kind)
        if group.kind == "subnet":
            icon = group_icon("public_subnet" if group.subkind == "public" else "private_subnet")
        cells = []
        if icon:
            width = 40 if group.kind == "cloud" else 20
            cells.append(f'<TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="20"><IMG SRC="{icon}" SCALE="TRUE"/></TD>')
        title = f"<B>{text.html(group.title)}</B>"
        for detail in group.details:
            title += f'<BR ALIGN="LEFT"/><FONT POINT-SIZE="10">{text.html(detail)}</FONT>'
        cells.append(f'<TD ALIGN="LEFT" BALIGN="LEFT">{title}</TD>')
        return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>' + "".join(cells) + "</TR></TABLE>>"

    def group(self, group: Group, depth: int) -> None:
        if group.is_empty():
            return
        indent = "  " * depth
        style = GROUP_STYLE[group.subkind if group.kind == "subnet" else group.kind]
        self.lines.append(f"{indent}subgraph {text.quoted(group.id)} {{")
        inner = indent + "  "
        self.lines.append(f"{inner}graph {attrs({'id': group.id, 'label': self.group_label(group), **style})}")
        for node in self.in_drawing_order(group.nodes):
            self.node(node, inner)
        for child in self.in_drawing_order(group.ordered_groups()):
            self.group(child, depth + 1)
        self.lines.append(f"{indent}}}")

    # -- edges ----------------------------------------------------------------------------
    def edge(self, edge: SceneEdge) -> None:
        if edge.kind == "layout":
            self.lines.append(f"  {text.quoted(edge.tail)} -> {text.quoted(edge.head)} [style=invis]")
            return
        values = {"id": f"edge:{edge.connection or edge.kind}:{edge.tail}->{edge.head}"}
        style = dict(EDGE_STYLE[edge.kind])
        self.used.edge_kinds.add(edge.kind)
        lines = [text.html(text.wrap(edge.label, 30))] if edge.label and edge.labelled else []
        tooltip = edge.label or edge.kind
        if edge.connection is not None:
            tooltip = f"{edge.connection}: {tooltip}"
            rps = self.notes.edge_peak_rps.get(edge.connection)
            if rps is not None:
                self.used.rps = True
                style["penwidth"] = str(penwidth(rps))
                load = rate(rps, "req/s", compact=True)
                tooltip += f" — {load} at peak"
                if edge.labelled:
                    lines.append(f'<FONT POINT-SIZE="9"><B>{load}</B></FONT>')
            diff = self.notes.diff.get(edge.connection)
            if diff in DIFF_STYLE:
                self.used.diff.add(diff)
                style["color"] = DIFF_STYLE[diff]["color"]
                if DIFF_STYLE[diff]["dashed"]:
                    style["style"] = "dashed"
        values["tooltip"] = tooltip
        if lines:
            values["label"] = "<" + "<BR/>".join(lines) + ">"
        values.update(style)
        if edge.bidirectional:
            values["dir"] = "both"
        if not edge.constraint:
            values["constraint"] = "false"
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
        if self.used.spof:
            rows.append((f'<TD WIDTH="40" HEIGHT="10" BORDER="3" COLOR="{SPOF_COLOR}"></TD>', "single point of failure"))
        if self.used.findings:
            rows.append((f'<TD WIDTH="40"><FONT COLOR="{SPOF_COLOR}">⚑</FONT></TD>', "resilience findings (rule ids)"))
        for diff in ("added", "removed", "changed"):
            if diff in self.used.diff:
                mark = DIFF_STYLE[diff]
                sample = (f'<TD WIDTH="40" HEIGHT="10" BORDER="2" COLOR="{mark["color"]}" BGCOLOR="{mark["fill"]}"'
                          + (' STYLE="dashed"' if mark["dashed"] else "") + "></TD>")
                rows.append((sample, mark["legend"] + " since the base version"))
        if self.scene.spans_azs:
            rows.append(('<TD WIDTH="40"><FONT COLOR="#147EBA">AZ</FONT></TD>',
                         "a component spanning AZs is drawn in each AZ it covers"))
        return rows

    def graph_label(self) -> str:
        spec = self.spec
        title = f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="20"><B>{text.html(spec.title or spec.name)}</B></FONT></TD></TR>'
        rows = [title]
        if spec.description:
            description = spec.description if len(spec.description) <= 300 else spec.description[:299] + "…"
            rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{GREY}">'
                        f"{text.html(text.wrap(description, 110))}</FONT></TD></TR>")
        entries = self.legend_rows()
        if entries:
            per_row = 3
            cells = []
            for start in range(0, len(entries), per_row):
                chunk = entries[start:start + per_row]
                cells.append("<TR>" + "".join(f'{sample}<TD ALIGN="LEFT">{text.html(words)}</TD><TD WIDTH="14"></TD>'
                                              for sample, words in chunk) + "</TR>")
            legend = ('<TABLE BORDER="1" COLOR="#AAB7B8" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
                      f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row * 3}"><B>Legend</B></TD></TR>' + "".join(cells) + "</TABLE>")
            rows.append(f'<TR><TD ALIGN="LEFT">{legend}</TD></TR>')
        return '<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="3">' + "".join(rows) + "</TABLE>>"

    # -- whole graph ----------------------------------------------------------------------
    def write(self) -> str:
        body_start = len(self.lines)
        for node in self.scene.outside:
            self.node(node, "  ")
        self.group(self.scene.cloud, 1)
        for edge in self.scene.edges:
            self.edge(edge)
        body = self.lines[body_start:]
        graph = {
            "id": "diagram", "label": self.graph_label(), "labelloc": "t", "labeljust": "l",
            "rankdir": self.direction, "splines": "spline", "outputorder": "edgesfirst",
            "nodesep": "0.35", "ranksep": "0.55", "pad": "0.3", "fontname": FONT, "fontsize": "12",
            "fontcolor": INK, "bgcolor": "white",
        }
        head = [
            "// Generated by archgen render from spec " + text.quoted(self.spec.name) + "; do not edit.",
            "// Icons are relative to the 'resources' directory of the Python 'diagrams' package:",
            "//   dot -Gimagepath=\"$(python -c 'import archgen.render.icons as i; print(i.resources_dir())')\" -Tsvg this.dot",
            f"digraph {text.quoted(self.spec.name)} {{",
            f"  graph {attrs(graph)}",
            f"  node {attrs({'shape': 'plain', 'fontname': FONT, 'fontsize': '12', 'fontcolor': INK})}",
            f"  edge {attrs({'fontname': FONT, 'fontsize': '10', 'fontcolor': INK, 'color': GREY, 'arrowsize': '0.7'})}",
        ]
        return "\n".join(head + body + ["}"]) + "\n"


def to_dot(spec: m.Spec, annotations: DiagramAnnotations | None = None, direction: str | None = None) -> str:
    return DotWriter(spec, build_scene(spec), annotations or DiagramAnnotations(), direction or spec.direction).write()
