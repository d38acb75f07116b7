"""Running Graphviz: one ``neato -n2`` process draws archgen's finished layout in every format.

archgen computes every position itself (archgen/render/drawing.py); ``neato -n2`` keeps node
positions, connector paths and label positions exactly as given and only draws them (text,
icons, arrowheads), once for all of ``-Tsvg -Tpng -Tpdf``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from archgen.output_dir import TEMP_PREFIX, scratch_parent
from archgen.render.icons import resources_dir

INSTALL_HINT = "install Graphviz: apt-get install graphviz / brew install graphviz / choco install graphviz"
TIMEOUT_S = 600


class RenderError(Exception):
    """Graphviz (or the icons it needs) is missing or failed: an environment problem, exit 2."""


# dot processes running now, so an interrupted archgen can kill them (a SIGTERM to archgen does
# not reach its children, and build's worker threads would otherwise wait for them)
_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()
_stopping = False


def stop_all() -> None:
    """Kill every running dot and refuse to start another (archgen is being interrupted)."""
    global _stopping
    with _running_lock:
        _stopping = True
        for process in _running:
            process.kill()


def dot_executable() -> str:
    """Graphviz's ``neato`` (installed with ``dot``): it draws archgen's finished layout as given."""
    found = shutil.which("neato")
    if found is None:
        raise RenderError(f"Graphviz 'neato' was not found on PATH; {INSTALL_HINT}")
    return found


def layout(dot_source: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Lay ``dot_source`` out once and render it to each of ``formats`` (svg, png, pdf)."""
    if not formats:
        return {}
    executable = dot_executable()
    # inside the output directory being written (a killed run's leftovers are swept by the next)
    parent = scratch_parent()
    prefix = "archgen-render-" if parent is None else TEMP_PREFIX + "render-"
    with tempfile.TemporaryDirectory(prefix=prefix, dir=parent) as tmp:
        source = Path(tmp) / "diagram.dot"
        source.write_text(dot_source, encoding="utf-8")
        # -n2: every node, box, connector and label already has its final position
        command = [executable, "-n2", f"-Gimagepath={resources_dir()}", *(f"-T{f}" for f in formats), "-O", str(source)]
        failure = run_dot(command, tmp)
        if failure is not None:
            raise RenderError(failure)
        outputs = {}
        for fmt in formats:
            produced = Path(f"{source}.{fmt}")
            if not produced.is_file():
                raise RenderError(f"Graphviz 'neato' wrote no {fmt} output; it may lack the {fmt} renderer "
                                  f"(cairo): {INSTALL_HINT}")
            outputs[fmt] = produced.read_bytes()
    return outputs


def run_dot(command: list[str], cwd: str) -> str | None:
    """None when dot succeeded cleanly, else why it did not (one line)."""
    try:
        done = _run(command, cwd)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz 'neato' did not finish within {TIMEOUT_S} s") from None
    except OSError as exc:
        raise RenderError(f"Graphviz 'neato' could not be run ({exc.strerror}); {INSTALL_HINT}") from None
    errors = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.startswith("Error")]
    if done.returncode != 0:
        return f"Graphviz 'neato' failed (exit {done.returncode}): {first_line(done.stderr)}"
    if errors:  # exit 0 but edges lost: a diagram that silently misses connections is wrong
        return f"Graphviz 'neato' failed: {errors[0].strip()}"
    return None


def _run(command: list[str], cwd: str) -> subprocess.CompletedProcess:
    """subprocess.run, with the process registered so that stop_all() can kill it."""
    with _running_lock:
        if _stopping:
            raise RenderError("interrupted")
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                                   env=dot_environment())
        _running.add(process)
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT_S)
    except BaseException:
        process.kill()
        process.wait()
        raise
    finally:
        with _running_lock:
            _running.discard(process)
    if _stopping:
        raise RenderError("interrupted")
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def first_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0] if lines else "no message"


def dot_environment() -> dict[str, str]:
    """dot's environment: cairo writes the PDF date in local time (``+14'00`` in Kiritimati), so
    dot runs in UTC; newer cairo takes the date itself from SOURCE_DATE_EPOCH (2000-01-01)."""
    return {**os.environ, "TZ": "UTC", "SOURCE_DATE_EPOCH": "946684800"}


PDF_DATE = re.compile(rb"/CreationDate \(D:\d{14}(Z|[+-]\d\d'\d\d'?)\)")


def fix_pdf_date(pdf: bytes) -> bytes:
    """Cairo stamps the wall clock into the PDF; replace it by a fixed date of the same length so
    byte offsets (the xref table) stay valid and the same spec gives the same PDF on this machine
    (a local-time offset, should one get through, becomes +00'00 of the same length)."""

    def fixed(match: re.Match) -> bytes:
        zone = match.group(1)
        return b"/CreationDate (D:20000101000000" + (b"Z" if zone == b"Z" else b"+00'00" + zone[6:]) + b")"

    return PDF_DATE.sub(fixed, pdf)
