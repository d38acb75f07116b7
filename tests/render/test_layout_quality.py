"""The layout's acceptance criteria (issue #12), measured on the drawn SVG of every bundled spec
in both directions: no connector through a label or a box title, no text on text, AZs in name
order, nothing moves on a number, flag or label edit, little moves when a component is added."""

from __future__ import annotations

import re

import pytest
from archgen.pipeline import run_text
from archgen.render import render
from archgen.render.quality import displacement, quality, read
from tests.support import ADDITIONS, BUNDLED_SPECS, EDITS, edited

DIRECTIONS = ("LR", "TB")
CASES = [(path, direction) for path in BUNDLED_SPECS for direction in DIRECTIONS]


def drawn(text: str, direction: str, name: str = "spec.yaml") -> bytes:
    run = run_text(text, name)
    assert run.valid, [d.format() for d in run.checked.diagnostics]
    return render(run.spec, ("svg",), run.annotations(), direction=direction)["diagram.svg"]


@pytest.fixture(scope="module")
def svgs():
    return {(path.stem, direction): drawn(path.read_text(encoding="utf-8"), direction, str(path))
            for path, direction in CASES}


@pytest.mark.parametrize("path,direction", CASES, ids=lambda v: getattr(v, "stem", v))
def test_no_label_or_title_is_crossed_or_covered(svgs, path, direction):
    measured = quality(svgs[(path.stem, direction)])
    assert measured.edge_label_crossings == 0
    assert measured.label_overlaps == 0
    assert measured.title_crossings == 0
    assert measured.title_overlaps == 0


def test_the_quality_checks_catch_what_they_count():
    """A label across a connector, two texts on one another and a connector through a title are counted."""
    svg = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">
      <g id="edge:c1:a->b" class="edge"><path d="M0,100C100,100 200,100 300,100"/></g>
      <g id="edge:c2:a->c" class="edge"><path d="M150,0C150,100 150,200 150,300"/>
        <text text-anchor="middle" x="60" y="104" font-size="9">crossed label</text></g>
      <g id="title:cluster_x" class="node"><text x="130" y="210" font-size="11">Title</text></g>
      <g id="node:n" class="node"><text x="128" y="212" font-size="12">on top</text></g>
    </svg>"""
    measured = quality(svg)
    assert measured.edge_label_crossings == 1
    assert measured.title_crossings == 1
    assert measured.label_overlaps == 1 and measured.title_overlaps >= 1
    assert measured.edge_crossings == 1


def az_boxes(svg: bytes) -> dict[str, tuple[float, float]]:
    """AZ name -> top-left corner of its box."""
    out = {}
    for cluster_id, points in re.findall(rb'<g id="(cluster_az_[^"]+)" class="cluster">\s*<title>[^<]*</title>\s*'
                                         rb'(?:<g[^>]*>\s*<a[^>]*>\s*)?<polygon[^>]*points="([^"]+)"', svg):
        numbers = [float(v) for v in re.findall(rb"-?\d+(?:\.\d+)?", points)]
        out[cluster_id.decode().rsplit("_", 1)[1]] = (min(numbers[0::2]), min(numbers[1::2]))
    return out


@pytest.mark.parametrize("path,direction", CASES, ids=lambda v: getattr(v, "stem", v))
def test_azs_in_name_order_in_every_region(svgs, path, direction):
    boxes = az_boxes(svgs[(path.stem, direction)])
    regions: dict[str, list[str]] = {}
    for az in boxes:
        regions.setdefault(az[:-1], []).append(az)
    axis = 1 if direction == "LR" else 0  # AZs top to bottom in LR, left to right in TB
    for azs in regions.values():
        along = sorted(azs, key=lambda az: boxes[az][axis])
        assert along == sorted(azs), (path.stem, direction, along)
    assert boxes or path.stem == "serverless"


def test_regions_primary_first(svgs):
    for direction in DIRECTIONS:
        svg = svgs[("shop", direction)].decode()
        axis = 1 if direction == "LR" else 0
        first = read(svg).nodes["web-alb@us-east-1a"][axis]
        assert first < read(svg).nodes["dr-alb@us-west-2a"][axis]


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("path,direction", CASES, ids=lambda v: getattr(v, "stem", v))
def test_number_flag_and_label_edits_move_no_node(svgs, path, direction, edit):
    after = drawn(edited(path, EDITS[edit]), direction, str(path))
    largest, _ = displacement(svgs[(path.stem, direction)], after)
    assert largest < 0.01, f"a node moved by {largest:.1f} pt"


@pytest.mark.parametrize("addition", sorted(ADDITIONS))
@pytest.mark.parametrize("path,direction", CASES, ids=lambda v: getattr(v, "stem", v))
def test_one_added_component_moves_others_little(svgs, path, direction, addition):
    after = drawn(edited(path, ADDITIONS[addition]), direction, str(path))
    largest, share = displacement(svgs[(path.stem, direction)], after)
    assert share <= 0.02, f"a node moved by {largest:.1f} pt, {share:.1%} of the diagonal"
