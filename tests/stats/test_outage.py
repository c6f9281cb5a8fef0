"""A database outage in the middle of traffic: counts wait in memory, none lost, none
doubled. PostgreSQL is cut for real (a TCP proxy in front of it is closed); SQLite is
made unavailable by another process holding an exclusive lock on the file."""

from __future__ import annotations

import logging
from collections import Counter

from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.engine import Event
from bot.stats.recorder import StatsRecorder, open_recorder
from tests.stats.helpers import expected, people, stored
from tests.stats.proxy import Proxy

TRAFFIC = [
    Event("message", via="text", lang="fr"),
    Event("answer", topic="avr_cost", via="nlu", lang="fr"),
    Event("intake_referral", country="NE", lang="fr"),
]


def _through(proxy: Proxy, url: str) -> str:
    return make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)


async def test_postgres_going_down_and_back_mid_traffic_loses_and_doubles_nothing(pg_url, caplog):
    target = make_url(pg_url)
    proxy = Proxy((target.host or "127.0.0.1", target.port or 5432))
    recorder = open_recorder(Settings(database_url=_through(proxy, pg_url)))
    sent: list = []
    user = 1000
    with caplog.at_level(logging.INFO):
        for second in range(8):
            if second == 2:
                proxy.down()
            if second == 5:
                proxy.up()
            for _ in range(50):
                user += 1
                recorder.record(TRAFFIC, user)
                sent += TRAFFIC
            assert await recorder.flush() is (second not in (2, 3, 4))
        await recorder.stop()
    proxy.down()

    direct = make_engine(pg_url)
    assert stored(direct) == expected(sent)
    assert sum(people(direct).values()) == 400
    direct.dispose()
    assert caplog.text.count("database unavailable") == 1
    assert "available again" in caplog.text


async def test_postgres_cut_inside_the_transaction_writes_the_batch_once_later(pg_url):
    target = make_url(pg_url)
    proxy = Proxy((target.host or "127.0.0.1", target.port or 5432))
    engine = make_engine(_through(proxy, pg_url))
    upgrade(engine)
    cuts = []

    @event.listens_for(engine, "before_cursor_execute")
    def cut_before_the_second_statement(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO daily_people") and not cuts:
            cuts.append(statement)
            proxy.down()  # the counts were inserted, not committed: they must be rolled back

    recorder = StatsRecorder(engine)
    for user in range(10):
        recorder.record(TRAFFIC, user)
    assert await recorder.flush() is False and cuts
    assert recorder.buffer.events == 30
    proxy.up()
    recorder.record(TRAFFIC, 99)
    assert await recorder.flush() is True
    await recorder.stop()
    engine.dispose()
    proxy.down()

    direct = make_engine(pg_url)
    assert stored(direct) == expected(TRAFFIC * 11)
    assert sum(people(direct).values()) == 11
    direct.dispose()


async def test_sqlite_locked_by_another_process_mid_traffic_loses_and_doubles_nothing(
    sqlite_url,
):
    upgrade(make_engine(sqlite_url))
    impatient = create_engine(sqlite_url, future=True, connect_args={"timeout": 0.05})
    recorder = StatsRecorder(impatient)
    other = create_engine(sqlite_url, future=True).raw_connection()
    sent: list = []
    for second in range(6):
        if second == 2:
            other.execute("BEGIN EXCLUSIVE")
        if second == 4:
            other.execute("COMMIT")
        for user in range(20):
            recorder.record(TRAFFIC, second * 100 + user)
            sent += TRAFFIC
        assert await recorder.flush() is (second not in (2, 3))
    await recorder.stop()
    other.close()

    engine = make_engine(sqlite_url)
    assert stored(engine) == expected(sent)
    assert stored(engine)[("intake_referral", "", "", "fr", "NE")] == 120
    assert Counter(people(engine).values()) == Counter({120: 1})
    engine.dispose()


async def test_a_bot_started_while_postgres_is_down_counts_and_migrates_when_it_is_back(
    pg_url, caplog
):
    target = make_url(pg_url)
    proxy = Proxy((target.host or "127.0.0.1", target.port or 5432))
    proxy.down()
    with caplog.at_level(logging.WARNING):
        recorder = open_recorder(Settings(database_url=_through(proxy, pg_url)))
    assert "database unavailable at start" in caplog.text
    recorder.record(TRAFFIC, 1)
    assert await recorder.flush() is False
    proxy.up()
    recorder.record(TRAFFIC, 2)
    await recorder.stop()
    proxy.down()

    direct = make_engine(pg_url)
    assert stored(direct) == expected(TRAFFIC * 2)
    direct.dispose()
