"""The language each person chose, kept across restarts under a keyed hash of their id.

The key of a row is HMAC-SHA256(PREFERENCE_KEY, Telegram user id): without the secret
no one can tell whose row it is, and the id itself is never written. A person deletes
their row from the privacy menu (or with the quick exit). Rotating PREFERENCE_KEY makes
every stored row unreadable: run ``DELETE FROM language_preferences`` after doing so.

Database work runs on a worker thread (``asyncio.to_thread``) so the event loop never
waits on it. If the database fails, the change is kept in memory (bounded) and written
with the next change that succeeds: a deletion is never forgotten while the bot runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections import OrderedDict

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.migrate import try_upgrade, upgrade
from bot.db.tables import language_preferences as prefs
from bot.db.upsert import put
from bot.storage import MemoryPreferences, Preferences
from bot.topics import LANGUAGES

log = logging.getLogger(__name__)

MAX_PENDING = 10_000  # changes kept in memory while the database is down
WRITE_DEADLINE = 2.0  # seconds a change waits for the database before the bot goes on
_FORGET = ""  # a pending deletion


class SqlPreferences:
    """Preferences in the database, keyed by HMAC-SHA256 of the user id."""

    def __init__(self, engine: Engine, key: bytes, *, migrated: bool = True) -> None:
        if not key:
            raise ValueError("a preference key is required")
        self._engine = engine
        self._key = key
        self._migrated = migrated
        self._pending: OrderedDict[bytes, str] = OrderedDict()
        self._failing = False
        self._writing = asyncio.Lock()

    def digest(self, user_id: int) -> bytes:
        """The 32-byte keyed hash that stands for ``user_id`` in the table."""
        return hmac.new(self._key, str(int(user_id)).encode(), hashlib.sha256).digest()

    async def get(self, user_id: int) -> str | None:
        """The stored language, or None (also when the database cannot be read)."""
        digest = self.digest(user_id)
        if digest in self._pending:
            return self._pending[digest] or None
        try:
            lang = await asyncio.to_thread(self._read, digest)
        except SQLAlchemyError as exc:
            self._warn(exc)
            return None
        self._recovered()
        return lang if lang in LANGUAGES else None

    async def set(self, user_id: int, lang: str) -> None:
        """Store ``lang`` (one of the supported languages)."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        await self._change(self.digest(user_id), lang)

    async def delete(self, user_id: int) -> None:
        """Forget the language."""
        await self._change(self.digest(user_id), _FORGET)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    @property
    def pending(self) -> int:
        """Changes kept in memory, not written yet (the database was down)."""
        return len(self._pending)

    async def flush(self) -> bool:
        """Write the changes kept while the database was down; True when none is left.

        Called every few seconds by the bot and at a clean stop, so a choice made during
        an outage is written once the database is back, even if nobody changes anything.
        """
        if not self._pending:
            return True
        await self._write_pending()
        return not self._pending

    async def _change(self, digest: bytes, lang: str) -> None:
        self._pending[digest] = lang
        self._pending.move_to_end(digest)
        while len(self._pending) > MAX_PENDING:
            self._pending.popitem(last=False)
        try:  # the reply never waits long on the database: the change stays queued
            await asyncio.wait_for(asyncio.shield(self._write_pending()), WRITE_DEADLINE)
        except TimeoutError:
            self._warn(TimeoutError("slow database"))

    async def _write_pending(self) -> None:
        async with self._writing:  # one write at a time: an old one never lands last
            changes = dict(self._pending)
            if not changes:
                return
            try:
                await asyncio.to_thread(self._write, changes)
            except SQLAlchemyError as exc:
                self._warn(exc)
                return
            for done, value in changes.items():
                if self._pending.get(done) == value:
                    del self._pending[done]
            self._recovered()

    def _ready(self) -> None:
        if not self._migrated:  # the database was down at start
            upgrade(self._engine)
            self._migrated = True

    def _read(self, digest: bytes) -> str | None:
        self._ready()
        with self._engine.connect() as conn:
            return conn.execute(select(prefs.c.lang).where(prefs.c.digest == digest)).scalar()

    def _write(self, changes: dict[bytes, str]) -> None:
        self._ready()
        with self._engine.begin() as conn:
            for digest, lang in changes.items():
                if lang == _FORGET:
                    conn.execute(delete(prefs).where(prefs.c.digest == digest))
                else:
                    put(conn, prefs, {"digest": digest, "lang": lang})

    def _warn(self, exc: Exception) -> None:
        if not self._failing:
            log.warning(
                "language preferences: database unavailable (%s); kept in memory meanwhile",
                type(exc).__name__,
            )
        self._failing = True

    def _recovered(self) -> None:
        if self._failing:
            log.info("language preferences: database available again")
        self._failing = False


_warned_memory = False


def open_preferences(settings: Settings) -> Preferences:
    """SqlPreferences when PREFERENCE_KEY is set (migrations applied first), else memory.

    Without a key, choices are kept in memory only (lost at restart): a warning says so
    once per process.
    """
    global _warned_memory
    key = settings.preference_key.reveal()
    if not key:
        if not _warned_memory:
            log.warning(
                "PREFERENCE_KEY is not set: language choices are kept in memory only "
                "and forgotten at restart"
            )
            _warned_memory = True
        return MemoryPreferences()
    engine = make_engine(settings.database_url)
    migrated = try_upgrade(engine, "language preferences")
    return SqlPreferences(engine, key.encode(), migrated=migrated)
