"""Component type -> official AWS Architecture Icon, as shipped by the ``diagrams`` package.

Each type names its icon's ``diagrams`` class in its catalogue module (``ComponentType.icon``).

The icons are AWS's own (the "AWS Architecture Icons" set, which ``diagrams`` bundles as
PNGs). We name them by the ``diagrams`` node class that draws each service, so the picture
matches what a hand-written ``diagrams`` script would show, and read the file location from
that class instead of hard-coding site-packages paths.

DOT files refer to icons by their path relative to the package's ``resources`` directory
(``aws/compute/ec2.png``): that text is the same on every machine, which keeps the DOT
byte-identical; Graphviz finds the files through ``-Gimagepath=<resources dir>``.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from archgen import catalogue

# Group icons (AWS Architecture Icons, "Groups": AWS Cloud logo, VPC, public/private subnet).
# AWS draws Region and Availability Zone boxes without a service icon.
GROUP_ICON_CLASSES: dict[str, tuple[str, str]] = {
    "vpc": ("diagrams.aws.network", "VPC"),
    "public_subnet": ("diagrams.aws.network", "PublicSubnet"),
    "private_subnet": ("diagrams.aws.network", "PrivateSubnet"),
    "internet_gateway": ("diagrams.aws.network", "InternetGateway"),
}
AWS_CLOUD_ICON = "aws/aws.png"  # the AWS logo the "AWS Cloud" group carries; diagrams has no class for it

GENERIC_ICON = ("diagrams.aws.general", "General")  # a name that is no type in the catalogue


class IconsUnavailable(Exception):
    """The ``diagrams`` package (which ships the icons) is missing or broken."""


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    """Directory holding ``aws/...png``: ``<site-packages>/resources``, where ``diagrams`` keeps them."""
    try:
        import diagrams
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise IconsUnavailable("the 'diagrams' Python package is not installed: pip install diagrams") from exc
    return Path(diagrams.__file__).resolve().parent.parent / "resources"


@lru_cache(maxsize=None)
def _relative(module: str, class_name: str) -> str:
    try:
        node_class = getattr(importlib.import_module(module), class_name)
    except (ImportError, AttributeError) as exc:
        raise IconsUnavailable(f"the 'diagrams' package has no {module}.{class_name}: "
                               "reinstall it (pip install 'diagrams>=0.25')") from exc
    icon_dir = node_class._icon_dir  # e.g. "resources/aws/compute"
    return f"{icon_dir.split('/', 1)[1]}/{node_class._icon}"


def type_icon_class(component_type: str) -> tuple[str, str]:
    """(diagrams module, node class) of a component type's icon, as its catalogue module declares it."""
    kind = catalogue.by_name().get(component_type)
    return kind.icon if kind is not None else GENERIC_ICON


def type_icon(component_type: str) -> str:
    """Icon of a component type, relative to :func:`resources_dir` (``aws/compute/ec2.png``)."""
    return _relative(*type_icon_class(component_type))


def component_icon(component) -> str:
    """Icon of one component: its type's, or the one its type lets it name (a custom node)."""
    kind = catalogue.by_name().get(component.type)
    return _relative(*(kind.icon_for(component) if kind is not None else GENERIC_ICON))


def group_icon(kind: str) -> str:
    return _relative(*GROUP_ICON_CLASSES[kind])


def icon_file(relative: str) -> Path:
    """Absolute path of an icon named as in the DOT; refuses names that leave the resources dir."""
    base = resources_dir()
    path = (base / relative).resolve()
    if base not in path.parents or path.suffix != ".png":
        raise IconsUnavailable(f"icon '{relative}' is not a PNG inside {base}")
    return path
