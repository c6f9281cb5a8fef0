"""An attacker who sees a published table and solves for its hidden entries.

It knows every shown entry, that each row and column adds up to its total, and bounds
for each hidden entry, taken at their strongest: ``<k`` is 1..k-1; an ``x`` is at least k
(at least 1 when it hides a small count; exactly 0 when it hides a zero). It solves
integer programs (scipy's MILP, independent of the code under test) for the least and
the most each hidden entry can be.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from bot.stats.suppress import SHOWN, SMALL


def _bounds(value: int, mark: str, k: int, big: int) -> tuple[int, int]:
    if mark == SMALL:
        return 1, k - 1
    if value == 0:
        return 0, 0
    return (k if value >= k else 1), big


def ranges(grid: list[list[int]], marks: list[list[str]], k: int) -> dict:
    """{(row, col): (least, most)} for every hidden entry of the grid with totals."""
    hidden = [(i, j) for i, row in enumerate(marks) for j, m in enumerate(row) if m != SHOWN]
    if not hidden:
        return {}
    index = {entry: n for n, entry in enumerate(hidden)}
    big = 10 * max(sum(map(sum, grid)), k)
    last_r, last_c = len(grid) - 1, len(grid[0]) - 1
    lines = [[(i, j) for j in range(last_c)] + [(i, last_c)] for i in range(last_r + 1)]
    lines += [[(i, j) for i in range(last_r)] + [(last_r, j)] for j in range(last_c + 1)]
    rows, rhs = [], []
    for line in lines:  # the cells of a line minus its total (the last entry) equal zero
        coef, constant = np.zeros(len(hidden)), 0
        for position, entry in enumerate(line):
            sign = -1 if position == len(line) - 1 else 1
            if entry in index:
                coef[index[entry]] += sign
            else:
                constant += sign * grid[entry[0]][entry[1]]
        if coef.any():
            rows.append(coef)
            rhs.append(-constant)
    constraints = LinearConstraint(np.array(rows), rhs, rhs)
    spans = [_bounds(grid[i][j], marks[i][j], k, big) for i, j in hidden]
    bounds = Bounds([lo for lo, _ in spans], [hi for _, hi in spans])
    integrality = np.ones(len(hidden))
    found = {}
    for entry, number in index.items():
        c = np.zeros(len(hidden))
        c[number] = 1
        least = milp(c, constraints=constraints, bounds=bounds, integrality=integrality)
        most = milp(-c, constraints=constraints, bounds=bounds, integrality=integrality)
        assert least.success and most.success, "the true values must be a solution"
        found[entry] = (round(least.fun), round(-most.fun))
    return found


def disclosed(grid: list[list[int]], marks: list[list[str]], k: int) -> list:
    """The ``<k`` entries the attacker can pin to one value, with that value."""
    return [
        (entry, span[0])
        for entry, span in ranges(grid, marks, k).items()
        if marks[entry[0]][entry[1]] == SMALL and span[0] == span[1]
    ]
