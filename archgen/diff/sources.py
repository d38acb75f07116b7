"""Where the two sides of a diff come from: two files, or a file and its version at a git revision.

git is run with a fixed argument list (never through a shell) and only reads the repository.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from archgen.paths import SPEC_SUFFIXES, UsageError


@dataclass(frozen=True)
class Side:
    label: str  # how reports name it: a path, or REV:path
    text: str | None  # None: the spec does not exist on this side


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise UsageError("--git needs git, which is not installed") from None


def repo_root(start: Path) -> Path:
    result = _git(["rev-parse", "--show-toplevel"], start)
    if result.returncode != 0:
        raise UsageError(f"{start}: not inside a git repository (needed by --git)")
    return Path(result.stdout.decode().strip())


def check_revision(rev: str, root: Path) -> None:
    if rev.startswith("-"):
        raise UsageError(f"--git: '{rev}' is not a revision")
    result = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    if result.returncode != 0:
        raise UsageError(f"--git: unknown revision '{rev}'")


def text_at(rev: str, path: Path, root: Path) -> str | None:
    relative = path.resolve().relative_to(root).as_posix()
    result = _git(["show", f"{rev}:{relative}"], root)
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", "replace")


def specs_at(rev: str, paths: list[str], root: Path) -> list[str]:
    """Spec files under ``paths`` that exist at ``rev`` (repo-relative)."""
    relative = [Path(p).resolve().relative_to(root).as_posix() for p in paths]
    result = _git(["ls-tree", "-r", "--name-only", rev, "--", *relative], root)
    if result.returncode != 0:
        return []
    return sorted(line for line in result.stdout.decode().splitlines() if line.endswith(SPEC_SUFFIXES))


def git_pairs(rev: str, paths: list[str], current_files: list[str]) -> list[tuple[Side, Side]]:
    """(base, head) for every spec present now or at ``rev`` under ``paths``."""
    root = repo_root(Path.cwd())
    check_revision(rev, root)
    pairs = []
    seen = set()
    for file in current_files:
        relative = Path(file).resolve().relative_to(root).as_posix()
        seen.add(relative)
        base = text_at(rev, Path(file), root)
        pairs.append((Side(f"{rev}:{relative}", base), Side(file, Path(file).read_text(encoding="utf-8", errors="replace"))))
    for relative in specs_at(rev, [p for p in paths if Path(p).exists()], root):
        if relative not in seen:
            base = text_at(rev, root / relative, root)
            pairs.append((Side(f"{rev}:{relative}", base), Side(relative, None)))
    return pairs
