"""Layout quality of archgen's diagrams, side by side with a hand-written mingrammer ``diagrams`` script.

    python benchmarks/layout_quality.py                  # bundled specs (LR, TB) + generated 50/100/300
    python benchmarks/layout_quality.py --sizes 50 --repeat 1 --out /tmp/lq   # a smoke run

For every case both drawings are read back from their SVG with one ruler
(``archgen/render/quality.py``): connectors through labels, text on text, connectors through box
titles, connector crossings, size, the smallest text at 1,000 px wide, and how far the nodes move
after small edits (a number, the flags, one added component). The ``diagrams`` script is what a
person writes for the same picture (benchmarks/run.py's generator: same nodes, icons, clusters,
edges and edge labels; ``newrank=true``, without which Graphviz 2.43 fails on most of these
graphs). Render time at 300 components: both as fresh processes, alternating, in the same run.
Results: results/layout.md and results/layout.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)
from run import DIAGRAMS_VARIANTS, JUDGED_VARIANT, diagrams_script  # noqa: E402

from archgen.pipeline import run_text  # noqa: E402
from archgen.render import render, view_names  # noqa: E402
from archgen.render.quality import displacement, nodes_by_label, quality  # noqa: E402
from tests.support import ADDITIONS, BUNDLED_SPECS, EDITS, edited  # noqa: E402

SIZES = (50, 100, 300)
TIMED_SIZE = 300
CHANGES = {"numbers": EDITS["numbers"], "flags": EDITS["flags"], "added": ADDITIONS["table"]}


def archgen_svg(text: str, file: str, direction: str) -> bytes:
    run = run_text(text, file)
    if not run.valid:
        raise SystemExit(f"{file}: invalid spec")
    return render(run.spec, ("svg",), run.annotations(), direction=direction)["diagram.svg"]


def diagrams_svg(spec_file: Path, work: Path, direction: str) -> bytes | None:
    """The hand-written script's SVG, or None when Graphviz fails on it."""
    text = spec_file.read_text(encoding="utf-8")
    if direction != "LR":
        text = text.replace("version: 1", f"version: 1\ndiagram: {{direction: {direction}}}", 1)
        spec_file = work / f"{spec_file.stem}-{direction}.yaml"
        spec_file.write_text(text, encoding="utf-8")
    base = work / f"diagrams-{spec_file.stem}-{direction}"
    script = work / f"{base.name}.py"
    script.write_text(diagrams_script(spec_file, base, DIAGRAMS_VARIANTS[JUDGED_VARIANT]), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, cwd=work, timeout=900)
    out = base.with_suffix(".svg")
    return out.read_bytes() if done.returncode == 0 and out.exists() else None


def case(name: str, spec_file: Path, direction: str, work: Path) -> dict:
    text = spec_file.read_text(encoding="utf-8")
    row = {"case": name, "direction": direction, "archgen": {}, "diagrams": {}}
    ours = archgen_svg(text, str(spec_file), direction)
    row["archgen"] = quality(ours).as_dict()
    theirs = diagrams_svg(spec_file, work, direction)
    row["diagrams"] = quality(theirs).as_dict() if theirs is not None else None
    for change, apply in CHANGES.items():
        changed_text = edited(spec_file, apply)
        moved, share = displacement(ours, archgen_svg(changed_text, str(spec_file), direction))
        row["archgen"][f"moved_{change}"] = round(share * 100, 2)
        if theirs is not None:
            changed_file = work / f"{spec_file.stem}-{change}.yaml"
            changed_file.write_text(changed_text, encoding="utf-8")
            after = diagrams_svg(changed_file, work, direction)
            if after is not None:
                moved, share = displacement(theirs, after, key=nodes_by_label)
                row["diagrams"][f"moved_{change}"] = round(share * 100, 2)
    return row


def views(spec_file: Path) -> list[dict]:
    """Size and smallest text at 1,000 px of every view build draws of a multi-Region spec."""
    run = run_text(spec_file.read_text(encoding="utf-8"), str(spec_file))
    rows = []
    for direction in ("LR", "TB"):
        for view in view_names(run.spec):
            svg = render(run.spec, ("svg",), run.annotations(), direction=direction, views=(view,))
            measured = quality(next(iter(svg.values())))
            rows.append({"case": spec_file.stem, "direction": direction, "view": view, "width": measured.width,
                         "height": measured.height, "smallest_text_px": measured.smallest_text_px,
                         "says_so": b"At 1,000 px wide" in next(iter(svg.values()))})
    return rows


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, cwd=cwd, timeout=900)
    if done.returncode:
        raise SystemExit(f"{command} failed: {done.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def render_time(spec_file: Path, work: Path, repeat: int) -> dict:
    """archgen render (annotated, as build draws it) against the diagrams script, alternating."""
    base = work / "timed-diagrams"
    script = work / "timed-diagrams.py"
    script.write_text(diagrams_script(spec_file, base, DIAGRAMS_VARIANTS[JUDGED_VARIANT]), encoding="utf-8")
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(timed([sys.executable, "-m", "archgen", "render", str(spec_file), "-o", str(work / "timed"),
                           "--format", "svg"], ROOT))
        theirs.append(timed([sys.executable, str(script)], work))
    a, d = statistics.median(ours), statistics.median(theirs)
    return {"archgen_s": round(a, 3), "diagrams_s": round(d, 3), "ratio": round(a / d, 2), "repeat": repeat}


def markdown(result: dict) -> str:
    lines = ["Layout quality (lower is better except the smallest text); archgen | diagrams script "
             f"({JUDGED_VARIANT}). Moves: the largest node move as % of the diagram's diagonal.", "",
             "| case | dir | label crossings | text overlaps | title crossings | edge crossings | size (pt) | "
             "smallest text at 1,000 px | moved: numbers | flags | one added |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]

    def pair(row, key, fmt="{}"):
        ours = fmt.format(row["archgen"][key])
        theirs = "fails" if row["diagrams"] is None else fmt.format(row["diagrams"].get(key, "—"))
        return f"{ours} \\| {theirs}"

    for row in result["cases"]:
        a = row["archgen"]
        size = f"{a['width']:.0f}×{a['height']:.0f}"
        if row["diagrams"]:
            size += f" \\| {row['diagrams']['width']:.0f}×{row['diagrams']['height']:.0f}"
        lines.append(f"| {row['case']} | {row['direction']} | {pair(row, 'edge_label_crossings')} | "
                     f"{pair(row, 'label_overlaps')} | {pair(row, 'title_crossings')} | {pair(row, 'edge_crossings')} | "
                     f"{size} | {pair(row, 'smallest_text_px', '{:.1f} px')} | {pair(row, 'moved_numbers', '{}%')} | "
                     f"{pair(row, 'moved_flags', '{}%')} | {pair(row, 'moved_added', '{}%')} |")
    if result.get("views"):
        lines += ["", "Views of the multi-Region specs (`build` writes all of them; the overview is always drawn "
                      "with Regions side by side):", "",
                  "| spec | dir | view | size (pt) | smallest text at 1,000 px | says so when under 8 px |",
                  "|---|---|---|---|---|---|"]
        for row in result["views"]:
            small = row["smallest_text_px"] < 8
            lines.append(f"| {row['case']} | {row['direction']} | {row['view']} | {row['width']:.0f}×{row['height']:.0f} | "
                         f"{row['smallest_text_px']:.1f} px | {('yes' if row['says_so'] else '**no**') if small else '—'} |")
    if result.get("timing"):
        t = result["timing"]
        lines += ["", f"Render time at {TIMED_SIZE} components (fresh processes, median of {t['repeat']}, alternating): "
                      f"archgen {t['archgen_s']} s, diagrams script {t['diagrams_s']} s: **{t['ratio']}×** (target ≤ 1.2×)."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(HERE / "results"))
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="archgen-layout-"))
    result = {"cases": [], "views": [], "timing": None}
    for path in BUNDLED_SPECS:
        for direction in ("LR", "TB"):
            result["cases"].append(case(path.stem, path, direction, work))
            print(f"{path.stem} {direction} done", flush=True)
        if len(run_text(path.read_text(encoding="utf-8"), str(path)).spec.regions) > 1:
            result["views"] += views(path)
    for n in (int(s) for s in args.sizes.split(",") if s):
        spec_file = work / f"synthetic-{n}.yaml"
        spec_file.write_text(generate.dump(generate.generate(n, args.seed)), encoding="utf-8")
        result["cases"].append(case(f"generated {n}", spec_file, "LR", work))
        print(f"generated {n} done", flush=True)
        if n == TIMED_SIZE:
            result["timing"] = render_time(spec_file, work, args.repeat)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "layout.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "layout.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))


if __name__ == "__main__":
    main()
