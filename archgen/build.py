"""`archgen build`: every spec through every layer into OUT/<name>/ — the main job.

Per spec: diagram.svg, diagram.png (with traffic and single-point-of-failure marks),
report.md, report.json and report.html. One spec failing never stops the others. In check
mode nothing is written and each output is compared with what would be written: text
outputs byte for byte, laid-out outputs (SVG, PNG, the HTML that embeds the SVG) by the
digest of their layout-independent source recorded inside them.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from archgen.formatting import EMPTY
from archgen.pipeline import SpecRun, run_file

DIAGRAM_FORMATS = ("svg", "png")
INDEX_FILE = "README.md"


@dataclass
class SpecBuild:
    file: str
    run: SpecRun | None = None
    status: str = "ok"  # ok | invalid | unreadable | failed | stale | duplicate
    problems: list[str] = field(default_factory=list)  # one line each
    written: list[Path] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        return self.run.spec.name if self.run is not None and self.run.spec is not None else None


def display_path(file: str | Path) -> str:
    """The spec path as reports show it: relative to the working directory when inside it."""
    path = Path(file)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def outputs_for(run: SpecRun) -> dict[str, bytes]:
    """Every file of one spec's output folder, laid out (needs Graphviz)."""
    from archgen.render import dot_digest, render, render_dot
    from archgen.report.bundle import report_html, report_json, report_markdown

    annotations = run.annotations()
    files = render(run.spec, DIAGRAM_FORMATS, annotations)
    digest = dot_digest(render_dot(run.spec, annotations))
    files["report.md"] = report_markdown(run).encode("utf-8")
    files["report.json"] = report_json(run).encode("utf-8")
    files["report.html"] = report_html(run, files["diagram.svg"], digest).encode("utf-8")
    return files


def stale_outputs(run: SpecRun, out_dir: str | Path) -> list[str]:
    """What in OUT/<name>/ differs from what the spec produces now (no Graphviz needed)."""
    from archgen.paths import confined
    from archgen.render import STALE_REASONS, check_render, dot_digest, render_dot
    from archgen.report.bundle import report_html_digest, report_json, report_markdown
    from archgen.report.html import read_stamp

    annotations = run.annotations()
    problems = [f"{display_path(p.path)}: {STALE_REASONS[p.reason]}"
                for p in check_render(run.spec, out_dir, DIAGRAM_FORMATS, annotations)]
    expected_text = {"report.md": report_markdown(run), "report.json": report_json(run)}
    for name, text in expected_text.items():
        path = confined(out_dir, run.spec.name, name)
        try:
            current = path.read_bytes()
        except OSError:
            problems.append(f"{display_path(path)}: missing")
            continue
        if current != text.encode("utf-8"):
            problems.append(f"{display_path(path)}: out of date")
    path = confined(out_dir, run.spec.name, "report.html")
    try:
        recorded = read_stamp(path.read_bytes())
    except OSError:
        problems.append(f"{display_path(path)}: missing")
    else:
        if recorded != report_html_digest(run, dot_digest(render_dot(run.spec, annotations))):
            problems.append(f"{display_path(path)}: out of date")
    return problems


def build_one(file: str, out_dir: str | Path, check: bool) -> SpecBuild:
    from archgen.render import RenderError
    from archgen.render.graphviz import dot_executable  # noqa: F401  (fails fast without Graphviz)

    result = SpecBuild(display_path(file))
    run = run_file(file)
    run = SpecRun(result.file, run.checked, run.analysis, run.traffic)
    result.run = run
    if not run.valid:
        result.status = "unreadable" if run.checked.unreadable else "invalid"
        result.problems = [d.format() for d in run.checked.diagnostics if d.severity == "error"]
        return result
    if check:
        result.problems = stale_outputs(run, out_dir)
        result.status = "stale" if result.problems else "ok"
        return result
    try:
        files = outputs_for(run)
    except RenderError as exc:
        result.status = "failed"
        result.problems = [f"{result.file}: error: {exc}"]
        return result
    from archgen.render import write_outputs

    result.written = write_outputs(files, out_dir, run.spec.name)
    return result


def build(files: list[str], out_dir: str | Path, *, check: bool = False, jobs: int | None = None,
          on_done=None) -> list[SpecBuild]:
    """Build (or check) every spec; results in input order, whatever order they finish in."""
    jobs = max(1, jobs or min(len(files), os.cpu_count() or 1))
    results: list[SpecBuild | None] = [None] * len(files)

    def work(index: int) -> None:
        results[index] = build_one(files[index], out_dir, check)
        if on_done is not None:
            on_done(results[index])

    if jobs == 1:
        for i in range(len(files)):
            work(i)
    else:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(work, range(len(files))))
    flag_duplicate_names(results)  # type: ignore[arg-type]
    return results  # type: ignore[return-value]


def flag_duplicate_names(results: list[SpecBuild]) -> None:
    """Two specs with one name would write the same folder: the later one is an error."""
    seen: dict[str, str] = {}
    for result in results:
        if result.name is None:
            continue
        if result.name in seen:
            result.status = "duplicate"
            result.problems.append(f"{result.file}: error: spec name '{result.name}' is also used by {seen[result.name]}; "
                                   "each spec needs its own name (it names the output folder)")
        else:
            seen[result.name] = result.file


def index_markdown(results: list[SpecBuild]) -> str:
    """OUT/README.md: one line per spec with its headline figures, for browsing in a PR."""
    from archgen.report.bundle import summary_items

    out = ["# Architecture outputs", "", "Generated by `archgen build`; do not edit.", "",
           "| system | spec | components | errors | warnings | availability (estimate) | peak rps | est. $/month |",
           "|---|---|---:|---:|---:|---|---:|---:|"]
    for result in sorted((r for r in results if r.name and r.status == "ok"), key=lambda r: r.name):
        items = dict(summary_items(result.run))
        out.append(f"| [{result.run.spec.title}]({result.name}/report.md) | `{result.file}` | {items['components']} | "
                   f"{items['errors']} | {items['warnings']} | {items.get('availability (estimate)', EMPTY)} | "
                   f"{items.get('peak requests/s', EMPTY)} | {items.get('est. monthly cost', EMPTY)} |")
    return "\n".join(out) + "\n"


def orphan_folders(results: list[SpecBuild], out_dir: str | Path) -> list[Path]:
    """Folders in OUT that archgen made for a spec that no longer exists."""
    names = {r.name for r in results if r.name}
    root = Path(out_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and p.name not in names and (p / "report.json").exists())
