"""archgen rules [ID]: the rule catalogue, or one rule's documentation page."""

from __future__ import annotations

import click

from archgen.analysis.rules import all_rules, rule_by_id
from archgen.commands._common import emit, fail_usage
from archgen.report import rules_catalogue
from archgen.spec.schema_check import suggest


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown prints the rules index kept in docs/rules.md.")
def command(rule_id, fmt) -> None:
    """List every rule (id, severity, name, summary), or explain one: archgen rules AG101 (or its name)."""
    rules = all_rules()
    if rule_id:
        rule = rule_by_id(rule_id)
        if rule is None:
            hint = suggest(rule_id.upper(), [r.id for r in rules]) or suggest(rule_id.lower(), [r.name for r in rules])
            fail_usage(f"unknown rule '{rule_id}'" + (f"; {hint}" if hint else "") + " (archgen rules lists them)")
        rules = (rule,)
    if fmt == "json":
        emit(rules_catalogue.to_json(rules))
    elif fmt == "markdown":
        emit(rules_catalogue.markdown(rules))
    elif rule_id:
        emit(rules_catalogue.page(rules[0]))
    else:
        emit(rules_catalogue.text(rules))
