"""archgen build [PATH...]: the main job — validate, analyse, model traffic and draw every spec."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail_usage, spec_files, waiting_for
from archgen.formatting import EMPTY, number

STATUS_TEXT = {"ok": "ok", "invalid": "invalid spec", "unreadable": "unreadable", "failed": "render failed",
               "stale": "stale", "duplicate": "duplicate name"}


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Output directory; each spec gets OUT/<spec name>/.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 listing every output that is missing, edited since archgen wrote it "
                   "(OUT/.archgen-manifest.json), out of date or not made by build (for CI). Every byte is "
                   "compared where Graphviz and the fonts match the machine that wrote OUT; elsewhere diagrams "
                   "and the HTML report by the digest of their layout-independent source, so machines with "
                   "another Graphviz agree.")
@click.option("--fail-on", type=click.Choice(["none", "error", "warning", "info"]), default="none",
              show_default=True, help="Also exit 1 when a spec has unsuppressed findings this severe or worse.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Specs built in parallel (default: CPUs).")
def command(paths, out_dir, check, fail_on, jobs) -> None:
    """Build every spec (default: specs/) into OUT/<name>/: diagram.svg and diagram.png with traffic
    and single-point-of-failure marks, report.md, report.json and report.html.

    One failing spec does not stop the others; all problems are listed at the end.

    \b
    Writes only into a directory of its own (it refuses one holding files it did not write, or an
    input spec), one build at a time per directory.

    \b
    Exit codes: 0 ok; 1 an invalid spec, stale outputs (--check) or findings (--fail-on);
    2 unreadable input, bad usage, a refused output directory, or Graphviz missing;
    130 interrupted (docs/limits.md).
    """
    from archgen.outputs import INDEX_FILE, build, index_markdown, unexpected_outputs
    from archgen.output_dir import OutputDir
    from archgen.paths import UsageError
    from archgen.render.graphviz import RenderError, dot_executable

    paths = paths or ("specs",)
    if not paths or (paths == ("specs",) and not Path("specs").exists()):
        fail_usage("no specs/ directory here: name the spec files or directories to build")
    files = spec_files(paths, output=out_dir)
    if not check:
        try:
            dot_executable()
        except RenderError as exc:
            fail_usage(str(exc))
    out = OutputDir(out_dir)
    whole_directory = all(Path(p).is_dir() for p in paths)
    with out.locked(shared=check, waiting=waiting_for(out_dir)):
        if not check:
            try:
                out.refuse_foreign()
            except UsageError as exc:
                fail_usage(str(exc))
        results = run_with_progress(build, files, out_dir, check, jobs)
        index_problems = []
        if whole_directory:
            index_problems = handle_index(results, out, check, INDEX_FILE, index_markdown)
            if check:
                index_problems += unexpected_outputs(results, out_dir)
    print_summary(results, out_dir, check)
    for problem in index_problems:
        click.echo(problem, err=True)
    if check and (index_problems or any(r.status == "stale" for r in results)):
        click.echo(f"run: archgen build {' '.join(paths)} -o {out_dir} (then commit {out_dir}/)", err=True)
    code = EXIT_OK
    if any(r.status == "unreadable" for r in results):
        code = EXIT_USAGE
    elif any(r.status != "ok" for r in results) or (check and index_problems):
        code = EXIT_FINDINGS
    elif fail_on != "none" and any(r.run.analysis.fails(fail_on) for r in results if r.run and r.run.analysis):
        code = EXIT_FINDINGS
    sys.exit(code)


def handle_index(results, out, check, index_file, index_markdown) -> list[str]:
    from archgen.outputs import display_path
    from archgen.output_dir import MANIFEST, sha256
    from archgen.paths import confined

    path = confined(out.root, index_file)
    text = index_markdown(results)
    if check:
        try:
            current = path.read_bytes()
        except OSError:
            return [f"{display_path(path)}: missing"]
        entry = out.manifest().get(index_file)
        if entry is None:
            return [f"{display_path(path)}: not written by archgen build (not in {MANIFEST})"]
        if entry.get("sha256") != sha256(current):
            return [f"{display_path(path)}: edited after archgen wrote it"]
        return [] if current == text.encode("utf-8") else [f"{display_path(path)}: out of date"]
    if any(r.status == "ok" for r in results):
        out.write({index_file: text.encode("utf-8")})
    return []


def run_with_progress(build, files, out_dir, check, jobs):
    """Build with a progress bar when a person watches (stderr is a terminal) and there are several specs."""
    if len(files) < 2 or not sys.stderr.isatty():
        return build(files, out_dir, check=check, jobs=jobs)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking" if check else "building", total=len(files))
        return build(files, out_dir, check=check, jobs=jobs, on_done=lambda _: progress.advance(task))


def summary_rows(results) -> list[list[str]]:
    rows = []
    for r in results:
        counts = r.run.analysis.counts() if r.run is not None and r.run.analysis is not None else None
        traffic = r.run.traffic if r.run is not None else None
        rows.append([
            r.file, STATUS_TEXT[r.status],
            EMPTY if counts is None else str(counts["error"]),
            EMPTY if counts is None else str(counts["warning"]),
            EMPTY if traffic is None or not traffic.has_traffic else number(traffic.entry.rps),
            EMPTY if traffic is None or not traffic.saturated else ", ".join(t.id for t in traffic.saturated),
        ])
    return rows


HEADERS = ["spec", "status", "errors", "warnings", "peak rps", "saturated"]


def print_summary(results, out_dir, check) -> None:
    for r in results:
        for problem in r.problems:
            click.echo(problem, err=True)
    rows = summary_rows(results)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title="archgen check" if check else f"archgen build → {out_dir}/")
        for header in HEADERS:
            table.add_column(header, justify="right" if header in ("errors", "warnings", "peak rps") else "left")
        for row in rows:
            style = None if row[1] == "ok" else "red"
            table.add_row(*row, style=style)
        Console().print(table)
    else:
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(HEADERS)]
        for row in [HEADERS, ["-" * w for w in widths], *rows]:
            click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    ok = sum(r.status == "ok" for r in results)
    verb = "current" if check else "built"
    click.echo(f"{ok} of {len(results)} spec(s) {verb}" + ("" if check else f" into {out_dir}/"))
