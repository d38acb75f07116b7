"""What an import could not decide, assumed or left out, said where a reader will see it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Note:
    file: str
    line: int  # 0: about the import as a whole
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: note: {self.message}"

    def format_relative(self, base: Path) -> str:
        """As ``format``, the file shown relative to ``base`` (where the spec that quotes it lives)."""
        file = Path(os.path.relpath(Path(self.file).resolve(), base)).as_posix()
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: {self.message}"


def import_summary(file: str, notes: list[Note]) -> str:
    return (f"{file}: note: CloudFormation template imported in memory with {len(notes)} import notes "
            f"(`archgen import cloudformation {file}` lists them)")
