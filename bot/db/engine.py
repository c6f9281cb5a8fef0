"""Create SQLAlchemy engines (2.0 style) for SQLite files and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url

from bot.errors import ConfigError

SUPPORTED = ("sqlite", "postgresql")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for an SQLite file, its folder is created.

    SQLite runs in WAL mode with a busy timeout, so several processes can add counts to
    the same file, and with ``secure_delete`` so deleted rows are overwritten. PostgreSQL
    connections are checked before use, so a database that restarted is reconnected to,
    and every wait is bounded (connect, statement, pool, TCP keepalives).

    Raises:
        ConfigError: the URL is not SQLite or PostgreSQL, or the folder cannot be made.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED:
        raise ConfigError(f"DATABASE_URL must be sqlite or postgresql, not {backend!r}")
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database)
    return create_engine(
        url,
        future=True,
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=2,
        pool_timeout=POOL_TIMEOUT,
        connect_args=_postgres_timeouts(parsed.query.get("options")),
    )


# A database that stops answering (a network partition drops packets, it does not refuse
# them) must never hold the bot: every wait on it is bounded.
CONNECT_TIMEOUT = 5  # seconds to open a connection
STATEMENT_TIMEOUT_MS = 5000  # the server cancels a statement running longer
POOL_TIMEOUT = 5  # seconds to wait for a free connection of the pool
TCP_USER_TIMEOUT_MS = 8000  # data sent and never acknowledged (a dead link): give up


def _postgres_timeouts(options: str | tuple[str, ...] | None) -> dict[str, Any]:
    """Connect and statement timeouts, and TCP settings that notice a dead link in seconds.

    Keepalives cover an idle connection; ``tcp_user_timeout`` a request in flight whose
    packets are never acknowledged (TCP would otherwise retry for about 15 minutes).
    """
    given = " ".join(options) if isinstance(options, tuple) else (options or "")
    return {
        "connect_timeout": CONNECT_TIMEOUT,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
        "options": f"{given} -c statement_timeout={STATEMENT_TIMEOUT_MS}".strip(),
    }


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"cannot create the database folder {folder}: {exc}") from None
    engine = create_engine(url, future=True, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")  # a deleted preference leaves no bytes behind
    cursor.close()
