"""``python -m bot stats [purge]`` and ``python -m bot db upgrade``."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping

from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.errors import BotError
from bot.topics import LANGUAGES

FORMAT_NAMES = ("table", "csv", "json", "html", "xlsx")
BY = ("day", "week", "month")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``stats``, ``stats purge`` and ``db upgrade``."""
    stats = subparsers.add_parser(
        "stats",
        help="anonymous usage figures",
        description=(
            "Anonymous usage figures, small counts hidden. Without dates: the last whole "
            "month, by week. Days are UTC days. See docs/analysts.md."
        ),
    )
    stats.add_argument("--format", choices=FORMAT_NAMES, default="table")
    stats.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (needed for xlsx on a terminal)"
    )
    when = stats.add_argument_group("period (one of)")
    when.add_argument("--month", type=_month, metavar="YYYY-MM", help="one calendar month")
    when.add_argument("--last-month", action="store_true", help="the last whole month")
    when.add_argument("--week", type=_week, metavar="YYYY-Www", help="one ISO week (2026-W47)")
    when.add_argument("--last-week", action="store_true", help="the last whole week")
    when.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD")
    when.add_argument("--to", dest="last", type=_date, metavar="YYYY-MM-DD")
    stats.add_argument(
        "--by",
        choices=BY,
        help="one row per day, week or month (default: week; month for "
        "a range of several months without dates)",
    )
    stats.add_argument(
        "--locale",
        choices=LANGUAGES,
        help="language of the report, and the CSV's separator (default: from LC_ALL, "
        "LC_MESSAGES or LANG, else en)",
    )
    stats.add_argument(
        "--k", type=_at_least_one, default=5, help="smallest count shown (default 5; 1 shows all)"
    )
    stats.add_argument(
        "--publish",
        action="store_true",
        help="a report to share: one whole week or month that is over, no hidden count can "
        "be worked out, and the period is recorded so that no other report overlaps it",
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
    """Write the report (to ``--output`` or stdout)."""
    from bot.i18n import Catalogs
    from bot.stats.output import write_report
    from bot.stats.periods import utc_today
    from bot.stats.publishing import check_publishable, record_publication
    from bot.stats.report import build_report, open_engine, topic_titles

    today = utc_today()
    first, last, by = choose_range(args, today)
    locale = args.locale or locale_from_env(os.environ)
    if args.publish:
        check_publishable(first, last, by, args.k, today)
    _check_output(args)
    engine = open_engine(settings)
    try:
        catalogs = Catalogs.load()
        report = build_report(
            engine,
            first,
            last,
            by,
            locale,
            catalogs,
            k=args.k,
            topic_titles=topic_titles(settings, locale),
            publish=args.publish,
        )
        if args.publish:
            record_publication(engine, report, today)
    finally:
        engine.dispose()
    write_report(report, catalogs, args.format, args.output)
    if args.publish:
        print(
            f"published {report.first.isoformat()} to {report.last.isoformat()} by {report.by}: "
            f"{report.hidden} of {report.entries} figures above zero hidden "
            f"({report.share_hidden:.1%}; {report.small} of them small counts)",
            file=sys.stderr,
        )
    return 0


def choose_range(args: argparse.Namespace, today: dt.date) -> tuple[dt.date, dt.date, str]:
    """The first day, the last day and the grouping the options ask for.

    Raises:
        BotError: two ways of giving the period, or a range that ends before it starts.
    """
    from bot.stats import periods

    given = [
        name
        for name, value in (
            ("--month", args.month),
            ("--last-month", args.last_month),
            ("--week", args.week),
            ("--last-week", args.last_week),
            ("--from/--to", args.first or args.last),
        )
        if value
    ]
    if len(given) > 1:
        raise BotError(f"give the period one way only, not {' and '.join(given)}")
    if args.month or args.last_month:
        first, last = args.month or periods.month(periods.add_months(today.replace(day=1), -1))
    elif args.week or args.last_week:
        first, last = args.week or periods.last_week(today)
    elif args.first or args.last:
        last = args.last or today
        first = args.first or last.replace(day=1)
    else:
        first, last = periods.default_range(today, args.by or "week")
    if first > last:
        raise BotError(f"--from ({first}) is after --to ({last})")
    return first, last, args.by or "week"


def locale_from_env(env: Mapping[str, str]) -> str:
    """The report's language from the terminal's locale (LC_ALL, LC_MESSAGES, LANG), else en."""
    from bot.i18n import negotiate

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return negotiate(value.split(".")[0].split("@")[0]) or "en"
    return "en"


def _check_output(args: argparse.Namespace) -> None:
    if args.format == "xlsx" and not args.output and sys.stdout.isatty():
        raise BotError("a workbook is a file: add --output report.xlsx (or > report.xlsx)")


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


def _month(text: str) -> tuple[dt.date, dt.date]:
    from bot.stats.periods import parse_month

    try:
        return parse_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {text!r}") from None


def _week(text: str) -> tuple[dt.date, dt.date]:
    from bot.stats.periods import parse_week

    try:
        return parse_week(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO week (YYYY-Www): {text!r}") from None


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1: {text!r}")
    return value
