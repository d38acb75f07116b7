"""Starter specs for `archgen init`: byte-identical copies of specs/*.yaml (a test keeps them in step)."""

from __future__ import annotations

from pathlib import Path

TEMPLATE_DIR = Path(__file__).parent


def template_names() -> list[str]:
    return sorted(p.stem for p in TEMPLATE_DIR.glob("*.yaml"))


def template_text(name: str) -> str:
    return (TEMPLATE_DIR / f"{name}.yaml").read_text(encoding="utf-8")
