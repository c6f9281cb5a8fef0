"""Small-cell suppression: an attacker with the published table learns no small count.

The attacker (tests/stats/attacker.py) solves integer programs over everything that is
published; it is independent of the code under test.
"""

from __future__ import annotations

import random

import pytest

from bot.stats.suppress import HIDDEN, SHOWN, SMALL, suppress, with_totals
from tests.stats.attacker import disclosed, ranges


def naive(grid: list[list[int]], k: int) -> list[list[str]]:
    """Primary suppression only: what not to do."""
    return [[SMALL if 0 < v < k else SHOWN for v in row] for row in grid]


def test_small_counts_that_protect_each_other_need_nothing_more_hidden():
    cells = [[3, 4, 20], [4, 3, 20], [30, 30, 30]]
    marks = suppress(cells, 5)
    small = [(i, j) for i, row in enumerate(marks) for j, m in enumerate(row) if m == SMALL]
    assert small == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert all(m != HIDDEN for row in marks for m in row)
    assert not disclosed(with_totals(cells), marks, 5)


def test_the_differencing_attack_on_a_total_recovers_nothing():
    # Messages in French: 12 on Monday, 3 on Tuesday, 20 on Wednesday, 35 in all.
    cells = [[12], [3], [20]]
    grid = with_totals(cells)
    assert disclosed(grid, naive(grid, 5), 5) == [((1, 0), 3), ((1, 1), 3)]  # 35 - 12 - 20

    marks = suppress(cells, 5)
    assert marks[1][0] == SMALL
    assert sum(row[0] == HIDDEN for row in marks) >= 1  # a second cell hides with it
    assert not disclosed(grid, marks, 5)
    least, most = ranges(grid, marks, 5)[(1, 0)]
    assert least < most


def test_hiding_two_cells_per_line_is_not_enough_when_the_totals_chain_them():
    # Two blocks of hidden cells joined by one hidden cell: every row and column holds
    # two hidden entries, yet the joining cell is (row 0 + row 1) - (column 0 + column 1).
    cells = [
        [2, 30, 3, 40],
        [30, 30, 40, 40],
        [40, 40, 30, 30],
        [40, 40, 30, 30],
    ]
    grid = with_totals(cells)
    trap = naive(grid, 5)
    for i, j in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)]:
        trap[i][j] = HIDDEN if grid[i][j] >= 5 else SMALL
    trap[0][2] = SMALL  # the bridge
    assert ((0, 2), 3) in disclosed(grid, trap, 5)

    marks = suppress(cells, 5)
    assert not disclosed(grid, marks, 5)


def test_four_ones_and_their_total_do_not_give_each_other_away():
    cells = [[1, 1, 1, 1], [20, 30, 40, 50]]
    marks = suppress(cells, 5)
    assert not disclosed(with_totals(cells), marks, 5)


def test_a_group_of_hidden_cells_whose_sum_is_known_is_never_a_small_count():
    cells = [[1, 2, 40], [30, 30, 30]]  # 1 and 2 hidden together would add up to 3
    marks = suppress(cells, 5)
    grid = with_totals(cells)
    _assert_no_small_group(grid, marks, 5)


def _assert_no_small_group(grid, marks, k):
    last_r, last_c = len(grid) - 1, len(grid[0]) - 1
    lines = [([(i, j) for j in range(last_c)], (i, last_c)) for i in range(last_r + 1)]
    lines += [([(i, j) for i in range(last_r)], (last_r, j)) for j in range(last_c + 1)]
    for entries, total in lines:
        if marks[total[0]][total[1]] != SHOWN:
            continue
        hidden = [grid[i][j] for i, j in entries if marks[i][j] != SHOWN]
        if any(marks[i][j] == SMALL for i, j in entries):
            assert sum(hidden) == 0 or sum(hidden) >= k, (entries, hidden)


@pytest.mark.parametrize("seed", range(4))
def test_no_small_count_can_be_pinned_in_random_tables(seed):
    rng = random.Random(seed)
    for _ in range(40):
        k = rng.choice([3, 5, 10])
        rows, cols = rng.randint(1, 7), rng.randint(1, 5)
        zeros = rng.random() / 2
        cells = [
            [
                0
                if rng.random() < zeros
                else rng.choice([rng.randint(1, k - 1), rng.randint(k, 60)])
                for _ in range(cols)
            ]
            for _ in range(rows)
        ]
        grid = with_totals(cells)
        marks = suppress(cells, k)
        assert not disclosed(grid, marks, k), (k, cells, marks)
        _assert_no_small_group(grid, marks, k)
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                assert (marks[i][j] == SMALL) == (0 < value < k) or marks[i][j] == HIDDEN


def test_a_day_by_day_table_of_a_quiet_season_is_protected():
    rng = random.Random(7)
    cells = [[int(rng.expovariate(1 / 6)) for _ in range(3)] for _ in range(60)]
    marks = suppress(cells, 5)
    assert not disclosed(with_totals(cells), marks, 5)


def test_zeros_stay_shown_when_other_cells_can_protect():
    cells = [[0, 3, 50], [0, 40, 60], [0, 45, 70]]
    marks = suppress(cells, 5)
    assert [row[0] for row in marks[:3]] == [SHOWN, SHOWN, SHOWN]
    assert not disclosed(with_totals(cells), marks, 5)


def test_the_same_table_always_gets_the_same_marks():
    cells = [[4, 9, 1], [7, 2, 30], [12, 0, 3]]
    assert suppress(cells, 5) == suppress([list(r) for r in cells], 5)


def test_k_of_one_shows_everything():
    assert suppress([[1, 2], [3, 0]], 1) == [[SHOWN] * 3] * 3


def _random_table(rng: random.Random, k: int) -> list[list[int]]:
    rows, cols = rng.randint(1, 7), rng.randint(1, 5)
    zeros = rng.random() / 2
    return [
        [
            0 if rng.random() < zeros else rng.choice([rng.randint(1, k - 1), rng.randint(k, 60)])
            for _ in range(cols)
        ]
        for _ in range(rows)
    ]


@pytest.mark.parametrize("seed", range(4))
def test_strict_mode_leaves_no_hidden_entry_computable_in_random_tables(seed):
    """--publish: no "x" can be worked out either (not only the "<k")."""
    rng = random.Random(100 + seed)
    caught = 0
    for _ in range(30):
        k = rng.choice([3, 5, 10])
        cells = _random_table(rng, k)
        grid = with_totals(cells)
        loose = suppress(cells, k)
        caught += bool(disclosed(grid, loose, k, strict=True))
        for cleanup in (False, True):
            marks = suppress(cells, k, strict=True, cleanup=cleanup)
            assert not disclosed(grid, marks, k, strict=True), (k, cells, marks)
            _assert_no_small_group(grid, marks, k)
    assert caught  # the non-strict marks let some "x" be worked out: the check can fail


def test_the_cleanup_shows_again_what_is_not_needed():
    rng = random.Random(5)
    fewer = 0
    for _ in range(40):
        cells = _random_table(rng, 5)
        greedy = suppress(cells, 5, strict=True)
        clean = suppress(cells, 5, strict=True, cleanup=True)
        count = [sum(m != SHOWN for row in marks for m in row) for marks in (greedy, clean)]
        assert count[1] <= count[0]
        fewer += count[1] < count[0]
    assert fewer


def test_a_single_row_or_column_is_shown_or_hidden_with_the_total_that_repeats_it():
    for cells in ([[3], [40], [7]], [[3, 40, 7]], [[2]]):
        marks = suppress(cells, 5, strict=True, cleanup=True)
        grid = with_totals(cells)
        for i, row in enumerate(grid):
            for j, _value in enumerate(row):
                if len(cells[0]) == 1:
                    assert marks[i][0] == marks[i][1]
                if len(cells) == 1:
                    assert marks[0][j] == marks[1][j]
        assert not disclosed(grid, marks, 5, strict=True)


def test_bounds_from_another_table_are_taken_into_account():
    # People per week: 3, 5, 50, 60. If the reader knows from the messages table that
    # week 2 had 5 messages (so at most 5 people), hiding 3 and 5 together pins the 3:
    # 8 - 5 = 3.
    cells = [[3], [5], [50], [60]]
    grid = with_totals(cells)
    plain = suppress(cells, 5, strict=True, cleanup=True)
    assert [row[0] for row in plain] == [SMALL, HIDDEN, SHOWN, SHOWN, SHOWN]
    limits = {(1, 0): (0, 5), (1, 1): (0, 5)}
    marks = suppress(cells, 5, strict=True, cleanup=True, limits=limits)
    assert [row[0] for row in marks] != [row[0] for row in plain]
    from tests.stats.attacker import Attack

    for chosen, pinned in ((plain, True), (marks, False)):
        attack = Attack(5)
        attack.table("people", grid, chosen)
        attack.values[("messages", 1, 0)] = 5
        attack.marks[("messages", 1, 0)] = SHOWN
        attack.no_more([("people", 1, 0)], [("messages", 1, 0)])
        assert bool(attack.disclosed(strict=True)) == pinned
