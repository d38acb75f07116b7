"""archgen build [PATH...]: the main job — validate, analyse, model traffic and draw every spec."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archgen.commands._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, emit, fail_usage, spec_files, waiting_for
from archgen.output_dir import OutputDir
from archgen.outputs import build, finish_index, unexpected_outputs
from archgen.paths import UsageError
from archgen.render.graphviz import RenderError, dot_executable
from archgen.report import build_summary


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
        results = run_with_progress(files, out_dir, check, jobs)
        index_problems = []
        if whole_directory:
            index_problems = finish_index(results, out, check)
            if check:
                index_problems += unexpected_outputs(results, out_dir)
    for r in results:
        for problem in r.problems:
            click.echo(problem, err=True)
    if sys.stdout.isatty():
        build_summary.print_rich(results, out_dir, check)
    else:
        emit(build_summary.text(results))
    emit(build_summary.tally(results, out_dir, check))
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


def run_with_progress(files, out_dir, check, jobs):
    """Build with a progress bar when a person watches (stderr is a terminal) and there are several specs."""
    if len(files) < 2 or not sys.stderr.isatty():
        return build(files, out_dir, check=check, jobs=jobs)
    # rich only for a terminal: 30 ms of imports a CI run does not need
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking" if check else "building", total=len(files))
        return build(files, out_dir, check=check, jobs=jobs, on_done=lambda _: progress.advance(task))
