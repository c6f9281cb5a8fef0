"""Open the database a report reads: it must already hold the bot's counts.

A report never creates a database. A wrong ``DATABASE_URL`` (a typo in a path, another
server, an empty database) would otherwise give a report of zeros that looks real. So
``open_counts`` checks, before anything is written, that the SQLite file exists and that
the ``event_counts`` table is there, and says which database it looked at (password
hidden) and what to do.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.tables import event_counts
from bot.errors import ConfigError

SECRET_PARAMETERS = ("password", "passwd", "sslpassword", "sslkey")
WHAT_TO_DO = (
    "Set DATABASE_URL to the database the bot writes to (the one `python -m bot run` "
    "uses), for instance DATABASE_URL=sqlite:///data/bot.sqlite3 or "
    "DATABASE_URL=postgresql://user@host/db."
)


class NoCounts(ConfigError):
    """The database named by DATABASE_URL does not exist or holds no counts."""


def shown_url(url: str | URL) -> str:
    """``url`` with its password (and any password in the query string) masked."""
    parsed = make_url(url) if isinstance(url, str) else url
    query = {
        key: ("***" if key.lower() in SECRET_PARAMETERS else value)
        for key, value in parsed.query.items()
    }
    return parsed.set(query=query).render_as_string(hide_password=True)


def open_counts(settings: Settings) -> Engine:
    """An engine on the bot's database, checked to hold the counts (migrated to the newest).

    Raises:
        NoCounts: the SQLite file does not exist, or the database has no counts table.
        ConfigError: the URL cannot be read, or the database cannot be reached.
    """
    try:
        url = make_url(settings.database_url)
    except ArgumentError:
        raise ConfigError("DATABASE_URL is not a database URL. " + WHAT_TO_DO) from None
    where = shown_url(url)
    if url.get_backend_name() == "sqlite":
        _check_sqlite_file(url, where)
    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            found = inspect(conn).has_table(event_counts.name)
        if not found:
            raise NoCounts(
                f"the database {where} holds no counts (no table {event_counts.name!r}): it "
                "is not the bot's database, or the bot never started on it. " + WHAT_TO_DO
            )
        upgrade(engine)  # the bot does the same at start; nothing is written when up to date
    except SQLAlchemyError as exc:
        engine.dispose()
        raise ConfigError(
            f"cannot read the database {where} ({type(exc).__name__}): is it running, and "
            "may this user read it? " + WHAT_TO_DO
        ) from None
    except NoCounts:
        engine.dispose()
        raise
    return engine


def _check_sqlite_file(url: URL, where: str) -> None:
    database = url.database or ""
    if database.startswith("file:"):
        return  # an SQLite URI: sqlite3 opens it as told
    if not database or database == ":memory:":
        raise NoCounts(f"{where} is a database in memory: it holds no counts. " + WHAT_TO_DO)
    path = Path(database).expanduser()
    if not path.is_file():
        raise NoCounts(
            f"no database at {where}: the file {path} does not exist (nothing was created). "
            + WHAT_TO_DO
        )
    try:  # read-only first: a file that is not the bot's is left exactly as it was
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as conn:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                (event_counts.name,),
            ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise NoCounts(
            f"{where} is not an SQLite database the bot can read ({exc}). " + WHAT_TO_DO
        ) from None
    if not found:
        raise NoCounts(
            f"the database {where} holds no counts (no table {event_counts.name!r}): it is "
            "not the bot's database, or the bot never started on it. " + WHAT_TO_DO
        )
