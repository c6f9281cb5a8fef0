"""The cases' tests use the stats tests' databases: a real SQLite file, real PostgreSQL."""

from tests.stats.conftest import db, db_url, pg_url, sqlite_url  # noqa: F401
