"""A report's tables, holding only what may be published.

A ``Figure`` is one table: rows × columns of counts with their totals, after
suppression (``bot.stats.suppress``). It never holds a hidden value: a hidden entry is
the string ``"<k"`` (a small count) or ``"x"`` (hidden to protect one). Shares (the part
not understood, the part found helpful) are computed from published numbers only, so
they give nothing away that the table does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.stats.suppress import SHOWN, SMALL, suppress, with_totals

Published = int | str  # a count, "<k" or "x"
HIDDEN_MARK = "x"


@dataclass(frozen=True)
class Item:
    """A row or a column: a stable key (a date, a topic id, a country code) and a label."""

    key: str
    label: str


@dataclass(frozen=True)
class Share:
    """A ratio per row (and for the total row), None where it cannot be published."""

    key: str
    label: str
    rows: list[float | None]
    total: float | None


@dataclass
class Figure:
    """One published table.

    ``row_totals`` and ``total`` are None when the columns are different things that do
    not add up (each column is then protected on its own).
    """

    key: str
    title: str
    rows: list[Item]
    columns: list[Item]
    cells: list[list[Published]]
    column_totals: list[Published]
    row_totals: list[Published] | None = None
    total: Published | None = None
    total_label: str = ""  # the row-total column's name when it is not just "Total"
    shares: list[Share] = field(default_factory=list)
    note: str = ""

    def column(self, key: str) -> list[Published]:
        """The published values of one column, row by row."""
        j = [c.key for c in self.columns].index(key)
        return [row[j] for row in self.cells]

    def sorted_by_total(self) -> Figure:
        """The rows in decreasing order of their published total, hidden ones last."""
        totals = self.row_totals or [row[0] for row in self.cells]

        def rank(i: int) -> tuple[int, int, str]:
            total = totals[i]
            return (0, -total, "") if isinstance(total, int) else (1, 0, self.rows[i].key)

        order = sorted(range(len(self.rows)), key=rank)
        return Figure(
            self.key,
            self.title,
            [self.rows[i] for i in order],
            self.columns,
            [self.cells[i] for i in order],
            self.column_totals,
            [self.row_totals[i] for i in order] if self.row_totals is not None else None,
            self.total,
            self.total_label,
            [Share(s.key, s.label, [s.rows[i] for i in order], s.total) for s in self.shares],
            self.note,
        )


def publish(value: int, mark: str, k: int) -> Published:
    """What the reader sees of one entry."""
    if mark == SHOWN:
        return value
    return f"<{k}" if mark == SMALL else HIDDEN_MARK


def protected(
    key: str,
    title: str,
    rows: Sequence[Item],
    columns: Sequence[Item],
    counts: Sequence[Sequence[int]],
    k: int,
    *,
    additive: bool = True,
) -> Figure:
    """A figure from true counts, suppressed; the true counts are not kept.

    Args:
        key: the table's stable id.
        title: its title, translated.
        rows: the rows, in the order they are protected.
        columns: the columns.
        counts: one list of counts per row.
        k: the smallest count shown.
        additive: whether a row's columns add up to a meaningful row total; if not, each
            column is protected on its own and no row total is given.
    """
    if not rows:
        return Figure(key, title, [], list(columns), [], [0] * len(columns), None, 0)
    if not additive:
        return _column_by_column(key, title, rows, columns, counts, k)
    grid = with_totals(counts)
    marks = suppress(counts, k)
    seen = [
        [publish(value, marks[i][j], k) for j, value in enumerate(row)]
        for i, row in enumerate(grid)
    ]
    single = len(columns) == 1  # the row totals would repeat the only column
    return Figure(
        key,
        title,
        list(rows),
        list(columns),
        [row[:-1] for row in seen[:-1]],
        seen[-1][:-1],
        None if single else [row[-1] for row in seen[:-1]],
        None if single else seen[-1][-1],
    )


def _column_by_column(
    key: str,
    title: str,
    rows: Sequence[Item],
    columns: Sequence[Item],
    counts: Sequence[Sequence[int]],
    k: int,
) -> Figure:
    cells: list[list[Published]] = [[] for _ in rows]
    totals: list[Published] = []
    for j in range(len(columns)):
        column = [[row[j]] for row in counts]
        marks = suppress(column, k)
        for i, row in enumerate(column):
            cells[i].append(publish(row[0], marks[i][0], k))
        totals.append(publish(sum(r[0] for r in column), marks[-1][0], k))
    return Figure(key, title, list(rows), list(columns), cells, totals)


def ratio(part: Published | None, whole: Published | None) -> float | None:
    """``part / whole`` when both are published numbers and ``whole`` is not zero."""
    if isinstance(part, int) and isinstance(whole, int) and whole > 0:
        return part / whole
    return None


def added(*values: Published) -> Published | None:
    """The sum of published numbers, or None if one of them is hidden."""
    if all(isinstance(v, int) for v in values):
        return sum(v for v in values if isinstance(v, int))
    return None
