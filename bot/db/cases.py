"""Open cases in the database, sealed (``bot.cases``): the table behind ``CaseStore``.

Only sealed bytes, a random row id and a day are written; the database never holds a
chat id, a topic id or a reference code in clear. Rows not written for longer than the
longest a case may stay open are deleted at start, even when no key can open them.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.cases import CaseStore, sealer_from_key
from bot.config import Settings
from bot.db.database import Database, open_database
from bot.db.tables import open_cases
from bot.db.upsert import put

log = logging.getLogger(__name__)


class SqlCaseTable:
    """``CaseTable`` on SQLite or PostgreSQL (blocking: the store calls it off the loop)."""

    def __init__(
        self, database: Database | Engine, *, keep_days: int, migrated: bool = True
    ) -> None:
        self._database = Database.of(database, migrated)
        self._engine = self._database.engine
        self._keep_days = keep_days

    def read_all(self) -> dict[str, bytes]:
        """Every row, after deleting those too old to belong to an open case."""
        self._ready()
        oldest = dt.date.today() - dt.timedelta(days=self._keep_days + 1)
        with self._engine.begin() as conn:
            conn.execute(delete(open_cases).where(open_cases.c.written_on < oldest))
            rows = conn.execute(select(open_cases.c.row_key, open_cases.c.sealed)).all()
        return {str(row_id): bytes(sealed) for row_id, sealed in rows}

    def write(self, changes: dict[str, bytes | None]) -> None:
        """Store or delete each row, in one transaction."""
        self._ready()
        today = dt.date.today()
        with self._engine.begin() as conn:
            for row_id, sealed in changes.items():
                if sealed is None:
                    conn.execute(delete(open_cases).where(open_cases.c.row_key == row_id))
                else:
                    put(
                        conn,
                        open_cases,
                        {"row_key": row_id, "sealed": sealed, "written_on": today},
                    )

    def close(self) -> None:
        """Release the connections."""
        self._engine.dispose()

    def _ready(self) -> None:
        self._database.ensure_migrated()  # the database may have been down at start


def open_case_store(settings: Settings, database: Database | None = None) -> CaseStore:
    """Cases sealed in the database when CASE_KEY is set, else in memory (said once).

    Raises:
        ConfigError: CASE_KEY is malformed, or DATABASE_URL is not supported.
    """
    key = settings.case_key.reveal()
    if not key:
        log.warning(
            "CASE_KEY is not set: open cases with caseworkers are kept in memory only "
            "and are lost when the bot restarts"
        )
        return CaseStore()
    sealer = sealer_from_key(key)
    if database is None:
        database = open_database(settings)
        database.try_migrate()
    return CaseStore(SqlCaseTable(database, keep_days=settings.case_ttl_days), sealer)
