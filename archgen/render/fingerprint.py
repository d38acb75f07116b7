"""Which Graphviz and fonts lay diagrams out here: a fingerprint of a small probe diagram.

Laid-out bytes (SVG, PNG, the HTML embedding the SVG) depend on the Graphviz version and the
fonts installed, not only on the spec. ``archgen build`` records this fingerprint next to each
laid-out file in its manifest; ``build --check`` on a machine with the same fingerprint then
compares every byte, and elsewhere the layout-independent digest each file records. The probe
goes through the real renderer (text in every size and weight archgen uses, an icon, an edge
label, a red single-point-of-failure mark), so anything that changes how text is measured or
drawn changes the fingerprint.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from types import MappingProxyType

from archgen.annotations import DiagramAnnotations
from archgen.render import RenderError, render
from archgen.spec.load import check_text

PROBE_SPEC = """\
version: 1
name: layout-probe
title: "Probe — Ågåt 0123456789 ⚑"
regions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]
components:
  - {id: people, type: users, label: "People WWW iii", traffic: {peak_rps: 1234.5}}
  - {id: server, type: ec2, azs: [us-east-1a], label: "A single server, wrapped over several lines of text"}
connections:
  - {from: people, to: server, label: "HTTPS 443"}
"""

# the marks the analysis and traffic model give the probe, written out: render/ never runs them
PROBE_MARKS = DiagramAnnotations(edge_peak_rps=MappingProxyType({"people->server": 1234.5}), spof=frozenset({"server"}),
                                 findings=MappingProxyType({"server": ("AG102", "AG401")}))


@lru_cache(maxsize=1)
def layout_fingerprint() -> str | None:
    """16 hex digits naming this machine's layout engine and fonts; None without Graphviz."""
    spec = check_text(PROBE_SPEC, "layout-probe.yaml").spec
    try:
        files = render(spec, ("svg", "png"), PROBE_MARKS)
    except RenderError:
        return None
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    return digest.hexdigest()[:16]
