"""The directory archgen writes into: what it wrote there, one writer at a time, and its temporaries.

* **Manifest** (``OUT/.archgen-manifest.json``): every file archgen wrote, with its SHA-256 and,
  for laid-out files (SVG, PNG, PDF, the HTML that embeds the SVG), the fingerprint of the
  Graphviz and fonts that laid it out. ``build`` refuses a directory holding files it did not
  write, and ``build --check`` uses it to tell an edited output from a current one.
* **Lock**: writers hold an exclusive ``flock`` on the directory itself (no lock file to leave
  behind) and ``--check`` a shared one, so two builds into one directory run one after the
  other and a check never sees half a build. (Not on Windows, which has no ``flock``.)
* **Temporaries** live in the directory (``.archgen-tmp-*``, and ``write_atomic``'s
  ``.NAME.*.tmp``): they are removed on every exit Python sees (errors, Ctrl-C, SIGTERM) and
  what a SIGKILL left is swept by the next writer, which holds the lock and so knows no other
  run is using them.

Hidden files (a name starting with '.') are never archgen outputs (spec names start with a
letter or digit), so they are neither claimed nor refused: ``.git``, ``.gitkeep``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

from archgen.paths import UsageError, confined, write_atomic

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

MANIFEST = ".archgen-manifest.json"
MANIFEST_VERSION = 1
TEMP_PREFIX = ".archgen-tmp-"
MAX_LISTED = 5  # files named in a refusal; the rest are counted
_MANIFEST_LOCK = threading.Lock()  # build's threads add their files to a manifest one at a time
_scratch_parent: Path | None = None  # the directory being written into: temporaries go there


def scratch_parent() -> Path | None:
    """Where temporary files go while archgen writes into an output directory (None: the system's)."""
    return _scratch_parent


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refuse_unsafe_output(out: str, inputs: list[str], *, option: str = "-o") -> None:
    """A usage error for an output path that is empty, the filesystem root, or would overwrite or
    hold an input spec (``build -o .`` next to specs/, ``analyze x.yaml -o x.yaml``)."""
    if not str(out).strip():
        raise UsageError(f"{option}: empty path; name the output directory")
    target = Path(out).resolve()
    if target == Path(target.anchor):
        raise UsageError(f"{option} {out}: refusing to write into the filesystem root")
    for spec in inputs:
        source = Path(spec).resolve()
        if source == target or target in source.parents:
            what = "is" if source == target else "holds"
            raise UsageError(f"{option} {out}: {what} the input spec {spec}; write outputs somewhere else")


class OutputDir:
    """One output directory: its manifest, its lock and its temporaries."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    # ------------------------------------------------------------------ lock
    @contextmanager
    def locked(self, *, shared: bool = False, waiting=None):
        """Hold the directory's lock: shared to read it, exclusive to write it (creating it; and
        Graphviz's temporaries then go into it). ``waiting()`` is called once if another archgen
        holds it, before waiting for it."""
        global _scratch_parent
        if shared:
            if fcntl is None or not self.root.is_dir():
                yield self
                return
        else:
            self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root, os.O_RDONLY) if fcntl is not None else None
        try:
            if fd is not None:
                mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                except BlockingIOError:
                    if waiting is not None:
                        waiting()
                    fcntl.flock(fd, mode)
            if not shared:
                self.sweep_temporaries()
                _scratch_parent = self.root.resolve()
            yield self
        finally:
            if not shared:
                _scratch_parent = None
            if fd is not None:
                os.close(fd)  # releases the lock

    # ------------------------------------------------------------------ manifest
    def manifest(self) -> dict[str, dict]:
        """Relative POSIX path -> {"sha256": ..., "layout": ...} of what archgen wrote here ({} if nothing)."""
        try:
            document = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        files = document.get("files") if isinstance(document, dict) else None
        return {k: v for k, v in files.items() if isinstance(v, dict)} if isinstance(files, dict) else {}

    def files(self) -> list[str]:
        """Every file under the directory (relative POSIX paths), hidden ones left out."""
        if not self.root.is_dir():
            return []
        found = []
        for folder, directories, names in os.walk(self.root):
            directories[:] = sorted(d for d in directories if not d.startswith("."))
            base = Path(folder).relative_to(self.root)
            found += [(base / name).as_posix() for name in sorted(names) if not name.startswith(".")]
        return found

    def foreign_files(self) -> list[str]:
        claimed = self.manifest()
        return [name for name in self.files() if name not in claimed]

    def refuse_foreign(self) -> None:
        """A usage error when the directory holds files archgen did not write (``build -o .``)."""
        foreign = self.foreign_files()
        if not foreign:
            return
        listed = ", ".join(foreign[:MAX_LISTED]) + (f" and {len(foreign) - MAX_LISTED:,} more" if len(foreign) > MAX_LISTED else "")
        hint = ("" if self.manifest_path.exists() else
                "; outputs of an archgen without a manifest count too: delete them once and build again")
        raise UsageError(f"refusing to build into {self.root}: it holds {len(foreign):,} file(s) archgen did not write "
                         f"({listed}); build into an empty or new directory, or remove them{hint}")

    def write(self, files: dict[str, bytes], layout: str | None = None, laid_out=()) -> list[Path]:
        """Write ``files`` (relative path -> bytes) atomically, each claimed in the manifest first,
        so an interrupted run leaves nothing here that archgen does not own. ``laid_out``: the
        names whose bytes depend on ``layout`` (the Graphviz-and-fonts fingerprint)."""
        paths = {name: confined(self.root, *name.split("/")) for name in files}
        with _MANIFEST_LOCK:
            claimed = self.manifest()
            for name, data in files.items():
                entry = {"sha256": sha256(data)}
                if name in laid_out and layout is not None:
                    entry["layout"] = layout
                claimed[name] = entry
            document = {"archgen_manifest": MANIFEST_VERSION,
                        "about": "files archgen wrote here: archgen build refuses a directory holding others",
                        "files": dict(sorted(claimed.items()))}
            write_atomic(self.manifest_path, json.dumps(document, indent=1, sort_keys=True) + "\n")
        for name, data in files.items():
            write_atomic(paths[name], data)
        return list(paths.values())

    # ------------------------------------------------------------------ temporaries
    def sweep_temporaries(self) -> None:
        """Remove what killed runs left (called with the exclusive lock held: nothing else uses them)."""
        if not self.root.is_dir():
            return
        for folder, directories, names in os.walk(self.root):
            for directory in [d for d in directories if d.startswith(TEMP_PREFIX)]:
                shutil.rmtree(Path(folder) / directory, ignore_errors=True)
            directories[:] = [d for d in directories if not d.startswith(".")]  # not into .git
            for name in names:
                if name.startswith(".") and name.endswith(".tmp"):
                    try:
                        (Path(folder) / name).unlink()
                    except OSError:
                        pass
