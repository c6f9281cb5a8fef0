"""The bot's one database: an engine on ``DATABASE_URL``, migrated once.

The stats recorder, the language preferences and the open cases share it
(``open_database``): one pool of connections, one migration at start. When the
database is down at start, the first store that writes migrates it (once, under a lock).
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.db.engine import make_engine

log = logging.getLogger(__name__)


class Database:
    """An engine and whether its tables are up to date."""

    def __init__(self, engine: Engine, *, migrated: bool = False) -> None:
        self.engine = engine
        self.migrated = migrated
        self._lock = threading.Lock()

    @classmethod
    def of(cls, engine_or_database: Engine | Database, migrated: bool = True) -> Database:
        """``engine_or_database`` as a Database (an engine alone: tests, tools)."""
        if isinstance(engine_or_database, Database):
            return engine_or_database
        return cls(engine_or_database, migrated=migrated)

    def ensure_migrated(self) -> None:
        """Apply the migrations if they were not (blocking: call it off the event loop).

        Raises:
            SQLAlchemyError: the database cannot be reached.
        """
        if self.migrated:
            return
        with self._lock:
            if not self.migrated:
                from bot.db.migrate import upgrade  # alembic: imported only when needed

                upgrade(self.engine)
                self.migrated = True

    def try_migrate(self) -> bool:
        """Migrate now if the database answers; False (logged) if it does not."""
        from sqlalchemy.exc import SQLAlchemyError

        try:
            self.ensure_migrated()
        except SQLAlchemyError as exc:
            log.warning(
                "database unavailable at start (%s); retried on first write", type(exc).__name__
            )
            return False
        return True

    def dispose(self) -> None:
        """Close the pool's connections."""
        self.engine.dispose()


def open_database(settings: Settings) -> Database:
    """The database of ``DATABASE_URL``, not migrated yet (``try_migrate`` does it)."""
    return Database(make_engine(settings.database_url))
