"""A workbook exported from a project, opened with openpyxl and edited as a person would."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import openpyxl

from bot.content.check import CheckOptions
from bot.content.workbook.export import export_workbook
from bot.content.workbook.importing import Outcome, import_workbook

ANSWERS = "Answers - Réponses"
EXAMPLES_EN = "Examples EN"
EXAMPLES_FR = "Exemples FR"
MENUS = "Menus"
NUMBERS = "Numbers - Numéros"
OFFICES = "Offices - Bureaux"
COUNTRIES = "Countries - Pays"
DANGER = "Danger words - Mots danger"
SPELLING = "Spellings - Écritures"


def fingerprint(*roots: Path) -> dict[str, str]:
    """sha256 of every file under ``roots``: what must not change."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for root in roots
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


class Sheets:
    """An exported workbook, opened for editing; ``save()`` writes it back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.book = openpyxl.load_workbook(path)

    def sheet(self, name: str) -> Any:
        return self.book[name]

    def column(self, name: str, header: str) -> int:
        """The column number of ``header`` (its English line) in sheet ``name``."""
        for cell in self.sheet(name)[1]:
            if cell.value and str(cell.value).split("\n")[0] == header:
                return cell.column
        raise AssertionError(f"no column {header!r} in {name!r}")

    def letter(self, name: str, header: str) -> str:
        return openpyxl.utils.get_column_letter(self.column(name, header))

    def row(self, name: str, **match: str) -> int:
        """The first row whose cells (by header) hold ``match``."""
        sheet = self.sheet(name)
        columns = {header: self.column(name, header) for header in match}
        for number in range(2, sheet.max_row + 1):
            if all(sheet.cell(number, c).value == match[h] for h, c in columns.items()):
                return number
        raise AssertionError(f"no row {match} in {name!r}")

    def get(self, name: str, row: int, header: str) -> Any:
        return self.sheet(name).cell(row, self.column(name, header)).value

    def set(self, name: str, row: int, header: str, value: Any) -> None:
        self.sheet(name).cell(row, self.column(name, header)).value = value

    def append(self, name: str, **values: Any) -> int:
        """A new row under the last one, cells by header; its number."""
        sheet = self.sheet(name)
        number = last_row(sheet) + 1
        for header, value in values.items():
            sheet.cell(number, self.column(name, header)).value = value
        return number

    def delete(self, name: str, row: int) -> None:
        self.sheet(name).delete_rows(row, 1)

    def save(self, path: Path | None = None) -> Path:
        target = path or self.path
        self.book.save(target)
        return target


def last_row(sheet: Any) -> int:
    """The last row with a value (formatted empty rows below do not count)."""
    for number in range(sheet.max_row, 1, -1):
        if any(cell.value not in (None, "") for cell in sheet[number]):
            return number
    return 1


def export(content: Path, nlu: Path, target: Path) -> Sheets:
    export_workbook(content, nlu, target)
    return Sheets(target)


def run_import(path: Path, content: Path, nlu: Path, questions: Path, **options: Any) -> Outcome:
    settings = {"nlu_root": nlu, "questions_dir": questions} | options
    return import_workbook(path, content, nlu, CheckOptions(**settings))


def said(outcome: Outcome) -> list[str]:
    """Each problem as staff read it."""
    return [p.render() for p in outcome.problems]
