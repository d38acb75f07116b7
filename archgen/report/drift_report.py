"""Drift between a design and the code that deploys it, for a terminal, a PR comment or a program.

One module for the three forms because they say the same few lines (weaker settings first,
then other differences, then components only one side has); see archgen/diff/drift.py.
"""

from __future__ import annotations

from archgen import catalogue
from archgen.report import markdown as md
from archgen.report.json_text import json_text
from archgen.untrusted import one_line


def _lines(result, code_word: str) -> list[tuple[str, str, str]]:
    """(section, sentence, where) for every difference, weaker first."""
    out = []
    for difference in sorted(result.differences, key=lambda d: (not d.weaker, d.design_id, d.what)):
        section = "weaker than designed" if difference.weaker else "stronger or different"
        out.append((section, difference.sentence(code_word), difference.where))
    for component in result.design_only:
        out.append(("missing", f"{component.id}: the design has {catalogue.title(component.type, article=True)} that "
                               f"{code_word} does not deploy", ""))
    for component in result.deployed_only:
        where = result.where(component)
        out.append(("not in the design", f"{component.id}: {code_word} deploys "
                                         f"{catalogue.title(component.type, article=True)} the design does not have",
                    where))
    return out


def render_text(result, design: str, code: str) -> str:
    head = (f"{design} vs {code}: " + (f"{len(result.weaker)} setting(s) weaker than designed, "
                                       f"{len(result.differences) - len(result.weaker)} other difference(s), "
                                       f"{len(result.design_only)} missing, {len(result.deployed_only)} not in the design"
                                       if not result.clean else "no drift"))
    lines = [one_line(head)]
    for section, sentence, where in _lines(result, "the template"):
        lines.append(f"  {section}: {one_line(sentence)}" + (f"  [{one_line(where)}]" if where else ""))
    return "\n".join(lines) + "\n"


def render_markdown(result, design: str, code: str) -> str:
    verdict = "❌ drift" if result.weaker else ("⚠️ differences" if not result.clean else "✅ no drift")
    out = [f"### Drift: {md.code(design)} vs {md.code(code)} — {verdict}", ""]
    rows = _lines(result, "the template")
    if not rows:
        out += ["The template deploys what the design says (on every setting archgen compares).", ""]
        return "\n".join(out)
    out += ["| | finding | where in the code |", "|---|---|---|"]
    icons = {"weaker than designed": "🔴", "stronger or different": "🔵", "missing": "🟠", "not in the design": "🟠"}
    for section, sentence, where in rows:
        out.append(f"| {icons[section]} {section} | {md.text(sentence)} | {md.code(where) if where else ''} |")
    paired = len(result.paired)
    out += ["", f"<sub>{paired} component{'s' if paired != 1 else ''} paired (same id, else the only one of its type "
                "on each side). "
                "Settings compared: AZs, Multi-AZ, sizes, health checks, backups, deletion protection, point-in-time "
                "recovery, versioning, cross-zone, failover, replicas.</sub>", ""]
    return "\n".join(out)


def render_json(result, design: str, code: str) -> str:
    return json_text({
        "design": design, "code": code, "drift": bool(result.weaker), "clean": result.clean,
        "differences": [{"design_component": d.design_id, "deployed_component": d.deployed_id, "setting": d.what,
                         "design": d.design_says, "deployed": d.deployed, "weaker": d.weaker, "where": d.where}
                        for d in result.differences],
        "design_only": [c.id for c in result.design_only],
        "deployed_only": [c.id for c in result.deployed_only],
        "paired": [[a.id, b.id] for a, b in result.paired],
    }, pretty=True)
