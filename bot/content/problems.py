"""A problem found in the content, worded for outreach staff: file, line, what, what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, with the fix in plain words."""

    path: Path
    line: int
    message: str
    fix: str
    severity: str = ERROR

    def __str__(self) -> str:
        label = "" if self.severity == ERROR else "warning: "
        return f"{self.path}:{self.line}: {label}{self.message} — {self.fix}"

    @property
    def is_error(self) -> bool:
        """True when the content cannot be used as it is."""
        return self.severity == ERROR
