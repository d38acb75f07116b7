"""The laid-out diagram as a diagrams.net (draw.io) file, to hand-edit a generated diagram.

Same positions as the SVG (both read one :class:`~archgen.render.drawing.Drawing`): boxes are
draw.io containers in AWS group colours, nodes carry the same official AWS icons (embedded, so
the file opens offline), connectors keep their bends as waypoints and their labels. Written
uncompressed, in a fixed order, so the same spec gives the same bytes.
"""

from __future__ import annotations

import base64
from xml.sax.saxutils import quoteattr

from archgen.render.icons import AWS_CLOUD_ICON, icon_file

# fill, stroke, dashed per box kind (the AWS Architecture Icons group colours, as in the SVG)
BOX_STYLE = {
    "cloud": ("none", "#232F3E", 0),
    "region": ("none", "#00A4A6", 1),
    "vpc": ("none", "#8C4FFF", 0),
    "az": ("none", "#147EBA", 1),
    "public": ("#E9F3E6", "#7AA116", 0),
    "private": ("#E6F6F7", "#00A4A6", 0),
}
EDGE_COLOR = {"sync": "#545B64", "async": "#E7157B", "standby": "#879196", "replication": "#147EBA"}


def coordinate(value: float) -> str:
    """A position or size in DOT or draw.io XML (machine text, not a figure for people)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def icon_uri(relative: str, cache: dict[str, str]) -> str:
    if relative not in cache:
        # draw.io styles separate keys with ';', so its data URIs leave out ';base64'
        cache[relative] = "data:image/png," + base64.b64encode(icon_file(relative).read_bytes()).decode("ascii")
    return cache[relative]


def to_drawio(writer) -> str:
    """``writer`` is a :class:`~archgen.render.dot.DotWriter` (its drawing, labels and marks)."""
    drawing = writer.drawing
    cells = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']
    icons: dict[str, str] = {}
    ids: dict[str, str] = {}

    def cell_id(key: str) -> str:
        ids.setdefault(key, f"c{len(ids) + 2}")
        return ids[key]

    for box in drawing.boxes:
        group = box.group
        fill, stroke, dashed = BOX_STYLE[group.subkind if group.kind == "subnet" else group.kind]
        title = " · ".join([group.title] + list(group.details))
        style = (f"rounded=0;whiteSpace=wrap;html=1;container=1;collapsible=0;fillColor={fill};strokeColor={stroke};"
                 f"dashed={dashed};verticalAlign=top;align=left;spacingLeft=6;fontStyle=1;fontSize=11;"
                 f"fontColor={stroke};")
        r = box.rect
        cells.append(f'<mxCell id="{cell_id(group.id)}" value={quoteattr(title)} style="{style}" vertex="1" parent="1">'
                     f'<mxGeometry x="{coordinate(r.x)}" y="{coordinate(r.y)}" width="{coordinate(r.w)}" height="{coordinate(r.h)}" '
                     'as="geometry"/></mxCell>')
    for placed in drawing.grid.nodes.values():
        node = placed.node
        r = placed.rect
        lines = [node.title] + list(node.details)
        value = "<br>".join(escape_html(line) for line in lines)
        if node.role == "empty":
            style = "text;html=1;align=center;verticalAlign=middle;fontStyle=2;fontColor=#545B64;"
            geometry = (r.x, r.y, r.w, r.h)
        else:
            style = (f"shape=image;html=1;verticalLabelPosition=bottom;verticalAlign=top;labelBackgroundColor=none;"
                     f"imageAspect=0;aspect=fixed;image={icon_uri(node.icon, icons)};")
            if node.component in writer.notes.spof and writer.concerned(node):
                style += "imageBorder=#D13212;strokeWidth=3;"
            geometry = (r.x + (r.w - 50) / 2, r.y, 50, 50)
        cells.append(f'<mxCell id="{cell_id(node.id)}" value={quoteattr(value)} style="{style}" vertex="1" parent="1">'
                     f'<mxGeometry x="{coordinate(geometry[0])}" y="{coordinate(geometry[1])}" width="{coordinate(geometry[2])}" '
                     f'height="{coordinate(geometry[3])}" as="geometry"/></mxCell>')
    for index, routed in enumerate(drawing.edges):
        edge = routed.edge
        color = EDGE_COLOR.get(edge.kind, "#545B64")
        dashed = 1 if edge.kind in ("standby", "replication") else 0
        style = (f"edgeStyle=none;html=1;rounded=0;endArrow=block;endFill=1;strokeColor={color};dashed={dashed};"
                 "fontSize=9;labelBackgroundColor=#FFFFFF;" + ("startArrow=block;startFill=1;" if edge.bidirectional else ""))
        label = "<br>".join(escape_html(line) for line in routed.label_lines) if routed.label is not None else ""
        first, last = routed.points[0], routed.points[-1]
        waypoints = "".join(f'<mxPoint x="{coordinate(x)}" y="{coordinate(y)}"/>' for x, y in routed.points[1:-1])
        cells.append(f'<mxCell id="e{index}" value={quoteattr(label)} style="{style}" edge="1" parent="1" '
                     f'source="{cell_id(edge.tail)}" target="{cell_id(edge.head)}">'
                     f'<mxGeometry relative="1" as="geometry">'
                     f'<mxPoint x="{coordinate(first[0])}" y="{coordinate(first[1])}" as="sourcePoint"/>'
                     f'<mxPoint x="{coordinate(last[0])}" y="{coordinate(last[1])}" as="targetPoint"/>'
                     f'<Array as="points">{waypoints}</Array></mxGeometry></mxCell>')
    name = writer.spec.title or writer.spec.name
    body = "".join(cells)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<mxfile host="archgen" type="device"><diagram id="archgen" name={quoteattr(name)}>'
            f'<mxGraphModel dx="0" dy="0" grid="0" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" '
            f'fold="1" page="0" pageScale="1" pageWidth="{coordinate(drawing.width)}" pageHeight="{coordinate(drawing.height)}" '
            f'math="0" shadow="0"><root>{body}</root></mxGraphModel></diagram></mxfile>\n')


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["to_drawio", "AWS_CLOUD_ICON"]
