"""The analysts' report (``python -m bot stats``) and the admin summary (``/stats``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.config import Settings
from bot.content import load_content
from bot.db.engine import make_engine
from bot.db.migrate import upgrade
from bot.errors import BotError
from bot.i18n import Catalogs, _
from bot.stats import periods
from bot.stats.figures import Figure
from bot.stats.sections import Labels, all_sections, read

log = logging.getLogger(__name__)

DEFAULT_K = 5


@dataclass
class Report:
    """Every table of one report, published values only."""

    first: dt.date
    last: dt.date
    by: str
    k: int
    locale: str
    figures: list[Figure]

    def figure(self, key: str) -> Figure:
        """The table with this key."""
        return next(f for f in self.figures if f.key == key)


def build_report(
    engine: Engine,
    first: dt.date,
    last: dt.date,
    by: str,
    locale: str,
    catalogs: Catalogs,
    *,
    k: int = DEFAULT_K,
    topic_titles: Mapping[str, str] | None = None,
) -> Report:
    """The report from ``first`` to ``last`` (widened to whole periods of ``by``)."""
    first, last = periods.snap(first, last, by)
    counts = read(engine, first, last, by)
    labels = Labels(catalogs.for_lang(locale), locale, topic_titles or {}, by, last)
    figures = all_sections(counts, labels, k)
    return Report(first, last, by, k, locale, figures)


def open_engine(settings: Settings) -> Engine:
    """An engine on the settings' database, migrated (an empty one is created)."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def topic_titles(settings: Settings, lang: str) -> dict[str, str]:
    """Each topic's button title in ``lang`` from the content, or {} if it cannot load."""
    try:
        content = load_content(settings.content_dir)
    except (BotError, OSError) as exc:
        log.warning("stats: topic titles unavailable (%s); topic ids shown", type(exc).__name__)
        return {}
    return {
        topic: answer.title
        for (topic, language), answer in content.answers.items()
        if language == lang
    }


def summary_text(settings: Settings, lang: str) -> str:
    """A short plain-text summary of the last 7 whole days (UTC) for the admin ``/stats``.

    Today is left out: a figure that moves while someone watches could single out the
    person who just wrote. Small counts are suppressed as in the reports. This reads the
    database: call it through ``asyncio.to_thread`` from a handler. When the database
    cannot be read, it says so in ``lang`` instead of raising.
    """
    from bot.stats.render.summary import render_summary

    catalogs = Catalogs.load()
    last = periods.utc_today() - dt.timedelta(days=1)
    first = last - dt.timedelta(days=6)
    try:
        engine = open_engine(settings)
        try:
            report = build_report(
                engine,
                first,
                last,
                periods.WHOLE,
                lang,
                catalogs,
                topic_titles=topic_titles(settings, lang),
            )
        finally:
            engine.dispose()
    except (SQLAlchemyError, BotError) as exc:
        log.warning("stats summary: database unavailable (%s)", type(exc).__name__)
        return catalogs.for_lang(lang)(_("The figures cannot be read right now. Try again later."))
    return render_summary(report, catalogs)
