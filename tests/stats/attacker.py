"""An attacker who sees published tables and solves for their hidden entries.

It knows every shown entry, that each row and column adds up to its total, and bounds
for each hidden entry, taken at their strongest: ``<k`` is 1..k-1; an ``x`` is at least k
(at least 1 when it hides a small count; exactly 0 when it hides a zero). It may also
know how tables are linked: the same quantity in two reports, a week that is the sum of
its days, typed messages that are at most all messages. It solves integer programs
(scipy's MILP, independent of the code under test) for the least and the most each
hidden entry can be.

``Attack`` holds any number of tables (from one report or several); ``ranges`` and
``disclosed`` are the one-table shortcuts.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from bot.stats.suppress import SHOWN, SMALL

Ref = tuple[Hashable, int, int]  # (table name, row, column) in a grid with totals


class Attack:
    """Everything published, as an integer program over the hidden entries."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.values: dict[Ref, int] = {}  # the truth (to check it is a solution)
        self.marks: dict[Ref, str] = {}
        self.equal: list[tuple[dict[Ref, int], int]] = []  # sum(coef * entry) == rhs
        self.at_most: list[tuple[dict[Ref, int], int]] = []  # sum(coef * entry) <= rhs

    def table(self, name: Hashable, grid: list[list[int]], marks: list[list[str]]) -> None:
        """A published table with totals (its last row and column)."""
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                self.values[(name, i, j)] = value
                self.marks[(name, i, j)] = marks[i][j]
        last_r, last_c = len(grid) - 1, len(grid[0]) - 1
        for i in range(last_r + 1):
            self.same([(name, i, j) for j in range(last_c)], [(name, i, last_c)])
        for j in range(last_c + 1):
            self.same([(name, i, j) for i in range(last_r)], [(name, last_r, j)])

    def same(self, left: Iterable[Ref], right: Iterable[Ref]) -> None:
        """The entries on the left add up to those on the right."""
        self.equal.append(_terms(left, right))

    def no_more(self, part: Iterable[Ref], whole: Iterable[Ref]) -> None:
        """The entries of ``part`` add up to at most those of ``whole``."""
        self.at_most.append(_terms(part, whole))

    def hidden(self) -> list[Ref]:
        return [ref for ref, mark in self.marks.items() if mark != SHOWN]

    def ranges(self) -> dict[Ref, tuple[int, int]]:
        """{hidden entry: (least, most)} over everything the attacker knows.

        Hidden entries that share no relation are solved apart (smaller programs).
        """
        for relations, exact in ((self.equal, True), (self.at_most, False)):
            for terms, constant in relations:
                truth = sum(w * self.values[ref] for ref, w in terms.items())
                assert truth == constant if exact else truth <= constant, "a false relation"
        groups = self._groups()
        found: dict[Ref, tuple[int, int]] = {}
        for group in groups:
            members = set(group)
            equal = [r for r in self.equal if any(ref in members for ref in r[0])]
            at_most = [r for r in self.at_most if any(ref in members for ref in r[0])]
            found.update(self._solve(group, equal, at_most))
        return found

    def _groups(self) -> list[list[Ref]]:
        hidden = set(self.hidden())
        parent = {ref: ref for ref in hidden}

        def root(ref: Ref) -> Ref:
            while parent[ref] != ref:
                parent[ref] = parent[parent[ref]]
                ref = parent[ref]
            return ref

        for terms, _constant in self.equal + self.at_most:
            inside = [ref for ref in terms if ref in hidden]
            for other in inside[1:]:
                parent[root(other)] = root(inside[0])
        groups: dict[Ref, list[Ref]] = {}
        for ref in sorted(hidden, key=repr):
            groups.setdefault(root(ref), []).append(ref)
        return list(groups.values())

    def _solve(self, hidden: list[Ref], equal: list, at_most: list) -> dict:
        index = {ref: n for n, ref in enumerate(hidden)}
        constraints = [
            c
            for c in (self._rows(equal, index, True), self._rows(at_most, index, False))
            if c is not None
        ]
        big = 10 * max(sum(self.values.values()), self.k)
        spans = [self._bounds(ref, big) for ref in hidden]
        bounds = Bounds([lo for lo, _ in spans], [hi for _, hi in spans])
        integrality = np.ones(len(hidden))
        found = {}
        for ref, number in index.items():
            if not constraints:
                found[ref] = spans[number]
                continue
            c = np.zeros(len(hidden))
            c[number] = 1
            least = milp(c, constraints=constraints, bounds=bounds, integrality=integrality)
            most = milp(-c, constraints=constraints, bounds=bounds, integrality=integrality)
            assert least.success and most.success, "the true values must be a solution"
            found[ref] = (round(least.fun), round(-most.fun))
        return found

    def disclosed(self, strict: bool = False) -> list[tuple[Ref, int]]:
        """The ``<k`` entries (``strict``: any hidden non-zero entry) pinned to one value."""
        return [
            (ref, span[0])
            for ref, span in self.ranges().items()
            if span[0] == span[1]
            and (self.marks[ref] == SMALL or (strict and self.values[ref] > 0))
        ]

    def _bounds(self, ref: Ref, big: int) -> tuple[int, int]:
        value = self.values[ref]
        if self.marks[ref] == SMALL:
            return 1, self.k - 1
        if value == 0:
            return 0, 0
        return (self.k if value >= self.k else 1), big

    def _rows(
        self, relations: list[tuple[dict[Ref, int], int]], index: dict[Ref, int], exact: bool
    ) -> LinearConstraint | None:
        rows, rhs = [], []
        for terms, constant in relations:
            if not any(ref in index for ref in terms):
                continue
            coef = np.zeros(len(index))
            known = constant
            for ref, weight in terms.items():
                if ref in index:
                    coef[index[ref]] += weight
                else:
                    known -= weight * self.values[ref]
            if coef.any():
                rows.append(coef)
                rhs.append(known)
        if not rows:
            return None
        low = rhs if exact else [-np.inf] * len(rhs)
        return LinearConstraint(np.array(rows), low, rhs)


def _terms(left: Iterable[Ref], right: Iterable[Ref]) -> tuple[dict[Ref, int], int]:
    terms: dict[Ref, int] = {}
    for ref in left:
        terms[ref] = terms.get(ref, 0) + 1
    for ref in right:
        terms[ref] = terms.get(ref, 0) - 1
    return terms, 0


def ranges(grid: list[list[int]], marks: list[list[str]], k: int) -> dict:
    """{(row, col): (least, most)} for every hidden entry of one grid with totals."""
    attack = Attack(k)
    attack.table(0, grid, marks)
    return {(i, j): span for (_t, i, j), span in attack.ranges().items()}


def disclosed(grid: list[list[int]], marks: list[list[str]], k: int, strict: bool = False):
    """The ``<k`` entries (``strict``: any hidden non-zero one) of one grid pinned."""
    attack = Attack(k)
    attack.table(0, grid, marks)
    return [((i, j), value) for (_t, i, j), value in attack.disclosed(strict)]
