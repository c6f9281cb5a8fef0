"""A problem found in the content, worded for outreach staff: file, line, what, what to do."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bot.content.wording import Gettext, _, say

ERROR = "error"
WARNING = "warning"
FIXED = "fixed"  # found and already put right by the tool (a byte-order mark)
LABELS = {WARNING: _("warning: "), FIXED: _("fixed: ")}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, with the fix in plain words.

    ``code`` names the kind of problem (``"missing-translation"``, ``"answer-too-long"`` …)
    so tools and tests can tell problems apart without reading the sentence.
    """

    path: Path
    line: int
    message: str
    fix: str
    severity: str = ERROR
    code: str = ""

    def __str__(self) -> str:
        return self.render()

    def render(self, base: Path | None = None, gettext: Gettext | None = None) -> str:
        """``path:line: what is wrong — what to do``, the path relative to ``base`` if given.

        ``gettext`` says it in another language (English when None).
        """
        return f"{self.display_path(base)}:{self.line}: {self.said(gettext)}"

    def said(self, gettext: Gettext | None = None) -> str:
        """``what is wrong — what to do``, with ``warning:`` before a warning."""
        label = say(LABELS.get(self.severity, ""), gettext)
        return f"{label}{say(self.message, gettext)} — {say(self.fix, gettext)}"

    def display_path(self, base: Path | None = None) -> str:
        """The path as staff type it: relative to ``base`` (the current folder) if given."""
        if base is None:
            return str(self.path)
        try:
            return os.path.relpath(self.path, base)
        except ValueError:  # another drive (Windows)
            return str(self.path)

    @property
    def is_error(self) -> bool:
        """True when the content cannot be used as it is."""
        return self.severity == ERROR


def warning(path: Path, line: int, message: str, fix: str, code: str = "") -> Problem:
    """A problem that does not stop the content from being used."""
    return Problem(path, line, message, fix, WARNING, code)


def shown(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (the project folder) when inside it, else whole."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def fixed(path: Path, line: int, message: str, fix: str, code: str = "") -> Problem:
    """Something the tool found and put right itself: said so, nothing to do."""
    return Problem(path, line, message, fix, FIXED, code)


def sort_key(problem: Problem) -> tuple[str, int]:
    """File, then line: the order staff read them in."""
    return (str(problem.path), problem.line)
