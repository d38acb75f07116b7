"""The report of one import (``report.md`` beside an imported spec): what was read, what the
import had to assume or leave out, and the resilience review of the result."""

from __future__ import annotations

from pathlib import Path

from archgen.report import markdown as md
from archgen.report.findings_markdown import render_file


def render(*, template: str, spec_file: str, command: str, notes, report, verdict: str = "") -> str:
    base = Path(spec_file).resolve().parent
    out = [f"# {md.text(Path(spec_file).stem)}: imported from {md.code(template)}", "",
           f"Made by `{command}` (regenerate with `bash scripts/regenerate.sh`).", ""]
    if verdict:
        out += [f"**Reviewer's verdict on the template:** {md.text(verdict)}", ""]
    components, connections = len(report.spec.components), len(report.spec.connections)
    out += [f"**Spec:** [{md.text(Path(spec_file).name)}]({Path(spec_file).name}) · "
            f"{components} component{'s' if components != 1 else ''} · "
            f"{connections} connection{'s' if connections != 1 else ''}", ""]
    if notes:
        out += ["<details><summary>Import notes ({})</summary>".format(len(notes)), ""]
        out += [f"- {md.text(note.format_relative(base))}" for note in notes]
        out += ["", "</details>", ""]
    out.append(render_file(report, Path(spec_file).name).replace("### ", "## ", 1))
    return "\n".join(out).rstrip() + "\n"
