"""Rendering: a spec model (plus optional annotations) -> AWS architecture diagram files.

Pure functions over the model; nothing here reads analysis or traffic code (they hand in a
:class:`~archgen.annotations.DiagramAnnotations`). The DOT source is the single truth:

* ``diagram.dot`` is that source, byte-identical for the same spec on any machine;
* ``diagram.svg`` / ``diagram.png`` / ``diagram.pdf`` are Graphviz layouts of it. Their bytes
  depend on the Graphviz version and installed fonts, so each SVG and PNG records
  ``sha256(format version + DOT)`` (an XML comment, a PNG tEXt chunk) and :func:`check_render`
  compares that digest rather than the laid-out bytes. A CI machine with another Graphviz
  therefore agrees with a laptop about whether the committed diagrams are current.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from archgen.annotations import DiagramAnnotations
from archgen.model import Spec
from archgen.output_dir import OutputDir
from archgen.paths import confined
from archgen.render import png, svg
from archgen.render.dot import dot_writer
from archgen.render.drawio import to_drawio
from archgen.render.graphviz import RenderError, fix_pdf_date, layout
from archgen.render.icons import IconsUnavailable
from archgen.render.svg import SvgError
from archgen.render.views import FULL, OVERVIEW, file_stem, view_names

__all__ = ["FORMATS", "DEFAULT_FORMATS", "FORMAT_VERSION", "RenderError", "StaleOutput", "check_render",
           "dot_digest", "output_name", "render", "render_dot", "render_many", "write_outputs", "write_render", "FULL",
           "OVERVIEW", "view_names"]

# Bump when the same DOT would give different files (post-processing, icon embedding), so
# --check reports committed diagrams made by the older code as stale.
FORMAT_VERSION = 2  # 2: element titles are archgen's tooltips, not DOT names
FORMATS = ("svg", "png", "pdf", "dot", "drawio")
DEFAULT_FORMATS = ("svg", "png")
LAYOUT_FORMATS = ("svg", "png", "pdf")
BASENAME = "diagram"
# Graphviz's time grows much faster than the graph: 1,000 components ~2 s, 2,000 ~45 s, 3,000
# ~2 min, 100,000 connections past the 10-minute timeout, a 20,000-long chain crashes dot. A
# diagram over these is refused before any layout (docs/limits.md).
MAX_DIAGRAM_COMPONENTS = 2_000
MAX_DIAGRAM_CONNECTIONS = 4_000


def output_name(fmt: str, view: str = FULL) -> str:
    return f"{file_stem(view)}.{fmt}"


def writer(spec: Spec, annotations: DiagramAnnotations | None = None, direction: str | None = None,
           view: str = FULL):
    if direction is not None and direction not in ("LR", "TB"):
        raise ValueError(f"direction must be LR or TB, not {direction!r}")
    return dot_writer(spec, annotations, direction, view)


def render_dot(spec: Spec, annotations: DiagramAnnotations | None = None, direction: str | None = None,
               view: str = FULL) -> str:
    """The DOT source of one view of the diagram (deterministic: same spec and annotations -> same text)."""
    return writer(spec, annotations, direction, view).write()


def dot_digest(dot_source: str) -> str:
    """What SVG and PNG outputs record about the DOT they were laid out from."""
    return hashlib.sha256(f"archgen-render format={FORMAT_VERSION}\n{dot_source}".encode("utf-8")).hexdigest()


def stamp_text(digest: str, format_version: int = FORMAT_VERSION) -> str:
    return f"format={format_version} dot-sha256={digest}"


def _formats(formats) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"unknown output format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return chosen


def render(spec: Spec, formats=DEFAULT_FORMATS, annotations: DiagramAnnotations | None = None,
           direction: str | None = None, views=(FULL,)) -> dict[str, bytes]:
    """File name -> bytes, e.g. ``{"diagram.svg": ..., "diagram-overview.svg": ...}``; one Graphviz
    run per view for all its formats.

    Raises :class:`RenderError` when Graphviz or the icons are missing or Graphviz fails.
    """
    chosen = _formats(formats)
    refuse_oversized(spec)
    out: dict[str, bytes] = {}
    for view in views:
        drawn = writer(spec, annotations, direction, view)
        source = drawn.write()
        digest = dot_digest(source)
        try:
            laid_out = layout(source, tuple(f for f in chosen if f in LAYOUT_FORMATS))
            for fmt in chosen:
                name = output_name(fmt, view)
                if fmt == "dot":
                    out[name] = source.encode("utf-8")
                elif fmt == "drawio":
                    out[name] = to_drawio(drawn).encode("utf-8")
                elif fmt == "svg":
                    out[name] = svg.finish(laid_out["svg"], FORMAT_VERSION, digest)
                elif fmt == "png":
                    out[name] = png.stamp(laid_out["png"], stamp_text(digest))
                else:
                    out[name] = fix_pdf_date(laid_out["pdf"])
        except (IconsUnavailable, SvgError, png.PngError) as exc:
            raise RenderError(str(exc)) from None
    return out


def refuse_oversized(spec: Spec) -> None:
    """RenderError naming the limit when the spec is too large to draw as one diagram."""
    for count, limit, what in ((len(spec.components), MAX_DIAGRAM_COMPONENTS, "components"),
                               (len(spec.connections), MAX_DIAGRAM_CONNECTIONS, "connections")):
        if count > limit:
            raise RenderError(f"{spec.name} has {count:,} {what}, over the {limit:,} archgen draws in one diagram "
                              "(docs/limits.md); split the system into several specs")


def render_many(specs, notes, formats=DEFAULT_FORMATS, direction: str | None = None,
                views=None) -> list[dict[str, bytes]]:
    """``render`` of each spec (``notes``: its DiagramAnnotations or None; ``views``: the views of
    each spec, default the full diagram), in order."""
    views = views or [(FULL,)] * len(specs)
    # Graphviz does the work in subprocesses: threads overlap them across specs
    workers = max(1, min(len(specs), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda item: render(item[0], formats, item[1], direction=direction, views=item[2]),
                             zip(specs, notes, views)))


def write_outputs(outputs: dict[str, bytes], out_dir: str | Path, spec_name: str) -> list[Path]:
    """Write ``outputs`` into ``out_dir/<spec name>/`` atomically, recorded in its manifest; never outside ``out_dir``."""
    return OutputDir(out_dir).write({f"{spec_name}/{name}": data for name, data in outputs.items()})


def write_render(spec: Spec, out_dir: str | Path, formats=DEFAULT_FORMATS,
                 annotations: DiagramAnnotations | None = None, direction: str | None = None) -> list[Path]:
    return write_outputs(render(spec, formats, annotations, direction), out_dir, spec.name)


STALE_REASONS = {"missing": "missing", "stale": "out of date", "foreign": "not written by archgen render"}


@dataclass(frozen=True)
class StaleOutput:
    path: Path
    reason: str  # a key of STALE_REASONS


def check_render(spec: Spec, out_dir: str | Path, formats=DEFAULT_FORMATS,
                 annotations: DiagramAnnotations | None = None, direction: str | None = None,
                 views=(FULL,)) -> list[StaleOutput]:
    """Outputs under ``out_dir/<spec name>/`` that are missing or differ from what the spec produces now.

    Needs no Graphviz: DOT is compared byte for byte, SVG and PNG by the DOT digest they
    record; PDF (which has no place for the stamp) only for presence.
    """
    chosen = _formats(formats)
    problems = []
    for view in views:
        drawn = writer(spec, annotations, direction, view)
        source = drawn.write()
        digest = dot_digest(source)
        for fmt in chosen:
            path = confined(out_dir, spec.name, output_name(fmt, view))
            try:
                data = path.read_bytes()
            except OSError:
                problems.append(StaleOutput(path, "missing"))
                continue
            reason = _staleness(fmt, data, source, digest, drawn)
            if reason:
                problems.append(StaleOutput(path, reason))
    return problems


def _staleness(fmt: str, data: bytes, source: str, digest: str, drawn) -> str | None:
    if fmt == "dot":
        return None if data == source.encode("utf-8") else "stale"
    if fmt == "drawio":  # written by archgen alone: byte for byte
        return None if data == to_drawio(drawn).encode("utf-8") else "stale"
    if fmt == "svg":
        found = svg.read_stamp(data)
        recorded = None if found is None else stamp_text(found[1], found[0])
    elif fmt == "png":
        recorded = png.read_stamp(data)
    else:
        return None  # pdf: present is all we can tell
    if recorded is None:
        return "foreign"
    return None if recorded == stamp_text(digest) else "stale"
