"""The report as CSV in wide form: one row per period, topic or country, a column a figure.

The file starts with the report's title and legend, then each table: its title, a
header, its rows, its total row, a blank line. Columns: ``Code`` (the row's stable key:
the first day of a period as YYYY-MM-DD, a topic id, an ISO country code, ``total``), the
row's name, one column per language (or kind, or outcome), the total, then any share in
per cent. A count is a whole number without separators, so spreadsheets read it as a
number; a hidden one is "<5" or "x" (text); a share that cannot be published is empty.

The separator follows the report's locale: ";" where the decimal mark is a comma
(French), "," elsewhere, as spreadsheets in those languages expect. The byte-order mark
that lets Excel read UTF-8 is added when the file is written (``bot.stats.output``).
"""

from __future__ import annotations

import csv
import io

from babel.numbers import format_decimal, get_decimal_symbol

from bot.i18n import Catalogs, _
from bot.stats.figures import Figure, Published
from bot.stats.render.numbers import Formats
from bot.stats.report import Report


def separator(locale: str) -> str:
    """The separator: ";" where numbers are written with a decimal comma, else ","."""
    return ";" if get_decimal_symbol(locale) == "," else ","


def render_csv(report: Report, catalogs: Catalogs) -> str:
    """Every table of ``report``, one after the other."""
    f = Formats(report, catalogs)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator(report.locale), lineterminator="\r\n")
    writer.writerow([f.heading()])
    writer.writerow([f.legend()])
    for figure in report.figures:
        writer.writerow([])
        writer.writerow([figure.title])
        writer.writerows(table_rows(figure, f))
        if figure.note:
            writer.writerow([figure.note])
    return out.getvalue()


def render_table_csv(report: Report, catalogs: Catalogs, key: str) -> str:
    """One table alone: a header and its rows (for programs that read one table)."""
    f = Formats(report, catalogs)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator(report.locale), lineterminator="\r\n")
    writer.writerows(table_rows(report.figure(key), f))
    return out.getvalue()


def header(figure: Figure, f: Formats) -> list[str]:
    """The column names of a table, in the report's language."""
    names = [f.t(_("Code")), figure.row_heading, *(c.label for c in figure.columns)]
    if figure.row_totals is not None:
        names.append(figure.total_label or f.t(_("Total")))
    names += [f"{s.label} (%)" for s in figure.shares]
    return names


def table_rows(figure: Figure, f: Formats) -> list[list[str]]:
    """The header, one line per row, and the total line."""
    lines = [header(figure, f)]
    count = len(figure.rows)
    for i in range(count + 1):
        row = figure.rows[i] if i < count else None
        values = figure.cells[i] if row else figure.column_totals
        line = [row.key if row else "total", row.label if row else f.t(_("Total"))]
        line += [_count(v) for v in values]
        if figure.row_totals is not None:
            line.append(_count(figure.row_totals[i] if row else figure.total))
        for share in figure.shares:
            ratio = share.rows[i] if row else share.total
            line.append(
                "" if ratio is None else format_decimal(ratio * 100, "0.0", locale=f.locale)
            )
        lines.append(line)
    return lines


def _count(value: Published | None) -> str:
    return "" if value is None else str(value)
