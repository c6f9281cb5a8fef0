"""A small valid project (content/, nlu/, held-out questions) copied where a test can
break it, and the check's report on it as staff would read it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from bot.content.check import CheckOptions, check_all
from bot.content.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "project"
TODAY = dt.date(2026, 6, 1)  # fixture dates are 2026-01-15: 137 days before


class Project:
    """A copy of the valid fixture project under ``root``."""

    def __init__(self, root: Path) -> None:
        shutil.copytree(VALID, root)
        self.root = root
        self.content = root / "content"
        self.nlu = root / "nlu"
        self.questions = root / "questions"

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> int:
        """Replace ``old`` by ``new`` in a file; return the line where ``new`` starts."""
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        start = text.index(old)
        self.write(rel, text.replace(old, new, count))
        return text.count("\n", 0, start) + 1

    def line_of(self, rel: str, needle: str) -> int:
        """The 1-based line of the first line containing ``needle``."""
        for number, line in enumerate(self.read(rel).splitlines(), 1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {rel}")

    def delete(self, rel: str) -> None:
        self.path(rel).unlink()

    def problems(self, **options: object) -> list[Problem]:
        settings = {"nlu_root": self.nlu, "questions_dir": self.questions, "today": TODAY}
        settings.update(options)
        return check_all(self.content, CheckOptions(**settings))  # type: ignore[arg-type]

    def report(self, **options: object) -> list[str]:
        """Each problem as the check prints it, paths relative to the project."""
        return [p.render(self.root) for p in self.problems(**options)]

    def said(self, prefix: str, **options: object) -> str:
        """The one report line starting with ``prefix`` (fails listing the report)."""
        report = self.report(**options)
        found = [line for line in report if line.startswith(prefix)]
        assert len(found) == 1, f"{prefix!r} not once in:\n" + "\n".join(report)
        return found[0]
