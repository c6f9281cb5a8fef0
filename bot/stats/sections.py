"""The tables of a report, each built from the raw counts of the range, then protected.

Ten tables: messages per period and language; people per period; typed messages
understood or not per period (with the share not understood); answers per topic and
language; referrals to intake per country and language; conversations with caseworkers
opened per country and language, their first answer per country (within an hour, a day,
later, never) and how they ended per country; "was this helpful?" per topic (with the
share found helpful); other events per period. No quantity appears in two
tables, so the totals of one cannot be used to undo the suppression of another.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from babel import Locale
from sqlalchemy.engine import Engine

from bot.i18n import Translator, _
from bot.stats import periods
from bot.stats.figures import Figure, Item, Published, Share, added, protected, ratio
from bot.stats.keys import CountKey
from bot.stats.store import read_counts, read_people
from bot.topics import LANGUAGES

# The "other events" table: different things, so each column is protected on its own.
OTHER_EVENTS = {
    "conversation_started": _("Conversations started"),
    "language_chosen": _("Language chosen"),
    "case_urgent": _("Danger words in a conversation with a caseworker"),
    "chat_cleared": _("Quick exits"),
    "nlu_error": _("Reading errors"),
    "bad_button": _("Stale buttons"),
}


@dataclass
class Counts:
    """The true counts of a range, by period: read here, never published as they are."""

    starts: list[dt.date]
    keys: Counter[tuple[dt.date, CountKey]]  # (period start, key with its day blanked)
    people: Counter[dt.date]

    def per_period(self, event: str, **match: str) -> list[int]:
        """How many ``event`` in each period, counting only keys matching ``match``."""
        found: Counter[dt.date] = Counter()
        for (start, key), n in self.keys.items():
            if key.event == event and all(getattr(key, f) == v for f, v in match.items()):
                found[start] += n
        return [found[start] for start in self.starts]

    def pairs(self, event: str, row: str, column: str) -> Counter[tuple[str, str]]:
        """How many ``event`` per (row field, column field) over the whole range."""
        found: Counter[tuple[str, str]] = Counter()
        for (_start, key), n in self.keys.items():
            if key.event == event:
                found[(getattr(key, row), getattr(key, column))] += n
        return found

    def languages(self, event: str) -> list[str]:
        """The report's languages, then any other code seen (``''``: not chosen yet)."""
        seen = {key.lang for (_start, key) in self.keys if key.event == event}
        return [*LANGUAGES, *sorted(seen - set(LANGUAGES))]


def read(engine: Engine, first: dt.date, last: dt.date, by: str) -> Counts:
    """The counts from ``first`` to ``last``, gathered by period of ``by``."""
    starts = periods.starts(first, last, by)

    def period_of(day: dt.date) -> dt.date:
        return periods.period_of(day, first, by)

    keys: Counter[tuple[dt.date, CountKey]] = Counter()
    for key, n in read_counts(engine, first, last):
        keys[(period_of(key.day), key._replace(day=first))] += n
    people: Counter[dt.date] = Counter()
    for day, n in read_people(engine, first, last).items():
        people[period_of(day)] += n
    return Counts(starts, keys, people)


class Labels:
    """What rows and columns are called in the report's language."""

    def __init__(
        self, t: Translator, locale: str, titles: Mapping[str, str], by: str, last: dt.date
    ) -> None:
        self.t, self.locale, self.titles, self.by, self.last = t, locale, titles, by, last
        self.babel = Locale.parse(locale)

    def period(self, start: dt.date) -> Item:
        """A period: its first day (ISO) and its name."""
        return Item(start.isoformat(), periods.label(start, self.by, self.last, self.locale))

    def language(self, code: str) -> Item:
        """A language: its code and its name ("français"), or "not chosen yet"."""
        name = self.babel.languages.get(code, code) if code else self.t(_("Not chosen yet"))
        return Item(code, name)

    def country(self, code: str) -> Item:
        """A country: its ISO code and its name, or "no office listed"."""
        name = self.babel.territories.get(code, code) if code else self.t(_("No office listed"))
        return Item(code, name)

    def topic(self, topic: str) -> Item:
        """A topic: its id and its button title when known."""
        return Item(topic, self.titles.get(topic, topic))


def all_sections(counts: Counts, labels: Labels, k: int) -> list[Figure]:
    """Every table of the report, in order."""
    return [
        messages(counts, labels, k),
        people(counts, labels, k),
        understanding(counts, labels, k),
        topics(counts, labels, k),
        referrals(counts, labels, k),
        cases_opened(counts, labels, k),
        cases_answered(counts, labels, k),
        cases_ended(counts, labels, k),
        feedback(counts, labels, k),
        other_events(counts, labels, k),
    ]


def _period_rows(counts: Counts, labels: Labels) -> list[Item]:
    return [labels.period(start) for start in counts.starts]


def _columns(per_column: list[list[int]]) -> list[list[int]]:
    """Per-column lists turned into rows."""
    return [list(row) for row in zip(*per_column, strict=True)]


def messages(counts: Counts, labels: Labels, k: int) -> Figure:
    """Messages received per period and language."""
    langs = counts.languages("message")
    return protected(
        "messages",
        labels.t(_("Messages per period and language")),
        _period_rows(counts, labels),
        [labels.language(lang) for lang in langs],
        _columns([counts.per_period("message", lang=lang) for lang in langs]),
        k,
    )


def people(counts: Counts, labels: Labels, k: int) -> Figure:
    """Different people per day, added up per period."""
    figure = protected(
        "people",
        labels.t(_("People per period")),
        _period_rows(counts, labels),
        [Item("people", labels.t(_("People")))],
        [[counts.people[start]] for start in counts.starts],
        k,
    )
    figure.note = labels.t(
        _(
            "The different people who wrote each day, added up over the period: someone "
            "who writes on three days counts three times."
        )
    )
    return figure


def understanding(counts: Counts, labels: Labels, k: int) -> Figure:
    """Typed messages per period: answered (or anything else), clarify, out of scope."""
    typed = counts.per_period("message", via="text")
    clarify = counts.per_period("clarify")
    out = counts.per_period("out_of_scope")
    answered = [max(0, t - c - o) for t, c, o in zip(typed, clarify, out, strict=True)]
    figure = protected(
        "understanding",
        labels.t(_("Typed messages understood and not understood")),
        _period_rows(counts, labels),
        [
            Item("answered", labels.t(_("Answered or other"))),
            Item("clarify", labels.t(_("Clarifying question"))),
            Item("out_of_scope", labels.t(_("Out of scope"))),
        ],
        _columns([answered, clarify, out]),
        k,
    )
    figure.total_label = labels.t(_("Typed messages"))
    row_totals = figure.row_totals or []
    figure.shares = [
        Share(
            "not_understood",
            labels.t(_("Share not understood")),
            [_not_understood(r, t) for r, t in zip(figure.cells, row_totals, strict=True)],
            _not_understood(figure.column_totals, figure.total),
        )
    ]
    figure.note = labels.t(
        _("Not understood: a clarifying question or an out-of-scope answer, over typed messages.")
    )
    return figure


def _not_understood(row: list[Published], total: Published | None) -> float | None:
    part = added(row[1], row[2])
    if part is None and isinstance(row[0], int) and isinstance(total, int):
        part = total - row[0]
    return ratio(part, total)


def _two_way(
    counts: Counts, event: str, row: str, column: str, columns: list[str]
) -> tuple[list[str], list[list[int]]]:
    found = counts.pairs(event, row, column)
    keys = sorted({r for r, _c in found})
    return keys, [[found[(key, c)] for c in columns] for key in keys]


def _per_language(
    counts: Counts,
    event: str,
    row: str,
    key: str,
    title: str,
    row_label: Callable[[str], Item],
    labels: Labels,
    k: int,
) -> Figure:
    """One ``event`` counted per ``row`` (topic, country…) and language, protected."""
    langs = counts.languages(event)
    keys, cells = _two_way(counts, event, row, "lang", langs)
    return protected(
        key,
        title,
        [row_label(r) for r in keys],
        [labels.language(lang) for lang in langs],
        cells,
        k,
    ).sorted_by_total()


def topics(counts: Counts, labels: Labels, k: int) -> Figure:
    """Answers given per topic and language (whatever the way: words, button, command)."""
    title = labels.t(_("Answers per topic"))
    return _per_language(counts, "answer", "topic", "topics", title, labels.topic, labels, k)


def referrals(counts: Counts, labels: Labels, k: int) -> Figure:
    """Referrals to intake (a contact card shown) per country and language."""
    title = labels.t(_("Referrals to intake per country"))
    return _per_language(
        counts, "intake_referral", "country", "referrals", title, labels.country, labels, k
    )


# How long a case waited for its first answer from a caseworker, and how it ended.
ANSWERED = {
    "in_hour": _("Within an hour"),
    "in_day": _("Within a day"),
    "later": _("Later"),
    "never": _("Never"),
}
ENDED = {
    "person": _("By the person"),
    "staff": _("By a caseworker"),
    "expired": _("After days without messages"),
    "quick_exit": _("Quick exit"),
    "unreachable": _("Person unreachable"),
}


def cases_opened(counts: Counts, labels: Labels, k: int) -> Figure:
    """Conversations opened with caseworkers, per country and language."""
    title = labels.t(_("Conversations with caseworkers opened, per country"))
    return _per_language(
        counts, "case_opened", "country", "cases_opened", title, labels.country, labels, k
    )


def cases_answered(counts: Counts, labels: Labels, k: int) -> Figure:
    """How long cases waited for a caseworker's first answer, per country."""
    return _per_outcome(
        counts,
        "case_answered",
        ANSWERED,
        "cases_answered",
        labels.t(_("First answer from a caseworker, per country")),
        labels,
        k,
    )


def cases_ended(counts: Counts, labels: Labels, k: int) -> Figure:
    """How cases ended, per country."""
    title = labels.t(_("How conversations with caseworkers ended, per country"))
    return _per_outcome(counts, "case_closed", ENDED, "cases_ended", title, labels, k)


def _per_outcome(
    counts: Counts,
    event: str,
    outcomes: Mapping[str, str],
    key: str,
    title: str,
    labels: Labels,
    k: int,
) -> Figure:
    keys, cells = _two_way(counts, event, "country", "via", list(outcomes))
    return protected(
        key,
        title,
        [labels.country(code) for code in keys],
        [Item(via, labels.t(label)) for via, label in outcomes.items()],
        cells,
        k,
    ).sorted_by_total()


def feedback(counts: Counts, labels: Labels, k: int) -> Figure:
    """Answers to "was this helpful?" per topic, with the share found helpful."""
    keys, cells = _two_way(counts, "feedback", "topic", "via", ["up", "down"])
    figure = protected(
        "feedback",
        labels.t(_("Was this helpful? Answers per topic")),
        [labels.topic(topic) for topic in keys],
        [Item("up", labels.t(_("Helpful"))), Item("down", labels.t(_("Not helpful")))],
        cells,
        k,
    )
    row_totals = figure.row_totals or []
    figure.shares = [
        Share(
            "helpful",
            labels.t(_("Share helpful")),
            [ratio(r[0], t) for r, t in zip(figure.cells, row_totals, strict=True)],
            ratio(figure.column_totals[0], figure.total),
        )
    ]
    return figure.sorted_by_total()


def other_events(counts: Counts, labels: Labels, k: int) -> Figure:
    """Other events per period, each column protected on its own (they do not add up)."""
    return protected(
        "other_events",
        labels.t(_("Other events per period")),
        _period_rows(counts, labels),
        [Item(event, labels.t(label)) for event, label in OTHER_EVENTS.items()],
        _columns([counts.per_period(event) for event in OTHER_EVENTS]),
        k,
        additive=False,
    )
