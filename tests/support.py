"""Plain helpers shared by the test layers: repository paths and specs written inline.

Fixtures live in ``tests/conftest.py``; this module holds what tests import by name.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from archgen import catalogue
from archgen import model as m
from archgen.spec.load import check_text

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
OUTPUT = ROOT / "output"
BUNDLED_SPECS = sorted(SPECS.glob("*.yaml"))

REGENERATE = "bash scripts/regenerate.sh"  # rewrites every generated and golden file after an intended change

# a rule page's example specs: "Failing spec" / "Passing spec" headings, then a yaml block
SNIPPET = re.compile(r"^(Failing|Passing) spec\s*\n-+\s*\n+```yaml\n(.*?)```", re.S | re.M)


def spec_from_text(text: str, file: str = "test.yaml"):
    """The model of a spec written inline (dedented); fails the test with its diagnostics if invalid."""
    checked = check_text(textwrap.dedent(text), file)
    if checked.spec is None:
        pytest.fail("spec is invalid:\n" + "\n".join(d.format() for d in checked.diagnostics))
    return checked.spec


def model_classes() -> list[type]:
    """The model's dataclasses: archgen.model's, and each component type's model with the parts its module
    defines (immutable by contract, not frozen at run time: archgen/model.py says why)."""
    modules = {m.__name__: m}
    for kind in catalogue.by_name().values():
        modules.setdefault(kind.model.__module__, sys.modules[kind.model.__module__])
    return [cls for name, module in modules.items() for cls in vars(module).values()
            if isinstance(cls, type) and cls.__module__ == name and dataclasses.is_dataclass(cls)
            and not cls.__dataclass_params__.frozen]


def set_once(model_object, name: str, value) -> None:
    """A model object's ``__setattr__`` during the tests: its constructor sets each field, nothing changes it."""
    if name in model_object.__dict__:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}: model objects are immutable "
                                              "(dataclasses.replace makes a changed copy)")
    object.__setattr__(model_object, name, value)


def never_deleted(model_object, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}: model objects are immutable")


def benchmark_module(name: str):
    """A module of ``benchmarks/`` (``generate``, ``shapes``), imported as benchmarks/run.py imports it:
    with that folder on the path while it loads (``generate`` imports its sibling ``shapes``)."""
    folder = str(ROOT / "benchmarks")
    sys.path.insert(0, folder)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(folder)


def adjacency(graph) -> dict[str, list[str]]:
    """A networkx graph as the node -> successors dict archgen's availability decomposition reads."""
    return {node: list(graph.successors(node)) for node in graph}


def files_of(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative POSIX path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def snippets(rule) -> dict[str, str]:
    """A rule page's example specs by kind: {'failing': ..., 'passing': ...}."""
    return {kind.lower(): body for kind, body in SNIPPET.findall(rule.doc)}


def golden_header(comment: str) -> str:
    """The first line of a golden file: what made it and the one command that remakes it."""
    return f"{comment} Golden file: regenerate with {REGENERATE} (then read every changed line)"


def check_golden(path: Path, produced: str, comment: str) -> None:
    """``produced`` must equal the golden file below its header line; ARCHGEN_UPDATE_GOLDEN=1 rewrites it.

    ``comment`` starts the header so the file stays valid in its own language ('//' for DOT, '#').
    """
    header = golden_header(comment)
    if os.environ.get("ARCHGEN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{header}\n{produced}", encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run: {REGENERATE}"
    first, _, body = path.read_text(encoding="utf-8").partition("\n")
    assert first == header, f"{path} must start with the line: {header}"
    assert body == produced, f"{path} is stale; if the change is intended, run: {REGENERATE}"


# --------------------------------------------------------------------------- small spec edits
# What a pull request typically changes, for the layout-stability tests (tests/render) and the
# layout-quality benchmark (benchmarks/layout_quality.py): numbers, labels and flags must move
# no node; one added component may move others only a little.
def edited(path, change) -> str:
    """The spec at ``path`` with ``change(data)`` applied, as YAML text."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    change(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def component(data, component_id):
    return next(c for c in data["components"] if c["id"] == component_id)


def set_traffic(data):
    users = next(c for c in data["components"] if c["type"] == "users")
    profile = users["traffic"]
    if "daily_active_users" in profile:
        profile["daily_active_users"] = profile["daily_active_users"] * 7 + 1
    else:
        profile["peak_rps"] = profile["peak_rps"] * 7 + 1


def relabel_everything(data):
    for c in data["components"]:
        c["label"] = (c.get("label") or c["id"]) + " (renamed, and a much longer label than before)"
    for x in data["connections"]:
        x["label"] = "a changed connection label"


def toggle_flags(data):
    for c in data["components"]:
        for flag in ("deletion_protection", "point_in_time_recovery", "website"):  # versioning: replication needs it
            if flag in c:
                c[flag] = not c[flag]
        if c["type"] == "rds":
            c["multi_az"] = not c.get("multi_az", False)
            c.pop("standby_az", None)


EDITS = {"numbers": set_traffic, "labels": relabel_everything, "flags": toggle_flags}


def add_queue(data):
    """A new SQS queue the first compute component sends to: a component of a new kind."""
    regional = next(c for c in data["components"] if c["type"] in ("autoscaling", "ecs", "lambda", "ec2"))
    region = regional.get("region") or next(
        v["region"] for v in data["network"]["vpcs"] for s in v["subnets"] if s["id"] in regional.get("subnets", []))
    data["components"].append({"id": "added-queue", "type": "sqs", "label": "Added queue", "region": region})
    data["connections"].append({"from": regional["id"], "to": "added-queue", "kind": "async"})


def add_table(data):
    """A second table (or first) next to the data the first compute component already uses."""
    regional = next(c for c in data["components"] if c["type"] in ("autoscaling", "ecs", "lambda", "ec2"))
    region = regional.get("region") or next(
        v["region"] for v in data["network"]["vpcs"] for s in v["subnets"] if s["id"] in regional.get("subnets", []))
    data["components"].append({"id": "added-table", "type": "dynamodb", "label": "Added table", "region": region,
                               "partition_key": {"name": "pk"}, "capacity": {"mode": "on-demand"}})
    data["connections"].append({"from": regional["id"], "to": "added-table"})


ADDITIONS = {"queue": add_queue, "table": add_table}
