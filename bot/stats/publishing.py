"""``stats --publish``: which reports may be shared, and the record of those that were.

Suppression protects one report. Two reports that share days can be subtracted from
each other (December minus its first three weeks gives the last one, whose small counts
the December report hid differently), and so can the same period shown twice with other
figures (counts written late, another grouping, another k). So a published report:

- covers one whole calendar month or one whole ISO week, that is over (UTC);
- is grouped by day, week (cut at the month's edges) or month, within that period;
- uses k of at least 5, and the publish policy (``bot.stats.protect``);
- is recorded in the ``publications`` table: a later ``--publish`` that shares a day
  with it is refused, unless it is the same period, grouping and k with the same
  figures (the same report again, in another language or format).

What this does not cover is in docs/stats.md ("What --publish protects").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.db.tables import publications
from bot.errors import BotError
from bot.stats import periods
from bot.stats.report import DEFAULT_K, Report

PERIODS_ALLOWED = (
    "--publish takes one whole month (--month 2026-11, --last-month) or one whole ISO week "
    "(--week 2026-W47, --last-week)"
)


class NotPublishable(BotError):
    """The report asked for cannot be published as it is (the message says why)."""


def check_publishable(first: dt.date, last: dt.date, by: str, k: int, today: dt.date) -> None:
    """Refuse a period, grouping or k that a published report may not have.

    Raises:
        NotPublishable: with what to do instead.
    """
    one_month = periods.whole_months(first, last) and (first.year, first.month) == (
        last.year,
        last.month,
    )
    one_week = periods.whole_week(first, last)
    if not (one_month or one_week):
        raise NotPublishable(f"{PERIODS_ALLOWED}, not {first} to {last}")
    if one_week and by == "month":
        raise NotPublishable("a week is published by day or by week, not by month")
    if last >= today:
        raise NotPublishable(
            f"the period {first} to {last} is not over yet (today is {today}, UTC): figures "
            "published now would change, and two versions can be subtracted"
        )
    if k < DEFAULT_K:
        raise NotPublishable(f"a published report needs --k {DEFAULT_K} or more, not {k}")


def digest(report: Report) -> bytes:
    """SHA-256 of the figures a report shows (keys and values, not their labels)."""
    data = [
        report.by,
        report.k,
        [
            [
                figure.key,
                [r.key for r in figure.rows],
                [c.key for c in figure.columns],
                figure.cells,
                figure.column_totals,
                figure.row_totals,
                figure.total,
            ]
            for figure in report.figures
        ],
    ]
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).digest()


def record_publication(engine: Engine, report: Report, today: dt.date) -> None:
    """Note ``report`` as published, or refuse it if it would overlap another one.

    Raises:
        NotPublishable: it shares days with another published report, or it is a period
            published before whose figures have changed since.
        BotError: the database has no ``publications`` table, or this user cannot write.
    """
    try:
        _record(engine, report, today)
    except SQLAlchemyError as exc:
        raise BotError(
            f"the publication could not be recorded ({type(exc).__name__}): publishing needs "
            "a database user who may write the 'publications' table. Nothing was published."
        ) from None


def _record(engine: Engine, report: Report, today: dt.date) -> None:
    with engine.begin() as conn:
        _lock(conn)
        earlier = _overlapping(conn, report.first, report.last)
        same = [
            row for row in earlier if (row.grouping, row.k) == (report.by, report.k)
            and (row.period_start, row.period_end) == (report.first, report.last)
        ]  # fmt: skip
        if same:
            if bytes(same[0].digest) != digest(report):
                raise NotPublishable(
                    f"{report.first} to {report.last} was published on {same[0].published_on} "
                    "with other figures (counts were written since): two versions of a "
                    "period can be subtracted. Share the report published then."
                )
            return
        if earlier:
            row = earlier[0]
            raise NotPublishable(
                f"{report.first} to {report.last} shares days with the report published on "
                f"{row.published_on} for {row.period_start} to {row.period_end} (by "
                f"{row.grouping}, k {row.k}): two reports over the same days can be "
                "subtracted. Publish periods that do not overlap, with one grouping."
            )
        conn.execute(
            insert(publications).values(
                period_start=report.first,
                period_end=report.last,
                grouping=report.by,
                k=report.k,
                digest=digest(report),
                published_on=today,
            )
        )


def _lock(conn: Connection) -> None:
    """One publication at a time (PostgreSQL; SQLite writes one transaction at a time)."""
    if not inspect(conn).has_table(publications.name):
        raise BotError(
            "this database has no 'publications' table: run `python -m bot db upgrade` "
            "(as a user who may change the database), then publish again"
        )
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE publications IN SHARE ROW EXCLUSIVE MODE"))


def _overlapping(conn: Connection, first: dt.date, last: dt.date) -> list:
    t = publications
    query = (
        select(t)
        .where(t.c.period_start <= last, t.c.period_end >= first)
        .order_by(t.c.period_start, t.c.grouping, t.c.k)
    )
    return list(conn.execute(query))
