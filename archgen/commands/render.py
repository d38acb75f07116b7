"""archgen render SPEC...: AWS architecture diagrams (SVG, PNG, PDF, DOT) for pull-request review."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archgen.commands._common import (EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, echo_diagnostics, fail_usage, spec_files,
                                     waiting_for)
from archgen.output_dir import OutputDir
from archgen.paths import UsageError
from archgen.pipeline import checked_input, run_checked
from archgen.render import (FORMATS, FULL, LAYOUT_FORMATS, OVERVIEW, STALE_REASONS, RenderError, check_render,
                            render_many, view_names, write_outputs)
from archgen.render.graphviz import dot_executable

CHECK_HELP = (
    "Write nothing: render to memory and exit 1 listing every output that is missing or out of date "
    "(0 when all are current), like black/ruff --check. DOT is compared byte for byte. SVG and PNG are "
    "compared by the digest of their DOT source that archgen records inside them, because laid-out bytes "
    "change with the Graphviz version and fonts; so CI and a laptop agree. PDF is checked for presence "
    "only. Needs no Graphviz."
)


def parse_formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        fail_usage(f"--format: unknown format {', '.join(unknown) or '(empty)'}; choose from {', '.join(FORMATS)}")
    return chosen


@click.command("render")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Directory for the outputs; each spec gets DIR/<spec name>/diagram.<format>.")
@click.option("--format", "formats", default="svg,png", show_default=True, metavar="LIST",
              help="Comma-separated output formats: svg, png, pdf, dot, drawio (diagrams.net, same positions, "
                   "AWS icons embedded; to hand-edit a generated diagram).")
@click.option("--direction", type=click.Choice(["LR", "TB"]), default=None,
              help="Layout direction: LR (left to right) or TB (top to bottom). Default: the spec's "
                   "diagram.direction, else LR.")
@click.option("--view", "view", default="full", show_default=True, metavar="VIEW",
              help="Which diagram: full (everything), overview (one node per tier per Region, the arrows "
                   "between Regions), regions (one diagram per Region), all (full, and for multi-Region specs "
                   "the overview and one per Region, as `archgen build` writes), or a Region name.")
@click.option("--check", is_flag=True, help=CHECK_HELP)
@click.option("--plain", is_flag=True,
              help="Leave out the marks from analysis and traffic (peak requests/s on edges, single points of "
                   "failure, rule ids). By default diagrams carry them, exactly as `archgen build` draws them.")
def command(paths, out_dir, formats, direction, view, check, plain) -> None:
    """Draw each spec as an AWS architecture diagram: official icons, AWS Cloud > Region > VPC > AZ >
    subnet boxes, labelled connections. Output is byte-identical run to run, and the SVG embeds its
    icons (it renders on GitHub as it is).

    \b
    Exit codes: 0 ok, 1 invalid spec or (--check) outputs out of date,
    2 unreadable file, bad option, or Graphviz missing or failing.
    """
    files = spec_files(paths, output=out_dir)
    chosen = parse_formats(formats)
    code = EXIT_OK
    specs = []
    notes = []  # DiagramAnnotations per spec (None with --plain)
    for result in (checked_input(f)[0] for f in files):  # a CloudFormation template is imported in memory
        echo_diagnostics(result, warnings=False)
        if result.unreadable:
            code = EXIT_USAGE
        elif result.spec is None:
            code = max(code, EXIT_FINDINGS)
        else:
            specs.append(result.spec)
            notes.append(None if plain else run_checked(result).annotations())
    by_name: dict[str, str] = {}
    for spec in specs:
        if spec.name in by_name:
            fail_usage(f"{by_name[spec.name]} and {spec.file} both have name '{spec.name}': "
                       f"their diagrams would overwrite each other in {Path(out_dir) / spec.name}")
        by_name[spec.name] = spec.file
    views = [chosen_views(spec, view) for spec in specs]
    if check:
        code = max(code, run_check(specs, notes, out_dir, chosen, direction, views))
    else:
        code = max(code, run_render(specs, notes, out_dir, chosen, direction, views))
    sys.exit(code)


def chosen_views(spec, view: str) -> list[str]:
    if view == "all":
        return view_names(spec)
    if view == "regions":
        return [v for v in view_names(spec) if v not in (FULL, OVERVIEW)] or [r.name for r in spec.regions]
    if view in (FULL, OVERVIEW) or spec.region(view) is not None:
        return [view]
    fail_usage(f"--view: {view!r} is not full, overview, regions, all or a Region of {spec.file} "
               f"({', '.join(r.name for r in spec.regions) or 'none'})")


def shown(out_dir: str, spec_name: str, file_name: str) -> str:
    return str(Path(out_dir) / spec_name / file_name)


def run_check(specs, notes, out_dir: str, formats, direction, views) -> int:
    stale = 0
    total = 0
    for spec, spec_notes, chosen in zip(specs, notes, views):
        total += len(formats) * len(chosen)
        try:
            problems = check_render(spec, out_dir, formats, spec_notes, direction=direction, views=chosen)
        except UsageError as exc:
            fail_usage(str(exc))
        for problem in problems:
            click.echo(f"would render {shown(out_dir, spec.name, problem.path.name)} "
                       f"({STALE_REASONS[problem.reason]})")
        stale += len(problems)
    if stale:
        files = " ".join(s.file for s in specs)
        # a folder `archgen build` made also holds reports drawn from the same spec: render alone leaves them stale
        built = any((Path(out_dir) / s.name / "report.json").exists() for s in specs)
        fix = f"archgen build {files} -o {out_dir}" if built else f"archgen render {files} -o {out_dir}"
        click.echo(f"{stale} of {total} diagram outputs would be rendered; run: {fix}", err=True)
        return EXIT_FINDINGS
    click.echo(f"{total} diagram outputs up to date", err=True)
    return EXIT_OK


def run_render(specs, notes, out_dir: str, formats, direction, views) -> int:
    if not specs:
        return EXIT_OK
    with OutputDir(out_dir).locked(waiting=waiting_for(out_dir)):  # one writer at a time; temporaries inside
        return _render_and_write(specs, notes, out_dir, formats, direction, views)


def _render_and_write(specs, notes, out_dir: str, formats, direction, views) -> int:
    try:
        if any(f in LAYOUT_FORMATS for f in formats):
            dot_executable()  # one clear message before any work
        rendered = render_many(specs, notes, formats, direction, views)
    except RenderError as exc:
        fail_usage(str(exc))
    for spec, outputs in zip(specs, rendered):
        try:
            write_outputs(outputs, out_dir, spec.name)
        except UsageError as exc:
            fail_usage(str(exc))
        except OSError as exc:
            fail_usage(f"cannot write {Path(out_dir) / spec.name}: {exc.strerror or exc}")
        click.echo(f"{spec.file}: wrote " + ", ".join(shown(out_dir, spec.name, name) for name in outputs))
    return EXIT_OK
