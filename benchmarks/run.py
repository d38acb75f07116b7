"""archgen benchmarks: time and peak memory of each stage on synthetic specs of 100 to 50,000 components.

    python benchmarks/run.py                 # full run (several minutes), writes benchmarks/results/
    python benchmarks/run.py --quick         # 100 and 1,000 components, one repeat: a smoke test
    python benchmarks/run.py --sizes 10000 --repeat 5

Each stage is measured two ways:

* CLI: ``python -m archgen <command> spec.yaml`` in a fresh process, as a user runs it, so
  interpreter start-up and imports count. Peak memory is the process's maximum RSS.
* in-process: one warm process (imports done) times the pure compute of each stage on the
  model: load + validate (check_file), analyze(spec), model_traffic(spec), DOT + Graphviz layout.

Rendering is compared with a hand-written mingrammer ``diagrams`` script drawing the same
graph (same nodes and icons, clusters and edges), generated from archgen's own scene and
timed in the same run. Results: benchmarks/results/results.md and results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

SIZES = (100, 1_000, 10_000, 50_000)
SHAPES = ("estate", "products", "records")  # benchmarks/generate.py and benchmarks/shapes.py
RENDER_SIZES = (100, 300)
TARGETS = {
    "pipeline_10k_s": 1.0,  # validate + analyze + traffic of 10,000 components
    "pipeline_10k_mb": 300,
    "growth_50k_over_10k": 6.0,  # 50,000 components at most 6x the 10,000 time
    "render_300_vs_diagrams": 1.2,  # archgen render at most 1.2x the diagrams script
    "version_s": 0.3,
}

# A small launcher forks and execs the measured command: Linux carries a process's peak RSS
# across fork+exec, so measuring from this (large) process would report our own peak.
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    if os.environ.get("BENCH_QUIET_STDERR"):
        os.dup2(devnull, 2)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as handle:
    json.dump({"seconds": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
               "peak_mb": usage.ru_maxrss / 1024, "code": os.waitstatus_to_exitcode(status)}, handle)
"""

# The in-process worker: imports once, then times each stage on one spec.
WORKER = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
spec_file, do_render, out_dir = sys.argv[2], sys.argv[3] == "1", sys.argv[4]
from archgen.spec import load as spec_load
from archgen.collector import collector_paused
from archgen.spec.load import read_loaded
from archgen.spec.yamlload import read_spec_text
from archgen.spec.schema_check import validate_schema, _validators
from archgen.spec.semantic import SemanticChecker
from archgen.spec.model_builder import ModelBuilder
from archgen.analysis.engine import analyze
from archgen.traffic import model_traffic
from archgen.render import render, render_dot
_validators()
out = {}
def timed(name, fn):
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    out[name] = time.perf_counter() - start
    out[name + ".cpu"] = time.process_time() - cpu  # CPU time: less sensitive to a busy shared machine
    return value
checked = timed("validate", lambda: spec_load.check_file(spec_file))
assert checked.spec is not None, [d.format() for d in checked.diagnostics[:5]]
spec = checked.spec
timed("analyze", lambda: analyze(spec))
model = timed("traffic", lambda: model_traffic(spec))  # at scale 1: the model the analysis computed, shared
def every_figure():
    # what `archgen traffic` reads on top of the pipeline: the sizing and edge loads the analysis never reads
    # are worked out on first read (LazySizing, TrafficModel.edges)
    for tier in model.tiers.values():
        dict(tier.sizing)
    return len(model.edges)
timed("traffic.figures", every_figure)
timed("traffic.fresh", lambda: model_traffic(spec, scale=2.0))  # what computing a model costs by itself
if do_render:
    timed("render_dot", lambda: render_dot(spec))
    timed("render", lambda: render(spec, ("svg",)))
# the spec layer stage by stage, for profiling (collector paused as check_file does)
with collector_paused():
    loaded = timed("spec.load", lambda: read_loaded(read_spec_text(spec_file), spec_file))
    bad = timed("spec.schema", lambda: validate_schema(loaded))[1]
    timed("spec.semantic", lambda: SemanticChecker(loaded, bad).run())
    timed("spec.build", lambda: ModelBuilder(loaded).build())
# the peak of this process alone: ru_maxrss carries the parent's peak across fork+exec (the runner
# grows to hundreds of MB making 50,000-component specs); VmHWM starts afresh at exec
try:
    with open("/proc/self/status") as status:
        out["peak_mb"] = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def measure(argv: list[str], cwd: Path, quiet_stderr: bool = True) -> dict:
    """Wall time, CPU time, peak RSS and exit code of ``argv`` run fresh (through the launcher)."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "usage.json"
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        if quiet_stderr:
            env["BENCH_QUIET_STDERR"] = "1"
        subprocess.run([sys.executable, "-c", LAUNCHER, str(report), *argv], cwd=cwd, env=env, check=True)
        return json.loads(report.read_text())


def repeated(argv: list[str], cwd: Path, repeat: int) -> dict:
    """Median wall time (and the largest peak) of ``repeat`` fresh runs."""
    runs = [measure(argv, cwd) for _ in range(repeat)]
    return {"seconds": statistics.median(r["seconds"] for r in runs), "cpu": statistics.median(r["cpu"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs), "code": runs[0]["code"], "runs": len(runs)}


def archgen(*args: str) -> list[str]:
    return [sys.executable, "-m", "archgen", *args]


def in_process(spec: Path, do_render: bool, work: Path, repeat: int = 1) -> dict:
    """The worker's stage timings: the median of ``repeat`` workers (peak memory: the largest)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", WORKER, str(ROOT), str(spec), "1" if do_render else "0", str(work)],
                              capture_output=True, text=True, env=env, cwd=work)
        if done.returncode:
            raise SystemExit(f"in-process worker failed on {spec}:\n{done.stderr}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    out = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    out["peak_mb"] = max(run["peak_mb"] for run in runs)
    out["pipeline"] = statistics.median(run["validate"] + run["analyze"] + run["traffic"] for run in runs)
    out["pipeline.cpu"] = statistics.median(run["validate.cpu"] + run["analyze.cpu"] + run["traffic.cpu"] for run in runs)
    out["runs"] = len(runs)
    return out


def output_bytes(argv: list[str], cwd: Path) -> int | None:
    """Size of what ``argv`` prints on stdout (the JSON reports); None when it refuses (exit 2: a report over
    the output limit, docs/limits.md)."""
    done = subprocess.run(argv, cwd=cwd, capture_output=True)
    return len(done.stdout) if done.returncode in (0, 1) else None


# --------------------------------------------------------------------------- diagrams equivalent
# graph attributes of the diagrams script variants: as written by hand (diagrams defaults:
# ortho edges), with newrank (Graphviz 2.43 needs it for many clustered graphs: "trouble in
# init_rank" otherwise; archgen retries with it too), and like-for-like with archgen's own
# layout settings (newrank, splines=spline)
DIAGRAMS_VARIANTS = {
    "default": {},
    "newrank": {"newrank": "true"},
    "newrank_spline": {"newrank": "true", "splines": "spline"},
}
JUDGED_VARIANT = "newrank"  # the hand-written script that works


def diagrams_script(spec_file: Path, out_base: Path, graph_attr: dict) -> str:
    """A mingrammer ``diagrams`` script drawing archgen's scene of ``spec_file``: same nodes, icons, clusters, edges.

    What a person would write by hand for the same picture. Cluster labels are made unique
    (``diagrams`` merges clusters that share a label). Invisible layout edges are left out.
    """
    from archgen.render.icons import type_icon_class
    from archgen.render.scene import build_scene
    from archgen.spec.load import load_spec

    spec = load_spec(str(spec_file))
    scene = build_scene(spec)
    types = {c.id: c.type for c in spec.components}
    imports: dict[str, set[str]] = {}
    lines: list[str] = []
    names: dict[str, str] = {}
    labels: dict[str, int] = {}

    def node(scene_node, indent: str) -> None:
        module, cls = type_icon_class(types.get(scene_node.component, ""))
        imports.setdefault(module, set()).add(cls)
        names[scene_node.id] = f"n{len(names)}"
        lines.append(f"{indent}{names[scene_node.id]} = {cls}({scene_node.title!r})")

    def unique(title: str) -> str:
        labels[title] = labels.get(title, 0) + 1
        return title if labels[title] == 1 else f"{title} ({labels[title]})"

    def group(g, indent: str) -> None:
        if g.is_empty():
            return
        lines.append(f"{indent}with Cluster({unique(g.title)!r}):")
        inner = indent + "    "
        for scene_node in g.nodes:
            node(scene_node, inner)
        for child in g.ordered_groups():
            group(child, inner)
        if not g.nodes and not any(not c.is_empty() for c in g.groups.values()):
            lines.append(f"{inner}pass")

    indent = "    "
    for scene_node in scene.outside:
        node(scene_node, indent)
    group(scene.cloud, indent)
    edges = 0
    for edge in scene.edges:
        if edge.kind == "layout" or edge.tail not in names or edge.head not in names:
            continue
        style = {"async": ", style='dashed'", "standby": ", style='dotted'", "replication": ", style='dashed'"}.get(
            edge.kind, "")
        label = f"label={edge.label!r}" if edge.label and edge.labelled else ""
        lines.append(f"{indent}{names[edge.tail]} >> Edge({label}{style}) >> {names[edge.head]}".replace("(, ", "("))
        edges += 1
    head = ["from diagrams import Cluster, Diagram, Edge"]
    head += [f"from {module} import {', '.join(sorted(classes))}" for module, classes in sorted(imports.items())]
    head.append(f"with Diagram({spec.title!r}, filename={str(out_base)!r}, outformat='svg', show=False, "
                f"direction={spec.direction!r}, graph_attr={graph_attr!r}):")
    return "\n".join(head + lines) + "\n"


# --------------------------------------------------------------------------- the run
def run(sizes, render_sizes, repeat: int, seed: int, shapes=SHAPES) -> dict:
    work = Path(tempfile.mkdtemp(prefix="archgen-bench-"))
    result: dict = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "graphviz": subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()},
        "seed": seed, "repeat": repeat, "shapes": list(shapes), "stages": [], "render": [], "targets": {},
        "load_average": {"start": os.getloadavg()},  # the machine is shared: how busy it was
    }
    version = repeated(archgen("--version"), work, max(repeat, 5))
    result["version"] = version
    print(f"archgen --version: {version['seconds']:.3f} s", flush=True)
    for shape in shapes:
        # rendering is compared on the estate shape only (a diagram of many products is many diagrams)
        shape_render = set(render_sizes) if shape == "estate" else set()
        for n in sorted(set(sizes) | shape_render):
            run_one(result, work, shape, n, n in shape_render, n in sizes, repeat, seed)
    result["load_average"]["end"] = os.getloadavg()
    result["targets"] = judge(result)
    return result


def run_one(result: dict, work: Path, shape: str, n: int, do_render: bool, do_cli: bool, repeat: int,
            seed: int) -> None:
    """One spec of ``shape`` and ``n`` components: in-process stages, CLI runs, JSON sizes, rendering."""
    spec = work / f"{shape}-{n}.yaml"
    spec.write_text(generate.dump(generate.SHAPES[shape](n, seed)), encoding="utf-8")
    reps = repeat if n <= 10_000 else 1
    row = {"shape": shape, "n": n, "bytes": spec.stat().st_size, "cli": {}, "json_bytes": {},
           "in_process": in_process(spec, do_render, work, repeat)}
    if do_cli:
        for command in ("validate", "analyze", "traffic"):
            row["cli"][command] = repeated(archgen(command, spec.name), work, reps)
        for command in ("analyze", "traffic"):
            row["json_bytes"][command] = output_bytes(archgen(command, spec.name, "--format", "json"), work)
    if do_render:
        row["cli"]["render"] = repeated(archgen("render", spec.name, "-o", "rendered", "--format", "svg"), work, reps)
        assert row["cli"]["render"]["code"] == 0, "archgen render failed"
        comparison = {"n": n, "archgen": row["cli"]["render"], "diagrams": {}}
        if "--plain" in subprocess.run(archgen("render", "--help"), capture_output=True, text=True).stdout:
            # without the analysis and traffic marks: the same picture the diagrams script draws
            comparison["archgen_plain"] = repeated(
                archgen("render", spec.name, "-o", "rendered", "--format", "svg", "--plain"), work, reps)
        for variant, attrs in DIAGRAMS_VARIANTS.items():
            script = work / f"diagrams_{n}_{variant}.py"
            script.write_text(diagrams_script(spec, work / f"diagrams_{n}_{variant}", attrs), encoding="utf-8")
            measured = repeated([sys.executable, str(script)], work, reps)
            measured["ratio"] = comparison["archgen"]["seconds"] / measured["seconds"] if measured["code"] == 0 else None
            comparison["diagrams"][variant] = measured
        result["render"].append(comparison)
    result["stages"].append(row)
    ip = row["in_process"]
    cli = "  ".join(f"{k} {v['seconds']:.2f}s/{v['peak_mb']:.0f}MB" for k, v in row["cli"].items())
    print(f"{shape:>8} n={n:>6}: in-process validate {ip['validate']:.3f}s analyze {ip['analyze']:.3f}s "
          f"traffic {ip['traffic']:.3f}s | CLI {cli}", flush=True)


def judge(result: dict) -> dict:
    """Each target: measured value, limit, met? The pipeline targets are judged on every shape."""
    rows = {(row.get("shape", "estate"), row["n"]): row for row in result["stages"]}
    out = {}
    for shape in result.get("shapes", ["estate"]):
        if (shape, 10_000) not in rows:
            continue
        ip = rows[shape, 10_000]["in_process"]
        pipeline = ip["pipeline"]
        cli = rows[shape, 10_000]["cli"]
        cli_sum = sum(cli[c]["seconds"] for c in ("validate", "analyze", "traffic") if c in cli)
        peak = max(ip["peak_mb"], *(cli[c]["peak_mb"] for c in cli))
        out[f"{shape}: pipeline_10k_s"] = {
            "value": pipeline, "limit": TARGETS["pipeline_10k_s"], "met": pipeline <= TARGETS["pipeline_10k_s"],
            "note": f"in-process wall time, one load, median of {ip['runs']} (CPU time {ip['pipeline.cpu']:.2f} s); "
                    f"the three CLI runs take {cli_sum:.2f} s together"}
        out[f"{shape}: pipeline_10k_mb"] = {"value": peak, "limit": TARGETS["pipeline_10k_mb"],
                                            "met": peak <= TARGETS["pipeline_10k_mb"]}
        if (shape, 50_000) in rows:
            big = rows[shape, 50_000]["in_process"]
            growth = big["pipeline"] / pipeline
            out[f"{shape}: growth_50k_over_10k"] = {
                "value": growth, "limit": TARGETS["growth_50k_over_10k"], "met": growth <= TARGETS["growth_50k_over_10k"],
                "note": f"wall time; CPU time {big['pipeline.cpu'] / ip['pipeline.cpu']:.2f}x"}
    for comparison in result["render"]:
        judged = comparison["diagrams"][JUDGED_VARIANT]["ratio"]
        if comparison["n"] == 300 and judged is not None:
            like = comparison["diagrams"]["newrank_spline"]
            note = "annotated render vs the diagrams script with newrank"
            if like["ratio"]:
                note += f"; {like['ratio']:.2f}x the like-for-like script (newrank, splines=spline)"
                if "archgen_plain" in comparison:
                    note += f", --plain {comparison['archgen_plain']['seconds'] / like['seconds']:.2f}x it"
            out["render_300_vs_diagrams"] = {"value": judged, "limit": TARGETS["render_300_vs_diagrams"],
                                             "met": judged <= TARGETS["render_300_vs_diagrams"], "note": note}
    out["version_s"] = {"value": result["version"]["seconds"], "limit": TARGETS["version_s"],
                        "met": result["version"]["seconds"] <= TARGETS["version_s"]}
    return out


SHAPE_TITLES = {"estate": "one large estate (one entry, a zone and a CDN per 40 service stacks)",
                "products": "many independent products (one users entry and Route 53 zone per ~16 components)",
                "records": "one Route 53 zone with thousands of records in front of small stacks"}


def markdown(result: dict) -> str:
    m = result["machine"]
    load = result.get("load_average", {})
    lines = [f"Machine: {m['cpus']} CPUs, Python {m['python']}, {m['graphviz']}; seed {result['seed']}; "
             f"CLI times are the median of {result['repeat']} fresh runs (1 at 50,000), in-process times the median "
             f"of {result['repeat']} workers."]
    if load:
        lines[0] += (" Load average (1/5/15 min) at the start: " + " / ".join(f"{x:.2f}" for x in load["start"])
                     + ", at the end: " + " / ".join(f"{x:.2f}" for x in load.get("end", ())) + ".")

    def cell(row, command):
        found = row["cli"].get(command)
        return f"{found['seconds']:.2f} s · {found['peak_mb']:.0f} MB" if found else "—"

    def megabytes(row, command):
        sizes = row.get("json_bytes", {})
        if command in sizes and sizes[command] is None:
            return "refused (over the output limit)"
        return f"{sizes[command] / 1e6:.2f} MB" if command in sizes else "—"

    for shape in result.get("shapes", ["estate"]):
        rows = [row for row in result["stages"] if row.get("shape", "estate") == shape]
        lines += ["", f"**{shape}**: {SHAPE_TITLES.get(shape, shape)}", "",
                  "| components | spec size | validate | analyze | traffic | render (SVG) | in-process: validate / analyze / traffic = pipeline | + every traffic figure | a traffic model alone | in-process peak | JSON: analyze / traffic |",
                  "|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
        for row in rows:
            ip = row["in_process"]
            lines.append(f"| {row['n']:,} | {row['bytes'] / 1e6:.2f} MB | {cell(row, 'validate')} | {cell(row, 'analyze')} | "
                         f"{cell(row, 'traffic')} | {cell(row, 'render')} | {ip['validate']:.3f} / {ip['analyze']:.3f} / "
                         f"{ip['traffic']:.3f} = {ip['pipeline']:.3f} s (CPU {ip['pipeline.cpu']:.3f} s) | "
                         f"{ip.get('traffic.figures', 0):.3f} s | {ip.get('traffic.fresh', 0):.3f} s | "
                         f"{ip['peak_mb']:.0f} MB | "
                         f"{megabytes(row, 'analyze')} / {megabytes(row, 'traffic')} |")
    lines += ["", "Spec layer, in-process (s):", "",
              "| shape | components | load YAML | schema | semantic checks | build model |", "|---|---:|---:|---:|---:|---:|"]
    for row in result["stages"]:
        ip = row["in_process"]
        lines.append(f"| {row.get('shape', 'estate')} | {row['n']:,} | {ip['spec.load']:.3f} | {ip['spec.schema']:.3f} | "
                     f"{ip['spec.semantic']:.3f} | {ip['spec.build']:.3f} |")
    if result["render"]:
        lines += ["", "Rendering to SVG (fresh processes; ratio = archgen / diagrams script):", "",
                  "| components | archgen render | " + " | ".join(f"diagrams ({v})" for v in DIAGRAMS_VARIANTS) + " |",
                  "|---:|---:|" + "---:|" * len(DIAGRAMS_VARIANTS)]

        def variant_cell(measured):
            if measured["code"] != 0:
                return f"fails (Graphviz, exit {measured['code']}, {measured['seconds']:.2f} s)"
            return f"{measured['seconds']:.2f} s ({measured['ratio']:.2f}×)"

        for c in result["render"]:
            lines.append(f"| {c['n']:,} | {c['archgen']['seconds']:.2f} s · {c['archgen']['peak_mb']:.0f} MB | "
                         + " | ".join(variant_cell(c["diagrams"][v]) for v in DIAGRAMS_VARIANTS) + " |")
        if any("archgen_plain" in c for c in result["render"]):
            lines += ["", "archgen render --plain (no analysis/traffic marks): "
                      + ", ".join(f"{c['archgen_plain']['seconds']:.2f} s at {c['n']:,}" for c in result["render"]
                                  if "archgen_plain" in c)]
    lines += ["", f"`archgen --version`: {result['version']['seconds']:.3f} s", "", "| target | measured | limit | met |",
              "|---|---:|---:|---|"]
    for name, t in result["targets"].items():
        note = f" ({t['note']})" if t.get("note") else ""
        lines.append(f"| {name} | {t['value']:.2f} | {t['limit']} | {'yes' if t['met'] else '**no**'}{note} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="component counts for validate/analyze/traffic")
    parser.add_argument("--render-sizes", default=",".join(map(str, RENDER_SIZES)), help="component counts for render")
    parser.add_argument("--repeat", type=int, default=3, help="fresh runs per CLI measurement (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="spec shapes: " + ", ".join(SHAPES))
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 components, render 100, one repeat")
    parser.add_argument("--out", default=str(RESULTS), help="directory for results.md and results.json")
    args = parser.parse_args(argv)
    sizes = [100, 1000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    render_sizes = [100] if args.quick else [int(s) for s in args.render_sizes.split(",") if s]
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = sorted(set(shapes) - set(generate.SHAPES))
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)} (known: {', '.join(SHAPES)})")
    # Byte-compiled first, as an installed archgen is: the catalogue's type modules are imported inside the
    # timed pipeline, and where .pyc files are not written (PYTHONDONTWRITEBYTECODE) compiling them was timed
    # too (~0.05 s of the first run).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "archgen")], check=True)
    result = run(sizes, render_sizes, 1 if args.quick else args.repeat, args.seed, shapes)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = markdown(result)
    (out / "results.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
