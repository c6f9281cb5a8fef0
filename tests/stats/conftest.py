"""Databases for the stats tests: a real SQLite file per test, and the real PostgreSQL
server named by TEST_DATABASE_URL, in a schema of its own per test (dropped after)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.db.engine import make_engine
from bot.db.migrate import upgrade


def _postgres_or_skip() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    required = os.environ.get("REQUIRE_POSTGRES") == "1"
    if not url:
        if required:
            pytest.fail("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped after the test."""
    url = _postgres_or_skip()
    admin = create_engine(url, future=True)
    schema = f"stats_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL at TEST_DATABASE_URL is not reachable ({type(exc).__name__})"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'bot.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    """Each test using it runs on a real SQLite file and on the real PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def db(db_url):
    """A migrated engine on ``db_url``."""
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()
