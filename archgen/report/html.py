"""The self-contained HTML report: diagram with clickable components, findings, traffic, chart.

One file, no network: styles and script are inline, icons are data URIs inside the SVG, and a
Content-Security-Policy forbids every external fetch. Every string from the spec reaches the
page either HTML-escaped (tables) or through ``textContent`` (the details panel), so labels
like ``<script>`` render literally.
"""

from __future__ import annotations

import hashlib
import re
from html import escape

from archgen.formatting import money, number, percent, rate
from archgen.report.json_text import dumps

CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "base-uri 'none'; form-action 'none'")

STYLE = """
:root { --error:#c62828; --warning:#ef6c00; --info:#1565c0; --ok:#2e7d32; --muted:#5f6b7a; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0;
       color: #1d2733; background: #f6f8fa; }
header { background: #232f3e; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #d5dbe1; }
main { padding: 16px 24px; display: grid; gap: 16px; grid-template-columns: minmax(0, 3fr) minmax(260px, 1fr); }
section { background: #fff; border: 1px solid #d8dee4; border-radius: 6px; padding: 12px 16px; min-width: 0; }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 17px; margin: 4px 0 12px; }
.diagram { overflow: hidden; height: 70vh; border: 1px solid #eaeef2; border-radius: 4px; cursor: grab;
           touch-action: none; background: #fff; }
.diagram.dragging { cursor: grabbing; }
.diagram svg { width: 100%; height: 100%; display: block; }
.diagram g.node { cursor: pointer; }
.diagram.searching g.node, .diagram.searching g.edge { opacity: 0.25; }
.diagram.searching g.node.match { opacity: 1; }
.diagram g.node.match text { font-weight: bold; }
.toolbar { display: flex; gap: 6px; align-items: center; margin: 0 0 8px; flex-wrap: wrap; }
.toolbar button { font: inherit; padding: 2px 10px; border: 1px solid #c9d1d9; background: #f6f8fa; border-radius: 4px;
                  cursor: pointer; }
.toolbar input { font: inherit; padding: 2px 8px; border: 1px solid #c9d1d9; border-radius: 4px; min-width: 14em; }
.toolbar .views a { margin-right: 8px; }
#search-count { color: var(--muted); font-size: 13px; }
.diagram g.node.selected polygon, .diagram g.node.selected path, .diagram g.node.selected ellipse { stroke: #ff9900; stroke-width: 3; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { font-weight: 600; text-transform: uppercase; font-size: 11px; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
tr.suppressed { color: var(--muted); text-decoration: line-through; }
#details .empty { color: var(--muted); }
#details h3 { margin: 0 0 4px; font-size: 16px; }
#details .type { color: var(--muted); margin: 0 0 8px; }
#details ul { padding-left: 18px; margin: 4px 0; }
.chart text { font-size: 12px; fill: #1d2733; }
ul.notes { font-size: 13px; color: var(--muted); padding-left: 18px; }
p.note { font-size: 13px; color: var(--muted); margin: 4px 0; }
h3 { font-size: 15px; margin: 14px 0 6px; }
.summary { display: flex; gap: 16px; flex-wrap: wrap; margin: 0; padding: 0; list-style: none; }
.summary li { background: #fff; border: 1px solid #d8dee4; border-radius: 6px; padding: 8px 12px; }
.summary b { display: block; font-size: 18px; }
footer { color: var(--muted); font-size: 12px; padding: 0 24px 24px; }
"""

SCRIPT = """
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('archgen-data').textContent);
  var panel = document.getElementById('details');
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function show(id) {
    var component = data.components[id];
    if (!component) return;
    document.querySelectorAll('.diagram g.node.selected').forEach(function (n) { n.classList.remove('selected'); });
    var node = document.querySelector('.diagram g.node[data-component="' + CSS.escape(id) + '"]');
    if (node) node.classList.add('selected');
    panel.replaceChildren();
    panel.appendChild(el('h3', component.label));
    panel.appendChild(el('p', component.title + ' · ' + id + (component.placement ? ' · ' + component.placement : ''), 'type'));
    var findings = data.findings.filter(function (f) { return f.components.indexOf(id) >= 0; });
    panel.appendChild(el('h4', findings.length ? 'Findings (' + findings.length + ')' : 'No findings'));
    if (findings.length) {
      var list = el('ul');
      findings.forEach(function (f) {
        var item = el('li');
        item.appendChild(el('span', f.severity + ' ', 'sev sev-' + f.severity));
        item.appendChild(el('span', f.rule + ': ' + f.message + (f.suppressed ? ' (suppressed)' : '')));
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    var tier = data.tiers[id];
    if (tier) {
      panel.appendChild(el('h4', 'Traffic at peak'));
      var facts = el('ul');
      tier.facts.forEach(function (fact) { facts.appendChild(el('li', fact)); });
      panel.appendChild(facts);
    }
  }
  document.querySelectorAll('.diagram g.node').forEach(function (node) {
    // node ids are node:<component id>, or node:id@AZ / node:id#replica for per-AZ and replica nodes
    var name = (node.getAttribute('id') || '').replace(/^node:/, '');
    var id = node.getAttribute('data-component') || name.split(/[@#]/)[0];
    if (!data.components[id]) return;
    node.setAttribute('data-component', id);
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.addEventListener('click', function () { show(id); });
    node.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(id); } });
  });
  document.querySelectorAll('[data-show]').forEach(function (link) {
    link.addEventListener('click', function (e) { e.preventDefault(); show(link.getAttribute('data-show')); });
  });

  // fit to the panel, zoom (buttons, wheel), pan (drag), search: all by moving the SVG's viewBox
  var box = document.querySelector('.diagram');
  var svg = box ? box.querySelector('svg') : null;
  if (!svg) return;
  var full = svg.viewBox.baseVal;
  var home = {x: full.x, y: full.y, w: full.width, h: full.height};
  var view = {x: home.x, y: home.y, w: home.w, h: home.h};
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  function apply() { svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' ')); }
  function fit() { view = {x: home.x, y: home.y, w: home.w, h: home.h}; apply(); }
  function zoom(factor, cx, cy) {
    var w = Math.min(home.w * 4, Math.max(home.w / 40, view.w / factor));
    var h = view.h * w / view.w;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view.x = cx - (cx - view.x) * w / view.w;
    view.y = cy - (cy - view.y) * h / view.h;
    view.w = w; view.h = h; apply();
  }
  function toDiagram(clientX, clientY) {
    var point = svg.createSVGPoint();
    point.x = clientX; point.y = clientY;
    var inverse = svg.getScreenCTM().inverse();
    var p = point.matrixTransform(inverse);
    var root = svg.querySelector('g.graph');
    var m = root ? root.transform.baseVal.consolidate() : null;
    return m ? {x: p.x, y: p.y} : p;
  }
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(1.5); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(1 / 1.5); });
  document.getElementById('zoom-fit').addEventListener('click', fit);
  box.addEventListener('wheel', function (e) {
    e.preventDefault();
    var p = toDiagram(e.clientX, e.clientY);
    zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, p.x, p.y);
  }, {passive: false});
  var drag = null;
  box.addEventListener('pointerdown', function (e) {
    drag = {x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false};
  });
  window.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    box.classList.add('dragging');
    var scale = view.w / box.clientWidth;
    view.x = drag.vx - dx * scale; view.y = drag.vy - dy * scale; apply();
  });
  window.addEventListener('pointerup', function () {
    if (drag && drag.moved) {
      // a drag is not a click on the node under the pointer
      window.addEventListener('click', function stop(e) { e.stopPropagation(); e.preventDefault(); }, {capture: true, once: true});
    }
    drag = null; box.classList.remove('dragging');
  });
  var search = document.getElementById('diagram-search');
  var count = document.getElementById('search-count');
  search.addEventListener('input', function () {
    var query = search.value.trim().toLowerCase();
    var matches = [];
    box.querySelectorAll('g.node').forEach(function (node) {
      node.classList.remove('match');
      if (!query || !node.hasAttribute('data-component')) return;
      var id = node.getAttribute('data-component');
      var component = data.components[id] || {};
      var words = (node.textContent + ' ' + id + ' ' + (component.title || '')).toLowerCase();
      if (words.indexOf(query) >= 0) { node.classList.add('match'); matches.push(node); }
    });
    box.classList.toggle('searching', query.length > 0);
    count.textContent = query ? matches.length + (matches.length === 1 ? ' match' : ' matches') : '';
    if (matches.length) {
      var first = matches[0].getBBox();
      var m = matches[0].getCTM(), r = svg.getScreenCTM();
      // the match's box in viewBox units (the graph group carries Graphviz's translate)
      var root = svg.querySelector('g.graph').transform.baseVal.consolidate();
      var tx = root ? root.matrix.e : 0, ty = root ? root.matrix.f : 0;
      var w = Math.max(first.width * 4, home.w / 4), h = w * home.h / home.w;
      view = {x: first.x + tx + first.width / 2 - w / 2, y: first.y + ty + first.height / 2 - h / 2, w: w, h: h};
      apply();
    } else if (!query) { fit(); }
  });
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') {
      var match = box.querySelector('g.node.match');
      if (match) show(match.getAttribute('data-component'));
    }
  });
  fit();
})();
"""


def json_for_script(value) -> str:
    """JSON that cannot close its <script> element or open a comment, whatever the strings hold."""
    text = dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
               .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)


def inline_svg(svg: str) -> str:
    """The SVG document as an element for inline use (drop the XML prolog and DOCTYPE)."""
    return _XML_DECL.sub("", svg)


CHART_LABEL_CHARS = 28  # longer tier labels are shortened (the full label is the row's tooltip)


def load_chart(tiers: list[dict]) -> str:
    """One bar per tier: peak load as a share of its max capacity (each row on its own scale, so a
    cache good for 100,000 rps does not flatten everything else), inline SVG, no script."""
    rows = [t for t in tiers if t.get("peak_rps") or t.get("max_capacity_rps")]
    if not rows:
        return "<p>No traffic profile: add <code>traffic</code> to a users component.</p>"
    label_w, bar_w, text_w, row_h = 220, 360, 250, 26
    width, height = label_w + bar_w + text_w, row_h * len(rows) + 34
    parts = [f'<svg class="chart" role="img" aria-label="Peak load against max capacity per tier" '
             f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for i, tier in enumerate(rows):
        y = 10 + i * row_h
        label = tier["label"] if len(tier["label"]) <= CHART_LABEL_CHARS else tier["label"][:CHART_LABEL_CHARS - 1] + "…"
        parts.append(f'<g><title>{escape(tier["label"])}</title><text x="0" y="{y + 15}">{escape(label)}</text>')
        utilisation, ceiling = tier.get("utilisation"), tier.get("max_capacity_rps")
        if ceiling and utilisation is not None:
            colour = "#2e7d32" if utilisation < 0.8 else "#ef6c00" if utilisation <= 1 else "#c62828"
            shown = min(utilisation, 1.2)  # past 120% the bar stops; the text says by how much
            parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w / 1.2:.1f}" height="14" fill="#eaeef2"/>')
            parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w / 1.2 * shown:.1f}" height="14" fill="{colour}"/>')
            tick = label_w + bar_w / 1.2
            parts.append(f'<line x1="{tick:.1f}" x2="{tick:.1f}" y1="{y}" y2="{y + 22}" stroke="#1d2733" stroke-width="2"/>')
            text = f"{number(tier['peak_rps'])} of {rate(ceiling)} · {percent(utilisation)} of max"
        else:
            text = f"{rate(tier['peak_rps'])} · no fixed ceiling"
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 15}">{escape(text)}</text></g>')
    parts.append(f'<text x="0" y="{10 + len(rows) * row_h + 16}">bar: peak requests/s as a share of the max '
                 'capacity (the tick is 100%; green &lt; 80%, amber ≤ 100%, red over)</text></svg>')
    return "".join(parts)


def findings_table(findings: list[dict]) -> str:
    if not findings:
        return "<p>No findings.</p>"
    rows = ['<table><thead><tr><th>severity</th><th>rule</th><th>components</th><th>finding</th>'
            '<th>fix</th><th class="num">line</th></tr></thead><tbody>']
    for f in findings:
        links = ", ".join(f'<a href="#" data-show="{escape(c)}">{escape(c)}</a>' for c in f["components"])
        cls = ' class="suppressed"' if f.get("suppressed") else ""
        note = f' <em>(suppressed: {escape(f.get("suppression_reason", ""))})</em>' if f.get("suppressed") else ""
        rows.append(f'<tr{cls}><td class="sev sev-{escape(f["severity"])}">{escape(f["severity"])}</td>'
                    f'<td>{escape(f["rule"])} {escape(f["name"])}</td><td>{links}</td>'
                    f'<td>{escape(f["message"])}{note}</td><td>{escape(f.get("fix", ""))}</td>'
                    f'<td class="num">{f["location"]["line"] or ""}</td></tr>')
    rows.append("</tbody></table>")
    return "".join(rows)


def _table(head: list[str], rows: list[list[str]]) -> str:
    """A plain table; every cell is escaped here."""
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def resilience_section(data: dict) -> str:
    """Single points of failure, what losing each AZ and Region cuts, availability and recovery."""
    out = ["<p><b>Single points of failure:</b> " + (escape(", ".join(data["spofs"])) or "none") + "</p>"]
    out.append(_table(["lose", "flows served", "flows cut", "down"],
                      [[o["lose"], o["served"], o["cut"] or "—", o["down"] or "—"] for o in data["losses"]]))
    if data["region_capacity"]:
        out.append("<h3>Losing a Region, the Regions left at the peak (N+1)</h3><ul>"
                   + "".join(f"<li>{escape(line)}</li>" for line in data["region_capacity"]) + "</ul>")
    availability = data["availability"]
    if availability is not None:
        out.append(f'<h3>Availability</h3><p>critical path {escape(availability["path"])} = '
                   f'<b>{escape(availability["value"])}</b> ({escape(availability["judged"])})<br>'
                   f'<code>{escape(availability["expression"])}</code></p>'
                   f'<p class="note">{escape(availability["assumptions"])}</p>')
    recovery = data["recovery"]
    out.append(f'<h3>Recovery ({escape(recovery["title"])})</h3><ul>')
    for estimate in recovery["estimates"]:
        reason = f' — {escape(estimate["reason"])}' if estimate["reason"] else ""
        out.append(f'<li>{estimate["name"]} <b>{escape(estimate["value"])}</b> ({escape(estimate["judged"])}){reason}</li>')
    out.append("</ul>")
    if recovery["steps"]:
        out.append(_table(["phase", "step", "time", "from"],
                          [[s["phase"], s["what"], s["time"], s["source"]] for s in recovery["steps"]]))
    out += [f'<p class="note">note: {escape(note)}</p>' for note in recovery["notes"]]
    return "".join(out)


def traffic_table(tiers: list[dict]) -> str:
    if not tiers:
        return "<p>No traffic profile: add <code>traffic</code> to a users component.</p>"
    rows = ['<table><thead><tr><th>tier</th><th>type</th><th class="num">avg rps</th><th class="num">peak rps</th>'
            '<th class="num">max rps</th><th class="num">utilisation of max</th><th>needs</th>'
            '<th class="num">est. $/month</th></tr></thead><tbody>']
    for t in tiers:
        rows.append(f'<tr><td><a href="#" data-show="{escape(t["id"])}">{escape(t["label"])}</a></td>'
                    f'<td>{escape(t["title"])}</td><td class="num">{number(t.get("avg_rps"))}</td>'
                    f'<td class="num">{number(t.get("peak_rps"))}</td><td class="num">{number(t.get("max_capacity_rps"))}</td>'
                    f'<td class="num">{percent(t.get("utilisation"))}</td><td>{escape(t.get("needs", ""))}</td>'
                    f'<td class="num">{money(t.get("cost_month"))}</td></tr>')
    rows.append("</tbody></table>")
    return "".join(rows)


def notes_list(page: dict) -> str:
    """What the figures rest on (whole model), then each tier's notes."""
    items = [escape(note) for note in page.get("traffic_notes", [])]
    items += [f'<a href="#" data-show="{escape(t["id"])}">{escape(t["id"])}</a>: {escape(note)}'
              for t in page["tiers"] for note in t.get("notes", [])]
    return f'<ul class="notes">{"".join(f"<li>{item}</li>" for item in items)}</ul>' if items else ""


STAMP_PREFIX = "<!-- archgen-report "


def page_digest(page: dict, diagram_digest: str) -> str:
    """What the page is made of, minus the laid-out SVG bytes (those vary with Graphviz and fonts)."""
    return hashlib.sha256((json_for_script(page) + "\n" + diagram_digest).encode("utf-8")).hexdigest()


def read_stamp(html: bytes) -> str | None:
    head = html[:400].decode("utf-8", "replace")
    start = head.find(STAMP_PREFIX)
    if start < 0:
        return None
    return head[start + len(STAMP_PREFIX):].split(" ", 1)[0].removeprefix("sha256=")


def toolbar(views: list[tuple[str, str]]) -> str:
    """Zoom, fit and search over the diagram, and links to the other views (overview, Regions)."""
    links = "".join(f'<a href="{escape(href)}">{escape(name)}</a>' for name, href in views)
    return ('<div class="toolbar"><button type="button" id="zoom-in" title="Zoom in">+</button>'
            '<button type="button" id="zoom-out" title="Zoom out">−</button>'
            '<button type="button" id="zoom-fit" title="Fit the diagram to the panel">fit</button>'
            '<input type="search" id="diagram-search" placeholder="Find a component…" aria-label="Find a component">'
            '<span id="search-count" aria-live="polite"></span>'
            + (f'<span class="views">Other views: {links}</span>' if links else "") + "</div>")


def html_report(page: dict, svg: str, diagram_digest: str = "") -> str:
    """The whole page. ``page`` is the report model (see report.bundle.html_page_data)."""
    spec = page["spec"]
    summary = "".join(f"<li><b>{escape(str(value))}</b>{escape(label)}</li>" for label, value in page["summary"])
    script_data = {"components": page["components"], "findings": page["findings"],
                   "tiers": {t["id"]: t for t in page["tiers"]}}
    sections = [
        f'<section class="diagram-box"><h2>Diagram</h2>{toolbar(page.get("views", []))}'
        f'<div class="diagram">{inline_svg(svg)}</div></section>',
        '<section><h2>Details</h2><div id="details" aria-live="polite">'
        '<p class="empty">Click a component in the diagram for its findings and traffic.</p></div></section>',
        f'<section class="wide"><h2>Findings</h2>{findings_table(page["findings"])}</section>',
        f'<section class="wide"><h2>Traffic per tier (peak)</h2>{traffic_table(page["tiers"])}'
        f'{notes_list(page)}<h3>Peak load against max capacity</h3>{load_chart(page["tiers"])}</section>',
        f'<section class="wide"><h2>Resilience: failure domains, availability, recovery</h2>'
        f'{resilience_section(page["resilience"])}</section>',
    ]
    return (
        "<!DOCTYPE html>\n"
        f"{STAMP_PREFIX}sha256={page_digest(page, diagram_digest)} -->\n"
        "<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(spec['title'])} — archgen report</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{escape(spec['title'])}</h1><p>{escape(spec.get('description', ''))}</p></header>"
        f'<ul class="summary" style="padding:16px 24px 0">{summary}</ul>'
        f"<main>{''.join(sections)}</main>"
        f"<footer>Generated by archgen from {escape(spec['file'])}. "
        "Traffic, availability and cost figures are estimates from the spec's inputs; see the Markdown "
        "and JSON reports for the arithmetic and sources.</footer>"
        f'<script type="application/json" id="archgen-data">{json_for_script(script_data)}</script>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
