"""The report as one self-contained HTML page: charts drawn as inline SVG, then the tables.

Nothing is fetched (no script, no font, no stylesheet from elsewhere): the file can be
mailed and opened offline. Every table cell carries ``data-table``, ``data-row``,
``data-column`` and ``data-value`` (the published value, as in the JSON report).
"""

from __future__ import annotations

import json
from html import escape

from bot.i18n import Catalogs, _
from bot.stats.figures import Figure, Published
from bot.stats.render import svg
from bot.stats.render.numbers import Formats
from bot.stats.report import Report

TOP = 10  # topics and countries drawn in the charts (the tables have them all)
NO_SHARE = "–"  # a share that cannot be published (one of its counts is hidden)
NOTHING = _("Nothing counted in this period.")
HATCHED = _(
    "In the charts, a hatched stub is a hidden figure; a period with nothing counted is empty."
)
_KEY = (  # a hatched swatch, as the charts draw hidden figures
    '<svg width="22" height="12" aria-hidden="true" '
    'style="vertical-align:-1px;margin-right:.4rem">'
    '<rect x="1" y="1" width="20" height="10" fill="url(#hidden)" stroke="#555"/></svg>'
)

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.legend,.note{color:#555;font-size:.9rem}.status{font-weight:600;font-size:.9rem}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
figure{margin:0;overflow-x:auto}figcaption{font-weight:600;margin-bottom:.3rem}
ul.keys{list-style:none;padding:0;margin:.3rem 0;font-size:.85rem}
ul.keys li{display:inline-block;margin-right:1rem}
ul.keys span{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.25rem .6rem}td{text-align:right}
th[scope=row]{text-align:left;font-weight:normal}tr.total{font-weight:600}
td.hidden{color:#999}
"""


def render_html(report: Report, catalogs: Catalogs) -> str:
    """The whole page."""
    f = Formats(report, catalogs)
    body = [
        svg.DEFINITIONS,
        f"<h1>{escape(f.heading())}</h1>",
        f'<p class="legend">{escape(f.legend())}</p>',
        f'<p class="status">{escape(f.status())}</p>',
        f'<p class="legend">{_KEY}{escape(f.t(HATCHED))}</p>',
        '<section class="charts">',
        *_charts(report, f),
        "</section>",
        *(_table(figure, f) for figure in report.figures),
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(report.locale)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(f.heading())}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _charts(report: Report, f: Formats) -> list[str]:
    messages = report.figure("messages")
    people = report.figure("people")
    understanding = report.figure("understanding")
    periods = [r.short or r.label for r in messages.rows]
    span = f.span()

    def count(value: svg.Value) -> str:
        if isinstance(value, svg.AtLeast):  # "x (at least 150)": the cells shown add up
            return f.t(_("{mark} (at least {n})"), mark=value.mark, n=f.count(value.known))
        return f.count(value if not isinstance(value, float) else round(value))

    def share(value: svg.Value) -> str:
        if isinstance(value, (int, float)) or value is None:
            return f.share(value)
        return value.mark if isinstance(value, svg.AtLeast) else value

    charts = [
        _chart(
            messages.title,
            svg.columns(messages.title, periods, _series(messages), count, caption=span),
            _series(messages),
        ),
        _chart(
            people.title,
            svg.columns(people.title, periods, _series(people), count, caption=span),
        ),
    ]
    not_understood = understanding.shares[0]
    typed = understanding.row_totals or []
    shares: list[svg.Value] = [
        svg.NO_DATA if total == 0 else NO_SHARE if value is None else value
        for value, total in zip(not_understood.rows, typed, strict=True)
    ]  # no typed message: empty; a share that cannot be published: hatched
    series = [svg.Series(not_understood.label, shares, svg.PALETTE[1])]
    title = not_understood.label
    drawing = svg.columns(title, periods, series, share, percent=True, caption=span)
    charts.append(_chart(title, drawing))
    for key in ("topics", "urgent", "referrals"):
        figure = report.figure(key)
        names = [r.label for r in figure.rows[:TOP]]
        totals = [_total(figure, i) for i in range(min(TOP, len(figure.rows)))]
        series = [svg.Series(f.t(_("Total")), totals, svg.PALETTE[0])]
        drawing = svg.bars(figure.title, names, series, count, empty=f.t(NOTHING))
        charts.append(_chart(figure.title, drawing))
    feedback = report.figure("feedback")
    ranked = [
        (row.label, value)
        for row, value in zip(feedback.rows, feedback.shares[0].rows, strict=True)
        if value is not None
    ][:TOP]
    title = f"{feedback.title}: {feedback.shares[0].label}"
    series = [svg.Series(feedback.shares[0].label, [v for _n, v in ranked], svg.PALETTE[1])]
    drawing = svg.bars(
        title, [n for n, _v in ranked], series, share, percent=True, empty=f.t(NOTHING)
    )
    charts.append(_chart(title, drawing))
    return charts


def _total(figure: Figure, i: int) -> svg.Value:
    """A row's total for a chart: shown, or hidden with the part its shown cells make."""
    total = figure.row_total(i)
    known = figure.known_total(i)
    if isinstance(total, str) and known > 0:
        return svg.AtLeast(known, total)
    return total


def _series(figure: Figure) -> list[svg.Series]:
    palette = svg.PALETTE
    return [
        svg.Series(c.label, figure.column(c.key), palette[j % len(palette)])
        for j, c in enumerate(figure.columns)
    ]


def _chart(title: str, drawing: str, keys: list[svg.Series] | None = None) -> str:
    legend = ""
    if keys and len(keys) > 1:
        items = "".join(
            f'<li><span style="background:{s.color}"></span>{escape(s.label)}</li>' for s in keys
        )
        legend = f'<ul class="keys">{items}</ul>'
    return f"<figure><figcaption>{escape(title)}</figcaption>{legend}{drawing}</figure>"


def _table(figure: Figure, f: Formats) -> str:
    total = f.t(_("Total"))
    head = ["<th></th>", *(f'<th scope="col">{escape(c.label)}</th>' for c in figure.columns)]
    if figure.row_totals is not None:
        head.append(f'<th scope="col">{escape(figure.total_label or total)}</th>')
    head += [f'<th scope="col">{escape(s.label)}</th>' for s in figure.shares]
    rows = [f"<tr>{''.join(head)}</tr>"]
    for i, row in enumerate(figure.rows):
        rows.append(_row(figure, f, row.key, row.label, figure.cells[i], i))
    rows.append(_row(figure, f, "total", total, figure.column_totals, None))
    empty = (
        f'<p class="note">{escape(f.t(_("Nothing counted in this period.")))}</p>'
        if not figure.rows
        else ""
    )
    note = f'<p class="note">{escape(figure.note)}</p>' if figure.note else ""
    return (
        f'<h2 id="{escape(figure.key)}">{escape(figure.title)}</h2>'
        f'<table data-table="{escape(figure.key)}">{"".join(rows)}</table>{empty}{note}'
    )


def _row(
    figure: Figure, f: Formats, key: str, label: str, values: list[Published], i: int | None
) -> str:
    cells = [
        _cell(figure.key, key, c.key, v, f) for c, v in zip(figure.columns, values, strict=True)
    ]
    total = None
    if figure.row_totals is not None:
        total = figure.row_totals[i] if i is not None else figure.total
        cells.append(_cell(figure.key, key, "total", total, f))
    for s in figure.shares:
        ratio = s.rows[i] if i is not None else s.total
        shown = "" if total == 0 else f.share(ratio)  # nothing counted: nothing to share
        cells.append(f"<td>{escape(shown)}</td>")
    css = ' class="total"' if i is None else ""
    return f'<tr{css}><th scope="row">{escape(label)}</th>{"".join(cells)}</tr>'


def _cell(table: str, row: str, column: str, value: Published | None, f: Formats) -> str:
    css = "" if isinstance(value, int) else ' class="hidden"'
    data = escape(json.dumps(value))
    return (
        f'<td{css} data-table="{escape(table)}" data-row="{escape(row)}" '
        f'data-column="{escape(column)}" data-value="{data}">{escape(f.count(value))}</td>'
    )
