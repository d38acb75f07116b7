"""The component catalogue: every type declares every fact, and nothing outside it branches on a type name."""

from __future__ import annotations

import ast
import dataclasses
import keyword
import re
from pathlib import Path

import pytest

from archgen import catalogue
from archgen.catalogue import components
from archgen.catalogue.base import (
    Capability, ComponentType, Drawing, Placement, Recovery, Redundancy, Role, Sla, State, Tier, Traffic,
    none_per_az, no_recovery_point,
)
from archgen.model import Component
from archgen.render.icons import icon_file, type_icon
from archgen.spec.load import load_spec
from archgen.spec.schema_build import placement_keys
from tests.support import BUNDLED_SPECS, ROOT, model_classes

ARCHGEN = ROOT / "archgen"
CATALOGUE_DIR = ARCHGEN / "catalogue"
KINDS = catalogue.all_types()
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --------------------------------------------------------------------------- every fact declared
def test_the_registry_is_every_module_in_tier_then_name_order():
    modules = sorted(p.stem for p in Path(components.__path__[0]).glob("*.py") if not p.stem.startswith("_"))
    expected = sorted(name + "_" if keyword.iskeyword(name) else name for name in catalogue.names())
    assert modules == expected  # a module's name is its type's name (``lambda_`` for a keyword)
    assert list(KINDS) == sorted(KINDS, key=lambda kind: (kind.tier, kind.name))


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_type_declares_every_fact(kind: ComponentType):
    # identity and the spec format
    assert kind.name and kind.title and kind.description.endswith(".")
    assert kind.article in ("a", "an", "")
    assert isinstance(kind.model, type) and issubclass(kind.model, Component) and dataclasses.is_dataclass(kind.model)
    assert callable(kind.build)
    own_keys = set(kind.properties) | set(placement_keys(kind.placement))
    assert set(kind.required) <= own_keys, f"{kind.name}: required keys it does not declare"
    for key, schema in kind.properties.items():
        assert schema.get("description"), f"{kind.name}.{key} has no description"
    # enums, not strings
    assert isinstance(kind.placement, Placement) and isinstance(kind.role, Role) and isinstance(kind.tier, Tier)
    assert isinstance(kind.state, State) and isinstance(kind.drawing, Drawing)
    assert all(isinstance(capability, Capability) for capability in kind.capabilities)
    # icon: a diagrams class whose PNG ships with the package
    relative = type_icon(kind.name)
    assert relative.startswith("aws/") and icon_file(relative).is_file(), kind.icon
    # redundancy: zonal types say how many instances run where; stores how much data a loss costs
    assert isinstance(kind.redundancy, Redundancy) and kind.redundancy.how
    if kind.placement is Placement.ZONAL:
        assert kind.redundancy.instances_per_az is not none_per_az, f"{kind.name}: zonal without instances per AZ"
    if kind.state is not State.STATELESS:
        assert kind.redundancy.az_recovery_point is not no_recovery_point, f"{kind.name}: holds data, no recovery point"
        assert kind.deletion_policies, f"{kind.name}: holds data, but says no deletion_policy it accepts"
    if Capability.BACKUP_COPY in kind.capabilities:
        assert kind.copies is not None, f"{kind.name}: copies backups, but does not say of what"
    # failure and recovery: a published time with its source, or said to be unpublished
    assert isinstance(kind.recovery, Recovery) and kind.recovery.how and kind.recovery.source
    assert kind.recovery.seconds is None or kind.recovery.seconds > 0
    # SLA figures: dated and sourced, or why there is none
    assert isinstance(kind.sla, Sla) and callable(kind.sla.choose)
    assert kind.sla.figures or kind.sla.note, f"{kind.name}: no SLA figure and no reason"
    for figure in kind.sla.figures:
        assert figure.url.startswith("https://aws.amazon.com/") and figure.source
        assert ISO_DATE.match(figure.recorded) and 0 < figure.percent <= 100
    # traffic: what is modelled, with its source, and the functions that model it
    assert isinstance(kind.traffic, Traffic) and kind.traffic.note


def test_sla_keys_are_unique_across_types():
    figures = [figure for kind in KINDS for figure in kind.sla.figures]
    by_key = {}
    for figure in figures:
        assert by_key.setdefault(figure.key, figure) == figure, f"two different SLA figures share {figure.key}"


def test_the_sla_a_type_chooses_is_one_it_declares():
    for path in BUNDLED_SPECS:
        for component in load_spec(str(path)).components:
            kind = catalogue.of(component)
            key = kind.sla.choose(component)
            assert key is None or key in {f.key for f in kind.sla.figures}, component.id


def test_titles_and_articles():
    assert catalogue.title("rds", article=True) == "an RDS DB instance"
    assert catalogue.title("dynamodb", article=True) == "a DynamoDB table"
    assert catalogue.title("users", article=True) == "users"
    assert catalogue.title("bogus", article=True) == "a bogus"  # not a type: shown as written


def test_capabilities_name_the_types_that_declare_them():
    assert catalogue.with_capability(Capability.ENTRY_POINT) == {"users"}
    assert catalogue.with_capability(Capability.SUBNET_EGRESS) == {"nat_gateway"}
    assert {"cloudfront", "alb", "nlb", "s3", "api_gateway", "route53"} <= catalogue.with_capability(Capability.ALIAS_TARGET)


# --------------------------------------------------------------------------- nothing else branches on a type name
def _is_type_expression(node: ast.AST, aliases: set[str]) -> bool:
    """x.type, x["type"], x.get("type"), or a name assigned from one of them."""
    if isinstance(node, ast.Attribute) and node.attr == "type":
        return True
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "type":
        return True
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == "type"):
        return True
    return isinstance(node, ast.Name) and node.id in aliases


def _type_names_in(node: ast.AST, constants: dict[str, ast.AST], names: frozenset[str]) -> list[str]:
    """Type names written as string literals in ``node`` (following names bound to literals in the module)."""
    found = []
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str) and child.value in names:
            found.append(child.value)
        elif isinstance(child, ast.Name) and child.id in constants:
            found += _type_names_in(constants[child.id], {}, names)
    return found


def _builds_a_name(node: ast.AST, aliases: set[str]) -> bool:
    """An f-string or a concatenation that contains a type expression."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) and _is_type_expression(part.value, aliases)
                   for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return any(_is_type_expression(side, aliases) or _builds_a_name(side, aliases) for side in (node.left, node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return any(_is_type_expression(arg, aliases) for arg in node.args)
    return False


NAME_BUILDERS = {"getattr", "hasattr", "setattr", "import_module", "__import__"}
LOOKUPS = {"of_type", "get", "title"}  # catalogue.get("rds"), ctx.of_type("rds"), title("rds")


def type_name_branches(source: str, names: frozenset[str]) -> list[tuple[int, str]]:
    """(line, what) for every place ``source`` compares a component's type to a type name or builds a name from it."""
    tree = ast.parse(source)
    constants = {target.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                 for target in node.targets if isinstance(target, ast.Name)}
    aliases = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
               and _is_type_expression(node.value, set()) for target in node.targets if isinstance(target, ast.Name)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_type_expression(side, aliases) for side in sides):
                literal = [n for side in sides if not _is_type_expression(side, aliases)
                           for n in _type_names_in(side, constants, names)]
                if literal:
                    out.append((node.lineno, f"compares a type with {literal[0]!r}"))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called in NAME_BUILDERS and any(_builds_a_name(arg, aliases) or _is_type_expression(arg, aliases)
                                               for arg in node.args[1:] or node.args):
                out.append((node.lineno, f"builds a name from a type in {called}()"))
            if called in LOOKUPS and any(isinstance(arg, ast.Constant) and arg.value in names for arg in node.args):
                literal = next(arg.value for arg in node.args if isinstance(arg, ast.Constant) and arg.value in names)
                if called != "get" or (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                                       and func.value.id == "catalogue"):
                    out.append((node.lineno, f"looks up type {literal!r} with {called}()"))
        elif isinstance(node, ast.Subscript) and _builds_a_name(node.slice, aliases):
            out.append((node.lineno, "indexes by a name built from a type"))
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)]
            if len(words) >= 2 and len(words) == len(items) and all(word in names for word in words):
                out.append((node.lineno, f"lists type names ({', '.join(words[:3])}, ...)"))
    return sorted(out)


NAMES = frozenset(catalogue.names())


@pytest.mark.parametrize("snippet, flagged", [
    ('if c.type == "rds": pass', True),
    ('if c["type"] in ("alb", "nlb"): pass', True),
    ('if c.get("type") != "users": pass', True),
    ('t = c.type\nif t in ("ec2", "ecs"): pass', True),
    ('STORES = ("rds", "aurora")\nif c.type in STORES: pass', True),
    ('getattr(self, f"place_{c.type}")', True),
    ('getattr(self, "check_" + c["type"])', True),
    ('sizing[f"{c.type}_avg"]', True),
    ('ctx.of_type("route53")', True),
    ('catalogue.get("rds")', True),
    ('ROUTERS = frozenset({"alb", "nlb"})', True),
    ('ICONS = {"ec2": "EC2", "rds": "RDS"}', True),
    ('if record.type == "CNAME": pass', False),  # a DNS record type, not a component type
    ('if item.type == "connection": pass', False),
    ('if a.type != b.type: pass', False),  # two components of the same type: no name involved
    ('message = f"{tier.type} is over capacity"', False),  # shown to people, not a name looked up
    ('subnet.get("nat_gateway")', False),  # a key that happens to equal a type name
    ('path + ("nat_gateway",)', False),
    ('isinstance(c, m.RdsInstance)', False),
])
def test_the_detector_finds_type_name_branches(snippet, flagged):
    assert bool(type_name_branches(snippet, NAMES)) is flagged


def test_nothing_outside_the_catalogue_branches_on_a_type_name():
    found = []
    for path in sorted(ARCHGEN.rglob("*.py")):
        if CATALOGUE_DIR in path.parents:
            continue
        for line, what in type_name_branches(path.read_text(encoding="utf-8"), NAMES):
            found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not found, "branch on the catalogue's facts (or the model class) instead:\n" + "\n".join(found)


def test_every_model_dataclass_says_what_it_is():
    """A dataclass without a docstring gets one made from ``inspect.signature`` when its module is imported:
    about 7% of loading the catalogue, paid by the first run of every process."""
    assert [cls.__qualname__ for cls in model_classes() if (cls.__doc__ or "").startswith(cls.__name__ + "(")] == []
