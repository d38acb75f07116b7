"""What an import could not decide, assumed or left out, said where a reader will see it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Note:
    file: str
    line: int  # 0: about the import as a whole
    message: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: note: {self.message}"
