"""What the fronts need from storage, as protocols, with in-memory stand-ins.

The real implementations (SQLAlchemy, buffered) are ``bot.stats.recorder`` and
``bot.db.preferences``; the Telegram front and the tests depend only on these protocols.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from bot.engine import Event


class Recorder(Protocol):
    """Counts events. ``record`` never blocks and never raises: a reply never waits."""

    @property
    def database_up(self) -> bool:
        """False while the last write failed (counts are kept until it is back)."""

    @property
    def buffered(self) -> int:
        """Events counted and not written yet."""

    def record(self, events: Iterable[Event], user_id: int | None = None) -> None:
        """Buffer ``events``; ``user_id`` only feeds the in-memory daily unique count."""

    async def start(self) -> None:
        """Start the periodic flush."""

    async def stop(self) -> None:
        """Flush what is buffered and stop."""


class Preferences(Protocol):
    """The language each person chose, keyed by a keyed hash of their id, deletable."""

    async def get(self, user_id: int) -> str | None:
        """The stored language, or None."""

    async def set(self, user_id: int, lang: str) -> None:
        """Store the language."""

    async def delete(self, user_id: int) -> None:
        """Forget the language."""

    async def flush(self) -> bool:
        """Write what was kept while the database was down; True when nothing is left."""


class NullRecorder:
    """Counts nothing (console chat, `bot ask`: staff previews are not usage)."""

    database_up = True
    buffered = 0

    def record(self, events: Iterable[Event], user_id: int | None = None) -> None:
        """Drop the events."""

    async def start(self) -> None:
        """Nothing to start."""

    async def stop(self) -> None:
        """Nothing to flush."""


class MemoryPreferences:
    """Preferences kept in memory only (used when no PREFERENCE_KEY is set)."""

    def __init__(self) -> None:
        self._langs: dict[int, str] = {}

    async def get(self, user_id: int) -> str | None:
        """The language chosen in this process, or None."""
        return self._langs.get(user_id)

    async def set(self, user_id: int, lang: str) -> None:
        """Remember until the process stops."""
        self._langs[user_id] = lang

    async def delete(self, user_id: int) -> None:
        """Forget."""
        self._langs.pop(user_id, None)

    async def flush(self) -> bool:
        """Nothing to write."""
        return True
