"""What `archgen build` tells the person who ran it: one row per spec, then how many were built.

Plain text when stdout is not a terminal (CI logs, tests); a rich table on one.
"""

from __future__ import annotations

from archgen.formatting import EMPTY, number

STATUS_TEXT = {"ok": "ok", "invalid": "invalid spec", "unreadable": "unreadable", "failed": "render failed",
               "stale": "stale", "duplicate": "duplicate name"}
HEADERS = ["spec", "status", "errors", "warnings", "peak rps", "saturated"]
NUMERIC = {"errors", "warnings", "peak rps"}


def rows(results) -> list[list[str]]:
    """``results``: archgen.outputs.SpecBuild per spec."""
    out = []
    for r in results:
        counts = r.run.analysis.counts() if r.run is not None and r.run.analysis is not None else None
        traffic = r.run.traffic if r.run is not None else None
        out.append([
            r.file, STATUS_TEXT[r.status],
            EMPTY if counts is None else str(counts["error"]),
            EMPTY if counts is None else str(counts["warning"]),
            EMPTY if traffic is None or not traffic.has_traffic else number(traffic.entry.rps),
            EMPTY if traffic is None or not traffic.saturated else ", ".join(t.id for t in traffic.saturated),
        ])
    return out


def title(out_dir: str, check: bool) -> str:
    return "archgen check" if check else f"archgen build → {out_dir}/"


def text(results) -> str:
    """The table in plain text, columns padded."""
    table = rows(results)
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(HEADERS)]
    return "".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n"
                   for row in [HEADERS, ["-" * w for w in widths], *table])


def print_rich(results, out_dir: str, check: bool) -> None:
    """The table on a terminal (rich imported here: 30 ms a non-terminal run does not need)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title(out_dir, check))
    for header in HEADERS:
        table.add_column(header, justify="right" if header in NUMERIC else "left")
    for row in rows(results):
        table.add_row(*row, style=None if row[1] == "ok" else "red")
    Console().print(table)


def tally(results, out_dir: str, check: bool) -> str:
    ok = sum(r.status == "ok" for r in results)
    return f"{ok} of {len(results)} spec(s) {'current' if check else 'built'}" + ("" if check else f" into {out_dir}/") + "\n"
