"""Reading and writing counts (SQLAlchemy Core, 2.0 style)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine

from bot.db.tables import daily_people, event_counts
from bot.db.upsert import add_to
from bot.stats.buffer import Batch
from bot.stats.keys import CountKey


def write_batch(engine: Engine, batch: Batch) -> None:
    """Add a batch to the database in one transaction (all of it, or none)."""
    counts = [{**key._asdict(), "count": n} for key, n in batch.counts.items() if n]
    people = [{"day": day, "people": n} for day, n in batch.people.items() if n]
    with engine.begin() as conn:
        add_to(conn, event_counts, counts, "count")
        add_to(conn, daily_people, people, "people")


def read_counts(engine: Engine, first: dt.date, last: dt.date) -> Iterator[tuple[CountKey, int]]:
    """Every count from ``first`` to ``last`` (both included)."""
    t = event_counts
    query = select(t.c.day, t.c.event, t.c.topic, t.c.via, t.c.lang, t.c.country, t.c.count)
    query = query.where(t.c.day >= first, t.c.day <= last)
    with engine.connect() as conn:
        for row in conn.execute(query):
            yield CountKey(*row[:6]), int(row[6])


def read_sums(
    engine: Engine, spans: list[tuple[dt.date, dt.date]]
) -> Iterator[tuple[int, tuple[str, str, str, str, str], int]]:
    """Each count summed over each span of days: (span index, dimensions, sum).

    One query a span, summed by the database: a year by week reads a few thousand rows
    instead of every day's.
    """
    t = event_counts
    dims = (t.c.event, t.c.topic, t.c.via, t.c.lang, t.c.country)
    with engine.connect() as conn:
        for n, (first, last) in enumerate(spans):
            query = (
                select(*dims, func.sum(t.c.count))
                .where(t.c.day >= first, t.c.day <= last)
                .group_by(*dims)
            )
            for *key, total in conn.execute(query):
                yield n, (key[0], key[1], key[2], key[3], key[4]), int(total)


def read_people(engine: Engine, first: dt.date, last: dt.date) -> dict[dt.date, int]:
    """People per day from ``first`` to ``last``."""
    t = daily_people
    query = select(t.c.day, t.c.people).where(t.c.day >= first, t.c.day <= last)
    with engine.connect() as conn:
        return {day: int(n) for day, n in conn.execute(query)}


def first_day(engine: Engine) -> dt.date | None:
    """The earliest day with a count, or None when there is none."""
    with engine.connect() as conn:
        return conn.execute(select(func.min(event_counts.c.day))).scalar()


def purge_before(engine: Engine, cutoff: dt.date) -> int:
    """Delete every count of a day before ``cutoff``; the number of rows deleted."""
    with engine.begin() as conn:
        deleted = conn.execute(delete(event_counts).where(event_counts.c.day < cutoff)).rowcount
        deleted += conn.execute(delete(daily_people).where(daily_people.c.day < cutoff)).rowcount
    return int(deleted)
