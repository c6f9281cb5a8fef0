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

Reports (issue 12), ``--reports`` only (or ``--all``):

- report time: a year of daily counts from 30 countries (tests/stats/traffic.py:
  realistic made-up traffic, about 74,000 rows), read, protected and written in every
  format, by month and by week, on SQLite and on PostgreSQL; target ≤ 2 s each;
- share hidden: a realistic month published by week with ``--publish``, against the
  plain report's suppression, table by table: hidden entries among the entries that hold
  a count, split into small counts ("<5", which k forces) and the ``x`` that protect them.
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


FORMATS = ("table", "csv", "json", "html", "xlsx")
YEAR = (dt.date(2025, 12, 1), dt.date(2026, 11, 30))
MONTH = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def report_times(url: str, catalogs) -> list[tuple[str, str, float, int]]:
    """(grouping, format, seconds, bytes) for a year of counts, the best of 3 runs."""
    from bot.stats.output import render
    from bot.stats.report import build_report

    engine = make_engine(url)
    found = []
    for by in ("month", "week"):
        for name in FORMATS:
            best, size = float("inf"), 0
            for _ in range(3):
                started = time.perf_counter()
                report = build_report(engine, *YEAR, by, "fr", catalogs)
                size = len(render(report, catalogs, name))
                best = min(best, time.perf_counter() - started)
            found.append((by, name, best, size))
    engine.dispose()
    return found


def share_hidden(url: str, catalogs) -> list[tuple[str, list[int], list[int]]]:
    """Per table: [entries, small, x] under the plain report's policy and under --publish."""
    from bot.stats.report import build_report

    engine = make_engine(url)
    rows = []
    plain = build_report(engine, *MONTH, "week", "en", catalogs)
    true = build_report(engine, *MONTH, "week", "en", catalogs, k=1)
    published = build_report(engine, *MONTH, "week", "en", catalogs, publish=True)
    for t, p, q in zip(true.figures, plain.figures, published.figures, strict=True):
        rows.append((t.key, _tally(t, p), _tally(t, q)))
    engine.dispose()
    return rows


def _tally(true, shown) -> list[int]:
    """[entries holding a count, hidden small counts, x] of one table (published values)."""

    def values(figure, order):
        cells = [figure.cells[order[r.key]] for r in true.rows]
        flat = [v for row in cells for v in row] + list(figure.column_totals)
        if figure.row_totals is not None:
            flat += [figure.row_totals[order[r.key]] for r in true.rows] + [figure.total]
        return flat

    order_t = {r.key: i for i, r in enumerate(true.rows)}
    order_s = {r.key: i for i, r in enumerate(shown.rows)}
    pairs = [
        (t, s) for t, s in zip(values(true, order_t), values(shown, order_s), strict=True) if t
    ]
    small = sum(isinstance(s, str) and t < 5 for t, s in pairs)
    hidden = sum(isinstance(s, str) for _t, s in pairs)
    return [len(pairs), small, hidden - small]


def reports(base: str) -> None:
    from bot.i18n import Catalogs
    from tests.stats.traffic import Traffic

    catalogs = Catalogs.load()
    year = Traffic(seed=2026).days(*YEAR)
    month = Traffic(seed=11).days(*MONTH)
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'year.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        year.write(engine)
        engine.dispose()
        timings.append(("SQLite", report_times(url, catalogs)))
        url = f"sqlite:///{Path(folder) / 'month.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        month.write(engine)
        engine.dispose()
        shares = share_hidden(url, catalogs)
    scoped = postgres_schema(base)
    if scoped:
        url, schema = scoped
        try:
            engine = make_engine(url)
            upgrade(engine)
            year.write(engine)
            engine.dispose()
            timings.append(("PostgreSQL", report_times(url, catalogs)))
        finally:
            drop_schema(base, schema)
    print(
        f"\nA year of counts ({len(year.counts):,} rows, 30 countries), report time "
        "(read, protect, render; best of 3; target ≤ 2 s):\n"
    )
    print("| database | grouping | " + " | ".join(FORMATS) + " |")
    print("|---|---|" + "---|" * len(FORMATS))
    for database, found in timings:
        for by in ("month", "week"):
            cells = [f"{s:.2f} s" for b, _n, s, _size in found if b == by]
            print(f"| {database} | {by} | " + " | ".join(cells) + " |")
    print(
        "\nA realistic month (November, by week): entries holding a count that are hidden "
        '(small counts "<5" + x that protect them):\n'
    )
    print("| table | entries | plain report: <5 + x | --publish: <5 + x |")
    print("|---|---|---|---|")
    totals = [[0, 0, 0], [0, 0, 0]]
    for key, plain, published in shares:
        for total, part in zip(totals, (plain, published), strict=True):
            for i in range(3):
                total[i] += part[i]
        print(
            f"| {key} | {plain[0]} | {plain[1]} + {plain[2]} | {published[1]} + {published[2]} |"
        )
    (n, s1, x1), (_n, s2, x2) = totals
    print(f"| all | {n} | {s1} + {x1} = {(s1 + x1) / n:.1%} | {s2} + {x2} = {(s2 + x2) / n:.1%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--reports", action="store_true", help="only the report figures")
    parser.add_argument("--all", action="store_true", help="the recorder and the reports")
    args = parser.parse_args()
    base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    if args.reports:
        reports(base)
        return
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
    if args.all:
        reports(base)


if __name__ == "__main__":
    main()
