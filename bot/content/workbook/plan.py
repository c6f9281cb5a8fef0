"""What an import will write, and what stops it: shared by the sheets' appliers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.problems import ERROR
from bot.content.workbook import layout
from bot.content.workbook.problems import SheetProblem
from bot.content.workbook.rows import Row, clean
from bot.content.yamlfile import read_text

SHEETS = {sheet.name: sheet for sheet in layout.SHEETS}


@dataclass
class Plan:
    """The new files (in a temporary copy), where each row went, and the problems."""

    letters: dict[str, dict[str, str]]  # sheet → column key → letter, as read
    problems: list[SheetProblem] = field(default_factory=list)
    placed: dict[str, dict[tuple[Any, ...], Row]] = field(default_factory=dict)
    intended: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)
    written: set[Path] = field(default_factory=set)

    def problem(
        self,
        sheet: str,
        row: Row | None,
        key: str | None,
        message: str,
        fix: str,
        severity: str = ERROR,
    ) -> None:
        """A problem in ``sheet``, on ``row`` (None: the sheet), in column ``key``."""
        column = SHEETS[sheet].column(key) if key is not None else None
        letter = self.letters.get(sheet, {}).get(key or "", "")
        number = row.number if row is not None else None
        if any((p.sheet, p.row, p.letter) == (sheet, number, letter) for p in self.problems):
            return  # this cell already has its problem (a formula, a number for a phone…)
        self.problems.append(SheetProblem(sheet, number, column, letter, message, fix, severity))

    def place(
        self, sheet: str, identity: tuple[Any, ...], row: Row, values: dict[str, str]
    ) -> None:
        """``row`` becomes the entry ``identity`` of the files, with ``values``."""
        self.placed.setdefault(sheet, {})[identity] = row
        self.intended[(sheet, row.number)] = values

    def failed(self, sheet: str, row: Row) -> bool:
        """True when a problem was found on ``row``."""
        return any(p.sheet == sheet and p.row == row.number for p in self.problems)


def values(row: Row, sheet: layout.Sheet) -> dict[str, str]:
    """The row's cells, cleaned as their column says."""
    return {column.key: clean(row.get(column.key), column.kind) for column in sheet.columns}


def is_blank(row: Row) -> bool:
    """True when every cell of the row is empty."""
    return not any(clean(value) for value in row.values.values())


class TextFile:
    """A file of the temporary copy, edited as text with Unix line ends.

    A file written with Windows line ends gets them back when saved; a byte-order mark is
    not written back.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.exists = path.is_file()
        raw = read_text(path) if self.exists else ""
        self.crlf = "\r\n" in raw
        self.text = raw.replace("\r\n", "\n")

    def save(self, text: str, plan: Plan) -> None:
        """Write ``text`` when it differs from what the file holds."""
        if self.exists and text == self.text:
            return
        out = text.replace("\n", "\r\n") if self.crlf else text
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(out.encode("utf-8"))
        self.text, self.exists = text, True
        plan.written.add(self.path)
