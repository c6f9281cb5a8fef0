"""The tables of a report, each built from the raw counts of the range (not yet protected).

Eleven tables: messages per period and language; people per period; typed messages
understood or not per period (with the share not understood); answers per topic and
language; urgent help per country and kind of danger; referrals to intake per country
and language; conversations with caseworkers opened per country and language, their
first answer per country (within an hour, a day, later, never) and how they ended per
country; "was this helpful?" per topic (ranked by the share found not helpful); other
events per period.

No quantity appears in two tables, so the totals of one cannot be used to undo the
suppression of another: the urgent pages and "out of scope" are not in the answers per
topic (they have their own tables). Some tables bound others ("typed messages are at
most all messages"): ``links`` lists them for ``bot.stats.protect``.
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
from bot.stats.figures import Draft, Figure, Item, Published, Share, added, ratio
from bot.stats.keys import CountKey
from bot.stats.labels import plain
from bot.stats.protect import Link
from bot.stats.store import read_people, read_sums
from bot.topics import LANGUAGES, OUT_OF_SCOPE, URGENT_HELP, URGENT_KINDS

# The "other events" table: different things, so each column is protected on its own.
OTHER_EVENTS = {
    "conversation_started": _("Conversations started"),
    "language_chosen": _("Language chosen"),
    "urgent_unsure": _("Emergency numbers shown briefly (unsure)"),
    "case_urgent": _("Danger words in a conversation with a caseworker"),
    "chat_cleared": _("Quick exits"),
    "nlu_error": _("Reading errors"),
    "bad_button": _("Stale buttons"),
}
# Each is one event at most in a turn, and a turn is one message: never more than the
# messages of the same day.
AT_MOST_ONE_A_MESSAGE = ("conversation_started", "language_chosen", "chat_cleared", "bad_button")
# The urgent pages, in the order of the urgent-help table's columns.
URGENT_PAGES = (URGENT_HELP, *URGENT_KINDS)


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
    ends = [*(start - dt.timedelta(days=1) for start in starts[1:]), last]
    keys: Counter[tuple[dt.date, CountKey]] = Counter()
    for n, dims, total in read_sums(engine, list(zip(starts, ends, strict=True))):
        keys[(starts[n], CountKey(first, *dims))] += total
    people: Counter[dt.date] = Counter()
    for day, count in read_people(engine, first, last).items():
        people[periods.period_of(day, first, by)] += count
    return Counts(starts, keys, people)


class Labels:
    """What rows and columns are called in the report's language (plain words, no emoji)."""

    def __init__(
        self, t: Translator, locale: str, titles: Mapping[str, str], by: str, last: dt.date
    ) -> None:
        self.t, self.locale, self.by, self.last = t, locale, by, last
        self.titles = {topic: plain(title) for topic, title in titles.items()}
        self.babel = Locale.parse(locale)

    def period(self, start: dt.date) -> Item:
        """A period: its first day (ISO) and its name."""
        return Item(
            start.isoformat(),
            periods.label(start, self.by, self.last, self.locale),
            periods.short_label(start, self.by, self.last, self.locale),
        )

    def language(self, code: str) -> Item:
        """A language: its code and its name ("français"), or "not chosen yet"."""
        name = self.babel.languages.get(code, code) if code else self.t(_("Not chosen yet"))
        return Item(code, name)

    def country(self, code: str) -> Item:
        """A country: its ISO code and its name, or "no office listed"."""
        name = self.babel.territories.get(code, code) if code else self.t(_("No office listed"))
        return Item(code, name)

    def place(self, code: str) -> Item:
        """Where a person said they are: a country, or "country not known"."""
        if code:
            return self.country(code)
        return Item(code, self.t(_("Country not known")))

    def topic(self, topic: str) -> Item:
        """A topic: its id and its button title when known."""
        return Item(topic, self.titles.get(topic, topic))


def all_sections(counts: Counts, labels: Labels) -> list[Draft]:
    """Every table of the report, in order, with its true counts."""
    return [
        messages(counts, labels),
        people(counts, labels),
        understanding(counts, labels),
        topics(counts, labels),
        urgent(counts, labels),
        referrals(counts, labels),
        cases_opened(counts, labels),
        cases_answered(counts, labels),
        cases_ended(counts, labels),
        feedback(counts, labels),
        other_events(counts, labels),
    ]


def links(drafts: list[Draft]) -> list[Link]:
    """The bounds between tables a reader can use (see ``bot.stats.protect``)."""
    by_key = {d.key: d for d in drafts}
    found = []
    for row in [*(r.key for r in by_key["messages"].rows), "total"]:
        whole = ("messages", row, "total")
        found.append(Link(("people", row, "people"), whole))
        found.append(Link(("understanding", row, "total"), whole))
        found += [Link(("other_events", row, event), whole) for event in AT_MOST_ONE_A_MESSAGE]
    for row in [*(r.key for r in by_key["cases_answered"].rows), "total"]:
        found.append(Link(("cases_answered", row, "never"), ("cases_ended", row, "total")))
    return found


def _period_rows(counts: Counts, labels: Labels) -> list[Item]:
    return [labels.period(start) for start in counts.starts]


def _columns(per_column: list[list[int]]) -> list[list[int]]:
    """Per-column lists turned into rows."""
    return [list(row) for row in zip(*per_column, strict=True)]


def messages(counts: Counts, labels: Labels) -> Draft:
    """Messages received per period and language."""
    langs = counts.languages("message")
    return Draft(
        "messages",
        labels.t(_("Messages per period and language")),
        _period_rows(counts, labels),
        [labels.language(lang) for lang in langs],
        _columns([counts.per_period("message", lang=lang) for lang in langs]),
        labels.t(_("Period")),
    )


def people(counts: Counts, labels: Labels) -> Draft:
    """Different people per day, added up per period."""
    note = labels.t(
        _(
            "The different people who wrote each day, added up over the period: someone "
            "who writes on three days counts three times."
        )
    )
    return Draft(
        "people",
        labels.t(_("People per period")),
        _period_rows(counts, labels),
        [Item("people", labels.t(_("People")))],
        [[counts.people[start]] for start in counts.starts],
        labels.t(_("Period")),
        finish=lambda figure: _with_note(figure, note),
    )


def _with_note(figure: Figure, note: str) -> Figure:
    figure.note = note
    return figure


def understanding(counts: Counts, labels: Labels) -> Draft:
    """Typed messages per period: answered (or anything else), clarify, out of scope."""
    typed = counts.per_period("message", via="text")
    clarify = counts.per_period("clarify")
    out = counts.per_period("out_of_scope")
    answered = [max(0, t - c - o) for t, c, o in zip(typed, clarify, out, strict=True)]

    def finish(figure: Figure) -> Figure:
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
            _(
                "Not understood: a clarifying question or an out-of-scope answer, over "
                "typed messages."
            )
        )
        return figure

    return Draft(
        "understanding",
        labels.t(_("Typed messages understood and not understood")),
        _period_rows(counts, labels),
        [
            Item("answered", labels.t(_("Answered or other"))),
            Item("clarify", labels.t(_("Clarifying question"))),
            Item("out_of_scope", labels.t(_("Out of scope"))),
        ],
        _columns([answered, clarify, out]),
        labels.t(_("Period")),
        finish=finish,
    )


def _not_understood(row: list[Published], total: Published | None) -> float | None:
    part = added(row[1], row[2])
    if part is None and isinstance(row[0], int) and isinstance(total, int):
        part = total - row[0]
    return ratio(part, total)


def _two_way(
    counts: Counts, event: str, row: str, column: str, columns: list[str], skip: tuple = ()
) -> tuple[list[str], list[list[int]]]:
    found = counts.pairs(event, row, column)
    keys = sorted({r for r, _c in found if r not in skip})
    return keys, [[found[(key, c)] for c in columns] for key in keys]


def _by_total(figure: Figure) -> Figure:
    return figure.sorted_by_total()


def _per_language(
    counts: Counts,
    event: str,
    row: str,
    key: str,
    title: str,
    row_label: Callable[[str], Item],
    labels: Labels,
    heading: str,
    skip: tuple = (),
) -> Draft:
    """One ``event`` counted per ``row`` (topic, country…) and language."""
    langs = counts.languages(event)
    keys, cells = _two_way(counts, event, row, "lang", langs, skip)
    return Draft(
        key,
        title,
        [row_label(r) for r in keys],
        [labels.language(lang) for lang in langs],
        cells,
        heading,
        finish=_by_total,
    )


def topics(counts: Counts, labels: Labels) -> Draft:
    """Answers given per topic and language (whatever the way: words, button, command).

    The urgent pages have their own table (per country), and "out of scope" is in the
    table of typed messages: counted here too, their totals would link the tables.
    """
    title = labels.t(_("Answers per topic"))
    skip = (*URGENT_PAGES, OUT_OF_SCOPE)
    heading = labels.t(_("Topic"))
    return _per_language(
        counts, "answer", "topic", "topics", title, labels.topic, labels, heading, skip
    )


def urgent(counts: Counts, labels: Labels) -> Draft:
    """Urgent pages shown in full, per country (where the person said they are) and kind."""
    keys, cells = _two_way(counts, "urgent_help", "country", "topic", list(URGENT_PAGES))
    return Draft(
        "urgent",
        labels.t(_("Urgent help shown, per country and kind of danger")),
        [labels.place(code) for code in keys],
        [labels.topic(page) for page in URGENT_PAGES],
        cells,
        labels.t(_("Country")),
        finish=_by_total,
    )


def referrals(counts: Counts, labels: Labels) -> Draft:
    """Referrals to intake (a contact card shown) per country and language."""
    title = labels.t(_("Referrals to intake per country"))
    return _per_language(
        counts,
        "intake_referral",
        "country",
        "referrals",
        title,
        labels.country,
        labels,
        labels.t(_("Country")),
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


def cases_opened(counts: Counts, labels: Labels) -> Draft:
    """Conversations opened with caseworkers, per country and language."""
    title = labels.t(_("Conversations with caseworkers opened, per country"))
    return _per_language(
        counts,
        "case_opened",
        "country",
        "cases_opened",
        title,
        labels.country,
        labels,
        labels.t(_("Country")),
    )


def cases_answered(counts: Counts, labels: Labels) -> Draft:
    """How long cases waited for a caseworker's first answer, per country."""
    return _per_outcome(
        counts,
        "case_answered",
        ANSWERED,
        "cases_answered",
        labels.t(_("First answer from a caseworker, per country")),
        labels,
    )


def cases_ended(counts: Counts, labels: Labels) -> Draft:
    """How cases ended, per country."""
    title = labels.t(_("How conversations with caseworkers ended, per country"))
    return _per_outcome(counts, "case_closed", ENDED, "cases_ended", title, labels)


def _per_outcome(
    counts: Counts,
    event: str,
    outcomes: Mapping[str, str],
    key: str,
    title: str,
    labels: Labels,
) -> Draft:
    keys, cells = _two_way(counts, event, "country", "via", list(outcomes))
    return Draft(
        key,
        title,
        [labels.country(code) for code in keys],
        [Item(via, labels.t(label)) for via, label in outcomes.items()],
        cells,
        labels.t(_("Country")),
        finish=_by_total,
    )


def feedback(counts: Counts, labels: Labels) -> Draft:
    """Answers to "was this helpful?" per topic, the least helpful first."""
    keys, cells = _two_way(counts, "feedback", "topic", "via", ["up", "down"])

    def finish(figure: Figure) -> Figure:
        row_totals = figure.row_totals or []
        shares = [ratio(r[1], t) for r, t in zip(figure.cells, row_totals, strict=True)]
        figure.shares = [
            Share(
                "not_helpful",
                labels.t(_("Share not helpful")),
                shares,
                ratio(figure.column_totals[1], figure.total),
            )
        ]
        totals = [t if isinstance(t, int) else -1 for t in row_totals]

        def rank(i: int) -> tuple[int, float, int, str]:
            share = shares[i]
            if share is None:
                return (1, 0.0, -totals[i], figure.rows[i].key)
            return (0, -share, -totals[i], figure.rows[i].key)

        return figure.reordered(sorted(range(len(figure.rows)), key=rank))

    return Draft(
        "feedback",
        labels.t(_("Was this helpful? Answers per topic")),
        [labels.topic(topic) for topic in keys],
        [Item("up", labels.t(_("Helpful"))), Item("down", labels.t(_("Not helpful")))],
        cells,
        labels.t(_("Topic")),
        finish=finish,
    )


def other_events(counts: Counts, labels: Labels) -> Draft:
    """Other events per period, each column protected on its own (they do not add up)."""
    per_event = {event: counts.per_period(event) for event in OTHER_EVENTS}
    per_event["urgent_unsure"] = counts.per_period("answer", via="unsure")
    return Draft(
        "other_events",
        labels.t(_("Other events per period")),
        _period_rows(counts, labels),
        [Item(event, labels.t(label)) for event, label in OTHER_EVENTS.items()],
        _columns([per_event[event] for event in OTHER_EVENTS]),
        labels.t(_("Period")),
        additive=False,
    )
