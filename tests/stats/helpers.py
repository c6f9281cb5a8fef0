"""Helpers for the stats tests: a dialogue whose turns are counted, and reading counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db.tables import daily_people, event_counts
from bot.engine import Event, Turn
from bot.storage import Recorder
from tests.dialogue import Dialogue


class CountedChat:
    """A dialogue with the real engine, each turn recorded as the Telegram front does."""

    def __init__(self, dialogue: Dialogue, recorder: Recorder, user_id: int) -> None:
        self.dialogue = dialogue
        self.recorder = recorder
        self.user_id = user_id
        self.events: list[Event] = []

    async def say(self, text: str) -> Turn:
        return self._count(await self.dialogue.say(text))

    async def press(self, label_part: str) -> Turn:
        return self._count(await self.dialogue.press(label_part))

    async def send_other(self, kind: str) -> Turn:
        return self._count(await self.dialogue.send_other(kind))

    def _count(self, turn: Turn) -> Turn:
        self.recorder.record(turn.events, self.user_id)
        self.events += turn.events
        return turn


def expected(events: list[Event]) -> Counter:
    """What the counts should be for ``events`` (dimensions without the day)."""
    return Counter(
        (e.name, e.topic or "", e.via or "", e.lang or "", e.country or "") for e in events
    )


def stored(engine: Engine) -> Counter:
    """The counts in the database, summed over days."""
    t = event_counts
    found: Counter = Counter()
    with engine.connect() as conn:
        query = select(t.c.event, t.c.topic, t.c.via, t.c.lang, t.c.country, t.c.count)
        for *key, n in conn.execute(query):
            found[tuple(key)] += n
    return found


def people(engine: Engine) -> dict[dt.date, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(daily_people.c.day, daily_people.c.people)).all())


class Clock:
    """A UTC day that a test moves forward."""

    def __init__(self, day: dt.date = dt.date(2025, 3, 3)) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day

    def next_day(self) -> None:
        self.day += dt.timedelta(days=1)
