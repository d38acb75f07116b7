"""Rendering: golden DOT, AWS grouping conventions, annotations, injection safety, SVG/PNG stamps."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archgen import catalogue
from archgen.analysis.engine import analyze
from archgen.annotations import DiagramAnnotations
from archgen.pipeline import annotations_for
from archgen.render import FORMAT_VERSION, dot_digest, png, render, render_dot, svg
from archgen.render.dot import penwidth
from archgen.render.icons import icon_file, resources_dir, type_icon
from tests.support import BUNDLED_SPECS, check_golden, spec_from_text

GOLDEN = Path(__file__).parent / "golden"
SVG_NS = {"svg": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def graphviz_json(dot_source: str) -> dict:
    """Graphviz's own reading of our DOT (an independent parser), drawn where archgen placed it."""
    done = subprocess.run(["neato", "-n2", f"-Gimagepath={resources_dir()}", "-Tjson"], input=dot_source.encode(),
                          capture_output=True, check=True)
    return json.loads(done.stdout)


def cluster_chains(dot_source: str) -> dict[str, list[str]]:
    """node name -> names of the clusters around it, outermost first."""
    graph = graphviz_json(dot_source)
    objects = graph["objects"]
    parent: dict[int, int] = {}
    for index, obj in enumerate(objects):
        for child in obj.get("subgraphs", []) or []:
            parent[child] = index
    chains: dict[str, list[str]] = {}
    for index, obj in enumerate(objects):
        if "nodes" in obj or "subgraphs" in obj:
            continue
        innermost = [i for i, o in enumerate(objects) if index in (o.get("nodes") or [])
                     and not any(index in (objects[c].get("nodes") or []) for c in (o.get("subgraphs") or []))]
        chain = []
        cursor = innermost[0] if innermost else None
        while cursor is not None:
            chain.append(objects[cursor]["name"])
            cursor = parent.get(cursor)
        chains[obj["name"]] = list(reversed(chain))
    return chains


def kinds(chain: list[str]) -> list[str]:
    return [name.split("_")[1] for name in chain]  # cluster_<kind>_...


# --------------------------------------------------------------------------- golden DOT
@pytest.mark.parametrize("spec_path", BUNDLED_SPECS, ids=lambda p: p.stem)
def test_dot_matches_golden_file(spec_path):
    """Regenerate after an intended change: bash scripts/regenerate.sh."""
    from archgen.spec.load import load_spec

    check_golden(GOLDEN / f"{spec_path.stem}.dot", render_dot(load_spec(str(spec_path))), "//")


def test_dot_has_no_random_ids_and_no_paths(bundled):
    source = render_dot(bundled("shop"))
    assert not re.search(r"[0-9a-f]{32}", source), "uuid-like ids (what diagrams generates) must not appear"
    assert str(resources_dir()) not in source and "site-packages" not in source
    assert 'IMG SRC="aws/' in source  # icons by path relative to imagepath


# --------------------------------------------------------------------------- icons
def test_every_component_type_has_its_own_aws_icon():
    icons = {t: type_icon(t) for t in catalogue.names()}
    for component_type, relative in icons.items():
        assert relative.startswith("aws/") and icon_file(relative).is_file(), component_type
    assert len(set(icons.values())) == len(icons), "two types share an icon"
    assert icons["alb"] == "aws/network/elb-application-load-balancer.png"
    assert icons["dynamodb"] == "aws/database/dynamodb.png"


def test_icon_names_cannot_leave_the_resources_directory():
    from archgen.render.icons import IconsUnavailable

    with pytest.raises(IconsUnavailable):
        icon_file("../../../etc/passwd")


# --------------------------------------------------------------------------- AWS grouping
def test_clusters_nest_cloud_region_vpc_az_subnet(bundled):
    chains = cluster_chains(render_dot(bundled("shop")))
    assert kinds(chains["web-alb@us-east-1a"]) == ["aws", "region", "vpc", "az", "subnet"]
    assert chains["web-alb@us-east-1a"][1:] == ["cluster_region_us-east-1", "cluster_vpc_shop-vpc",
                                               "cluster_az_shop-vpc_us-east-1a", "cluster_subnet_public-a"]
    assert chains["web-alb@us-east-1b"][-2:] == ["cluster_az_shop-vpc_us-east-1b", "cluster_subnet_public-b"]
    # users outside the AWS Cloud, global services inside it but outside every Region
    assert chains["shoppers"] == []
    assert chains["dns"] == ["cluster_aws_cloud"] and chains["cdn"] == ["cluster_aws_cloud"]
    # regional services in their Region, outside the VPC
    assert chains["carts"] == ["cluster_aws_cloud", "cluster_region_us-east-1"]
    assert chains["site-dr"] == ["cluster_aws_cloud", "cluster_region_us-west-2"]


def test_components_spanning_azs_are_drawn_in_each_az(bundled):
    chains = cluster_chains(render_dot(bundled("global")))
    for az in ("us-east-1a", "us-east-1b", "us-east-1c"):
        assert chains[f"use1-nlb@{az}"][-2] == f"cluster_az_use1-vpc_{az}"
        assert chains[f"use1-api@{az}"][-2] == f"cluster_az_use1-vpc_{az}"


def test_multi_az_database_has_primary_and_standby_in_their_azs_with_replication(bundled):
    source = render_dot(bundled("shop"))
    chains = cluster_chains(source)
    assert chains["orders-db@us-east-1a"][-1] == "cluster_subnet_data-a"
    assert chains["orders-db@us-east-1b"][-1] == "cluster_subnet_data-b"
    assert re.search(r'"orders-db@us-east-1a" -> "orders-db@us-east-1b" \[[^\]]*style="dotted"', source)
    assert "standby (Multi-AZ)" in source
    # the read replica lives in us-west-2, and the DR service's connection reaches it, not the primary
    assert chains["orders-db#replica1"][1] == "cluster_region_us-west-2"
    assert re.search(r'"dr-web@us-west-2a" -> "orders-db#replica1"', source)


def test_single_az_components_and_empty_subnets_are_visible(bundled):
    source = render_dot(bundled("fragile"))
    chains = cluster_chains(source)
    assert chains["blog-db"][-1] == "cluster_subnet_private-a"  # single-AZ: one node, first AZ
    assert "blog-db@" not in source
    assert chains["empty:private-b"][-2:] == ["cluster_az_blog-vpc_us-east-1b", "cluster_subnet_private-b"]
    assert "egress via NAT gateway" in source  # private-b routes through the NAT of AZ a


def test_az_and_subnet_boxes_have_distinct_names_even_with_equal_labels(bundled):
    names = re.findall(r'subgraph "(cluster_[^"]+)"', render_dot(bundled("global")))
    assert len(names) == len(set(names))
    assert sum(n.startswith("cluster_subnet_") for n in names) == 12


def test_edges_carry_labels_and_kinds_have_distinct_styles(bundled):
    source = render_dot(bundled("shop"))
    assert re.search(r'"dns" -> "cdn" \[[^\]]*label=<<FONT POINT-SIZE="9">storefront<', source)
    standby = re.search(r'"dns" -> "dr-alb@us-west-2a" \[([^\]]*)\]', source).group(1)
    assert 'style="dashed"' in standby and "api (failover)" in standby
    replication = re.search(r'"site" -> "site-dr" \[([^\]]*)\]', source).group(1)
    assert 'style="dotted"' in replication
    asynchronous = re.search(r'"notes-fn" -> "thumbs-queue" \[([^\]]*)\]', render_dot(bundled("serverless"))).group(1)
    assert 'color="#E7157B"' in asynchronous and 'arrowhead="vee"' in asynchronous
    # every connector comes with its path: Graphviz draws it as given (neato -n2)
    edges = re.findall(r'^  "[^"]+" -> "[^"]+" \[([^\n]*)\]$', source, re.M)
    assert edges and all(re.search(r'pos="e,', e) for e in edges)


def test_legend_explains_exactly_the_marks_used(bundled):
    plain = render_dot(bundled("serverless"))
    assert "request (synchronous)" in plain and "asynchronous message" in plain
    assert "single point of failure" not in plain and "standby path" not in plain
    assert "Notes — serverless API" in plain  # the spec title


def node_positions(source: str) -> dict[str, tuple[float, float]]:
    """node id -> (x, y) as written in the DOT (Graphviz units: y grows upwards)."""
    return {name: (float(x), float(y)) for name, x, y in re.findall(r'^\s*"([^"]+)" \[id="node:[^"]*", [^\n]*?pos="([\d.-]+),([\d.-]+)"', source, re.M)}


def test_direction_option_and_spec_default(bundled):
    spec = bundled("shop")
    lr, tb = node_positions(render_dot(spec)), node_positions(render_dot(spec, direction="TB"))
    assert render_dot(spec) == render_dot(spec, direction="LR")  # the spec's default
    assert lr["shoppers"][0] < lr["dns"][0] < lr["web-alb@us-east-1a"][0] < lr["web@us-east-1a"][0]
    assert tb["shoppers"][1] > tb["dns"][1] > tb["web-alb@us-east-1a"][1] > tb["web@us-east-1a"][1]
    with pytest.raises(ValueError):
        render_dot(spec, direction="RL")


# --------------------------------------------------------------------------- annotations
def test_spof_findings_and_traffic_annotations(bundled):
    spec = bundled("fragile")
    notes = DiagramAnnotations(edge_peak_rps={"dns->blog-server": 1234.0, "blog-server->blog-db": 3.5},
                               spof=frozenset({"blog-server"}), findings={"blog-db": ("AG201", "AG101")})
    source = render_dot(spec, notes)
    server = re.search(r'"blog-server" \[([^\n]*)\]\n', source).group(1)
    assert 'color="#D13212"' in server and 'penwidth="3"' in server  # outlined in red
    assert "⚑ AG101, AG201" in source
    busy = re.search(r'"dns" -> "blog-server" \[([^\]]*)\]', source).group(1)
    quiet = re.search(r'"blog-server" -> "blog-db" \[([^\]]*)\]', source).group(1)
    assert "1,234 req/s" in busy and "3.5 req/s" in quiet
    assert float(re.search(r'penwidth="([\d.]+)"', busy).group(1)) > float(re.search(r'penwidth="([\d.]+)"', quiet).group(1))
    assert "single point of failure" in source.split("Legend", 1)[1]
    assert "line width grows" in source and "resilience findings" in source
    assert render_dot(spec) != source and "single point of failure" not in render_dot(spec)


def test_penwidth_grows_with_traffic_and_is_bounded():
    widths = [penwidth(r) for r in (0, 9, 99, 999, 99_999, 10**9)]
    assert widths == sorted(widths) and widths[0] == 1.0 and widths[-1] == 8.0


def test_diff_marks(bundled):
    spec = bundled("fragile")
    notes = DiagramAnnotations(diff={"mailer": "added", "blog-db": "changed", "nat": "removed",
                                     "blog-server->mailer": "removed"})
    source = render_dot(spec, notes)
    assert re.search(r'"mailer" \[[^\n]*color="#1D8102"', source)
    assert re.search(r'"blog-db" \[[^\n]*color="#FF9900"', source)
    nat = re.search(r'"nat" \[[^\n]*', source).group(0)
    assert 'style="rounded,filled,dashed"' in nat and 'color="#D13212"' in nat
    assert re.search(r'"blog-server" -> "mailer" \[[^\]]*color="#D13212"[^\]]*style="dashed"', source)
    legend = source.split("Legend", 1)[1]
    assert "added since" in legend and "removed since" in legend and "changed since" in legend


# --------------------------------------------------------------------------- injection
HOSTILE = {
    "title": 'Title ]; "injected" [label=<B>x</B>',
    "users": 'Quote " back\\slash \\N <B>b</B> &amp;',
    "fn": "line one\nline two \u202egnp.exe שלום مرحبا",
    "tooltip": 'tooltip " ] -> x [ \\G',
    "edge": '<<TABLE>> "edge" & <i>',
}


def hostile_spec():
    import yaml

    data = {
        "version": 1, "name": "hostile", "title": HOSTILE["title"],
        "regions": [{"name": "us-east-1", "azs": ["us-east-1a"]}],
        "components": [
            {"id": "users", "type": "users", "label": HOSTILE["users"]},
            {"id": "fn", "type": "lambda", "region": "us-east-1", "duration_ms": 10, "label": HOSTILE["fn"],
             "description": HOSTILE["tooltip"]},
        ],
        "connections": [{"from": "users", "to": "fn", "label": HOSTILE["edge"]}],
    }
    return spec_from_text(yaml.safe_dump(data, allow_unicode=True), "hostile.yaml")


def test_control_characters_become_visible_marks():
    """The spec loader already refuses them; the escaper does not rely on it."""
    from archgen.render import text

    assert text.html("a\x1bb\x00") == "a\u241bb\u2400"
    assert text.quoted("x\x7f\u2066y") == '"x\u2421[U+2066]y"'
    assert text.html("tab\there\r\nnext") == "tab here<BR/>next"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_hostile_labels_stay_literal_in_dot_and_svg():
    spec = hostile_spec()
    source = render_dot(spec)
    graph = graphviz_json(source)  # Graphviz parses it: nothing broke out of its string
    names = {o["name"] for o in graph["objects"]}
    assert {"users", "fn"} <= names and not any("injected" in n or n == "x" for n in names)
    assert len(graph["edges"]) == 1
    out = render(spec, ("svg",))["diagram.svg"].decode("utf-8")
    root = ET.fromstring(out)  # still well-formed XML
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    everything = squeeze("".join(texts))
    assert HOSTILE["title"] in texts
    assert squeeze(HOSTILE["users"]) in everything  # wrapped over lines, otherwise verbatim
    assert squeeze(HOSTILE["edge"]) in everything
    line_two = next(t for t in texts if t.startswith("line two"))
    assert "line one" in texts
    # node titles are cut to their two lines (full text in the tooltip); right-to-left text kept as written
    assert line_two.startswith("line two [U+202E]gnp.exe ")
    assert "\u202e" not in out and "[U+202E]" in line_two  # the bidi override is shown, not obeyed
    tooltips = [a.get("{http://www.w3.org/1999/xlink}title") for a in root.iter("{http://www.w3.org/2000/svg}a")]
    assert any(t and HOSTILE["tooltip"] in t for t in tooltips)
    assert any(t and "שלום مرحبا" in t for t in tooltips)


# --------------------------------------------------------------------------- SVG and PNG
@pytest.fixture(scope="module")
def shop_outputs():
    from archgen.spec.load import load_spec
    from tests.support import SPECS

    spec = load_spec(str(SPECS / "shop.yaml"))
    return spec, render(spec, ("svg", "png", "pdf", "dot"))


def test_render_returns_named_files_from_one_dot(shop_outputs):
    spec, outputs = shop_outputs
    assert list(outputs) == ["diagram.svg", "diagram.png", "diagram.pdf", "diagram.dot"]
    assert outputs["diagram.dot"].decode() == render_dot(spec)
    assert outputs["diagram.png"][:8] == b"\x89PNG\r\n\x1a\n" and outputs["diagram.pdf"][:5] == b"%PDF-"


def test_svg_is_self_contained(shop_outputs):
    _, outputs = shop_outputs
    text = outputs["diagram.svg"].decode("utf-8")
    assert "file:" not in text and "site-packages" not in text and str(resources_dir()) not in text
    root = ET.fromstring(text)
    images = list(root.iter("{http://www.w3.org/2000/svg}image"))
    assert images and all(i.get(XLINK_HREF).startswith("data:image/png;base64,") for i in images)
    symbols = {s.get("id") for s in root.iter("{http://www.w3.org/2000/svg}symbol")}
    uses = [u.get(XLINK_HREF) for u in root.iter("{http://www.w3.org/2000/svg}use")]
    assert len(uses) > len(symbols) >= 10 and all(u[1:] in symbols for u in uses)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert value.startswith(("data:", "#")), value  # nothing outside the file
    texts = "".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Shop — storefront and orders API" in texts and "Orders database" in texts  # text stays text


def test_svg_tooltips_are_archgen_text_not_dot_names(shop_outputs):
    """Browsers show an element's <title> as its tooltip: Graphviz writes DOT names there
    (cluster_vpc_shop-vpc, web@us-east-1a->cache@us-east-1a); archgen's SVG has its own tooltips."""
    _, outputs = shop_outputs
    root = ET.fromstring(outputs["diagram.svg"].decode("utf-8"))
    svg_ns = "{http://www.w3.org/2000/svg}"
    titles = {}
    for group in root.iter(svg_ns + "g"):
        title = group.find(svg_ns + "title")
        if title is not None:
            titles[group.get("id")] = title.text
    assert titles["node:web@us-east-1a"] == "Orders API (web, Auto Scaling group in us-east-1a)"
    assert titles["edge:shoppers->dns:shoppers->dns"] == "shoppers->dns: HTTPS"  # plain: no traffic marks
    for name, text in titles.items():
        assert not text.startswith("cluster_") and "@" not in text and text != name.split(":", 1)[-1], (name, text)
    assert len(titles) >= 30  # every node and edge keeps a tooltip


def test_svg_and_png_record_the_digest_of_their_dot(shop_outputs):
    spec, outputs = shop_outputs
    digest = dot_digest(render_dot(spec))
    assert svg.read_stamp(outputs["diagram.svg"]) == (FORMAT_VERSION, digest)
    assert png.read_stamp(outputs["diagram.png"]) == f"format={FORMAT_VERSION} dot-sha256={digest}"
    assert dot_digest(render_dot(spec, direction="TB")) != digest


def test_png_stamp_is_a_valid_chunk_and_replaces_an_old_one(shop_outputs):
    import zlib

    _, outputs = shop_outputs
    data = png.stamp(outputs["diagram.png"], "format=9 dot-sha256=" + "0" * 64)
    kinds_seen = [kind for kind, _, _ in png.chunks(data)]
    assert kinds_seen[:2] == [b"IHDR", b"tEXt"] and kinds_seen.count(b"tEXt") == 1 and kinds_seen[-1] == b"IEND"
    for kind, body, offset in png.chunks(data):
        crc = int.from_bytes(data[offset + 8 + len(body):offset + 12 + len(body)], "big")
        assert crc == zlib.crc32(kind + body)
    assert png.read_stamp(data) == "format=9 dot-sha256=" + "0" * 64
    assert png.read_stamp(b"not a png") is None


def test_pdf_creation_date_is_fixed(shop_outputs):
    _, outputs = shop_outputs
    assert b"/CreationDate (D:20000101000000Z)" in outputs["diagram.pdf"]


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/St_Johns", "Etc/GMT+12"])
def test_pdf_is_the_same_in_every_time_zone(shop_outputs, monkeypatch, zone):
    """cairo writes local time (D:...+14'00) outside UTC; the PDF must not depend on TZ."""
    spec, outputs = shop_outputs
    monkeypatch.setenv("TZ", zone)
    assert render(spec, ("pdf",))["diagram.pdf"] == outputs["diagram.pdf"]


def test_a_local_time_pdf_date_is_fixed_without_moving_offsets():
    from archgen.render.graphviz import fix_pdf_date

    for date in (b"D:20261130050304+14'00", b"D:20261129113304-03'30'", b"D:20261129113304Z"):
        pdf = b"1 0 obj << /CreationDate (" + date + b") >> endobj"
        fixed = fix_pdf_date(pdf)
        assert len(fixed) == len(pdf) and b"D:20000101000000" in fixed and b"2026" not in fixed


MIXED_SPEC = """
version: 1
name: mixed
regions:
  - {name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: app
      region: eu-west-1
      subnets:
        - {id: a, az: eu-west-1a}
        - {id: b, az: eu-west-1b}
components:
  - {id: fn, type: lambda, subnets: [a, b], duration_ms: 20}
  - id: db
    type: aurora
    engine: aurora-postgresql
    region: eu-west-1
    instances: [{name: w, az: eu-west-1a, role: writer}, {name: r, az: eu-west-1b}]
    global_database_regions: [us-east-1]
  - id: table
    type: dynamodb
    region: eu-west-1
    partition_key: {name: pk}
    capacity: {mode: on-demand}
    global_table_regions: [us-east-1]
  - {id: jobs, type: sqs, region: eu-west-1, dead_letter_queue: dlq}
  - {id: dlq, type: sqs, region: eu-west-1}
connections:
  - {from: fn, to: db}
  - {from: fn, to: table}
  - {from: fn, to: jobs, kind: async}
"""


def test_placement_of_vpc_lambda_aurora_global_copies_and_dead_letters():
    spec = spec_from_text(MIXED_SPEC, "mixed.yaml")
    source = render_dot(spec)
    chains = cluster_chains(source)
    assert chains["fn@eu-west-1a"][-2:] == ["cluster_az_app_eu-west-1a", "cluster_subnet_a"]
    # Aurora without subnets: its instances in AZ boxes of the Region, outside the VPC
    assert chains["db/w"] == ["cluster_aws_cloud", "cluster_region_eu-west-1", "cluster_az_eu-west-1a"]
    assert chains["db/r"][-1] == "cluster_az_eu-west-1b"
    assert re.search(r'"db/w" -> "db/r" \[[^\]]*style="dotted"', source)
    assert "writer · w" in source and "reader · r" in source
    # copies the spec implies: the Global Database secondary and the global table replica
    assert chains["db#us-east-1"] == ["cluster_aws_cloud", "cluster_region_us-east-1"]
    assert chains["table#us-east-1"] == ["cluster_aws_cloud", "cluster_region_us-east-1"]
    assert re.search(r'"table" -> "table#us-east-1" \[[^\]]*style="dotted"', source)
    # writes go to the writer; failed messages to the dead-letter queue
    assert re.search(r'"fn@eu-west-1a" -> "db/w"', source) and not re.search(r'-> "db/r" \[id="edge:fn', source)
    assert re.search(r'"jobs" -> "dlq" \[[^\]]*dead letters', source)


# --------------------------------------------------------------------------- views and draw.io
def test_views_of_a_multi_region_spec(bundled):
    from archgen.render import view_names

    spec = bundled("shop")
    assert view_names(spec) == ["full", "overview", "us-east-1", "us-west-2"]
    assert view_names(bundled("fragile")) == ["full"]
    overview = render_dot(spec, view="overview")
    tiers = re.findall(r'^\s*"(us-[a-z]+-\d:[a-z_]+)" \[id=', overview, re.M)
    assert tiers == ["us-east-1:load_balancing", "us-east-1:compute", "us-east-1:cache", "us-east-1:data",
                     "us-west-2:load_balancing", "us-west-2:compute", "us-west-2:data"]
    assert re.search(r'"us-east-1:data" -> "us-west-2:data" \[[^\n]*style="dotted"', overview)  # replication
    assert re.search(r'"dns" -> "us-west-2:load_balancing" \[[^\n]*style="dashed"', overview)  # failover
    west = render_dot(spec, view="us-west-2")
    assert '"dr-web@us-west-2a"' in west and '"web@us-east-1a"' not in west
    # what it talks to in the other Region is there, in that Region's box
    assert '"orders-db@us-east-1a"' in west and '"carts"' in west
    with pytest.raises(ValueError):
        render_dot(spec, view="eu-north-9")


def test_drawio_has_the_same_positions_and_embedded_icons(bundled):
    spec = bundled("shop")
    out = render(spec, ("drawio", "dot"))
    root = ET.fromstring(out["diagram.drawio"])
    cells = {c.get("id"): c for c in root.iter("mxCell")}
    nodes = [c for c in cells.values() if c.get("vertex") == "1" and "shape=image" in (c.get("style") or "")]
    assert len(nodes) == sum(1 for _ in re.finditer(r'\[id="node:(?!empty:)', out["diagram.dot"].decode()))
    assert all("image=data:image/png," in c.get("style") for c in nodes)
    edges = [c for c in cells.values() if c.get("edge") == "1"]
    assert edges and all(cells.get(e.get("source")) is not None and cells.get(e.get("target")) is not None for e in edges)
    # the DOT and the draw.io file place the web tier's first node at the same spot (DOT: y up)
    dot = out["diagram.dot"].decode()
    x, y_up = map(float, re.search(r'"web@us-east-1a" \[[^\n]*?pos="([\d.]+),([\d.]+)"', dot).groups())
    height = float(re.search(r'graph \[id="diagram", bb="0,0,[\d.]+,([\d.]+)"', dot).group(1))
    web = next(c for c in nodes if "Orders API" in c.get("value") and "2 × m6i.large" in c.get("value"))
    geometry = web.find("mxGeometry")
    centre_x = float(geometry.get("x")) + float(geometry.get("width")) / 2
    assert abs(centre_x - x) < 0.5
    assert abs(float(geometry.get("y")) - (height - y_up - 59 - 34)) < 1.0  # icon at the top of the node
    assert render(spec, ("drawio",)) == {"diagram.drawio": out["diagram.drawio"]}  # byte-identical


def test_findings_go_on_the_copies_they_concern(bundled):
    spec = bundled("shop")
    notes = DiagramAnnotations(findings={"orders-db": ("AG999",)}, spof=frozenset({"orders-db"}))
    source = render_dot(spec, notes)
    marked = {name for name, attrs_ in re.findall(r'^\s*"([^"]+)" \[(id="node:[^\n]*)', source, re.M) if "AG999" in attrs_}
    assert marked == {"orders-db@us-east-1a"}  # not the standby, not the read replica in us-west-2
    outlined = {name for name, attrs_ in re.findall(r'^\s*"([^"]+)" \[(id="node:[^\n]*)', source, re.M)
                if 'penwidth="3"' in attrs_}
    assert outlined == {"orders-db@us-east-1a"}


def test_removed_parts_are_struck_through_and_marks_stay(bundled):
    spec = bundled("fragile")
    notes = DiagramAnnotations(diff={"mailer": "removed", "blog-server->mailer": "removed"}, spof=frozenset({"blog-db"}),
                               findings={"blog-db": ("AG201",)})
    source = render_dot(spec, notes)
    mailer = re.search(r'^\s*"mailer" \[[^\n]*', source, re.M).group(0)
    assert "<S>Newsletter workers</S>" in mailer and 'style="rounded,filled,dashed"' in mailer
    assert re.search(r'^\s*"blog-db" \[[^\n]*penwidth="3"[^\n]*', source, re.M)  # analysis marks kept
    assert "removed since the base version (struck through)" in source


def test_a_finding_about_a_copy_in_another_region_goes_on_that_copy(bundled):
    spec = bundled("shop")
    notes = DiagramAnnotations(copy_findings={("orders-db", "us-west-2"): ("AG999",)})
    source = render_dot(spec, notes)
    marked = {name for name, attrs_ in re.findall(r'^\s*"([^"]+)" \[(id="node:[^\n]*)', source, re.M) if "AG999" in attrs_}
    assert marked == {"orders-db#replica1"}  # the DR read replica in us-west-2, not the primary or its standby


def test_the_single_az_dr_replica_finding_is_marked_on_the_replica(bundled):
    report = analyze(bundled("shop"))
    finding = next(f for f in report.active if f.rule == "AG213")
    assert (finding.components, finding.regions) == (("orders-db",), ("us-west-2",))
    notes = annotations_for(report, None)
    assert "AG213" not in notes.findings.get("orders-db", ())
    assert notes.copy_findings[("orders-db", "us-west-2")] == ("AG213",)
