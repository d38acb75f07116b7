"""`archgen diff --format markdown|text`: the pull-request comment about an architecture change."""

from __future__ import annotations

from archgen.catalogue import title as type_title
from archgen.diff.structure import describe_value
from archgen.diff.verdict import Judgement, Verdict
from archgen.formatting import EMPTY, availability_percent, count, money, number, percent, points, rate, signed_delta
from archgen.report import markdown as md
from archgen.untrusted import one_line

MARKS = {"added": "🟢 added", "removed": "🔴 removed", "changed": "🟡 changed"}
SEVERITY_MARKS = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}
COMMENT_MARKER = "<!-- archgen-diff -->"  # lets a bot find and update its own comment


def arrow(before: str, after: str, sign: str = "→") -> str:
    return before if before == after else f"{before} {sign} {after}"


def availability(percent_value: float | None) -> str:
    """The review holds availabilities in percent."""
    return availability_percent(None if percent_value is None else percent_value / 100)


def review_markdown(review) -> str:
    out = [f"### {md.code(review.head_file)} — {md.text(review.title)}", ""]
    if review.head is None:
        return "\n".join(out + ["🔴 **Spec deleted.**", ""])
    if review.head is not None and not review.head.valid:
        errors = [d for d in review.head.checked.diagnostics if d.severity == "error"]
        out += [f"❌ **The new version is invalid** ({count(len(errors), 'error')}):", ""]
        out += [f"- {md.code(d.format())}" for d in errors[:20]]
        return "\n".join(out + [""])
    if review.base is None:
        out += ["🟢 **New spec.**", ""]
    elif not review.base.valid:
        out += ["The base version was invalid; showing the new version's findings as new.", ""]
    if review.unchanged:
        return "\n".join(out + ["No architectural change.", ""])

    structure = review.structure
    if not structure.empty:
        counts = structure.counts()
        out += [f"**Structure:** {counts['added']} added · {counts['removed']} removed · {counts['changed']} changed", ""]
        out += ["| change | id | type | what changed |", "|---|---|---|---|"]
        for item in structure.components + structure.connections:
            kind = "connection" if item.type == "connection" else type_title(item.type)
            what = "; ".join(f"{md.code(c.field)}: {md.text(describe_value(c.before))} → {md.text(describe_value(c.after))}"
                             for c in item.changes)
            out.append(f"| {MARKS[item.kind]} | {md.code(item.id)} | {md.text(kind)} | {what} |")
        for change in structure.system:
            out.append(f"| 🟡 changed | *{md.text(change.field)}* | system | "
                       f"{md.text(describe_value(change.before))} → {md.text(describe_value(change.after))} |")
        out.append("")

    out.append(f"**Findings:** {len(review.new_findings)} new · {len(review.resolved_findings)} resolved")
    out.append("")
    if review.new_findings or review.resolved_findings:
        out += ["| | severity | rule | components | finding |", "|---|---|---|---|---|"]
        for label, findings in (("🆕 new", review.new_findings), ("✅ resolved", review.resolved_findings)):
            for f in findings:
                out.append(f"| {label} | {SEVERITY_MARKS[f.severity]} | `{f.rule}` {f.name} | "
                           f"{md.text(', '.join(f.components))} | {md.text(f.message)} |")
        out.append("")

    out += [f"- **{label.capitalize()}:** {value}" for label, value in figures(review)]
    out.append("")
    if review.tiers:
        out += ["<details><summary>Per-tier traffic and capacity</summary>", "",
                "| tier | type | peak rps | utilisation of max | $/month |", "|---|---|---:|---:|---:|"]
        for t in review.tiers:
            cells = (tier_change(t.peak_before, t.peak_after, number),
                     tier_change(t.utilisation_before, t.utilisation_after, percent),
                     tier_change(t.cost_before, t.cost_after, money))
            out.append(f"| {md.code(t.id)}{tier_state(t)} | {md.text(type_title(t.type))} | "
                       + " | ".join(EMPTY if c is None else c for c in cells) + " |")
        out += ["", "</details>", ""]
    return "\n".join(out)


def figures(review, sign: str = "→") -> list[tuple[str, str]]:
    """(label, before → after with the signed change) for availability, peak traffic and cost."""
    out = []
    before, after = review.availability()
    if before is not None or after is not None:
        target = review.target()
        out.append(("availability (estimate)", arrow(availability(before), availability(after), sign)
                    + signed_delta(before, after, points) + (f" · target {target:g}%" if target is not None else "")))
    before, after = review.entry_peak()
    if before is not None or after is not None:
        out.append(("peak traffic", arrow(rate(before), rate(after), sign) + signed_delta(before, after, rate)))
    before, after = review.monthly_cost()
    if before is not None or after is not None:
        out.append(("monthly cost (estimate)", arrow(money(before), money(after), sign) + signed_delta(before, after, money)))
    return out


def tier_state(t) -> str:
    """' (new)' or ' (removed)' for a tier on one side only, '' for one on both."""
    if t.peak_before is None and t.utilisation_before is None and t.cost_before is None:
        return " (new)"
    if t.peak_after is None and t.utilisation_after is None and t.cost_after is None:
        return " (removed)"
    return ""


def tier_change(before, after, write, sign: str = "→", delta: bool = False) -> str | None:
    """'30 → 45', or the one value a tier added or removed has; None when neither side has one."""
    if before is None and after is None:
        return None
    if before is None or after is None:
        return write(after if before is None else before)
    return arrow(write(before), write(after), sign) + (signed_delta(before, after, write) if delta else "")


def tier_text(t, sign: str = "->") -> str:
    """One tier's change on one line, naming only what it has ('peak 0 rps', never '— -> —')."""
    parts = [f"{label} {value}" for label, value in (
        ("peak", tier_change(t.peak_before, t.peak_after, rate, sign)),
        ("utilisation of max", tier_change(t.utilisation_before, t.utilisation_after, percent, sign)),
        ("$/month", tier_change(t.cost_before, t.cost_after, money, sign, delta=True))) if value is not None]
    return f"tier {t.id}{tier_state(t)}: " + ", ".join(parts)


def verdict_sentence(judgement: Judgement) -> str:
    """The verdict in one line: which new findings decide it (rule ids), against which level."""
    def rules(findings) -> str:
        return ", ".join(dict.fromkeys(f.rule for f in findings))

    if judgement.invalid:
        return f"{count(len(judgement.invalid), 'changed spec')} invalid"
    if judgement.failing:
        return (f"the change adds {count(len(judgement.failing), 'finding')} at or above "
                f"`{judgement.fail_on}`: {rules(judgement.failing)}")
    if judgement.warning:
        level = "`--fail-on none`" if judgement.fail_on == "none" else f"below the fail-on level `{judgement.fail_on}`"
        return (f"the change adds {count(len(judgement.warning), 'finding')} of severity warning or worse, "
                f"{level}: {rules(judgement.warning)}")
    return "the change adds no finding of severity warning or worse"


VERDICT_WORDS = {Verdict.FAIL: "Fails", Verdict.WARN: "Warns", Verdict.PASS: "Passes"}


def markdown(reviews, judgement: Judgement) -> str:
    changed = [r for r in reviews if not r.unchanged]
    new = sum(len(r.new_findings) for r in reviews)
    resolved = sum(len(r.resolved_findings) for r in reviews)
    mark = judgement.verdict.mark
    out = [COMMENT_MARKER, f"## archgen architecture diff {mark}", "",
           f"{mark} **{VERDICT_WORDS[judgement.verdict]}:** {verdict_sentence(judgement)}.", "",
           f"{len(changed)} of {count(len(reviews), 'spec')} changed · {count(new, 'new finding')} · {resolved} resolved"
           + (f" · fails on new `{judgement.fail_on}` findings" if judgement.fail_on != "none"
              else " · `--fail-on none`: never fails"), ""]
    for r in changed:
        out.append(review_markdown(r))
    return "\n".join(out).rstrip("\n") + "\n"


def text(reviews, judgement: Judgement) -> str:
    """The same content for a terminal: Markdown without the table pipes' noise is still readable."""
    lines = []
    for r in reviews:
        if r.head is not None and not r.head.valid:
            lines += [d.format() for d in r.head.checked.diagnostics if d.severity == "error"]
            continue
        state = "no architectural change" if r.unchanged else "deleted" if r.head is None else \
            "new spec" if r.base is None else "changed"
        lines.append(f"{r.head_file}: {state}")
        if r.base is not None and not r.base.valid:
            errors = [d for d in r.base.checked.diagnostics if d.severity == "error"]
            lines.append(f"  base version {r.base_file} is invalid ({len(errors)} error(s)); its findings are not compared")
            lines += [f"    {d.format()}" for d in errors[:3]]
        if r.unchanged or r.head is None:
            continue
        for item in r.structure.components + r.structure.connections:
            what = "; ".join(f"{c.field}: {describe_value(c.before)} -> {describe_value(c.after)}" for c in item.changes)
            lines.append(f"  {item.kind:8} {item.id} ({item.type})" + (f": {what}" if what else ""))
        for change in r.structure.system:
            lines.append(f"  changed  {change.field}: {describe_value(change.before)} -> {describe_value(change.after)}")
        for label, findings in (("new", r.new_findings), ("resolved", r.resolved_findings)):
            for f in findings:
                lines.append(f"  {label:8} {f.severity:7} {f.rule} {', '.join(f.components)}: {f.message}")
        lines += [f"  {label}: {value}" for label, value in figures(r, "->")]
        lines += [f"  {tier_text(t)}" for t in r.tiers]
    lines.append(f"{judgement.verdict.value.upper()}: {verdict_sentence(judgement).replace('`', '')}")
    return "\n".join(one_line(line) for line in lines) + "\n"  # spec text cannot forge a line
