"""custom: any node, drawn with any icon of the ``diagrams`` AWS catalogue, with the placement, SLA, role and
capacity the spec declares — so every service a system runs can be drawn and analysed.

The icon is named by its ``diagrams`` class ("Lightsail", or "compute.Lightsail" when two categories share the
name) and resolved only among the classes of the installed ``diagrams.aws`` modules: nothing the spec writes is
imported or evaluated.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache

from archgen import model as m
from archgen.catalogue.base import (
    ComponentType, Placement, Recovery, RecoveryPoint, Redundancy, Role, Sla, State, Tier, Traffic,
)
from archgen.catalogue.components import _declared
from archgen.spec.schema_parts import count, positive, prop

ROLES = {  # role -> diagram tier and what it holds
    Role.ROUTER: (Tier.LOAD_BALANCING, State.STATELESS),
    Role.CALLER: (Tier.COMPUTE, State.STATELESS),
    Role.CACHE: (Tier.CACHE, State.CACHE),
    Role.STORE: (Tier.DATA, State.STORE),
    Role.QUEUE: (Tier.INTEGRATION, State.STATELESS),
    Role.STREAM: (Tier.INTEGRATION, State.STATELESS),
}
GENERIC = ("diagrams.aws.general", "General")

PROPERTIES = {
    "icon": prop("string", "Icon: a class of the diagrams AWS catalogue, e.g. Lightsail, or compute.Lightsail when "
                           "two categories share the name (default: the generic AWS icon).",
                 pattern=r"^([a-z]+\.)?[A-Za-z][A-Za-z0-9]{0,99}$"),
    "role": prop("string", "What it does with a request: router (sends each to one target), caller (calls each "
                           "target; default), cache, store (holds data), queue or stream.",
                 enum=[role.value for role in ROLES]),
    **_declared.SLA_KEYS,
    "capacity_rps": positive("Requests per second the whole component serves (declared).", 1e12),
    "instances": count("Instances, spread over its AZs in order (zonal only; default one per AZ).", 1, 100_000),
}


@dataclass(unsafe_hash=True, kw_only=True)
class CustomNode(m.Component):
    """A component archgen has no type for, with the facts its spec declares."""

    role: Role = Role.CALLER
    icon: tuple[str, str] = GENERIC
    sla_percent: float | None = None
    sla_source: str = ""
    capacity_rps: float | None = None
    instances: int | None = None

    @property
    def zonal(self) -> bool:
        return bool(self.azs)


@lru_cache(maxsize=1)
def aws_icons() -> dict[str, tuple[tuple[str, str], ...]]:
    """Icon class name -> every (diagrams module, class) that defines it, over the installed diagrams.aws.

    Imported here, not at module level: the 26 diagrams.aws modules take about 80 ms to import (measured,
    2 CPUs shared), which only specs that name a custom icon should pay. The module names come from the
    installed package, never from the spec.
    """
    aws = importlib.import_module("diagrams.aws")
    found: dict[str, list[tuple[str, str]]] = {}
    for info in sorted(pkgutil.iter_modules(aws.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"diagrams.aws.{info.name}")
        for name, value in sorted(vars(module).items()):
            if not name.startswith("_") and isinstance(value, type) and getattr(value, "_icon", None):
                found.setdefault(name, []).append((module.__name__, name))
    return {name: tuple(places) for name, places in found.items()}


def resolve_icon(text: str) -> tuple[tuple[str, str] | None, str]:
    """(module, class) a spec's icon names, or (None, why not)."""
    icons = aws_icons()
    category, _, name = text.rpartition(".")
    places = icons.get(name, ())
    if category:
        anywhere = places
        places = tuple(p for p in places if p[0] == f"diagrams.aws.{category}")
        if anywhere and not places:
            where = ", ".join(module.rsplit(".", 1)[1] for module, _ in anywhere)
            return None, f"icon '{text}': diagrams.aws.{category} has no {name} (it is in {where})"
    if len(places) == 1:
        return places[0], ""
    if places:
        choices = " or ".join(f"{module.rsplit('.', 1)[1]}.{name}" for module, _ in places)
        return None, f"icon '{text}' is in more than one diagrams AWS category: write {choices}"
    close = difflib.get_close_matches(name, list(icons), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return None, f"unknown icon '{text}': not a class of the diagrams AWS catalogue (diagrams.aws.*){hint}"


def build(builder, index: int, c: dict, common: dict) -> CustomNode:
    icon = resolve_icon(c["icon"])[0] if "icon" in c else GENERIC
    return CustomNode(**common, role=Role(c.get("role", Role.CALLER.value)), icon=icon or GENERIC,
                      sla_percent=c.get("sla"), sla_source=c.get("sla_source", ""),
                      capacity_rps=c.get("capacity_rps"), instances=c.get("instances"))


def check(checker, path: tuple, c: dict) -> None:
    """The icon exists in diagrams.aws; instances need AZs; a router's shares add up to at most 1."""
    if isinstance(c.get("icon"), str):
        icon, why = resolve_icon(c["icon"])
        if icon is None:
            checker.error(path + ("icon",), why)
    if "instances" in c and not (c.get("azs") or c.get("subnets")):
        checker.error(path + ("instances",), "instances are spread over AZs: give subnets or azs, or remove instances")
    if "sla_source" in c and "sla" not in c:
        checker.error(path + ("sla_source",), "sla_source without sla", "add the sla figure it is the source of")
    if c.get("role") == Role.ROUTER.value:
        shares = [x.get("share") for _, x in checker.connections_from(c.get("id"))
                  if "share" in x and not x.get("standby")]
        total = sum(s for s in shares if isinstance(s, (int, float)))
        if total > 1 + 1e-9:
            checker.error(path + ("role",), f"shares of router '{c.get('id')}' add up to {total:g}, more than 1",
                          "a router sends each request to one target: shares must sum to at most 1")


def instances_per_az(c: CustomNode) -> dict[str, int]:
    if not c.zonal:
        return {}
    return {az: n for az, n in m.spread(c.instances or len(c.azs), c.azs).items() if n}


def single_instance(c: CustomNode) -> bool:
    return c.zonal and c.instances == 1


def az_recovery_point(c: CustomNode) -> RecoveryPoint:
    if c.zonal and len(instances_per_az(c)) == 1:
        return RecoveryPoint(None, "a custom node in one AZ", "declared in the spec", lost=True)
    return RecoveryPoint(None, "a custom node: how it copies its data is not declared", "declared in the spec")


def assess(c: CustomNode, avg, peak, view):
    return _declared.assess_ceiling(c, c.capacity_rps, "capacity_rps", "declared in the spec", peak)


def surviving(c: CustomNode, spec, surviving_azs) -> float | None:
    """Its declared capacity, less the share of its instances in lost AZs (spread evenly: derived)."""
    if c.capacity_rps is None or surviving_azs is None or not c.zonal:
        return c.capacity_rps
    per_az = instances_per_az(c)
    return c.capacity_rps * sum(n for az, n in per_az.items() if az in surviving_azs) / sum(per_az.values())


def sla(c: CustomNode):
    return _declared.sla_figure(c, "declared in the spec")


def details(c: CustomNode) -> list[str]:
    role = [] if c.role is Role.CALLER else [c.role.value]
    return [*role, *([f"SLA {c.sla_percent:g}%"] if c.sla_percent is not None else [])]


TYPE = ComponentType(
    name="custom", title="custom node", article="a",
    description="Any node, drawn with any icon of the diagrams AWS catalogue (by class name), with the placement "
                "(none: global; region; subnets or azs), SLA, role and capacity the spec declares.",
    model=CustomNode, properties=PROPERTIES, required=(), build=build, check=check,
    placement=Placement.DECLARED, role=Role.CALLER, tier=Tier.COMPUTE, state=State.STATELESS,
    icon=GENERIC,
    redundancy=Redundancy("as declared: global without region, regional with one, zonal with subnets or azs (its "
                          "instances spread over them in order)",
                          instances_per_az=instances_per_az, single_instance=single_instance,
                          az_recovery_point=az_recovery_point),
    recovery=Recovery("not known for a custom node", None, "declared in the spec"),
    sla=Sla((), lambda c: None, note="without one it counts as always available",
            declared=sla),
    traffic=Traffic("its declared capacity_rps; not priced (a custom node names no AWS price)",
                    assess=assess, surviving_capacity=surviving, needs=_declared.needs),
    details=details,
    role_of=lambda c: c.role,
    state_of=lambda c: ROLES[c.role][1],
    tier_of=lambda c: ROLES[c.role][0],
    icon_of=lambda c: c.icon,
)
