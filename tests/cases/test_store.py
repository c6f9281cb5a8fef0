"""Open cases: sealed with CASE_KEY, kept in the database, found again after a restart."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.cases import CaseStore, new_case, sealer_from_key
from bot.config import Secret, Settings
from bot.db.cases import SqlCaseTable, open_case_store
from bot.db.database import open_database
from bot.db.engine import make_engine
from bot.errors import ConfigError

KEY = Fernet.generate_key().decode()
CHAT_ID = 7_712_345_678  # a person's chat id: must never be on disk in clear


@pytest.fixture
def open_store():
    """``open_case_store`` as the bot opens it, its database released after the test."""
    opened = []

    def open_(settings: Settings) -> CaseStore:
        database = open_database(settings)
        database.try_migrate()
        opened.append(database)
        return open_case_store(settings, database)

    yield open_
    for database in opened:
        database.dispose()


def a_case(**changes):
    case = new_case("TB-7KQ2X", CHAT_ID, -1002233445566, 42, "fr", "NE", "Agadez")
    for name, value in changes.items():
        setattr(case, name, value)
    return case


def test_a_sealed_case_opens_only_with_its_key():
    sealer = sealer_from_key(KEY)
    case = a_case()
    sealed = sealer.seal(case)
    assert str(CHAT_ID).encode() not in sealed and b"TB-7KQ2X" not in sealed
    assert sealer.unseal(sealed) == case
    assert sealer_from_key(Fernet.generate_key().decode()).unseal(sealed) is None
    tampered = sealed[:-3] + (b"AAA" if sealed[-3:] != b"AAA" else b"BBB")
    assert sealer.unseal(tampered) is None


@pytest.mark.parametrize("bad", ["", "short", "x" * 44, "é" * 44, KEY[:-2]])
def test_a_malformed_key_is_a_clear_error_that_never_prints_the_key(bad):
    if not bad:
        return
    with pytest.raises(ConfigError) as error:
        sealer_from_key(bad)
    assert "CASE_KEY must be 32 random bytes" in str(error.value)
    assert bad not in str(error.value)


async def test_cases_survive_a_restart_and_leave_no_id_on_disk(db_url, tmp_path, open_store):
    settings = Settings(database_url=db_url, case_key=Secret(KEY))
    store = open_store(settings)
    await store.load()
    case = a_case()
    await store.add(case)
    other = a_case(chat_id=CHAT_ID + 1, topic_id=43, reference="TB-22222")
    await store.add(other)
    await store.remove(other)
    case.answered_at = 1234.5
    store.changed(case)
    assert await store.flush() and store.pending == 0

    again = open_store(settings)
    assert await again.load() == 1
    found = again.of_chat(CHAT_ID)
    assert found == case and again.of_topic(case.staff_chat, 42) == found
    assert again.of_chat(CHAT_ID + 1) is None and again.of_topic(case.staff_chat, 43) is None

    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT row_key, sealed, written_on FROM open_cases")).all()
    engine.dispose()
    assert len(rows) == 1
    stored = b"".join(
        bytes(str(v), "utf-8") if not isinstance(v, bytes | memoryview) else bytes(v)
        for v in rows[0]
    )
    for secret in (str(CHAT_ID), "TB-7KQ2X", "Agadez", "-1002233445566"):
        assert secret.encode() not in stored
    if db_url.startswith("sqlite"):
        raw = (tmp_path / "data" / "bot.sqlite3").read_bytes()
        for secret in (str(CHAT_ID), "TB-7KQ2X", "TB-22222", "Agadez"):
            assert secret.encode() not in raw, f"{secret} on disk"


async def test_rows_another_key_sealed_are_deleted(db_url, open_store):
    first = open_store(Settings(database_url=db_url, case_key=Secret(KEY)))
    await first.load()
    await first.add(a_case())
    rotated = Settings(database_url=db_url, case_key=Secret(Fernet.generate_key().decode()))
    second = open_store(rotated)
    assert await second.load() == 0
    assert await open_store(rotated).load() == 0
    assert await open_store(Settings(database_url=db_url, case_key=Secret(KEY))).load() == 0


async def test_without_a_key_cases_live_in_memory_only():
    store = open_case_store(Settings(database_url="sqlite:///:memory:"))
    assert not store.durable
    await store.add(a_case())
    assert store.of_chat(CHAT_ID) is not None and await store.flush()


class BrokenTable:
    def __init__(self):
        self.down = True
        self.rows: dict[str, bytes] = {}

    def read_all(self):
        return dict(self.rows)

    def write(self, changes):
        if self.down:
            raise ConnectionError("database down")
        for row_id, sealed in changes.items():
            if sealed is None:
                self.rows.pop(row_id, None)
            else:
                self.rows[row_id] = sealed


async def test_a_database_outage_keeps_the_changes_until_it_is_back():
    table = BrokenTable()
    store = CaseStore(table, sealer_from_key(KEY))
    case = a_case()
    await store.add(case)
    assert store.of_chat(CHAT_ID) is case and store.pending == 1
    closed = a_case(chat_id=1, topic_id=7)
    await store.add(closed)
    await store.remove(closed)
    table.down = False
    assert await store.flush() and store.pending == 0
    assert list(table.rows) == [case.row_id]


def test_idle_cases_are_found_by_their_last_message():
    store = CaseStore()
    now = dt.datetime(2026, 12, 1).timestamp()
    old, fresh = a_case(last_activity=now - 15 * 86400), a_case(chat_id=2, topic_id=9)
    store._index(old)
    store._index(fresh)
    assert store.idle_since(now - 14 * 86400) == [old]


def test_old_rows_expire_even_when_no_key_opens_them(sqlite_url):
    engine = make_engine(sqlite_url)
    table = SqlCaseTable(engine, migrated=False, keep_days=14)
    table.write({"0123456789abcdef": b"gAAAAtoken"})
    with engine.begin() as conn:
        conn.execute(text("UPDATE open_cases SET written_on = '2020-01-01'"))
    assert table.read_all() == {}
    engine.dispose()
