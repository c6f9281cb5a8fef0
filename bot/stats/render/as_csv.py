"""The report as CSV: one line per published figure (long format).

Columns: table, row_key, row, column_key, column, value. Keys are stable (ISO dates,
topic ids, ISO country codes, ``total``); labels are in the report's language. A value
is a whole number, "<5" or "x"; a share is a decimal in the locale's notation. French
files use ";" between fields, as spreadsheets in French expect.
"""

from __future__ import annotations

import csv
import io

from babel.numbers import format_decimal

from bot.i18n import Catalogs, _
from bot.stats.figures import Figure, Published
from bot.stats.render.numbers import Formats
from bot.stats.report import Report

HEADER = ["table", "row_key", "row", "column_key", "column", "value"]
DELIMITERS = {"fr": ";"}


def render_csv(report: Report, catalogs: Catalogs) -> str:
    """Every published figure of ``report``, one per line."""
    f = Formats(report, catalogs)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITERS.get(report.locale, ","), lineterminator="\n")
    writer.writerow(HEADER)
    for figure in report.figures:
        writer.writerows(_lines(figure, f))
    return out.getvalue()


def _lines(figure: Figure, f: Formats) -> list[list[str]]:
    total = ("total", f.t(_("Total")))
    rows = [(r.key, r.label) for r in figure.rows] + [total]
    lines = []
    for i, (row_key, row_label) in enumerate(rows):
        values = figure.cells[i] if i < len(figure.rows) else figure.column_totals
        for column, value in zip(figure.columns, values, strict=True):
            lines.append([figure.key, row_key, row_label, column.key, column.label, _value(value)])
        row_total = (
            (figure.row_totals[i] if i < len(figure.rows) else figure.total)
            if figure.row_totals is not None
            else None
        )
        if row_total is not None:
            lines.append(
                [
                    figure.key,
                    row_key,
                    row_label,
                    "total",
                    figure.total_label or total[1],
                    _value(row_total),
                ]
            )
        for share in figure.shares:
            ratio = share.rows[i] if i < len(figure.rows) else share.total
            text = "" if ratio is None else format_decimal(ratio, format="0.000", locale=f.locale)
            lines.append([figure.key, row_key, row_label, share.key, share.label, text])
    return lines


def _value(value: Published) -> str:
    return str(value)
