"""The analysts' report (``python -m bot stats``) and the admin summary (``/stats``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.config import Settings
from bot.content import ContentStore, load_content
from bot.errors import BotError
from bot.i18n import Catalogs, _
from bot.stats import periods
from bot.stats.figures import Figure
from bot.stats.protect import Policy, protect
from bot.stats.sections import Labels, all_sections, links, read
from bot.stats.source import open_counts

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
    published: bool = False  # built under the publish policy (see bot.stats.protect)
    entries: int = 0  # entries holding a count above zero, totals included
    hidden: int = 0  # of which hidden
    small: int = 0  # of which small counts

    @property
    def share_hidden(self) -> float:
        """The part of the entries holding something that is hidden."""
        return self.hidden / self.entries if self.entries else 0.0

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
    publish: bool = False,
) -> Report:
    """The report from ``first`` to ``last``.

    The range is widened to whole periods of ``by`` (whole months are kept as they are);
    ``publish`` applies the publish policy (``bot.stats.protect``).
    """
    first, last = periods.snap(first, last, by)
    counts = read(engine, first, last, by)
    labels = Labels(catalogs.for_lang(locale), locale, topic_titles or {}, by, last)
    drafts = all_sections(counts, labels)
    policy = Policy.publish(k) if publish else Policy.report(k)
    done = protect(drafts, policy, links(drafts))
    return Report(
        first, last, by, k, locale, done.figures, publish, done.entries, done.hidden, done.small
    )


def open_engine(settings: Settings) -> Engine:
    """An engine on the bot's database; it must hold the counts (none is ever created).

    Raises:
        ConfigError: no such database, or no counts in it (the message says what to do).
    """
    return open_counts(settings)


def topic_titles(settings: Settings, lang: str) -> dict[str, str]:
    """Each topic's button title in ``lang`` from the content, or {} if it cannot load."""
    try:
        content = load_content(settings.content_dir)
    except (BotError, OSError) as exc:
        log.warning("stats: topic titles unavailable (%s); topic ids shown", type(exc).__name__)
        return {}
    return titles_of(content, lang)


def titles_of(content: ContentStore, lang: str) -> dict[str, str]:
    """Each topic's button title in ``lang``."""
    return {
        topic: answer.title
        for (topic, language), answer in content.answers.items()
        if language == lang
    }


def summary_text(engine: Engine, catalogs: Catalogs, titles: Mapping[str, str], lang: str) -> str:
    """A short plain-text summary of the last 7 whole days (UTC) for the admin ``/stats``.

    Built from what the running bot holds (its database engine, catalogs and content's
    titles: see ``titles_of``). Today is left out: a figure that moves while someone
    watches could single out the person who just wrote. Small counts are suppressed as in
    the reports. This reads the database: call it through ``asyncio.to_thread``. When the
    database cannot be read, it says so in ``lang`` instead of raising.
    """
    from bot.stats.render.summary import render_summary

    last = periods.utc_today() - dt.timedelta(days=1)
    first = last - dt.timedelta(days=6)
    try:
        report = build_report(
            engine, first, last, periods.WHOLE, lang, catalogs, topic_titles=titles
        )
    except (SQLAlchemyError, BotError) as exc:
        log.warning("stats summary: database unavailable (%s)", type(exc).__name__)
        return catalogs.for_lang(lang)(_("The figures cannot be read right now. Try again later."))
    return render_summary(report, catalogs)
