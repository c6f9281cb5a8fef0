"""Several writers adding to the same counts at the same time never lose an increment."""

from __future__ import annotations

import asyncio
import threading

from bot.db.engine import make_engine
from bot.engine import Event
from bot.stats.recorder import StatsRecorder
from tests.stats.helpers import people, stored

WRITERS, ROUNDS = 4, 40
EVENTS = [
    Event("message", via="text", lang="en"),
    Event("message", via="button", lang="fr"),
    Event("answer", topic="risks_sea", via="nlu", lang="en"),
    Event("feedback", topic="risks_sea", via="up", lang="en"),
]


def _writer(url: str, number: int, errors: list) -> None:
    async def run() -> None:
        engine = make_engine(url)  # its own engine: its own connections, as another process
        recorder = StatsRecorder(engine)
        for round_ in range(ROUNDS):
            recorder.record(EVENTS, user_id=number * 1000 + round_)
            if not await recorder.flush():
                errors.append(f"writer {number} could not write round {round_}")
        await recorder.stop()
        engine.dispose()

    try:
        asyncio.run(run())
    except Exception as exc:  # reported by the test
        errors.append(repr(exc))


def test_concurrent_writers_add_up_exactly(db, db_url):
    errors: list = []
    threads = [threading.Thread(target=_writer, args=(db_url, n, errors)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    counts = stored(db)
    assert counts[("message", "", "text", "en", "")] == WRITERS * ROUNDS
    assert counts[("message", "", "button", "fr", "")] == WRITERS * ROUNDS
    assert counts[("answer", "risks_sea", "nlu", "en", "")] == WRITERS * ROUNDS
    assert counts[("feedback", "risks_sea", "up", "en", "")] == WRITERS * ROUNDS
    assert sum(people(db).values()) == WRITERS * ROUNDS
