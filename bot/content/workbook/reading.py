"""Read a workbook staff edited, and say plainly what cannot be read and where.

Staff save as .xls or .csv, rename a sheet, move a column, let Excel turn a phone number
into a number or a date into a date cell, or leave the file open: each is named with its
sheet, row and column, or handled when it is safe (a date cell is read as YYYY-MM-DD).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.problems import WARNING
from bot.content.wording import Text, _
from bot.content.workbook import layout
from bot.content.workbook.problems import SheetProblem
from bot.content.workbook.rows import Row, Sheets

OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an old .xls (or another Office file before 2007)
MANIFEST_HEADER = ("file", "sha256")


class Unusable(Exception):
    """The file cannot be read as a workbook at all: ``message`` and ``fix``."""

    def __init__(self, message: Text, fix: Text) -> None:
        super().__init__(f"{message} — {fix}")
        self.message, self.fix = message, fix


@dataclass
class Book:
    """What was read: every sheet's rows, the columns' letters, the export's fingerprints."""

    sheets: Sheets = field(default_factory=dict)
    letters: dict[str, dict[str, str]] = field(default_factory=dict)
    manifest: dict[str, str] | None = None  # relative path → sha256 when exported
    problems: list[SheetProblem] = field(default_factory=list)


def lock_files(path: Path) -> list[Path]:
    """The marks Excel (``~$name``) and LibreOffice (``.~lock.name#``) leave while open."""
    marks = [path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")]
    return [mark for mark in marks if mark.exists()]


def check_file(path: Path) -> None:
    """Raise Unusable when ``path`` is not an .xlsx workbook we can read."""
    if not path.is_file():
        raise Unusable(
            _("there is no file {path}", path=str(path)), _("check the file's name and folder")
        )
    if lock_files(path):
        raise Unusable(
            _("{name} is open in Excel or LibreOffice", name=path.name),
            _("save it, close it, then import again (so your last changes are in the file)"),
        )
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(OLE_MAGIC):
        raise Unusable(
            _("{name} is an old Excel file (.xls)", name=path.name),
            _("open it and save it as 'Excel Workbook (.xlsx)', then import the .xlsx"),
        )
    if not zipfile.is_zipfile(path):
        text = path.suffix.lower() in (".csv", ".txt")
        raise Unusable(
            _("{name} is a CSV or text file: it keeps one sheet only", name=path.name)
            if text
            else _("{name} is not a workbook", name=path.name),
            _("import the .xlsx file you exported (in Excel: Save as 'Excel Workbook (.xlsx)')"),
        )
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        what = (
            _("a LibreOffice file (.ods)")
            if "content.xml" in names
            else _("not an Excel workbook")
        )
        raise Unusable(
            _("{name} is {what}", name=path.name, what=what),
            _(
                "save it as 'Excel 2007-365 (.xlsx)' (LibreOffice: File, Save as), then "
                "import that"
            ),
        )


def read_book(path: Path) -> Book:
    """Every sheet of the workbook at ``path`` (Unusable when it cannot be opened)."""
    import openpyxl

    check_file(path)
    try:
        workbook = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise Unusable(
            _(
                "{name} cannot be opened as a workbook ({what})",
                name=path.name,
                what=type(exc).__name__,
            ),
            _("open it in Excel or LibreOffice and save it again as .xlsx"),
        ) from None
    book = Book()
    names = {_simple(name): name for name in workbook.sheetnames}
    missing = []
    for sheet in layout.SHEETS:
        found = names.get(_simple(sheet.name))
        if found is None:
            missing.append(sheet)
            continue
        _read_sheet(workbook[found], sheet, book)
    _missing_sheets(missing, workbook.sheetnames, book)
    if layout.MANIFEST in workbook.sheetnames:
        book.manifest = _manifest(workbook[layout.MANIFEST])
    return book


def _simple(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _missing_sheets(missing: list[layout.Sheet], present: list[str], book: Book) -> None:
    known = {_simple(sheet.name) for sheet in layout.SHEETS} | {
        _simple(layout.INSTRUCTIONS),
        _simple(layout.MANIFEST),
    }
    strangers = [name for name in present if _simple(name) not in known]
    for sheet in missing:
        if strangers:
            message = _(
                "there is no sheet '{sheet}' (the workbook has {others})",
                sheet=sheet.name,
                others=", ".join(f"'{n}'" for n in strangers),
            )
            fix = _(
                "give the renamed sheet back its name '{sheet}' (double-click its tab)",
                sheet=sheet.name,
            )
        else:
            message = _("there is no sheet '{sheet}'", sheet=sheet.name)
            fix = _(
                "import the workbook as exported, with all its sheets (export again if needed)"
            )
        book.problems.append(SheetProblem(sheet.name, None, None, "", message, fix))


def _read_sheet(worksheet: Any, sheet: layout.Sheet, book: Book) -> None:
    rows = worksheet.iter_rows()
    header = next(rows, ())
    columns = _columns(header, sheet, book)
    if columns is None:
        return
    book.letters[sheet.name] = {key: cell.column_letter for key, cell in columns.items()}
    found: list[Row] = []
    for cells in rows:
        by_index = {cell.column: cell for cell in cells}
        row = Row({}, number=cells[0].row if cells else 0)
        for key, head in columns.items():
            cell = by_index.get(head.column)
            row.values[key] = _cell_text(cell, sheet, sheet.column(key), row, book) if cell else ""
        found.append(row)
    book.sheets[sheet.name] = found


def _columns(header: Any, sheet: layout.Sheet, book: Book) -> dict[str, Any] | None:
    by_title: dict[str, Any] = {}
    for cell in header:
        if cell.value is None:
            continue
        for line in str(cell.value).splitlines():
            by_title.setdefault(_simple(line), cell)
    columns = {}
    for column in sheet.columns:
        cell = by_title.get(_simple(column.english)) or by_title.get(_simple(column.french))
        if cell is None:
            message = _("the column '{title}' is missing", title=column.english)
            fix = _(
                "put the column back with its title in row 1 (copy it from a new export); "
                "nothing of this sheet was read"
            )
            book.problems.append(SheetProblem(sheet.name, 1, None, "", message, fix))
        columns[column.key] = cell
    if any(cell is None for cell in columns.values()):
        return None
    return columns


def _cell_text(cell: Any, sheet: layout.Sheet, column: layout.Column, row: Row, book: Book) -> str:
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f" or (
        isinstance(value, str) and value.startswith("=") and cell.data_type != "s"
    ):
        _cell_problem(
            book,
            sheet,
            row,
            column,
            cell,
            _("this cell holds a formula"),
            _("type the text itself"),
        )
        return ""
    if cell.data_type == "e":
        _cell_problem(
            book,
            sheet,
            row,
            column,
            cell,
            _("this cell shows an error ({error})", error=value),
            _("type the text itself"),
        )
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.datetime, dt.date)):
        return _date_text(value, cell, column, sheet, row, book)
    if isinstance(value, (int, float)):
        return _number_text(value, cell, column, sheet, row, book)
    return str(value)


def _date_text(
    value: dt.date, cell: Any, column: layout.Column, sheet: layout.Sheet, row: Row, book: Book
) -> str:
    """A date cell as YYYY-MM-DD (YYYY-MM when Excel shows a month only)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    shows_day = "d" in str(cell.number_format).lower()
    if column.kind == layout.PUBLISHED and not shows_day and day.day == 1:
        return day.strftime("%Y-%m")
    if column.kind not in (layout.DATE, layout.PUBLISHED):
        message = _("Excel turned this text into a date ({date})", date=day.isoformat())
        fix = _("check the cell: format it as Text, then type the text again")
        _cell_problem(book, sheet, row, column, cell, message, fix, WARNING)
    return day.isoformat()


def _number_text(
    value: float, cell: Any, column: layout.Column, sheet: layout.Sheet, row: Row, book: Book
) -> str:
    text = str(int(value)) if float(value).is_integer() else str(value)
    if column.kind == layout.PHONE:
        message = _(
            "Excel turned the phone number into a number ({number}): a leading + or 0 and "
            "the spaces are lost",
            number=text,
        )
        fix = _(
            "format the cell as Text (right-click, Format Cells, Text), then type the number "
            "again exactly as its page shows it"
        )
        _cell_problem(book, sheet, row, column, cell, message, fix)
    return text


def _cell_problem(
    book: Book,
    sheet: layout.Sheet,
    row: Row,
    column: layout.Column,
    cell: Any,
    message: Text,
    fix: Text,
    severity: str = "error",
) -> None:
    book.problems.append(
        SheetProblem(sheet.name, row.number, column, cell.column_letter, message, fix, severity)
    )


def _manifest(worksheet: Any) -> dict[str, str]:
    found = {}
    for values in worksheet.iter_rows(min_row=2, values_only=True):
        if values and len(values) >= 2 and values[0] and values[1]:
            found[str(values[0])] = str(values[1])
    return found
