"""Where the two sides of a diff come from: two files, or a file and its version at a git revision.

git is run with a fixed argument list (never through a shell) and only reads the repository.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from archgen.diagnostics import Diagnostic, SpecError
from archgen.paths import SPEC_SUFFIXES, UsageError, expand_spec_paths
from archgen.spec.yamlload import MAX_BYTES, decode_spec_bytes, read_spec_text


GIT_TIMEOUT_S = 60  # one git command (docs/limits.md)


@dataclass(frozen=True)
class Side:
    label: str  # how reports name it: a path, or REV:path
    text: str | None  # None: the spec does not exist on this side (or could not be read)
    problem: SpecError | None = None  # why it could not be read (binary, too large, bad encoding)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT_S)
    except FileNotFoundError:
        raise UsageError("--git needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} did not finish within {GIT_TIMEOUT_S} s") from None


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


def text_at(rev: str, relative: str, root: Path) -> Side:
    """The spec at ``rev`` (repo-relative path): read like a file (size limit, encodings), or None."""
    label = f"{rev}:{relative}"
    size = _git(["cat-file", "-s", f"{rev}:{relative}"], root)
    if size.returncode != 0:
        return Side(label, None)
    if int(size.stdout.decode().strip() or 0) > MAX_BYTES:
        return Side(label, None, _refused(label, f"file is over the {MAX_BYTES // 1048576} MB limit for a spec"))
    result = _git(["show", f"{rev}:{relative}"], root)
    if result.returncode != 0:
        return Side(label, None)
    try:
        return Side(label, decode_spec_bytes(result.stdout, label))
    except SpecError as exc:
        return Side(label, None, exc)


def read_now(file: str, label: str) -> Side:
    try:
        return Side(label, read_spec_text(file))
    except SpecError as exc:
        return Side(label, None, exc)


def _refused(label: str, message: str) -> SpecError:
    return SpecError([Diagnostic(label, 0, 0, message, code="io")], unreadable=True)


def specs_at(rev: str, relative: str, root: Path) -> list[str]:
    """Spec files (repo-relative) at ``rev`` under the repo-relative path ``relative``: a file or a folder."""
    result = _git(["ls-tree", "-r", "--name-only", rev, "--", relative or "."], root)
    if result.returncode != 0:
        return []
    names = result.stdout.decode("utf-8", "replace").splitlines()
    if names == [relative]:  # a file named on the command line, whatever its suffix
        return names
    return sorted(name for name in names if name.endswith(SPEC_SUFFIXES))


def inside(root: Path, raw: str) -> str:
    """``raw`` (relative to the working directory) as a repo-relative POSIX path; a usage error outside."""
    for absolute in (Path(os.path.abspath(raw)), Path(raw).resolve()):  # the repository may sit behind a symlink
        try:
            relative = absolute.relative_to(root).as_posix()
        except ValueError:
            continue
        return "" if relative == "." else relative
    raise UsageError(f"{raw}: outside the git repository {root} (--git compares files of one repository)")


def git_pairs(rev: str, paths: list[str]) -> list[tuple[Side, Side]]:
    """(base, head) for every spec present now or at ``rev`` under ``paths``.

    Every path must name a spec now or at ``rev``: a mistyped path is a usage error, never
    "every spec deleted".
    """
    root = repo_root(Path.cwd())
    check_revision(rev, root)
    now: dict[str, str] = {}  # repo-relative -> path as the user reaches it
    then: set[str] = set()
    for raw in paths:
        relative = inside(root, raw)
        found_now = expand_spec_paths([raw]) if Path(raw).exists() and not _empty_directory(raw) else []
        found_then = specs_at(rev, relative, root)
        if not found_now and not found_then:
            where = "here" if not Path(raw).exists() else "in this directory"
            raise UsageError(f"{raw}: no spec files {where} or at {rev}")
        for file in found_now:
            now.setdefault(inside(root, file), file)
        then.update(found_then)
    pairs = []
    for relative in sorted(set(now) | then):
        base = text_at(rev, relative, root) if relative in then else Side(f"{rev}:{relative}", None)
        head = read_now(now[relative], now[relative]) if relative in now else Side(relative, None)
        pairs.append((base, head))
    return pairs


def _empty_directory(raw: str) -> bool:
    path = Path(raw)
    return path.is_dir() and not any(p.suffix in SPEC_SUFFIXES and p.is_file() for p in path.rglob("*"))
