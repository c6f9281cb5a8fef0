"""A report's tables, holding only what may be published.

A ``Draft`` is one table with its true counts; ``bot.stats.protect`` decides what is
hidden (``bot.stats.suppress``) and turns it into a ``Figure``: rows × columns of counts
with their totals, published values only. A figure never holds a hidden value: a hidden
entry is the string ``"<k"`` (a small count) or ``"x"`` (hidden to protect one). Shares
(the part not understood, the part found not helpful) are computed from published
numbers only, so they give nothing away that the table does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.stats.suppress import SHOWN, SMALL, with_totals

Published = int | str  # a count, "<k" or "x"
HIDDEN_MARK = "x"


@dataclass(frozen=True)
class Item:
    """A row or a column: a stable key (a date, a topic id, a country code) and a label."""

    key: str
    label: str
    short: str = ""  # a shorter label for a chart's axis ("2–8 Nov"), if any


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
    row_heading: str = ""  # what the rows are: "Period", "Topic", "Country"

    def column(self, key: str) -> list[Published]:
        """The published values of one column, row by row."""
        j = [c.key for c in self.columns].index(key)
        return [row[j] for row in self.cells]

    def sorted_by_total(self) -> Figure:
        """The rows in decreasing order of their total, as far as the reader knows it.

        A hidden total ranks by the sum of its row's cells that are shown (what anyone
        can add up: at least that much), after a shown total of the same size.
        """

        def rank(i: int) -> tuple[int, int, str]:
            hidden = not isinstance(self.row_total(i), int)
            return (-self.known_total(i), int(hidden), self.rows[i].key)

        return self.reordered(sorted(range(len(self.rows)), key=rank))

    def row_total(self, i: int) -> Published | None:
        """Row ``i``'s published total (its only cell in a one-column table)."""
        if self.row_totals is not None:
            return self.row_totals[i]
        return self.cells[i][0] if len(self.columns) == 1 else None

    def known_total(self, i: int) -> int:
        """Row ``i``'s total when shown, else the sum of its cells that are shown."""
        total = self.row_total(i)
        if isinstance(total, int):
            return total
        return sum(v for v in self.cells[i] if isinstance(v, int))

    def reordered(self, order: list[int]) -> Figure:
        """The same figure with its rows in ``order`` (indexes of the current rows)."""
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
            self.row_heading,
        )


def publish(value: int, mark: str, k: int) -> Published:
    """What the reader sees of one entry."""
    if mark == SHOWN:
        return value
    return f"<{k}" if mark == SMALL else HIDDEN_MARK


@dataclass
class Draft:
    """One table before protection: the true counts, never published as they are.

    ``additive`` is False when a row's columns are different things that do not add up:
    each column is then protected on its own and no row total is given. ``finish`` adds
    what is computed from the published values only (shares, notes, the order of rows).
    """

    key: str
    title: str
    rows: list[Item]
    columns: list[Item]
    counts: list[list[int]]
    row_heading: str = ""
    additive: bool = True
    finish: Callable[[Figure], Figure] | None = None

    def parts(self) -> list[list[list[int]]]:
        """The tables suppression works on: this one, or one per column."""
        if not self.rows:
            return []
        if self.additive:
            return [self.counts]
        return [[[row[j]] for row in self.counts] for j in range(len(self.columns))]

    def locate(self, row: str, column: str) -> tuple[int, int, int] | None:
        """Where (row key, column key) is: (part, row, column) in ``parts``' grids.

        "total" names a total; None when the table has no such entry.
        """
        rows = [r.key for r in self.rows]
        columns = [c.key for c in self.columns]
        i = len(rows) if row == "total" else rows.index(row) if row in rows else None
        if i is None:
            return None
        if not self.additive:
            return (columns.index(column), i, 0) if column in columns else None
        if column == "total" or (len(columns) == 1 and column == columns[0]):
            return 0, i, len(columns)
        return (0, i, columns.index(column)) if column in columns else None

    def publish(self, marks: Sequence[list[list[str]]], k: int) -> Figure:
        """The published figure from the marks of each part (the true counts stay here)."""
        if not self.rows:
            figure = Figure(
                self.key, self.title, [], list(self.columns), [], [0] * len(self.columns)
            )
            figure.total = None if not self.additive or len(self.columns) == 1 else 0
            figure.row_totals = None if figure.total is None else []
        elif self.additive:
            figure = self._additive(marks[0], k)
        else:
            figure = self._by_column(marks, k)
        figure.row_heading = self.row_heading
        return self.finish(figure) if self.finish else figure

    def _additive(self, marks: list[list[str]], k: int) -> Figure:
        grid = with_totals(self.counts)
        seen = [
            [publish(value, marks[i][j], k) for j, value in enumerate(row)]
            for i, row in enumerate(grid)
        ]
        single = len(self.columns) == 1  # the row totals would repeat the only column
        return Figure(
            self.key,
            self.title,
            list(self.rows),
            list(self.columns),
            [row[:-1] for row in seen[:-1]],
            seen[-1][:-1],
            None if single else [row[-1] for row in seen[:-1]],
            None if single else seen[-1][-1],
        )

    def _by_column(self, marks: Sequence[list[list[str]]], k: int) -> Figure:
        cells: list[list[Published]] = [[] for _ in self.rows]
        totals: list[Published] = []
        for j, part in enumerate(self.parts()):
            grid = with_totals(part)
            for i, row in enumerate(cells):
                row.append(publish(grid[i][0], marks[j][i][0], k))
            totals.append(publish(grid[-1][0], marks[j][-1][0], k))
        return Figure(self.key, self.title, list(self.rows), list(self.columns), cells, totals)


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
