"""Making Graphviz's SVG self-contained, and stamping it with the digest of its DOT source.

Graphviz's plain SVG links each icon by file name (``diagrams`` even writes absolute
site-packages paths), which breaks as soon as the file leaves the machine (GitHub, a PR
comment). ``-Tsvg:cairo`` embeds images but turns every label into glyph outlines, so text
is no longer searchable or diffable. Instead we keep Graphviz's text and rewrite its
``<image>`` elements: each icon is embedded once as a base64 data URI inside a ``<symbol>``
and every place that shows it becomes a ``<use>`` of that symbol (an icon drawn 300 times
is stored once).
"""

from __future__ import annotations

import base64
import re

from archgen.render.icons import icon_file

STAMP = re.compile(rb"<!-- archgen-render format=(\d+) dot-sha256=([0-9a-f]{64}) -->")
_IMAGE = re.compile(r"<image ([^>]*?)/>")
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


class SvgError(Exception):
    """Graphviz produced SVG we cannot make self-contained (an image that is not one of our icons)."""


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise SvgError("icon is not a PNG file")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def symbol_id(relative: str) -> str:
    return "icon-" + re.sub(r"[^A-Za-z0-9]+", "-", relative.removesuffix(".png"))


def embed_icons(svg: str) -> str:
    """``svg`` with every ``<image xlink:href="aws/...png">`` replaced by a ``<use>`` of an embedded symbol."""
    symbols: dict[str, str] = {}

    def use(match: re.Match) -> str:
        values = dict(_ATTRIBUTE.findall(match.group(1)))
        href = values.get("xlink:href") or values.get("href") or ""
        if href not in symbols:
            try:
                data = icon_file(href).read_bytes()
            except Exception as exc:
                raise SvgError(f"cannot embed image '{href}': {exc}") from None
            width, height = png_size(data)
            uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
            symbols[href] = (f'<symbol id="{symbol_id(href)}" viewBox="0 0 {width} {height}" '
                             f'preserveAspectRatio="xMinYMin meet"><image width="{width}" height="{height}" '
                             f'xlink:href="{uri}"/></symbol>')
        size = {k: values[k].removesuffix("px") for k in ("x", "y", "width", "height") if k in values}
        placed = " ".join(f'{k}="{size[k]}"' for k in ("x", "y", "width", "height") if k in size)
        return f'<use xlink:href="#{symbol_id(href)}" {placed}/>'

    body = _IMAGE.sub(use, svg)
    if not symbols:
        return body
    defs = "<defs>\n" + "\n".join(symbols[k] for k in sorted(symbols)) + "\n</defs>\n"
    # the root element's start tag spans several lines; the defs go right after it
    root = re.search(r"<svg\b[^>]*>\n?", body)
    if root is None:
        raise SvgError("Graphviz output has no <svg> element")
    return body[:root.end()] + defs + body[root.end():]


# Graphviz titles every graph, cluster, node and edge group with its DOT name (cluster_vpc_x,
# web@us-east-1a->cache@us-east-1a), which browsers show as the tooltip; the tooltip archgen
# wrote for the element follows as <a xlink:title="...">
_GROUP_TITLE = re.compile(r'(<g id="[^"]*" class="(?:graph|cluster|node|edge)"[^>]*>\n)<title>[^<]*</title>\n'
                          r'(<g id="a_[^"]*"><a xlink:title="([^"]*)">)?')


def human_titles(svg: str) -> str:
    """Each element's title is archgen's tooltip for it, or none: never an internal DOT name."""
    def title(match: re.Match) -> str:
        group, link, tooltip = match.groups()
        return group + (f"<title>{tooltip}</title>\n{link}" if link else "")

    return _GROUP_TITLE.sub(title, svg)


def stamp_line(format_version: int, digest: str) -> str:
    return f"<!-- archgen-render format={format_version} dot-sha256={digest} -->"


def finish(svg_bytes: bytes, format_version: int, digest: str) -> bytes:
    """Self-contained SVG carrying the stamp (an XML comment just before the root element)."""
    svg = human_titles(embed_icons(svg_bytes.decode("utf-8")))
    root = svg.find("<svg")
    if root < 0:
        raise SvgError("Graphviz output has no <svg> element")
    svg = svg[:root] + stamp_line(format_version, digest) + "\n" + svg[root:]
    return svg.encode("utf-8")


def read_stamp(svg: bytes) -> tuple[int, str] | None:
    """(format version, DOT digest) recorded in an SVG archgen wrote, or None."""
    match = STAMP.search(svg[:4096])
    return (int(match.group(1)), match.group(2).decode("ascii")) if match else None
