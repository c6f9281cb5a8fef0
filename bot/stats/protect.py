"""Protect every table of a report together, then publish them.

Each table is suppressed with its rows, columns and totals (``bot.stats.suppress``).
Tables of one report do not share a quantity (``bot.stats.sections`` is built so), but
some are bounded by others: typed messages, people, conversations started… are never
more than the messages of the same period; cases never answered are never more than
cases ended. A reader can use a shown figure of one table as a bound on a hidden one of
another. ``protect`` passes those bounds to the suppression of the table they bear on
(``limits``) and does it again until no table changes.

Two policies:

- ``Policy.report(k)`` (every report): every small count protected; the cost of hiding
  an entry is its value, so little is lost.
- ``Policy.publish(k)`` (``--publish``): strict (no ``x`` can be worked out either), the
  bounds between tables used, the key figures kept (see ``cost``), and a cleanup that
  shows again what turned out not to be needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.stats.figures import Draft, Figure
from bot.stats.suppress import SHOWN, Cost, Entry, by_value, holds, suppress, with_totals

# What hiding an entry loses, in the publish policy: mostly the number of entries hidden
# (the share of cells hidden is the figure to keep low), with the value as a tie-break,
# and weights that keep the key figures: a "not chosen yet" or "no office listed" row or
# column is cheap; a row's total is cheaper than its cells (hidden, it is still about the
# sum of the cells shown, and the split by language or outcome stays in view); a
# column's total dearer, the grand total dearest.
MINOR, ROW_TOTAL, CELL, COLUMN_TOTAL, GRAND = 0.3, 0.8, 1.0, 1.6, 4.0


@dataclass(frozen=True)
class Policy:
    """How a report is protected."""

    k: int
    strict: bool = False
    key_figures: bool = False
    cleanup: bool = False
    bounds: bool = False

    @classmethod
    def report(cls, k: int) -> Policy:
        """Reports for staff: small counts protected, hiding as little value as it can."""
        return cls(k)

    @classmethod
    def publish(cls, k: int) -> Policy:
        """Reports to publish: no hidden entry can be worked out, from any table."""
        return cls(k, strict=True, key_figures=True, cleanup=True, bounds=True)


@dataclass(frozen=True)
class Link:
    """Two entries of a report, one never more than the other.

    Each is (table, row, column) keys, "total" for a total.
    """

    part: tuple[str, str, str]
    whole: tuple[str, str, str]


@dataclass
class Protected:
    """The published figures, and how many entries were hidden (for the record)."""

    figures: list[Figure]
    entries: int  # entries with something in them (a count above zero), totals included
    hidden: int  # of which hidden ("<k" or "x")
    small: int  # of which small counts ("<k", or an "x" over a small count)

    @property
    def share_hidden(self) -> float:
        """The part of the entries that hold something and are hidden."""
        return self.hidden / self.entries if self.entries else 0.0


def protect(drafts: Sequence[Draft], policy: Policy, links: Sequence[Link] = ()) -> Protected:
    """Suppress every table of ``drafts`` under ``policy`` and publish them."""
    parts = {(d.key, n): part for d in drafts for n, part in enumerate(d.parts())}
    by_key_draft = {d.key: d for d in drafts}
    costs = {
        (d.key, n): _cost(d, part, policy) for d in drafts for n, part in enumerate(d.parts())
    }
    marks = {
        name: _best(part, policy, costs[name], _starts(by_key_draft[name[0]], part, policy))
        for name, part in parts.items()
    }
    if policy.bounds and policy.k > 1:
        _respect_bounds(drafts, parts, costs, marks, policy, links)
    figures = [
        d.publish([marks[(d.key, n)] for n in range(len(d.parts()))], policy.k) for d in drafts
    ]
    return Protected(figures, *_tally(drafts, parts, marks, policy.k))


def _best(
    part: list[list[int]], policy: Policy, cost: Cost, starts: list[list[Entry]]
) -> list[list[str]]:
    """The marks with the fewest entries hidden (then the least cost), over ``starts``.

    The greedy steps find a good protection, not the best: starting from other points
    (the row totals of rows with a small count hidden first, and the minor rows and
    columns) and keeping the best result often shows many more cells. Each result is
    checked in full, so any of them is safe.
    """
    grid = with_totals(part)
    found: list[tuple[int, float, list[list[str]]]] = []
    for first in starts:
        marks = suppress(
            part, policy.k, strict=policy.strict, cost=cost, cleanup=policy.cleanup, first=first
        )
        hidden = [(i, j) for i, row in enumerate(marks) for j, m in enumerate(row) if m != SHOWN]
        found.append((len(hidden), sum(cost(e, grid[e[0]][e[1]]) for e in hidden), marks))
    return min(found, key=lambda f: (f[0], f[1]))[2]


def _starts(draft: Draft, part: list[list[int]], policy: Policy) -> list[list[Entry]]:
    """Where the suppression may start: nothing hidden, then two other starting points."""
    if not policy.key_figures:
        return [[]]
    grid = with_totals(part)
    last_row, last_col = len(part), len(part[0])
    small_rows = [i for i in range(last_row) if any(0 < v < policy.k for v in grid[i])]
    totals = [(i, last_col) for i in small_rows]
    minor_cols = [j for j, col in enumerate(draft.columns) if col.key == ""]
    minor_rows = [i for i, row in enumerate(draft.rows) if row.key == ""]
    minor = [(i, j) for j in minor_cols for i in range(last_row + 1)]
    minor += [(i, j) for i in minor_rows for j in range(last_col + 1)]
    rows_of_minor = [(i, last_col) for i, _j in minor if i < last_row and grid[i][_j] > 0]
    if not draft.additive or last_col == 1:
        return [[]]
    return [[], totals, [*totals, *minor, *rows_of_minor, (last_row, last_col)]]


def _cost(draft: Draft, part: list[list[int]], policy: Policy) -> Cost:
    if not policy.key_figures:
        return by_value
    last_row, last_col = len(part), len(part[0])
    minor_rows = {i for i, row in enumerate(draft.rows) if row.key == ""}
    minor_cols = {j for j, col in enumerate(draft.columns) if col.key == ""}
    if not draft.additive:
        minor_cols = set()
    scale = max(1, sum(map(sum, part)))

    def cost(entry: Entry, value: int) -> float:
        i, j = entry
        i, j = (0 if last_row == 1 else i), (0 if last_col == 1 else j)  # twins cost alike
        if i in minor_rows or j in minor_cols:
            weight = MINOR
        elif i == last_row and j == last_col:
            weight = GRAND
        elif i == last_row:
            weight = COLUMN_TOTAL
        elif j == last_col:
            weight = ROW_TOTAL
        else:
            weight = CELL
        return weight * (1 + value / scale)

    return cost


def _respect_bounds(
    drafts: Sequence[Draft],
    parts: dict[tuple[str, int], list[list[int]]],
    costs: dict[tuple[str, int], Cost],
    marks: dict[tuple[str, int], list[list[str]]],
    policy: Policy,
    links: Sequence[Link],
) -> None:
    """Suppress again, with the bounds other tables give, each table that needs it.

    Only more is hidden at each round (what was hidden stays hidden), so it ends.
    """
    by_key = {d.key: d for d in drafts}
    located = [
        (place, whole)
        for link in links
        if (place := _place(by_key, link.part)) and (whole := _place(by_key, link.whole))
    ]
    for _round in range(100):
        limits = _limits(located, parts, marks)
        changed = False
        for name, found in limits.items():
            part = parts[name]
            if holds(part, marks[name], policy.k, strict=policy.strict, limits=found):
                continue
            hidden = [
                (i, j)
                for i, row in enumerate(marks[name])
                for j, mark in enumerate(row)
                if mark != SHOWN
            ]
            marks[name] = suppress(
                part,
                policy.k,
                strict=policy.strict,
                cost=costs[name],
                limits=found,
                cleanup=policy.cleanup,
                hidden=hidden,
            )  # from what was hidden: only more is hidden, so the rounds end
            changed = True
        if not changed:
            return


Place = tuple[tuple[str, int], int, int]


def _place(by_key: dict[str, Draft], ref: tuple[str, str, str]) -> Place | None:
    draft = by_key.get(ref[0])
    found = draft.locate(ref[1], ref[2]) if draft and draft.rows else None
    if draft is None or found is None:
        return None
    part, i, j = found
    return (draft.key, part), i, j


def _limits(
    located: list[tuple[Place, Place]],
    parts: dict[tuple[str, int], list[list[int]]],
    marks: dict[tuple[str, int], list[list[str]]],
) -> dict[tuple[str, int], dict[Entry, tuple[int, int]]]:
    """The bounds a reader gets on hidden entries from shown entries of other tables."""
    grids = {name: with_totals(part) for name, part in parts.items()}
    found: dict[tuple[str, int], dict[Entry, tuple[int, int]]] = {}

    def bound(place: Place, least: int, most: int) -> None:
        name, i, j = place
        for twin in _twins(parts[name], i, j):
            old = found.setdefault(name, {}).get(twin, (0, 10**18))
            found[name][twin] = (max(old[0], least), min(old[1], most))

    for part, whole in located:
        part_shown = marks[part[0]][part[1]][part[2]] == SHOWN
        whole_shown = marks[whole[0]][whole[1]][whole[2]] == SHOWN
        if whole_shown and not part_shown:
            bound(part, 0, grids[whole[0]][whole[1]][whole[2]])
        elif part_shown and not whole_shown:
            bound(whole, grids[part[0]][part[1]][part[2]], 10**18)
    return found


def _twins(part: list[list[int]], i: int, j: int) -> list[Entry]:
    rows = [i, len(part) - i] if len(part) == 1 else [i]
    cols = [j, len(part[0]) - j] if len(part[0]) == 1 else [j]
    return [(r, c) for r in rows for c in cols]


def _tally(
    drafts: Sequence[Draft],
    parts: dict[tuple[str, int], list[list[int]]],
    marks: dict[tuple[str, int], list[list[str]]],
    k: int,
) -> tuple[int, int, int]:
    """Entries that hold something, hidden ones, small ones, as published.

    A total that repeats the only column is counted once.
    """
    entries = hidden = small = 0
    for d in drafts:
        for n, part in enumerate(d.parts()):
            grid = with_totals(part)
            single = len(part[0]) == 1
            for i, row in enumerate(grid):
                for j, value in enumerate(row):
                    if value == 0 or (single and j == 1):
                        continue
                    entries += 1
                    if marks[(d.key, n)][i][j] != SHOWN:
                        hidden += 1
                        small += value < k
    return entries, hidden, small
