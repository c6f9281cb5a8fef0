"""The report as aligned plain-text tables, for the terminal."""

from __future__ import annotations

from bot.i18n import Catalogs, _
from bot.stats.figures import Figure
from bot.stats.render.numbers import Formats
from bot.stats.report import Report


def render_text(report: Report, catalogs: Catalogs) -> str:
    """Every table of ``report`` as text."""
    f = Formats(report, catalogs)
    parts = [f.heading(), f.legend(), f.status(), ""]
    for figure in report.figures:
        parts += [_table(figure, f), ""]
    return "\n".join(parts)


def _table(figure: Figure, f: Formats) -> str:
    total = f.t(_("Total"))
    header = ["", *(c.label for c in figure.columns)]
    if figure.row_totals is not None:
        header.append(figure.total_label or total)
    header += [s.label for s in figure.shares]
    lines = [header]
    for i, row in enumerate(figure.rows):
        line = [row.label, *(f.count(v) for v in figure.cells[i])]
        if figure.row_totals is not None:
            line.append(f.count(figure.row_totals[i]))
        lines.append(line + [f.share(s.rows[i]) for s in figure.shares])
    last = [total, *(f.count(v) for v in figure.column_totals)]
    if figure.row_totals is not None:
        last.append(f.count(figure.total))
    lines.append(last + [f.share(s.total) for s in figure.shares])
    widths = [max(len(line[j]) for line in lines) for j in range(len(header))]
    text = [figure.title, "-" * len(figure.title)]
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [
            v.rjust(w) for v, w in zip(line[1:], widths[1:], strict=True)
        ]
        text.append("  ".join(cells).rstrip())
    if not figure.rows:
        text.append(f.t(_("Nothing counted in this period.")))
    if figure.note:
        text.append(figure.note)
    return "\n".join(text)
