"""How much the stats recorder absorbs, and what it adds to a reply.

    .venv/bin/python bench/stats.py [--seconds 3]

For SQLite (a file in a temporary folder) and PostgreSQL (TEST_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/test, in a schema of its own, dropped after):

- events/s absorbed: turns of 1 to 4 events from 5,000 people recorded as fast as the
  loop allows while the recorder writes every 0.5 s, until everything is committed
  (checked: the database holds exactly what was recorded);
- rows/s upserted: the worst case for the database, a batch where every event has a
  key of its own (2,000 rows per transaction);
- record() p50 / p99 / max: the time a reply spends counting its events, measured
  around each call while the writes run on their worker thread.

Targets (issue 4): p99 < 1 ms, at least 5,000 events/s on each database.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.db.engine import make_engine  # noqa: E402
from bot.db.migrate import upgrade  # noqa: E402
from bot.db.tables import event_counts  # noqa: E402
from bot.engine import Event  # noqa: E402
from bot.stats.buffer import Batch  # noqa: E402
from bot.stats.keys import CountKey  # noqa: E402
from bot.stats.recorder import StatsRecorder  # noqa: E402
from bot.stats.store import write_batch  # noqa: E402

TOPICS = ["avr_cost", "avr_process", "risks_sea", "risks_desert", "intake", "urgent_help", "about"]
COUNTRIES = ["NE", "LY", "ML", "SN", None]


def turns(n: int, seed: int = 1) -> list[list[Event]]:
    """Plausible turns: a message, then an answer, a clarify, a referral or feedback."""
    rng = random.Random(seed)
    found = []
    for _ in range(n):
        lang = rng.choice(["en", "fr", "fr"])
        turn = [Event("message", lang=lang, via=rng.choice(["text", "button", "command"]))]
        kind = rng.random()
        topic = rng.choice(TOPICS)
        if kind < 0.6:
            turn.append(Event("answer", lang=lang, topic=topic, via=rng.choice(["nlu", "button"])))
        elif kind < 0.75:
            turn.append(Event("clarify", lang=lang, topic=topic))
        elif kind < 0.85:
            country = rng.choice(COUNTRIES)
            turn.append(Event("answer", lang=lang, topic="intake", via="button"))
            turn.append(Event("intake_referral", lang=lang, country=country))
        else:
            turn.append(Event("feedback", lang=lang, topic=topic, via=rng.choice(["up", "down"])))
        found.append(turn)
    return found


async def absorb(url: str, seconds: float) -> dict:
    engine = make_engine(url)
    upgrade(engine)
    recorder = StatsRecorder(engine, interval=0.5)
    await recorder.start()
    sample = turns(10_000)
    latencies: list[int] = []
    events = 0
    i = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for _ in range(500):
            turn = sample[i % len(sample)]
            before = time.perf_counter_ns()
            recorder.record(turn, user_id=i % 5_000)
            latencies.append(time.perf_counter_ns() - before)
            events += len(turn)
            i += 1
        await asyncio.sleep(0)  # what a real loop does between replies: the writer runs
    await recorder.stop()
    elapsed = time.perf_counter() - started
    check = make_engine(url)
    with check.connect() as conn:
        stored = conn.execute(select(func.sum(event_counts.c.count))).scalar()
    check.dispose()
    assert stored == events == recorder.written, (stored, events, recorder.written)
    latencies.sort()
    return {
        "events_per_s": events / elapsed,
        "p50_us": latencies[len(latencies) // 2] / 1000,
        "p99_us": latencies[int(len(latencies) * 0.99)] / 1000,
        "max_us": latencies[-1] / 1000,
        "calls": len(latencies),
    }


def upserts(url: str, batches: int = 5, rows: int = 2_000) -> float:
    engine = make_engine(url)
    upgrade(engine)
    first = dt.date(2000, 1, 1)
    times = []
    for b in range(batches):
        batch = Batch(Counter({
            CountKey(first + dt.timedelta(days=b * rows + r), "message", "", "text", "en", ""): 1
            for r in range(rows)
        }))  # fmt: skip
        for _ in range(2):  # a new row, then an increment of the same row
            started = time.perf_counter()
            write_batch(engine, batch)
            times.append(time.perf_counter() - started)
    engine.dispose()
    return rows / statistics.median(times)


def postgres_schema(base: str) -> tuple[str, str] | None:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(base, future=True)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
    except Exception as exc:  # report and go on with SQLite
        print(f"PostgreSQL skipped: {type(exc).__name__}", file=sys.stderr)
        return None
    scoped = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return scoped.render_as_string(hide_password=False), schema


def drop_schema(base: str, schema: str) -> None:
    admin = create_engine(base, future=True)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        results.append(("SQLite", asyncio.run(absorb(url, args.seconds)), upserts(url)))
    scoped = postgres_schema(base)
    if scoped:
        url, schema = scoped
        try:
            results.append(("PostgreSQL", asyncio.run(absorb(url, args.seconds)), upserts(url)))
        finally:
            drop_schema(base, schema)
    header = ("database", "events/s absorbed", "rows/s upserted", "record() p50", "p99", "max")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for name, r, rows in results:
        print(
            f"| {name} | {r['events_per_s']:,.0f} | {rows:,.0f} | {r['p50_us']:.1f} µs "
            f"| {r['p99_us']:.1f} µs | {r['max_us']:.0f} µs |"
        )
    calls = results[0][1]["calls"]
    print(f"\n{calls:,} record() calls per database; targets: p99 < 1 ms, ≥ 5,000 events/s")


if __name__ == "__main__":
    main()
