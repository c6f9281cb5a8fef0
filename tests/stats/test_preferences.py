"""The language preference: kept under a keyed hash, deletable, safe through an outage."""

from __future__ import annotations

import hashlib
import hmac
import logging

from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot.config import Secret, Settings
from bot.db import preferences as module
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.db.preferences import SqlPreferences, open_preferences
from bot.db.tables import language_preferences
from bot.storage import MemoryPreferences
from tests.stats.proxy import Proxy

USER = 5550123456


def _rows(engine):
    with engine.connect() as conn:
        return conn.execute(select(language_preferences)).all()


async def test_a_choice_is_kept_under_the_hmac_of_the_id_and_can_be_deleted(db):
    prefs = SqlPreferences(db, b"a secret from the environment")
    assert await prefs.get(USER) is None
    await prefs.set(USER, "fr")
    assert await prefs.get(USER) == "fr"
    await prefs.set(USER, "en")
    assert await prefs.get(USER) == "en"
    assert await prefs.get(USER + 1) is None

    [(digest, lang)] = _rows(db)
    key = b"a secret from the environment"
    assert bytes(digest) == hmac.new(key, b"5550123456", hashlib.sha256).digest()
    assert lang == "en"

    await prefs.delete(USER)
    assert await prefs.get(USER) is None
    assert _rows(db) == []


async def test_another_key_cannot_read_the_choice(db):
    await SqlPreferences(db, b"key one").set(USER, "fr")
    assert await SqlPreferences(db, b"key two").get(USER) is None


async def test_open_preferences_uses_the_database_when_a_key_is_set(sqlite_url):
    settings = Settings(database_url=sqlite_url, preference_key=Secret("k" * 32))
    prefs = open_preferences(settings)
    assert isinstance(prefs, SqlPreferences)
    await prefs.set(USER, "fr")
    prefs.close()
    again = open_preferences(settings)
    assert await again.get(USER) == "fr"  # kept across a restart
    again.close()


def test_without_a_key_choices_stay_in_memory_and_a_warning_says_so_once(
    sqlite_url, caplog, monkeypatch
):
    monkeypatch.setattr(module, "_warned_memory", False)
    with caplog.at_level(logging.WARNING):
        first = open_preferences(Settings(database_url=sqlite_url))
        second = open_preferences(Settings(database_url=sqlite_url))
    assert isinstance(first, MemoryPreferences) and isinstance(second, MemoryPreferences)
    assert caplog.text.count("PREFERENCE_KEY is not set") == 1


async def test_changes_made_while_the_database_is_down_are_written_when_it_is_back(pg_url, caplog):
    target = make_url(pg_url)
    proxy = Proxy((target.host or "127.0.0.1", target.port or 5432))
    engine = make_engine(
        make_url(pg_url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    )
    upgrade(engine)
    prefs = SqlPreferences(engine, b"secret")
    await prefs.set(1, "fr")
    await prefs.set(2, "fr")

    proxy.down()
    with caplog.at_level(logging.WARNING):
        await prefs.set(3, "en")
        await prefs.delete(1)
        assert await prefs.get(3) == "en"  # the reply still uses the choice just made
        assert await prefs.get(1) is None  # and never the one just deleted
        assert await prefs.get(2) is None  # unknown while down: the bot asks or negotiates
    assert caplog.text.count("database unavailable") == 1

    proxy.up()
    await prefs.set(4, "en")
    prefs.close()
    proxy.down()

    direct = make_engine(pg_url)
    reader = SqlPreferences(direct, b"secret")
    assert [await reader.get(user) for user in (1, 2, 3, 4)] == [None, "fr", "en", "en"]
    direct.dispose()


async def test_a_deleted_choice_leaves_no_trace_in_the_sqlite_file(sqlite_url, tmp_path):
    engine = make_engine(sqlite_url)
    upgrade(engine)
    prefs = SqlPreferences(engine, b"secret")
    await prefs.set(USER, "fr")
    await prefs.set(USER + 1, "en")
    await prefs.delete(USER)
    prefs.close()
    data = b"".join(p.read_bytes() for p in (tmp_path / "data").iterdir())
    assert prefs.digest(USER + 1) in data  # the other person's choice is still there
    assert prefs.digest(USER) not in data


async def test_a_bot_started_while_the_database_is_down_keeps_choices_once_it_is_back(pg_url):
    target = make_url(pg_url)
    proxy = Proxy((target.host or "127.0.0.1", target.port or 5432))
    proxy.down()
    via_proxy = make_url(pg_url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    prefs = open_preferences(Settings(database_url=via_proxy, preference_key=Secret("k")))
    await prefs.set(USER, "fr")
    assert await prefs.get(USER) == "fr"
    proxy.up()
    await prefs.set(USER + 1, "en")  # migrates, then writes both
    prefs.close()  # type: ignore[attr-defined]
    proxy.down()
    direct = make_engine(pg_url)
    reader = SqlPreferences(direct, b"k")
    assert [await reader.get(USER), await reader.get(USER + 1)] == ["fr", "en"]
    direct.dispose()


async def test_choices_made_during_an_outage_are_written_once_it_is_back(pg_url):
    """Nobody needs to change anything again: the bot's flush writes them."""
    target = make_url(pg_url)
    engine = make_engine(pg_url)
    upgrade(engine)
    engine.dispose()
    proxy = Proxy((target.host or "127.0.0.1", target.port or 5432))
    via_proxy = make_url(pg_url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    prefs = SqlPreferences(make_engine(via_proxy), b"k")
    proxy.down()
    await prefs.set(USER, "fr")
    await prefs.delete(USER + 1)
    assert not await prefs.flush() and prefs.pending == 2
    proxy.up()
    assert await prefs.flush() and prefs.pending == 0
    prefs.close()
    proxy.down()
    direct = make_engine(pg_url)
    assert await SqlPreferences(direct, b"k").get(USER) == "fr"
    direct.dispose()
