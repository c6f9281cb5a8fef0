"""Write the content to one workbook staff open in Excel or LibreOffice.

Each sheet: a frozen header row (English, then French), wrapped text, widths that fit,
every cell formatted as Text (so Excel keeps a phone's leading + or 0 and a date as typed),
a filter on the headers. The first sheet tells what to do, in both languages; a hidden
sheet keeps each file's fingerprint, so an import knows when a file changed since.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bot.content.workbook import layout
from bot.content.workbook.instructions import INSTRUCTIONS
from bot.content.workbook.rows import Row, Sheets, read_rows
from bot.topics import DANGER_PAGES, LANGUAGES, READING_KINDS

HEADER_FILL = "DDE4EE"
REF_FILL = "EEEEEE"
SPARE_ROWS = 1000  # rows under the last one where the drop-down lists still apply


def export_workbook(content: Path, nlu: Path, target: Path) -> Sheets:
    """Write the workbook to ``target`` (replaced whole, never half-written)."""
    sheets = read_rows(content, nlu)
    workbook = build_workbook(sheets, fingerprints(content, nlu))
    handle, temporary = tempfile.mkstemp(prefix=".export-", suffix=".xlsx", dir=target.parent)
    os.close(handle)
    try:
        workbook.save(temporary)
        keep_mode(target, Path(temporary))
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return sheets


def keep_mode(original: Path, new: Path) -> None:
    """Give ``new`` the permissions of ``original``, or the usual ones of a new file."""
    if original.exists():
        shutil.copymode(original, new)
        return
    umask = os.umask(0)
    os.umask(umask)
    new.chmod(0o666 & ~umask)


def fingerprints(content: Path, nlu: Path) -> dict[str, str]:
    """sha256 of every file the workbook holds, by ``file_key``."""
    found = {}
    for root in (content, nlu):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".md", ".yml"):
                found[file_key(path, content, nlu)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def file_key(path: Path, content: Path, nlu: Path) -> str:
    """``content/fr/avr_cost.md``, ``nlu/fr/data/avr.yml``: the same for a copy of the folders."""
    for prefix, root in (("content", content), ("nlu", nlu)):
        try:
            return f"{prefix}/{path.relative_to(root).as_posix()}"
        except ValueError:
            continue
    return path.as_posix()


def build_workbook(sheets: Sheets, prints: dict[str, str]) -> Any:
    """The openpyxl workbook of ``sheets``."""
    import openpyxl

    workbook = openpyxl.Workbook()
    _instructions(workbook.active)
    for sheet in layout.SHEETS:
        _sheet(workbook.create_sheet(sheet.name), sheet, sheets.get(sheet.name, []))
    manifest = workbook.create_sheet(layout.MANIFEST)
    manifest.append(["file", "sha256"])
    for name, digest in sorted(prints.items()):
        manifest.append([name, digest])
    manifest.sheet_state = "hidden"
    return workbook


def _instructions(worksheet: Any) -> None:
    from openpyxl.styles import Alignment, Font

    worksheet.title = layout.INSTRUCTIONS
    worksheet.column_dimensions["A"].width = 80
    worksheet.column_dimensions["B"].width = 80
    for english, french in INSTRUCTIONS:
        worksheet.append([english, french])
        row = worksheet.max_row
        heading = english.isupper() or english.endswith(":") and len(english) < 40
        for cell in worksheet[row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if heading or row == 1:
                cell.font = Font(bold=True, size=13 if row == 1 else 11)


def _sheet(worksheet: Any, sheet: layout.Sheet, rows: list[Row]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    ref_fill = PatternFill("solid", fgColor=REF_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    worksheet.append([column.header for column in sheet.columns])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = wrap
    worksheet.row_dimensions[1].height = 32
    for row in rows:
        worksheet.append([row.get(column.key) for column in sheet.columns])
    last = worksheet.max_row + SPARE_ROWS
    for index, column in enumerate(sheet.columns, 1):
        letter = get_column_letter(index)
        dimension = worksheet.column_dimensions[letter]
        dimension.width = column.width
        dimension.number_format = "@"  # rows staff add are Text too
        dimension.alignment = wrap
        for (cell,) in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = "@"
            cell.alignment = wrap
            if cell.value is not None:
                cell.data_type = "s"  # "=…" stays text, never a formula
            if column.key == "ref":
                cell.fill = ref_fill
    worksheet.freeze_panes = "B2"
    worksheet.auto_filter.ref = (
        f"A1:{get_column_letter(len(sheet.columns))}{max(2, len(rows) + 1)}"
    )
    _choices(worksheet, sheet, last)


def _choices(worksheet: Any, sheet: layout.Sheet, last: int) -> None:
    """Drop-down lists where the choices are few: languages, kinds of danger."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = {"lang": LANGUAGES, "kind": (*DANGER_PAGES, *sorted(READING_KINDS))}
    for index, column in enumerate(sheet.columns, 1):
        choices = lists.get(column.key)
        if choices is None or sheet is not layout.DANGER and column.key == "kind":
            continue
        rule = DataValidation(
            type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
        )
        rule.error = "Choose one of the list / Choisis dans la liste"
        letter = get_column_letter(index)
        rule.add(f"{letter}2:{letter}{last}")
        worksheet.add_data_validation(rule)
