"""The open cases: an index in memory, and the same cases sealed in the database.

Memory is the truth while the bot runs: relaying never waits on the database. Every
change is queued and written (sealed) by ``flush``: at once when a case opens or
closes, every few seconds otherwise, and at a clean stop. A database that is down
costs nothing but durability: the queue is written when it comes back. Without a table
(no CASE_KEY), cases live in memory only and are forgotten at restart.

Writes are serialized, so a slow write can never land after a newer one (a closed case
never comes back).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

from bot.cases.model import Case
from bot.cases.sealing import CaseSealer

log = logging.getLogger(__name__)

TOUCH_EVERY = 3600.0  # write a case's last activity at most this often (expiry is in days)
WAIT_FOR_WRITE = 2.0  # how long opening a case waits for the database before going on


class CaseTable(Protocol):
    """Where sealed cases are kept: ``{row id: sealed bytes}``; blocking calls."""

    def read_all(self) -> dict[str, bytes]:
        """Every stored row."""

    def write(self, changes: dict[str, bytes | None]) -> None:
        """Store each sealed row, or delete it (None), in one transaction."""


class CaseStore:
    """Open cases, found by the person's chat or by the staff topic."""

    def __init__(self, table: CaseTable | None = None, sealer: CaseSealer | None = None):
        if (table is None) != (sealer is None):
            raise ValueError("a table needs a sealer, and a sealer a table")
        self._table = table
        self._sealer = sealer
        self._by_chat: dict[int, Case] = {}
        self._by_topic: dict[tuple[int, int], Case] = {}
        self._pending: dict[str, Case | None] = {}
        self._written_activity: dict[str, float] = {}
        self._lock = asyncio.Lock()
        self._failing = False

    @property
    def durable(self) -> bool:
        """True when cases survive a restart (CASE_KEY set and a table)."""
        return self._table is not None

    @property
    def pending(self) -> int:
        """Changes not written yet."""
        return len(self._pending)

    def __len__(self) -> int:
        return len(self._by_chat)

    def all(self) -> list[Case]:
        """Every open case."""
        return list(self._by_chat.values())

    def of_chat(self, chat_id: int) -> Case | None:
        """The open case of a person's chat."""
        return self._by_chat.get(chat_id)

    def of_topic(self, staff_chat: int, topic_id: int | None) -> Case | None:
        """The open case of a staff topic (None for a topic that is no case)."""
        if topic_id is None:
            return None
        return self._by_topic.get((staff_chat, topic_id))

    async def load(self) -> int:
        """Read the stored cases (at start); rows no key can open are deleted."""
        if self._table is None or self._sealer is None:
            return 0
        rows = await asyncio.to_thread(self._table.read_all)
        unreadable = 0
        for row_id, sealed in rows.items():
            case = self._sealer.unseal(sealed)
            if case is None or case.row_id != row_id:
                self._pending[row_id] = None
                unreadable += 1
                continue
            self._index(case)
            self._written_activity[row_id] = case.last_activity
        if unreadable:
            log.warning("cases: %d stored case(s) could not be opened with CASE_KEY", unreadable)
            await self.flush()
        return len(self._by_chat)

    async def add(self, case: Case) -> None:
        """Open ``case`` (a person has one case at most: an older one is replaced)."""
        old = self._by_chat.get(case.chat_id)
        if old is not None:
            self._unindex(old)
            self._pending[old.row_id] = None
        self._index(case)
        self._pending[case.row_id] = case
        await self._flush_soon()

    async def remove(self, case: Case) -> None:
        """Close ``case``: gone from memory now, from the database with the next write."""
        if self._by_chat.get(case.chat_id) is case:
            self._unindex(case)
        self._pending[case.row_id] = None
        self._written_activity.pop(case.row_id, None)
        await self._flush_soon()

    def touch(self, case: Case, now: float | None = None) -> None:
        """Note activity on ``case`` (written lazily: expiry counts in days)."""
        case.last_activity = time.time() if now is None else now
        written = self._written_activity.get(case.row_id, case.opened_at)
        if case.last_activity - written >= TOUCH_EVERY:
            self.changed(case)

    def changed(self, case: Case) -> None:
        """Queue ``case`` for the next write (after changing one of its fields)."""
        if self._by_chat.get(case.chat_id) is case:
            self._pending[case.row_id] = case

    def idle_since(self, cutoff: float) -> list[Case]:
        """The cases with no message since ``cutoff`` (Unix time)."""
        return [c for c in self._by_chat.values() if c.last_activity < cutoff]

    async def flush(self) -> bool:
        """Write the queued changes; False (and kept queued) when the database fails."""
        async with self._lock:
            if self._table is None or self._sealer is None:
                self._pending.clear()
                return True
            if not self._pending:
                return True
            batch = dict(self._pending)
            sealer = self._sealer
            rows = {rid: (sealer.seal(c) if c else None) for rid, c in batch.items()}
            try:
                await asyncio.to_thread(self._table.write, rows)
            except Exception as exc:  # any database error: keep the queue, try later
                if not self._failing:
                    log.warning("cases: database unavailable (%s); kept in memory", _kind(exc))
                self._failing = True
                return False
            for row_id, case in batch.items():
                if self._pending.get(row_id) is case:
                    del self._pending[row_id]
                if case is not None:
                    self._written_activity[row_id] = case.last_activity
            if self._failing:
                log.info("cases: database available again; queued changes written")
            self._failing = False
            return True

    async def _flush_soon(self) -> None:
        """Write now, but never keep the person waiting more than ``WAIT_FOR_WRITE``."""
        if self._table is None:
            self._pending.clear()
            return
        try:
            await asyncio.wait_for(asyncio.shield(self.flush()), WAIT_FOR_WRITE)
        except TimeoutError:
            log.warning("cases: the database is slow; the change stays queued")

    def _index(self, case: Case) -> None:
        self._by_chat[case.chat_id] = case
        self._by_topic[(case.staff_chat, case.topic_id)] = case

    def _unindex(self, case: Case) -> None:
        self._by_chat.pop(case.chat_id, None)
        self._by_topic.pop((case.staff_chat, case.topic_id), None)


def _kind(exc: Exception) -> str:
    return type(exc).__name__
