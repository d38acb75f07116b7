"""Finding spec files and writing outputs safely.

Outputs are written atomically (temporary file in the same directory + rename) and only
ever inside the output directory the user chose: a name from a spec can never escape it.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from pathlib import Path

SPEC_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """A problem with how archgen was called (exit 2)."""


def expand_spec_paths(paths) -> list[str]:
    """Files as given; directories expanded to their *.yaml/*.yml files (recursively, sorted)."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.suffix in SPEC_SUFFIXES and p.is_file())
            if not found:
                raise UsageError(f"{raw}: no .yaml or .yml spec files in this directory")
            out.extend(found)
        elif path.exists():
            out.append(str(path))
        else:
            raise UsageError(f"{raw}: no such file or directory")
    seen: set[str] = set()
    return [p for p in out if not (p in seen or seen.add(p))]


def confined(root: str | os.PathLike, *parts: str) -> Path:
    """``root/parts`` after checking it stays inside ``root`` (no '..', no absolute parts, no symlink escape)."""
    if any("\0" in str(part) for part in (root, *parts)):
        raise UsageError(f"refusing to write {os.path.join(str(root), *map(str, parts))!r}: NUL byte in the path")
    base = Path(root).resolve()
    candidate = base.joinpath(*parts).resolve()
    if candidate != base and base not in candidate.parents:
        raise UsageError(f"refusing to write {candidate}: outside the output directory {base}")
    return candidate


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write all of ``data`` or nothing: an interrupted run never leaves a truncated file."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _remove_stale_temporaries(path)


STALE_SECONDS = 600


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of ``path`` left by a run that was killed (SIGKILL, power loss) mid-write.

    Only ones older than STALE_SECONDS: a younger one may belong to a run writing right now.
    """
    now = time.time()
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            pass
