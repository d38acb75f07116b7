"""Property-based fuzzing: mutated bundled specs never crash any stage.

Whatever ``validate`` accepts, analysis, the traffic model, DOT rendering and the Markdown
reports must process without an exception; whatever it rejects, it rejects with positioned
diagnostics (file, line >= 1, a message). Mutations are the ones real edits make: keys
dropped, duplicated or retyped, numbers pushed to extremes, ids renamed, components deleted,
lists shuffled, odd strings pasted in. Reproducible in CI: derandomized, fixed example count,
no example database.
"""

from __future__ import annotations

import copy
import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archgen import catalogue
from tests.support import BUNDLED_SPECS

BASES = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in BUNDLED_SPECS}
FILE = "fuzzed.yaml"

NASTY_TEXT = [
    "", " ", "a\nb", "\"quoted\" 'single'", "<b>bold</b> & <<i>x</i>>", "<<table><tr><td>x</td></tr></table>>",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627", "\u202eevil\u202c", "../../etc/passwd", "/etc/passwd",
    "C:\\Windows", "${env:HOME}", "%s%n", "{0}", "\\N", "null", "~", "yes", "-1", "1e400", "NaN", "web-alb",
    "x" * 300, "\U0001f600 emoji", "tab\there", "semi;colon", "back`tick`", "us-east-1", "us-east-1a", "AG101",
]
EXTREME_NUMBERS = [0, -1, 1, 2, 0.5, -0.0, 1e-300, 1e308, -1e308, 10**12, 10**12 + 1, 2**63, 10**400, -(10**400),
                   100000, 0.999999, 1.000001, 35, 36]
OTHER_VALUES = [None, True, False, 0, 1.5, "text", [], {}, ["a", "b"], {"a": 1}, [{"id": "x"}]]
COMPONENT_TYPES = [*catalogue.names(), "bogus"]


def slots(data) -> list[tuple]:
    """Every (container, key) in the document, parents before children."""
    out, stack = [], [data]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            out.append((node, key))
            if isinstance(value, (dict, list)):
                stack.append(value)
    return out


def components(data) -> list:
    found = data.get("components") if isinstance(data, dict) else None
    return found if isinstance(found, list) else []


def gentle_edit(draw, data) -> None:
    """An edit that usually keeps the spec valid, so later stages see odd but accepted input."""
    operation = draw(st.sampled_from(["relabel", "shuffle", "tweak_number", "delete_connection", "drop_optional"]))
    places = slots(data)
    if operation == "relabel" and components(data):
        component = draw(st.sampled_from(components(data)))
        key = draw(st.sampled_from(["label", "description"]))
        component[key] = draw(st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=40)))
    elif operation == "shuffle":
        lists = [(c, k) for c, k in places if isinstance(c[k], list) and len(c[k]) > 1]
        if lists:
            container, key = draw(st.sampled_from(lists))
            container[key] = draw(st.permutations(container[key]))
    elif operation == "tweak_number":
        numeric = [(c, k) for c, k in places if type(c[k]) in (int, float)]
        if numeric:
            container, key = draw(st.sampled_from(numeric))
            factor = draw(st.sampled_from([0, 0.001, 0.5, 2, 10, 1000, 1e6]))
            value = container[key] * factor
            container[key] = int(value) if type(container[key]) is int else value
    elif operation == "delete_connection":
        connections = data.get("connections") or []
        if connections:
            del connections[draw(st.integers(0, len(connections) - 1))]
    elif operation == "drop_optional" and components(data):
        component = draw(st.sampled_from(components(data)))
        optional = sorted(k for k in component if k not in ("id", "type"))
        if optional:
            del component[draw(st.sampled_from(optional))]


@st.composite
def mutated_spec(draw) -> str:
    """YAML text of a bundled spec after random edits: gentle ones (mostly still valid) or rough ones."""
    data = copy.deepcopy(BASES[draw(st.sampled_from(sorted(BASES)))])
    if draw(st.booleans()):
        for _ in range(draw(st.integers(1, 5))):
            gentle_edit(draw, data)
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["drop", "duplicate", "retype", "extreme", "rename", "delete_component",
                                          "shuffle", "inject", "retype_component", "transplant"]))
        places = slots(data)
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        if key not in (container if isinstance(container, dict) else range(len(container))):
            continue  # an earlier edit removed it
        value = container[key]
        if operation == "drop":
            del container[key]
        elif operation == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(value))
        elif operation == "retype":
            container[key] = copy.deepcopy(draw(st.sampled_from(OTHER_VALUES)))  # later edits must not touch the constant
        elif operation == "extreme":
            numeric = [(c, k) for c, k in places if type(c[k]) in (int, float)] if isinstance(data, dict) else []
            if numeric:
                c, k = draw(st.sampled_from(numeric))
                c[k] = draw(st.sampled_from(EXTREME_NUMBERS))
        elif operation == "rename" and components(data):
            component = draw(st.sampled_from(components(data)))
            if isinstance(component, dict):
                component["id"] = draw(st.sampled_from(["renamed", "web", "dns", "a" * 63, "a" * 64, "9bad", "x y"]))
        elif operation == "delete_component" and components(data):
            del components(data)[draw(st.integers(0, len(components(data)) - 1))]
        elif operation == "shuffle" and isinstance(value, list):
            container[key] = draw(st.permutations(value))
        elif operation == "inject":
            container[key] = draw(st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=40)))
        elif operation == "retype_component" and components(data):
            component = draw(st.sampled_from(components(data)))
            if isinstance(component, dict):
                component["type"] = draw(st.sampled_from(COMPONENT_TYPES))
        elif operation == "transplant" and len(components(data)) >= 2:
            source, target = draw(st.permutations(components(data)))[:2]
            if isinstance(source, dict) and isinstance(target, dict) and source:
                moved = draw(st.sampled_from(sorted(source)))
                target[moved] = copy.deepcopy(source[moved])
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    lines = text.splitlines()
    edit = draw(st.sampled_from(["none", "none", "duplicate_line", "delete_line", "insert_line"]))
    if edit != "none" and lines:
        at = draw(st.integers(0, len(lines) - 1))
        if edit == "duplicate_line":
            lines.insert(at, lines[at])
        elif edit == "delete_line":
            del lines[at]
        else:
            lines.insert(at, draw(st.sampled_from(["  bogus: 1", "\t- x", "- {", "key: [1, 2", "&a x: *a", "---",
                                                   "x: !!python/object/apply:os.system [id]"])))
    return "\n".join(lines) + "\n"


def process_everything(spec) -> None:
    """Every stage downstream of validate, in process (DOT only: layout is Graphviz's job)."""
    from archgen.analysis.engine import analyze
    from archgen.render import render_dot
    from archgen.report import findings_markdown
    from archgen.report.traffic_markdown import markdown_report
    from archgen.traffic import model_traffic

    report = analyze(spec)
    findings_markdown.render_file(report, FILE)
    model = model_traffic(spec)
    for tier in model.tiers.values():
        for number in (tier.peak.rps, tier.avg.rps):
            assert not math.isnan(number), f"traffic of {tier.id} is NaN"
    markdown_report(model, report.findings, FILE)
    assert "digraph" in render_dot(spec)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_spec())
def test_mutated_specs_are_processed_or_rejected_with_positions(text):
    from archgen.spec.load import check_text

    checked = check_text(text, FILE)
    if checked.spec is None:
        assert checked.errors, "rejected without an error"
        for diagnostic in checked.diagnostics:
            assert diagnostic.file == FILE
            assert diagnostic.line >= 1, diagnostic.format()
            assert diagnostic.column >= 1, diagnostic.format()
            assert diagnostic.message.strip(), diagnostic
            assert "\n" not in diagnostic.format()
    else:
        process_everything(checked.spec)


def test_the_bundled_specs_themselves_pass_every_stage():
    """The unmutated bases are valid: otherwise the fuzzer would only ever test rejection."""
    from archgen.spec.load import check_text

    for name, data in sorted(BASES.items()):
        checked = check_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), FILE)
        assert checked.spec is not None, (name, [d.format() for d in checked.diagnostics])
        process_everything(checked.spec)


# Found by the fuzzer (each crashed `archgen validate` with "internal error" before the fix).
FOUND = {
    "list_as_component_type": "components:\n  - {id: a, type: [sqs]}\n",
    "mapping_as_component_type": "components:\n  - {id: a, type: {x: 1}}\n",
    "list_as_connection_end": "components:\n  - {id: a, type: sqs, region: us-east-1}\n"
                              "connections:\n  - {from: [a], to: a, id: [x]}\n  - {from: a, to: a, index: [i]}\n",
    "text_share": "components:\n  - {id: u, type: users}\n  - {id: q, type: sqs, region: us-east-1}\n"
                  "connections:\n  - {from: u, to: q, share: half}\n  - {from: u, to: q, id: two, share: 0.5}\n",
    "reference_to_invalid_component": "components:\n  - {id: q, type: sqs, region: us-east-1}\n  - {id: t, bogus: 1}\n"
                                      "connections:\n  - {from: q, to: t, consistency: strong}\n",
    "origin_group_with_bad_connection": "components:\n  - {id: cdn, type: cloudfront, origin_group: {primary: a, secondary: b}}\n"
                                        "connections:\n  - {from: cdn, to: [a]}\n",
}


def test_inputs_the_fuzzer_found_are_rejected_with_positions():
    from archgen.spec.load import check_text

    for name, body in FOUND.items():
        text = "version: 1\nname: found\nregions: [{name: us-east-1, azs: [us-east-1a]}]\n" + body
        checked = check_text(text, FILE)
        assert checked.spec is None, name
        assert all(d.line >= 1 for d in checked.diagnostics), name
