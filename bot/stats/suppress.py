"""Small-cell suppression for a two-way table and its totals.

The table is R rows × C columns of counts, with a total for each row, a total for each
column and a grand total: an (R+1) × (C+1) grid whose last row and last column are the
totals. Every entry of that grid ends up with one of three marks:

- ``SHOWN``: printed as is;
- ``SMALL``: a count from 1 to k-1 (primary suppression), printed ``<k``;
- ``HIDDEN``: hidden to protect a small one (complementary suppression), printed ``x``
  (rarely a small count itself: see step 4).

What an attacker knows: every shown entry, that each row and column adds up to its
total, that a ``<k`` entry is between 1 and k-1, and that an ``x`` entry is 0 or at least
k (or, rarely, a small count: step 4), plus any bounds other tables of the same report
give (``limits``: "typed messages are at most all messages"). What we guarantee: no
``<k`` entry can be worked out exactly, and no set of hidden entries whose sum can be
worked out adds up to a small count. In strict mode (``--publish``), no ``x`` can be
worked out either: every hidden entry that is not zero could take another value.

Why cycles: think of rows and columns (totals included) as the nodes of a graph and
each entry as an edge between its row and its column. Adding +d and -d in turn to the
entries around a cycle of hidden entries changes no total, so every value on such a
cycle is uncertain. An entry that lies on no cycle of hidden entries (a bridge) is
fixed by the totals: it can be computed. (Writing the totals with a minus sign, every
node's relation is "the signed entries at this node sum to zero", and the solutions
with all shown entries fixed are exactly the cycle space of the hidden graph.)

The entries to protect are the SMALL ones (in strict mode: every hidden non-zero one).
The algorithm, repeated until nothing changes:

1. Primary: mark SMALL every entry (totals included) from 1 to k-1.
2. Lines: for each row and each column whose total is shown and which holds an entry
   to protect, anyone can compute the sum S of its hidden entries. That line needs more
   hiding when it has a single hidden non-zero entry (the plain difference: total minus
   the others) or when S, over a SMALL entry, is itself a small count (0 < S < k). The
   fix: hide the cheapest non-zero shown entry of the line (the total if there is none).
3. Cycles: for each entry to protect that lies on no cycle of hidden entries, hide the
   cheapest path of shown entries that joins its row to its column (Dijkstra; zeros are
   used only when there is no other way, because a hidden zero protects nothing once
   known).
4. Audit (only when steps 2 and 3 changed nothing): the bounds can still pin an entry
   on a cycle, when the entries around it have no room to move (an ``x`` that cannot go
   below k, a ``<k`` already at 1). The true values are one solution of what the
   attacker knows; an entry can be one more (or one less) exactly when a cycle through
   it lets every other entry move by one within its bounds: a path in the residual
   graph of that solution (the textbook test for a circulation, exact for whole numbers
   because the constraints are totally unimodular). If it can move neither way, hide
   the cheapest non-zero shown entry of its row or column, and go back to step 2. When
   its row and column hold nothing but small counts (four ones and their total of 4,
   with k = 5), the "<k" bounds alone pin them: then one of them, a total first, is
   shown ``x`` instead of ``<k``, which tells less.
5. Cleanup (``cleanup=True``): the greedy steps may hide more than needed. Each entry
   hidden in steps 2-4, the costliest first, is shown again when the table stays
   protected without it (the same exact test as step 4, on every entry to protect).

"Cheapest" follows ``cost`` (default: the entry's value, so little is lost); the report
passes costs that keep its key figures (see ``bot.stats.publish``). Every step but the
cleanup only hides more, so it ends; at worst everything is hidden. The result is
deterministic: the same table always gives the same marks.
"""

from __future__ import annotations

import heapq
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"
ZERO_COST = 10**15  # a zero is hidden only when no path of non-zero entries exists
NO_LIMIT = 10**18  # the most an "x" could be, as far as the attacker knows

Entry = tuple[int, int]  # (row, column) in the grid with totals
Node = tuple[str, int]  # ("r", row) or ("c", column)
Cost = Callable[[Entry, int], float]  # (entry, value) -> what hiding it loses
Limits = Mapping[Entry, tuple[int, int]]  # bounds another table gives on an entry


def with_totals(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The (R+1) × (C+1) grid: ``cells``, each row's total, each column's total, the sum."""
    rows = [[*row, sum(row)] for row in cells]
    width = len(rows[0]) if rows else 1
    return [*rows, [sum(row[j] for row in rows) for j in range(width)]]


def by_value(_entry: Entry, value: int) -> float:
    """The default cost of hiding an entry: its value."""
    return value


def suppress(
    cells: Sequence[Sequence[int]],
    k: int,
    *,
    strict: bool = False,
    cost: Cost = by_value,
    limits: Limits | None = None,
    cleanup: bool = False,
    hidden: Iterable[Entry] = (),
    first: Iterable[Entry] = (),
) -> list[list[str]]:
    """The mark of every entry of ``with_totals(cells)`` (see the module docstring).

    Args:
        cells: R × C non-negative counts (R, C ≥ 1).
        k: the smallest count shown; 1 turns suppression off.
        strict: protect every hidden non-zero entry, not only the small ones.
        cost: what hiding an entry of the grid loses (the cheapest are hidden first).
        limits: bounds (least, most) the reader knows on entries from elsewhere.
        cleanup: show again the entries hidden by the greedy steps that are not needed.
        hidden: entries to hide from the start (an earlier pass hid them), never shown
            again by the cleanup.
        first: entries to hide from the start that the cleanup may show again (a
            starting point the caller prefers: see ``bot.stats.protect``).
    """
    grid = with_totals(cells)
    marks = [[SMALL if 0 < v < k else SHOWN for v in row] for row in grid]
    if k > 1:
        table = _Table(grid, marks, k, strict, cost, limits or {})
        for entry in hidden:
            if not table.hidden(entry):
                table.hide(entry)
        table.added.clear()
        for entry in first:
            if not table.hidden(entry) and table.value(entry) > 0:
                table.hide(entry)
        table.protect()
        if cleanup:
            table.clean_up()
    return marks


def holds(
    cells: Sequence[Sequence[int]],
    marks: list[list[str]],
    k: int,
    *,
    strict: bool = False,
    limits: Limits | None = None,
) -> bool:
    """Whether ``marks`` protect ``cells`` (as ``suppress`` would), given ``limits``."""
    grid = with_totals(cells)
    table = _Table(grid, [list(row) for row in marks], k, strict, by_value, limits or {})
    return table.protected()


class _Table:
    """The grid, its marks, and the graph of its hidden entries (kept up to date)."""

    def __init__(
        self,
        grid: list[list[int]],
        marks: list[list[str]],
        k: int,
        strict: bool,
        cost: Cost,
        limits: Limits,
    ) -> None:
        self.grid, self.marks, self.k, self.strict = grid, marks, k, strict
        self.cost, self.limits = cost, limits
        self.last_row, self.last_col = len(grid) - 1, len(grid[0]) - 1
        self.graph: dict[Node, set[Entry]] = defaultdict(set)  # node -> hidden entries at it
        self.free: set[Entry] = set()  # entries known not to be pinned (while only hiding)
        self.stuck: set[Entry] = set()  # pinned by outside limits, nothing left to hide
        self.added: list[Entry] = []  # hidden by steps 2-4, in order
        self._residual: dict[Entry, tuple[Node, Node, int, int]] = {}
        for i, row in enumerate(marks):
            for j, mark in enumerate(row):
                if mark != SHOWN:
                    self._link((i, j))

    def protect(self) -> None:
        """Steps 2 to 4 until nothing changes."""
        while self.protect_lines() | self.protect_cycles() or self.audit():
            pass

    def hidden(self, entry: Entry) -> bool:
        return self.marks[entry[0]][entry[1]] != SHOWN

    def small(self, entry: Entry) -> bool:
        return self.marks[entry[0]][entry[1]] == SMALL

    def value(self, entry: Entry) -> int:
        return self.grid[entry[0]][entry[1]]

    def guarded(self, entry: Entry) -> bool:
        """Whether ``entry`` must not be computable: a small count, or (strict) any x."""
        if self.small(entry):
            return True
        return self.strict and self.hidden(entry) and self.value(entry) > 0

    def twins(self, entry: Entry) -> set[Entry]:
        """``entry`` and the entries that repeat it.

        With a single column, each row's total is its one cell (and with a single row,
        each column's total): they are shown or hidden together, else the one shown
        would give the other away.
        """
        rows = {entry[0], self.last_row - entry[0]} if self.last_row == 1 else {entry[0]}
        cols = {entry[1], self.last_col - entry[1]} if self.last_col == 1 else {entry[1]}
        return {(i, j) for i in rows for j in cols}

    def hide(self, entry: Entry) -> None:
        """Mark ``entry`` HIDDEN (also a SMALL one: it then shows as ``x``)."""
        for twin in sorted(self.twins(entry)):
            if not self.hidden(twin):
                self.added.append(twin)
            self.marks[twin[0]][twin[1]] = HIDDEN
            self._residual.pop(twin, None)
            self._link(twin)

    def show(self, entry: Entry) -> None:
        """Undo ``hide`` for an entry that was SHOWN at first (the cleanup)."""
        for twin in self.twins(entry):
            self.marks[twin[0]][twin[1]] = SHOWN
            self._residual.pop(twin, None)
            self.graph[("r", twin[0])].discard(twin)
            self.graph[("c", twin[1])].discard(twin)

    def _link(self, entry: Entry) -> None:
        self.graph[("r", entry[0])].add(entry)
        self.graph[("c", entry[1])].add(entry)

    @staticmethod
    def other_end(node: Node, entry: Entry) -> Node:
        return ("c", entry[1]) if node[0] == "r" else ("r", entry[0])

    def entries(self) -> list[Entry]:
        return [(i, j) for i in range(self.last_row + 1) for j in range(self.last_col + 1)]

    def price(self, entry: Entry) -> float:
        """What hiding a shown entry costs (zeros last: they protect nothing once known)."""
        value = self.value(entry)
        return self.cost(entry, value) if value > 0 else ZERO_COST

    def cheapest(self, entries: list[Entry]) -> Entry | None:
        """The cheapest non-zero shown entry among ``entries``."""
        shown = [e for e in entries if not self.hidden(e) and self.value(e) > 0]
        return min(shown, key=lambda e: (self.price(e), e), default=None)

    # --- 2. lines ------------------------------------------------------------------

    def lines(self) -> list[tuple[list[Entry], Entry]]:
        """Every row and column: its entries and its total."""
        rows = [
            ([(i, j) for j in range(self.last_col)], (i, self.last_col))
            for i in range(self.last_row + 1)
        ]
        cols = [
            ([(i, j) for i in range(self.last_row)], (self.last_row, j))
            for j in range(self.last_col + 1)
        ]
        return rows + cols

    def protect_lines(self) -> bool:
        changed = False
        for entries, total in self.lines():
            while self.exposed(entries, total):
                self.hide(self.cheapest(entries) or total)
                changed = True
        return changed

    def exposed(self, entries: list[Entry], total: Entry) -> bool:
        """True when the line's total gives away a guarded entry or a small group."""
        if self.hidden(total):
            return False
        hidden = [e for e in entries if self.hidden(e)]
        if not any(self.guarded(e) for e in hidden):
            return False
        known_sum = sum(self.value(e) for e in hidden)
        if any(self.small(e) for e in hidden) and known_sum < self.k:
            return True
        return sum(self.value(e) > 0 for e in hidden) == 1

    # --- 3. cycles -----------------------------------------------------------------

    def protect_cycles(self) -> bool:
        changed = False
        for entry in self.bridges():  # an earlier path in this loop may have closed a cycle
            if self.guarded(entry) and not self.on_cycle(entry):
                for extra in self.cheapest_path(entry):
                    self.hide(extra)
                changed = True
        return changed

    def bridges(self) -> list[Entry]:
        """The hidden entries on no cycle of hidden entries (Tarjan, without recursion)."""
        order: dict[Node, int] = {}
        low: dict[Node, int] = {}
        found: list[Entry] = []
        for root in list(self.graph):
            if root in order:
                continue
            order[root] = low[root] = len(order)
            stack: list[tuple[Node, Entry | None, Iterator[Entry]]]
            stack = [(root, None, iter(sorted(self.graph[root])))]
            while stack:
                node, via, todo = stack[-1]
                entry = next(todo, None)
                if entry is None:
                    stack.pop()
                    if stack and via is not None:
                        parent = stack[-1][0]
                        low[parent] = min(low[parent], low[node])
                        if low[node] > order[parent]:
                            found.append(via)
                    continue
                if entry == via:
                    continue
                other = self.other_end(node, entry)
                if other in order:
                    low[node] = min(low[node], order[other])
                else:
                    order[other] = low[other] = len(order)
                    stack.append((other, entry, iter(sorted(self.graph[other]))))
        return sorted(found)

    def on_cycle(self, entry: Entry) -> bool:
        """Whether the row and column of ``entry`` are joined by other hidden entries."""
        start, goal = ("r", entry[0]), ("c", entry[1])
        seen, queue = {start}, deque([start])
        while queue:
            node = queue.popleft()
            for edge in self.graph[node]:
                other = self.other_end(node, edge)
                if edge != entry and other not in seen:
                    if other == goal:
                        return True
                    seen.add(other)
                    queue.append(other)
        return False

    def cheapest_path(self, entry: Entry) -> list[Entry]:
        """The shown entries to hide so that ``entry`` lies on a cycle (Dijkstra)."""
        start, goal = ("r", entry[0]), ("c", entry[1])
        best: dict[Node, float] = {start: 0}
        came: dict[Node, tuple[Node, Entry]] = {}
        queue: list[tuple[float, Node]] = [(0, start)]
        while queue:
            cost, node = heapq.heappop(queue)
            if node == goal:
                break
            if cost > best[node]:
                continue
            for edge in self.line_of(node):
                if edge == entry:
                    continue
                other = self.other_end(node, edge)
                step = 0 if self.hidden(edge) else self.price(edge)
                if other not in best or cost + step < best[other]:
                    best[other] = cost + step
                    came[other] = (node, edge)
                    heapq.heappush(queue, (cost + step, other))
        path, node = [], goal
        while node != start:
            node, edge = came[node]
            if not self.hidden(edge):
                path.append(edge)
        return path

    def line_of(self, node: Node) -> list[Entry]:
        """Every entry (shown or not) of a row or a column."""
        kind, index = node
        if kind == "r":
            return [(index, j) for j in range(self.last_col + 1)]
        return [(i, index) for i in range(self.last_row + 1)]

    # --- 4. audit --------------------------------------------------------------------

    def audit(self) -> bool:
        """Loosen every guarded entry the bounds pin; False when none is pinned.

        Hiding more only widens bounds, so an entry found free stays free: it is not
        checked again (``self.free``).
        """
        changed = False
        for entry in self.entries():
            if self.guarded(entry) and entry not in self.free and entry not in self.stuck:
                if self.pinned(entry):
                    changed = self.loosen(entry) or changed
                else:
                    self.free.add(entry)
        return changed

    def pinned(self, entry: Entry) -> bool:
        """True when the published table allows no other value for ``entry``."""
        tail, head = self.ends(entry)
        value = self.value(entry)
        low, high = self.bounds(entry)
        up = value + 1 <= high and self.reachable(head, tail, entry)
        down = value - 1 >= low and self.reachable(tail, head, entry)
        return not (up or down)

    def reachable(self, start: Node, goal: Node, skip: Entry) -> bool:
        """A path from ``start`` to ``goal`` in the residual graph of the true values."""
        seen, queue = {start}, deque([start])
        while queue:
            node = queue.popleft()
            for edge in self.graph[node]:
                if edge == skip:
                    continue
                tail, head, up, down = self.residual(edge)
                other, room = (head, up) if tail == node else (tail, down)
                if room > 0 and other not in seen:
                    if other == goal:
                        return True
                    seen.add(other)
                    queue.append(other)
        return False

    def residual(self, entry: Entry) -> tuple[Node, Node, int, int]:
        """Tail, head, and how much a hidden entry could go up and down."""
        if entry not in self._residual:
            low, high = self.bounds(entry)
            value = self.value(entry)
            self._residual[entry] = (*self.ends(entry), high - value, value - low)
        return self._residual[entry]

    def bounds(self, entry: Entry) -> tuple[int, int]:
        """What the attacker may know of a hidden entry, taken at its strongest.

        "<k" is 1..k-1; an "x" over a count of k or more is at least k; an "x" over a
        small count (see ``loosen``) is at least 1; an "x" over a zero is taken as known
        to be 0 (a hidden zero protects nothing). Limits from other tables narrow these.
        """
        value = self.value(entry)
        if self.small(entry):
            low, high = 1, self.k - 1
        elif value == 0:
            return 0, 0
        else:
            low, high = (self.k if value >= self.k else 1), NO_LIMIT
        if entry in self.limits:
            least, most = self.limits[entry]
            low, high = max(low, least), min(high, most)
        return low, high

    def ends(self, entry: Entry) -> tuple[Node, Node]:
        """Tail and head of an entry, so that every node conserves its flow.

        Cells and the grand total run row → column; row and column totals column → row.
        """
        i, j = entry
        if (i == self.last_row) != (j == self.last_col):
            return ("c", j), ("r", i)
        return ("r", i), ("c", j)

    def loosen(self, entry: Entry) -> bool:
        """Give a pinned entry room: hide a shown neighbour, else stop saying "<k" nearby.

        False when nothing is left to hide (only outside limits pin it).
        """
        i, j = entry
        row, col = self.line_of(("r", i)), self.line_of(("c", j))
        inner = [e for e in row + col if e[0] < self.last_row and e[1] < self.last_col]
        extra = self.cheapest(inner) or self.cheapest(row + col)
        if extra is None:
            totals = [(i, self.last_col), (self.last_row, j)]
            smalls = [e for e in totals + row + col if self.small(e)]
            extra = next((e for e in smalls if e != entry), entry if self.small(entry) else None)
        if extra is None:
            extra = self.cheapest(self.entries())
        if extra is None:
            self.stuck.add(entry)
            return False
        self.hide(extra)
        return True

    # --- 5. cleanup -------------------------------------------------------------------

    def protected(self) -> bool:
        """The whole check: no exposed line and no guarded entry pinned."""
        if any(self.exposed(entries, total) for entries, total in self.lines()):
            return False
        return not any(
            self.pinned(e) for e in self.entries() if self.guarded(e) and e not in self.stuck
        )

    def clean_up(self) -> None:
        """Show again, the costliest first, each added entry the table can do without."""
        if not self.protected():
            return  # stuck on outside limits: leave everything hidden
        candidates = sorted(
            {e for e in self.added if not self.small(e) and self.value(e) > 0},
            key=lambda e: (-self.price(e), e),
        )
        for entry in candidates:
            if self.grid[entry[0]][entry[1]] < self.k or not self.hidden(entry):
                continue  # a small count shown as x stays x
            self.show(entry)
            if not self.protected():
                self.hide(entry)
