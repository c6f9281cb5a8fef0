"""The stats recorder: counts events off the reply path, writes them every few seconds.

``record`` only adds to an in-memory buffer (microseconds, never raises). A task started
by ``start`` writes the buffer every ``interval`` seconds on a worker thread, in one
transaction; ``stop`` writes what is left. When the database is down the counts stay
in the buffer (aggregated by key, bounded) and are written when it comes back: a batch
is put back whole when its transaction fails, and removed only once committed.

One case cannot be told apart: a commit that succeeded but whose acknowledgement was
lost (the connection broke during COMMIT). The batch is then put back and written
again; this needs the network to fail at that exact moment.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Iterable

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.migrate import try_upgrade, upgrade
from bot.engine import Event
from bot.stats.buffer import MAX_KEYS, Batch, CountBuffer
from bot.stats.keys import count_key
from bot.stats.people import DailyPeople
from bot.stats.periods import utc_today
from bot.stats.store import write_batch

log = logging.getLogger(__name__)

STOP_DEADLINE = 3.0  # seconds the last write may take at shutdown

FLUSH_SECONDS = 1.0


class StatsRecorder:
    """Buffers counts and writes them periodically (implements ``bot.storage.Recorder``).

    Args:
        engine: where counts go.
        interval: seconds between writes.
        max_keys: the most distinct keys kept while the database is unreachable.
        today: the clock (UTC day); tests pass their own.
        migrated: False when migrations still have to run before the first write.
        owns_engine: dispose of the engine on ``stop``.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        interval: float = FLUSH_SECONDS,
        max_keys: int = MAX_KEYS,
        today: Callable[[], dt.date] = utc_today,
        migrated: bool = True,
        owns_engine: bool = False,
    ) -> None:
        self.engine = engine
        self.interval = interval
        self.buffer = CountBuffer(max_keys)
        self._today = today
        self._people = DailyPeople()
        self._migrated = migrated
        self._owns_engine = owns_engine
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._flush_lock = asyncio.Lock()
        self._failing = False
        self._warned_full = False
        self._warned_invalid = False
        self.written = 0  # events committed since start

    # --- the reply path ------------------------------------------------------------

    def record(self, events: Iterable[Event], user_id: int | None = None) -> None:
        """Count ``events``; ``user_id`` only feeds today's in-memory unique count."""
        try:
            day = self._today()
            keys = [count_key(day, event) for event in events]
            valid = [key for key in keys if key is not None]
            if len(valid) < len(keys):
                self._warn_invalid(len(keys) - len(valid))
            new_person = user_id is not None and self._people.first_today(day, user_id)
            if not self.buffer.add(valid, day if new_person else None):
                self._warn_full()
        except Exception as exc:  # a reply must never fail because of counting
            log.warning("stats: events not counted (%s)", type(exc).__name__)

    @property
    def database_up(self) -> bool:
        """False while the last write failed (counts are kept until it is back)."""
        return not self._failing

    @property
    def buffered(self) -> int:
        """Events counted and not written yet."""
        return self.buffer.events

    # --- the periodic write --------------------------------------------------------

    async def start(self) -> None:
        """Start writing every ``interval`` seconds."""
        if self._task is None:
            self._stopping.clear()
            self._task = asyncio.create_task(self._run(), name="stats-recorder")

    async def stop(self) -> None:
        """Write what is buffered and stop (the engine is disposed if we made it).

        Bounded: a database that does not answer costs at most ``STOP_DEADLINE``
        seconds, and the counts still buffered are named in the log.
        """
        written = False
        try:
            if self._task is not None:
                self._stopping.set()
                await asyncio.wait_for(self._task, STOP_DEADLINE)
                self._task = None
            written = await asyncio.wait_for(self.flush(), STOP_DEADLINE)
        except TimeoutError:
            log.warning("stats: the database did not answer at shutdown")
        if not written and self.buffer.events:
            log.warning(
                "stats: database unavailable at shutdown; %d events not written",
                self.buffer.events,
            )
        if self._owns_engine:
            self.engine.dispose()

    async def flush(self) -> bool:
        """Write the buffer now; False when the database could not take it (kept)."""
        async with self._flush_lock:
            self._people.roll(self._today())  # destroys yesterday's key even without traffic
            batch = self.buffer.take()
            if not batch:
                return True
            try:
                await asyncio.to_thread(self._write, batch)
            except (IntegrityError, DataError) as exc:  # a bug: retrying would never succeed
                log.error(
                    "stats: %d events refused by the database (%s)",
                    batch.events,
                    type(exc).__name__,
                )
                return False
            except SQLAlchemyError as exc:
                self.buffer.put_back(batch)
                self._warn_down(exc)
                return False
            self.written += batch.events
            if self._failing:
                log.info("stats: database available again; buffered counts written")
                self._failing = False
            return True

    async def _run(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.interval)
            if not self._stopping.is_set():
                await self.flush()

    def _write(self, batch: Batch) -> None:
        if not self._migrated:
            upgrade(self.engine)
            self._migrated = True
        write_batch(self.engine, batch)

    # --- warnings, each once until things are well again -------------------------

    def _warn_down(self, exc: Exception) -> None:
        if not self._failing:
            log.warning(
                "stats: database unavailable (%s); %d events kept in memory, will retry",
                type(exc).__name__,
                self.buffer.events,
            )
        self._failing = True

    def _warn_full(self) -> None:
        if not self._warned_full:
            log.warning(
                "stats: buffer full (%d keys): new kinds of events are being dropped",
                self.buffer.max_keys,
            )
            self._warned_full = True

    def _warn_invalid(self, n: int) -> None:
        if not self._warned_invalid:
            log.warning("stats: %d event(s) with a field that is not a code were not counted", n)
            self._warned_invalid = True


def open_recorder(settings: Settings, interval: float = FLUSH_SECONDS) -> StatsRecorder:
    """A recorder on ``settings.database_url``, with the migrations applied.

    If the database cannot be reached now, the bot still starts: counts are buffered and
    the migrations run before the first write that succeeds.
    """
    engine = make_engine(settings.database_url)
    migrated = try_upgrade(engine, "stats")
    return StatsRecorder(engine, interval=interval, migrated=migrated, owns_engine=True)
