"""`archgen build`: every spec through every layer into OUT/<name>/ — the main job.

Per spec: diagram.svg, diagram.png (with traffic and single-point-of-failure marks),
report.md, report.json and report.html. One spec failing never stops the others. Every file
written is recorded in the directory's manifest (archgen/output_dir.py). In check mode nothing
is written and each output must be the file archgen wrote (its SHA-256 in the manifest) and
equal what would be written now: text outputs byte for byte, laid-out outputs (SVG, PNG, the
HTML that embeds the SVG) byte for byte where the Graphviz and fonts match the machine that
wrote them, elsewhere by the digest of their layout-independent source recorded inside them.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from archgen.output_dir import MANIFEST, OutputDir, sha256
from archgen.paths import confined
from archgen.pipeline import SpecRun, run_file
from archgen.render import RenderError, check_render, dot_digest, output_name, render, render_dot, view_names
from archgen.render.fingerprint import layout_fingerprint
from archgen.report.bundle import index_markdown, report_html, report_html_digest, report_json, report_markdown
from archgen.report.html import read_stamp
from archgen.untrusted import one_line

DIAGRAM_FORMATS = ("svg", "png")
REPORT_FILES = ("report.md", "report.json", "report.html")
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
    annotations = run.annotations()
    # multi-Region specs also get an overview and one diagram per Region
    files = render(run.spec, DIAGRAM_FORMATS, annotations, views=view_names(run.spec))
    digest = dot_digest(render_dot(run.spec, annotations))
    files["report.md"] = report_markdown(run).encode("utf-8")
    files["report.json"] = report_json(run).encode("utf-8")
    files["report.html"] = report_html(run, files["diagram.svg"], digest).encode("utf-8")
    return files


LAID_OUT_SUFFIXES = (".svg", ".png", ".pdf", ".html")  # bytes depend on Graphviz and the fonts


def expected_names(run: SpecRun) -> list[str]:
    """The files build writes into OUT/<name>/ (known without laying anything out)."""
    return [output_name(fmt, view) for view in view_names(run.spec) for fmt in DIAGRAM_FORMATS] + list(REPORT_FILES)


def stale_outputs(run: SpecRun, out_dir: str | Path, current_layout: str | None = None,
                  manifest: dict | None = None) -> list[str]:
    """What in OUT/<name>/ is missing, edited, out of date or should not be there.

    Each file must be the one archgen wrote (its SHA-256 in the directory's manifest). Then text
    files are compared byte for byte with what the spec produces now; laid-out files too when
    they were laid out by this machine's Graphviz and fonts (``current_layout``), else by the
    digest of their layout-independent source recorded inside them.
    """
    out = OutputDir(out_dir)
    manifest = out.manifest() if manifest is None else manifest
    name = run.spec.name
    problems: dict[str, str] = {}
    current: dict[str, tuple[bytes, dict]] = {}  # the files archgen wrote, as it wrote them
    for file in expected_names(run):
        path = confined(out_dir, name, file)
        try:
            data = path.read_bytes()
        except OSError:
            problems[file] = "missing"
            continue
        entry = manifest.get(f"{name}/{file}")
        if entry is None:
            problems[file] = f"not written by archgen build (not in {MANIFEST})"
        elif entry.get("sha256") != sha256(data):
            problems[file] = "edited after archgen wrote it"
        else:
            current[file] = (data, entry)
    for file, reason in _content_problems(run, out_dir, current, current_layout).items():
        problems.setdefault(file, reason)
    lines = [f"{display_path(confined(out_dir, name, file))}: {problems[file]}"
             for file in expected_names(run) if file in problems]
    made = set(expected_names(run))
    lines += [f"{display_path(confined(out_dir, *extra.split('/')))}: should not be there (archgen build does not make it)"
              for extra in out.files() if extra.split("/")[0] == name and extra.split("/", 1)[1] not in made]
    return lines


def _content_problems(run: SpecRun, out_dir, current: dict[str, tuple[bytes, dict]],
                      current_layout: str | None) -> dict[str, str]:
    """File name -> 'out of date' for the files in ``current`` that differ from what the spec makes now."""
    stale = {}
    text = {"report.md": report_markdown, "report.json": report_json}
    same_layout = [f for f, (_, entry) in current.items()
                   if f.endswith(LAID_OUT_SUFFIXES) and current_layout is not None and entry.get("layout") == current_layout]
    fresh = outputs_for(run) if same_layout else {}  # laid out here as it was there: every byte must match
    annotations = run.annotations()
    by_digest = {p.path.name: p.reason for p in check_render(run.spec, out_dir, DIAGRAM_FORMATS, annotations,
                                                              views=view_names(run.spec))}
    for file, (data, _) in current.items():
        if file in same_layout:
            differs = fresh.get(file) != data
        elif file in text:
            differs = data != text[file](run).encode("utf-8")
        elif file == "report.html":
            differs = read_stamp(data) != report_html_digest(run, dot_digest(render_dot(run.spec, annotations)))
        else:
            differs = file in by_digest
        if differs:
            stale[file] = "out of date"
    return stale


def build_one(file: str, out_dir: str | Path, check: bool, layout: str | None = None,
              manifest: dict | None = None) -> SpecBuild:
    result = SpecBuild(display_path(file))
    run = run_file(file)
    run = SpecRun(result.file, run.checked, run.analysis, run.traffic)
    result.run = run
    if not run.valid:
        result.status = "unreadable" if run.checked.unreadable else "invalid"
        result.problems = [d.format() for d in run.checked.diagnostics if d.severity == "error"]
        return result
    try:
        if check:
            result.problems = stale_outputs(run, out_dir, layout, manifest)
            result.status = "stale" if result.problems else "ok"
            return result
        files = outputs_for(run)
    except RenderError as exc:
        result.status = "failed"
        result.problems = [f"{result.file}: error: {one_line(exc)}"]
        return result
    laid_out = {f"{run.spec.name}/{n}" for n in files if n.endswith(LAID_OUT_SUFFIXES)}
    result.written = OutputDir(out_dir).write({f"{run.spec.name}/{n}": data for n, data in files.items()},
                                              layout, laid_out)
    return result


def build(files: list[str], out_dir: str | Path, *, check: bool = False, jobs: int | None = None,
          on_done=None) -> list[SpecBuild]:
    """Build (or check) every spec; results in input order, whatever order they finish in.

    The caller holds the output directory's lock (archgen/output_dir.py).
    """
    jobs = max(1, jobs or min(len(files), os.cpu_count() or 1))
    results: list[SpecBuild | None] = [None] * len(files)
    layout = layout_fingerprint()  # None without Graphviz: --check then compares digests only
    manifest = OutputDir(out_dir).manifest() if check else None

    def work(index: int) -> None:
        results[index] = build_one(files[index], out_dir, check, layout, manifest)
        if on_done is not None:
            on_done(results[index])

    if jobs == 1:
        for i in range(len(files)):
            work(i)
    else:
        pool = ThreadPoolExecutor(max_workers=jobs)
        try:
            list(pool.map(work, range(len(files))))
        finally:  # interrupted: start no other spec (running dot processes are killed by the CLI)
            pool.shutdown(wait=True, cancel_futures=True)
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


def unexpected_outputs(results: list[SpecBuild], out_dir: str | Path) -> list[str]:
    """Top-level entries of OUT that building these specs does not make: folders of specs that no
    longer exist, and stray files (inside a spec's own folder stale_outputs reports them)."""
    names = {r.name for r in results if r.name}
    problems: list[str] = []
    reported_folders: set[str] = set()
    for relative in OutputDir(out_dir).files():
        top = relative.split("/")[0]
        if relative == INDEX_FILE or top in names:
            continue
        if "/" in relative:
            if top not in reported_folders:
                reported_folders.add(top)
                problems.append(f"{display_path(Path(out_dir) / top)}/: no spec produces this folder any more (delete it)")
        else:
            problems.append(f"{display_path(Path(out_dir) / relative)}: should not be there (archgen build does not make it)")
    return problems


def finish_index(results: list[SpecBuild], out: OutputDir, check: bool) -> list[str]:
    """OUT/README.md: written (when some spec was built), or checked like every other output."""
    path = confined(out.root, INDEX_FILE)
    text = index_markdown(results)
    if check:
        try:
            current = path.read_bytes()
        except OSError:
            return [f"{display_path(path)}: missing"]
        entry = out.manifest().get(INDEX_FILE)
        if entry is None:
            return [f"{display_path(path)}: not written by archgen build (not in {MANIFEST})"]
        if entry.get("sha256") != sha256(current):
            return [f"{display_path(path)}: edited after archgen wrote it"]
        return [] if current == text.encode("utf-8") else [f"{display_path(path)}: out of date"]
    if any(r.status == "ok" for r in results):
        out.write({INDEX_FILE: text.encode("utf-8")})
    return []
