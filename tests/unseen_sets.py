"""Score the engine on the unseen sets of tests/nlu/unseen/ (never tuned on).

One way of counting for the tests and the benchmarks (bench/safety.py, bench/nlu.py):

- emergencies, by kind: the first reply is an urgent-help page (the numbers first);
- ordinary questions that mention help, sickness, Libya…: an urgent page shown at all
  is a false alarm (the urgent button alone is not);
- questions on every topic: the first topic answered is right; a wrong topic answered
  without asking first is a confident wrong answer;
- two questions in one message: both answered, or the bot asks which (never one
  silently).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.engine import Engine
from bot.topics import NUMBERS_PAGES, OUT_OF_SCOPE, URGENT_HELP
from tests.dialogue import first_message

UNSEEN_DIR = Path(__file__).parent / "nlu" / "unseen"
# A second set, written blind on 2026-12-02 after the first had guided the work by kind of
# miss: its misses are never read, only its totals (the honest figure).
BLIND_DIR = Path(__file__).parent / "nlu" / "unseen-2"
# A third set, written blind of data and content on 2026-12-07 to guide that week's work
# (its misses are read, like the first set's); the second set stays the honest figure.
DEV_DIR = Path(__file__).parent / "nlu" / "unseen-3"
# A fourth, written blind on 2026-12-07 by another writer, before the examples of that day
# were measured against it: a second honest figure, totals only, like the second set's.
BLIND_DIR_2 = Path(__file__).parent / "nlu" / "unseen-4"
BLIND_DIRS = frozenset({BLIND_DIR, BLIND_DIR_2})
# A fifth, written blind on 2026-12-07 (afternoon) by a third set of writers: its misses
# guided that afternoon's work by kind, like the third set's.
DEV_DIR_2 = Path(__file__).parent / "nlu" / "unseen-5"
UNSEEN_SETS = {
    "tests/nlu/unseen (guided the work)": UNSEEN_DIR,
    "tests/nlu/unseen-3 (guides the December 7 work)": DEV_DIR,
    "tests/nlu/unseen-5 (guides the December 7 afternoon)": DEV_DIR_2,
    "tests/nlu/unseen-2 (blind)": BLIND_DIR,
    "tests/nlu/unseen-4 (blind, second writer)": BLIND_DIR_2,
}


@dataclass
class UnseenSet:
    """One language's unseen messages."""

    emergencies: dict[str, list[str]]
    ordinary: list[str]
    topics: dict[str, list[str]]
    mixed: list[tuple[str, list[str]]]


def read_unseen(lang: str, folder: Path = UNSEEN_DIR) -> UnseenSet:
    """``<folder>/<lang>.yml`` (by default ``tests/nlu/unseen/``)."""
    data = yaml.safe_load((folder / f"{lang}.yml").read_text(encoding="utf-8"))
    return UnseenSet(
        emergencies={kind: list(items) for kind, items in data["emergency"].items()},
        ordinary=list(data["ordinary_mentions"]),
        topics={topic: list(items) for topic, items in data["topics"].items()},
        mixed=[(item["text"], list(item["topics"])) for item in data.get("mixed", [])],
    )


@dataclass
class SafetyScore:
    """Emergencies given the numbers first, per kind; ordinary questions alarmed."""

    first: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    ordinary: int = 0
    alarms: list[str] = field(default_factory=list)

    @property
    def emergencies(self) -> int:
        return sum(self.total.values())

    @property
    def numbers_first(self) -> int:
        return sum(self.first.values())


@dataclass
class TopicScore:
    """Questions on every topic, through the engine."""

    total: int = 0
    right: int = 0
    confident_wrong: int = 0
    asked: int = 0  # a "did you mean" instead of an answer
    misses: list[str] = field(default_factory=list)
    mixed: int = 0
    mixed_ok: int = 0
    mixed_misses: list[str] = field(default_factory=list)


async def score_safety(engine: Engine, lang: str, folder: Path = UNSEEN_DIR) -> SafetyScore:
    """The emergencies and the ordinary mentions of one language."""
    unseen, score = read_unseen(lang, folder), SafetyScore()
    for kind, texts in unseen.emergencies.items():
        score.total[kind] = len(texts)
        score.first[kind] = 0
        for text in texts:
            chat = await first_message(engine, lang, text)
            if chat.urgent_first:
                score.first[kind] += 1
            else:
                did = chat.topics[0] if chat.topics else "did you mean"
                score.misses.append(f"[{kind}] {text!r} -> {did}")
    for text in unseen.ordinary:
        score.ordinary += 1
        chat = await first_message(engine, lang, text)
        if chat.alarmed:
            score.alarms.append(f"{text!r} -> {chat.topics}")
    return score


async def score_topics(engine: Engine, lang: str, folder: Path = UNSEEN_DIR) -> TopicScore:
    """The questions on every topic, and the two-question messages, of one language."""
    unseen, score = read_unseen(lang, folder), TopicScore()
    for topic, texts in unseen.topics.items():
        for text in texts:
            score.total += 1
            chat = await first_message(engine, lang, text)
            answered = chat.topics[0] if chat.topics else None
            if right_topic(answered, topic):
                score.right += 1
                continue
            if answered is None:
                score.asked += 1
            elif answered != OUT_OF_SCOPE or topic == OUT_OF_SCOPE:
                score.confident_wrong += 1
            score.misses.append(f"[{topic}] {text!r} -> {answered or chat.last.suggestions}")
    for text, topics in unseen.mixed:
        score.mixed += 1
        chat = await first_message(engine, lang, text)
        offered = set(chat.topics) | set(chat.last.suggestions)
        if all(any(right_topic(o, t) for o in offered) for t in topics):
            score.mixed_ok += 1
        else:
            score.mixed_misses.append(
                f"{topics} {text!r} -> {chat.topics} / {chat.last.suggestions}"
            )
    return score


def right_topic(answered: str | None, expected: str) -> bool:
    """The expected topic, or for "urgent help" asked calmly any page with the numbers."""
    if expected == URGENT_HELP:
        return answered in NUMBERS_PAGES
    return answered == expected
