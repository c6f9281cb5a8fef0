"""What an attacker reads from published reports: every table as a grid with totals, its
marks, and the true values behind it (from the same report made with k = 1).

``attack_reports`` puts one report or several into one ``Attack``, with what a reader of
docs/stats.md knows links the tables: typed messages, people and some events are never
more than the messages of the same period; cases never answered are never more than the
cases ended in the same country. These links are written here from the bot's behaviour,
not taken from the code under test.
"""

from __future__ import annotations

from bot.stats.figures import Figure
from bot.stats.report import Report
from bot.stats.suppress import HIDDEN, SHOWN, SMALL
from tests.stats.attacker import Attack

AT_MOST_ONE_A_MESSAGE = ("conversation_started", "language_chosen", "chat_cleared", "bad_button")


def mark(value) -> str:
    if isinstance(value, int):
        return SHOWN
    return SMALL if value.startswith("<") else HIDDEN


def grids(true: Figure, shown: Figure) -> list[tuple[list[list[int]], list[list[str]]]]:
    """The published table(s) with totals, true values and marks, rows in the same order."""
    order = {r.key: i for i, r in enumerate(shown.rows)}
    index = [order[r.key] for r in true.rows]
    assert sorted(index) == list(range(len(shown.rows)))
    if shown.row_totals is None:  # each column is a table of its own (or a single column)
        tables = []
        for j in range(len(shown.columns)):
            values = [[r[j], r[j]] for r in true.cells] + [[true.column_totals[j]] * 2]
            seen = [[shown.cells[i][j]] * 2 for i in index] + [[shown.column_totals[j]] * 2]
            tables.append((values, [[mark(v) for v in row] for row in seen]))
        return tables
    values = [[*r, t] for r, t in zip(true.cells, true.row_totals, strict=True)]
    values.append([*true.column_totals, true.total])
    seen = [[*shown.cells[i], shown.row_totals[i]] for i in index]
    seen.append([*shown.column_totals, shown.total])
    return [(values, [[mark(v) for v in row] for row in seen])]


def place(figure: Figure, row: str, column: str):
    """(part, i, j) of the entry at (row key, column key) in ``grids``; None if absent."""
    rows = [r.key for r in figure.rows]
    cols = [c.key for c in figure.columns]
    if row != "total" and row not in rows:
        return None
    i = len(rows) if row == "total" else rows.index(row)
    if figure.row_totals is None:
        return (cols.index(column), i, 0) if column in cols else None
    j = len(cols) if column == "total" else cols.index(column) if column in cols else None
    return None if j is None else (0, i, j)


def attack_reports(pairs: list[tuple[str, Report, Report]], k: int) -> Attack:
    """One attack over several reports: (name, true report (k=1), published report)."""
    attack = Attack(k)
    for name, true, shown in pairs:
        assert [f.key for f in true.figures] == [f.key for f in shown.figures]
        for t_fig, s_fig in zip(true.figures, shown.figures, strict=True):
            for n, (values, marks) in enumerate(grids(t_fig, s_fig)):
                attack.table((name, t_fig.key, n), values, marks)
        _links(attack, name, true)
    return attack


def ref(name: str, report: Report, table: str, row: str, column: str):
    found = place(report.figure(table), row, column)
    if found is None:
        return None
    part, i, j = found
    return ((name, table, part), i, j)


def _links(attack: Attack, name: str, report: Report) -> None:
    def no_more(part, whole) -> None:
        if part and whole:
            attack.no_more([part], [whole])

    for row in [*(r.key for r in report.figure("messages").rows), "total"]:
        whole = ref(name, report, "messages", row, "total")
        no_more(ref(name, report, "people", row, "people"), whole)
        no_more(ref(name, report, "understanding", row, "total"), whole)
        for event in AT_MOST_ONE_A_MESSAGE:
            no_more(ref(name, report, "other_events", row, event), whole)
    for row in [*(r.key for r in report.figure("cases_answered").rows), "total"]:
        no_more(
            ref(name, report, "cases_answered", row, "never"),
            ref(name, report, "cases_ended", row, "total"),
        )
