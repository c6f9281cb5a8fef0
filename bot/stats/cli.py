"""``python -m bot stats [purge]`` and ``python -m bot db upgrade``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.errors import BotError
from bot.topics import LANGUAGES

FORMAT_NAMES = ("table", "csv", "json", "html")
BY = ("day", "week", "month")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``stats``, ``stats purge`` and ``db upgrade``."""
    stats = subparsers.add_parser(
        "stats",
        help="anonymous usage figures",
        description="Anonymous usage figures, small counts suppressed. Days are UTC days.",
    )
    stats.add_argument("--format", choices=FORMAT_NAMES, default="table")
    stats.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="last", type=_date, metavar="YYYY-MM-DD")
    stats.add_argument("--by", choices=BY, default="day", help="one row per day, week or month")
    stats.add_argument("--locale", choices=LANGUAGES, default="en", help="language of the report")
    stats.add_argument(
        "--k", type=_at_least_one, default=5, help="smallest count shown (default 5; 1 shows all)"
    )
    stats.set_defaults(func=run_stats)
    actions = stats.add_subparsers(dest="stats_action", metavar="[purge --older-than N]")
    purge = actions.add_parser("purge", help="delete counts older than N months")
    purge.add_argument("--older-than", type=_at_least_one, required=True, metavar="MONTHS")
    purge.set_defaults(func=run_purge)

    db = subparsers.add_parser("db", help="the database")
    db_actions = db.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    upgrade = db_actions.add_parser("upgrade", help="apply the migrations")
    upgrade.set_defaults(func=run_upgrade)


def run_stats(args: argparse.Namespace, settings: Settings) -> int:
    """Print the report."""
    from bot.i18n import Catalogs
    from bot.stats import periods
    from bot.stats.periods import utc_today
    from bot.stats.render import FORMATS
    from bot.stats.report import build_report, open_engine, topic_titles

    first, last = periods.default_range(args.last or utc_today(), args.by)
    first, last = args.first or first, args.last or last
    if first > last:
        raise BotError(f"--from ({first}) is after --to ({last})")
    engine = open_engine(settings)
    try:
        catalogs = Catalogs.load()
        report = build_report(
            engine,
            first,
            last,
            args.by,
            args.locale,
            catalogs,
            k=args.k,
            topic_titles=topic_titles(settings, args.locale),
        )
    finally:
        engine.dispose()
    sys.stdout.write(FORMATS[args.format](report, catalogs))
    return 0


def run_purge(args: argparse.Namespace, settings: Settings) -> int:
    """Delete the counts of days more than ``--older-than`` months ago."""
    from bot.stats.periods import add_months, utc_today
    from bot.stats.report import open_engine
    from bot.stats.store import purge_before

    cutoff = add_months(utc_today(), -args.older_than)
    engine = open_engine(settings)
    try:
        deleted = purge_before(engine, cutoff)
    finally:
        engine.dispose()
    print(f"deleted {deleted} row(s) of counts for days before {cutoff.isoformat()}")
    return 0


def run_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Apply the migrations and say where the database is."""
    from bot.db.engine import make_engine
    from bot.db.migrate import current_revision, upgrade

    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        revision = current_revision(engine)
    finally:
        engine.dispose()
    where = make_url(settings.database_url).render_as_string(hide_password=True)
    print(f"database {where} is at revision {revision}")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1: {text!r}")
    return value
