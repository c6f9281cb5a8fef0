"""The report as an Excel workbook (openpyxl): a "read me" sheet, then a sheet per table.

Each table's sheet has its title, the legend, a header row (frozen, with the row names'
column), one row per period, topic or country, and the total row. Counts are numbers;
a hidden count is the text "<5" or "x" (grey, right-aligned), explained by the legend at
the top of the sheet; shares are numbers shown as per cent. Columns are as wide as what
they hold. The first column holds the row's stable code (a date, a topic id, a country
code), the same as in the CSV.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.i18n import Catalogs, _
from bot.stats.figures import Figure, Published
from bot.stats.render.as_csv import header
from bot.stats.render.numbers import Formats
from bot.stats.report import Report

# Sheet names (at most 31 characters, unique), per table key.
SHEETS = {
    "messages": _("Messages"),
    "people": _("People"),
    "understanding": _("Understood"),
    "topics": _("Topics"),
    "urgent": _("Urgent help"),
    "referrals": _("Referrals"),
    "cases_opened": _("Cases opened"),
    "cases_answered": _("Cases first answer"),
    "cases_ended": _("Cases ended"),
    "feedback": _("Helpful or not"),
    "other_events": _("Other events"),
}
GUIDES = _("What each figure means: docs/analysts.md (English), docs/analystes.md (French).")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")
HIDDEN_FONT = Font(color="777777")
NOTE_FONT = Font(italic=True, color="555555")
FIRST_ROW = 4  # title, legend, a blank row, then the header
WIDEST = 60


def render_xlsx(report: Report, catalogs: Catalogs) -> bytes:
    """The workbook, as the bytes of an .xlsx file."""
    f = Formats(report, catalogs)
    book = Workbook()
    read_me = book.active
    assert read_me is not None
    _read_me(read_me, report, f)
    for figure in report.figures:
        _table(book.create_sheet(_sheet_name(figure.key, f)), figure, f)
    stamp = dt.datetime.combine(report.last, dt.time())  # dated by its period, not by the run
    book.properties.created = book.properties.modified = stamp
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(key: str, f: Formats) -> str:
    name = f.t(SHEETS[key]) if key in SHEETS else key
    return "".join(ch for ch in name if ch not in "[]:*?/\\")[:31]


def _read_me(sheet: Worksheet, report: Report, f: Formats) -> None:
    sheet.title = _sheet_name_read_me(f)
    t = f.t
    lines: list[tuple[str, Font | None]] = [
        (f.heading(), TITLE),
        ("", None),
        (f.legend(), None),
        (f.status(), BOLD),
        (t(GUIDES), None),
        ("", None),
        (t(_("Sheets")), BOLD),
    ]
    lines += [(f"{_sheet_name(fig.key, f)}: {fig.title}", None) for fig in report.figures]
    for n, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(row=n, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if font:
            cell.font = font
    sheet.column_dimensions["A"].width = 100


def _sheet_name_read_me(f: Formats) -> str:
    return f.t(_("Read me"))[:31]


def _table(sheet: Worksheet, figure: Figure, f: Formats) -> None:
    sheet.cell(row=1, column=1, value=figure.title).font = TITLE
    sheet.cell(row=2, column=1, value=f.legend()).font = NOTE_FONT
    names = header(figure, f)
    for j, name in enumerate(names, start=1):
        cell = sheet.cell(row=FIRST_ROW - 1, column=j, value=name)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    widths = [len(name) for name in names]
    count = len(figure.rows)
    shares_from = len(names) - len(figure.shares) + 1
    for i in range(count + 1):
        row = figure.rows[i] if i < count else None
        values: list[Published | float | None] = [
            *(figure.cells[i] if row else figure.column_totals)
        ]
        if figure.row_totals is not None:
            values.append(figure.row_totals[i] if row else figure.total)
        values += [s.rows[i] if row else s.total for s in figure.shares]
        line = [row.key if row else "total", row.label if row else f.t(_("Total"))]
        r = FIRST_ROW + i
        for j, text in enumerate(line, start=1):
            cell = sheet.cell(row=r, column=j, value=text)
            widths[j - 1] = max(widths[j - 1], len(text))
            if not row:
                cell.font = BOLD
        for j, value in enumerate(values, start=3):
            cell = sheet.cell(row=r, column=j, value=value)
            if isinstance(value, str):  # "<5" or "x"
                cell.font = HIDDEN_FONT
                cell.alignment = Alignment(horizontal="right")
            elif isinstance(value, float) or (j >= shares_from and value is not None):
                cell.number_format = "0.0%"
            else:
                cell.number_format = "#,##0"
            if not row or (figure.row_totals is not None and j == 3 + len(figure.columns)):
                cell.font = Font(bold=True, color=cell.font.color)
            shown = f.share(value) if j >= shares_from else f.count(value)  # type: ignore[arg-type]
            widths[j - 1] = max(widths[j - 1], len(shown))
    below = FIRST_ROW + count + 2
    if not figure.rows:
        sheet.cell(row=below, column=1, value=f.t(_("Nothing counted in this period.")))
        below += 1
    if figure.note:
        sheet.cell(row=below, column=1, value=figure.note).font = NOTE_FONT
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=3)
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = min(WIDEST, max(8, width + 2))
    sheet.row_dimensions[FIRST_ROW - 1].height = 30
