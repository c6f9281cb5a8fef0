"""Realistic traffic, made up: what a month (or a year) of the bot's counts looks like.

Used by the tests (the publish policy on a realistic month) and by bench/stats.py. A few
countries bring most of the traffic (Niger and Libya first), a long tail of countries
brings a handful each; French is the most used language, a few people never choose one;
half the messages are typed. Written straight into the counts table, as the recorder
would have written them. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter

from bot.stats.buffer import Batch
from bot.stats.keys import CountKey
from bot.stats.store import write_batch
from bot.topics import REQUIRED_TOPICS, URGENT_HELP, URGENT_KINDS

COUNTRIES = (
    "NE", "LY", "ML", "SN", "GN", "CI", "NG", "CM", "BF", "GM", "MA", "DZ", "TN", "TD", "SD",
    "GH", "SL", "LR", "MR", "BJ", "TG", "EG", "ET", "ER", "SO", "CF", "CD", "CG", "GA", "GW",
)  # fmt: skip
TOPICS = tuple(
    t for t in REQUIRED_TOPICS if t not in (URGENT_HELP, "out_of_scope", "intake", "language")
) + ("return_fears", "debt", "mental_health", "family_contact", "asylum", "avr_voluntary")
URGENT = {URGENT_HELP: 40, "urgent_sea": 20, "urgent_desert": 15, "urgent_detention": 12,
          "sexual_violence": 5, "urgent_trafficking": 5, "child_alone": 3,
          "self_harm": 4}  # fmt: skip
assert set(URGENT) == {URGENT_HELP, *URGENT_KINDS}
ANSWERED = {"in_hour": 50, "in_day": 30, "later": 12, "never": 8}
ENDED = {"person": 40, "staff": 35, "expired": 15, "quick_exit": 5, "unreachable": 5}
VIAS = {"text": 45, "button": 50, "command": 4, "other": 1}


def _zipf(keys: tuple[str, ...], s: float = 1.1) -> dict[str, float]:
    return {key: 1 / (n + 1) ** s for n, key in enumerate(keys)}


class Traffic:
    """Counts of made-up days, gathered by key."""

    def __init__(self, seed: int = 2026, scale: float = 1.0) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        self.counts: Counter[CountKey] = Counter()
        self.people: Counter[dt.date] = Counter()

    def poisson(self, mean: float) -> int:
        mean *= self.scale
        if mean <= 0:
            return 0
        if mean > 30:
            return max(0, round(self.rng.gauss(mean, math.sqrt(mean))))
        limit, k, p = math.exp(-mean), 0, 1.0
        while True:
            p *= self.rng.random()
            if p <= limit:
                return k
            k += 1

    def pick(self, weights: dict[str, float]) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def lang(self) -> str:
        return self.pick({"fr": 60, "en": 38, "": 2})

    def add(self, day: dt.date, event: str, n: int = 1, **dims: str) -> None:
        if n:
            fields = {"topic": "", "via": "", "lang": "", "country": "", **dims}
            self.counts[CountKey(day, event, **fields)] += n

    def day(self, day: dt.date) -> None:
        """One day of traffic."""
        weekend = day.weekday() >= 5
        people = self.poisson(110 if weekend else 160)
        self.people[day] += people
        messages = self.poisson(people * 6)
        typed = 0
        for _ in range(messages):
            via = self.pick(VIAS)
            typed += via == "text"
            self.add(day, "message", via=via, lang=self.lang())
        for _ in range(round(typed * 0.12)):
            self.add(day, "clarify", topic=self.pick(_zipf(TOPICS)), lang=self.lang())
        for _ in range(round(typed * 0.05)):
            lang = self.lang()
            self.add(day, "out_of_scope", lang=lang)
            self.add(day, "answer", topic="out_of_scope", via="nlu", lang=lang)
        for _ in range(round(messages * 0.45)):
            topic = self.pick(_zipf(TOPICS, 0.9))
            self.add(day, "answer", topic=topic, via=self.pick({"nlu": 1, "button": 2}),
                     lang=self.pick({"fr": 61, "en": 39}))  # fmt: skip
        countries = {**_zipf(COUNTRIES), "": 0.6}
        for _ in range(self.poisson(6)):
            page, lang = self.pick(URGENT), self.lang()
            self.add(day, "urgent_help", topic=page, lang=lang, country=self.pick(countries))
            self.add(day, "answer", topic=page, via="safety", lang=lang)
        for _ in range(self.poisson(0.4)):
            self.add(day, "answer", topic=self.pick(URGENT), via="unsure", lang=self.lang())
        referral = {**_zipf(COUNTRIES, 1.3), "": 0.1}
        for _ in range(self.poisson(22)):
            self.add(day, "intake_referral", lang=self.lang(), country=self.pick(referral))
        for _ in range(self.poisson(4)):
            country, lang = self.pick(_zipf(COUNTRIES, 1.3)), self.lang()
            self.add(day, "case_opened", lang=lang, country=country)
            self.add(day, "case_answered", via=self.pick(ANSWERED), lang=lang, country=country)
            self.add(day, "case_closed", via=self.pick(ENDED), lang=lang, country=country)
        for _ in range(self.poisson(45)):
            self.add(day, "feedback", topic=self.pick(_zipf(TOPICS, 0.9)),
                     via=self.pick({"up": 80, "down": 20}), lang=self.lang())  # fmt: skip
        for event, mean in (("conversation_started", 40), ("language_chosen", 25),
                            ("chat_cleared", 0.7), ("nlu_error", 0.2), ("bad_button", 3),
                            ("case_urgent", 0.3)):  # fmt: skip
            self.add(day, event, self.poisson(mean), lang=self.lang())

    def days(self, first: dt.date, last: dt.date) -> Traffic:
        day = first
        while day <= last:
            self.day(day)
            day += dt.timedelta(days=1)
        return self

    def write(self, engine, rows: int = 5_000) -> None:
        """Into the database, as the recorder writes (transactions of ``rows`` counts)."""
        keys = sorted(self.counts)
        for start in range(0, len(keys), rows):
            part = Counter({key: self.counts[key] for key in keys[start : start + rows]})
            write_batch(engine, Batch(part))
        write_batch(engine, Batch(Counter(), Counter(self.people)))
