"""The rule catalogue (`archgen rules`): a list, one rule's page, JSON, and the Markdown index of docs/rules.md."""

from __future__ import annotations

from archgen.analysis.rule import Rule, RuleFamily
from archgen.report.json_text import dumps


def text(rules: tuple[Rule, ...]) -> str:
    """One line per rule: id, default severity, name, summary."""
    width = max(len(r.name) for r in rules)
    return "".join(f"{r.id}  {r.severity:<7}  {r.name:<{width}}  {r.summary}\n" for r in rules)


def page(rule: Rule) -> str:
    """One rule's documentation page, as `archgen rules ID` prints it."""
    return f"{rule.id} {rule.name} (default severity: {rule.severity})\n\n{rule.doc}\n"


def to_json(rules: tuple[Rule, ...]) -> str:
    return dumps([{"id": r.id, "family": r.family.name.lower(), "name": r.name, "severity": r.severity,
                        "summary": r.summary, "source": r.source, "doc": r.doc} for r in rules],
                      indent=2, ensure_ascii=False) + "\n"


def readme_table(rules: tuple[Rule, ...]) -> str:
    """The README's table of every rule."""
    rows = ["| id | name | severity | what it flags |", "|---|---|---|---|"]
    rows += [f"| {r.id} | `{r.name}` | {r.severity} | {r.summary.replace('|', chr(92) + '|')} |" for r in rules]
    return "\n".join(rows)


def markdown(rules: tuple[Rule, ...]) -> str:
    """The rules index (docs/rules.md): a table per family, then every rule's page."""
    out = ["# archgen rules", "",
           "Generated from the rule modules' docstrings (archgen/analysis/rules/) by "
           "`bash scripts/regenerate.sh`; do not edit by hand.", ""]
    for family in RuleFamily:
        block = [r for r in rules if r.family is family]
        if not block:
            continue
        out += [f"## {family.id_block}xx — {family.title}", "",
                "| id | name | default severity | what it flags |", "|---|---|---|---|"]
        out += [f"| [{r.id}](#{r.id.lower()}-{r.name}) | `{r.name}` | {r.severity} | {r.summary} |" for r in block]
        out.append("")
    for r in rules:
        body = r.doc.split("\n", 1)[1].strip() if "\n" in r.doc else ""
        out += ["---", "", f"### {r.id} {r.name}", "", f"*Default severity: {r.severity}.* {r.summary}.", "",
                _demote(body), ""]
    return "\n".join(out).rstrip() + "\n"


def _demote(text: str) -> str:
    """Turn the docstring's underlined section titles into level-4 Markdown headings."""
    lines = text.splitlines()
    out = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and lines[i].strip() and set(lines[i + 1].strip()) == {"-"} \
                and len(lines[i + 1].strip()) >= 3:
            out.append(f"#### {lines[i].strip()}")
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)
