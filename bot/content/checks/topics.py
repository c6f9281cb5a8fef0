"""Topics across languages and NLU projects.

Every answer translated, every file a known topic, every topic with training examples,
every intent with an answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.content.checks.hints import did_you_mean
from bot.content.model import ContentStore
from bot.content.nludata import NluData
from bot.content.problems import Problem
from bot.content.wording import Text, _
from bot.topics import CALM_ONLY_INTENTS, REQUIRED_TOPICS, WITHOUT_INTENT

LANGUAGE_NAMES = {"en": _("English"), "fr": _("French")}
MIN_EXAMPLES = 20


def check_translations(
    store: ContentStore, root: Path, unknown: frozenset[str] = frozenset()
) -> list[Problem]:
    """Each topic in every language; each required topic present (``unknown`` skipped)."""
    problems = []
    for topic in sorted(set(store.topics) | set(REQUIRED_TOPICS)):
        present = [lang for lang in store.languages if (topic, lang) in store.answers]
        if topic in unknown:
            continue
        if any((root / lang / f"{topic}.md").is_file() for lang in store.languages) and (
            len(present) < len(store.languages)
        ):
            present_files = [
                lang for lang in store.languages if (root / lang / f"{topic}.md").is_file()
            ]
            if len(present_files) > len(present):
                continue  # a file that does not load: its own problem says why
        if not present and topic in REQUIRED_TOPICS:
            path = root / store.languages[0] / f"{topic}.md"
            message = _("the answer for '{topic}' is missing: the bot needs it", topic=topic)
            fix = _(
                "create it in every language (or restore it: git checkout {files})",
                files=topic_files(topic),
            )
            problems.append(Problem(path, 1, message, fix, code="missing-answer"))
            continue
        for lang in store.languages:
            if present and lang not in present:
                existing = store.answer(topic, present[0]).path
                message = _("this answer has no {language} version", language=_name(lang))
                fix = _(
                    "create {file}: copy this file and translate it",
                    file=_relative(root, lang, topic),
                )
                problems.append(Problem(existing, 1, message, fix, code="missing-translation"))
    return problems


def unknown_topics(store: ContentStore, nlu: Mapping[str, NluData]) -> frozenset[str]:
    """Topics with a file that nothing else knows.

    Not required, no intent in any language, and not an answer in every language.
    """
    mentioned = set(REQUIRED_TOPICS) | set(WITHOUT_INTENT)
    mentioned = mentioned.union(*(data.intents for data in nlu.values()))
    everywhere = {
        topic
        for topic in store.topics
        if all((topic, lang) in store.answers for lang in store.languages)
        and all(topic in data.intents for data in nlu.values())
    }
    return frozenset(set(store.topics) - mentioned - everywhere)


def check_topics(store: ContentStore, root: Path, nlu: Mapping[str, NluData]) -> list[Problem]:
    """Unknown topics, missing translations, topics without intents, intents without answers."""
    unknown = unknown_topics(store, nlu)
    problems = _unknown(store, unknown, nlu)
    problems += check_translations(store, root, unknown)
    for lang, data in nlu.items():
        if data.unreadable:
            continue  # its intents are unknown until the file reads again
        problems += _without_intent(store, lang, data, unknown)
        problems += _without_answer(store, lang, data)
    return problems


def check_example_counts(data: NluData) -> list[Problem]:
    """Each intent has at least MIN_EXAMPLES examples."""
    problems = []
    for intent in sorted(data.intents):
        count = len(data.examples_of(intent))
        block = data.first_block(intent)
        if count < MIN_EXAMPLES and block is not None:
            message = _(
                "intent '{intent}' has only {count} example(s)", intent=intent, count=count
            )
            fix = _(
                "add {more} or more, written the way people really ask "
                "(short, with common spelling mistakes)",
                more=MIN_EXAMPLES - count,
            )
            problems.append(Problem(block.path, block.line, message, fix, code="few-examples"))
    return problems


def topic_files(topic: str) -> str:
    """``content/*/topic.md`` as staff would type it."""
    return f"content/*/{topic}.md"


def _unknown(
    store: ContentStore, unknown: frozenset[str], nlu: Mapping[str, NluData]
) -> list[Problem]:
    problems = []
    known = set(REQUIRED_TOPICS).union(*(data.intents for data in nlu.values()))
    for (topic, _lang), answer in sorted(store.answers.items()):
        if topic in unknown:
            message = _("'{topic}' is not a known topic", topic=topic)
            fix = _(
                "the file name must be a topic id{hint}; a new topic needs an answer in every "
                "language and an intent with examples in every nlu/ folder",
                hint=did_you_mean(topic, known),
            )
            problems.append(Problem(answer.path, 1, message, fix, code="unknown-topic"))
    return problems


def _without_intent(
    store: ContentStore, lang: str, data: NluData, unknown: frozenset[str]
) -> list[Problem]:
    problems = []
    for topic in store.topics:
        if topic in unknown or topic in data.intents or topic in WITHOUT_INTENT:
            continue  # reached by buttons and the words of content/safety.yml
        answer = store.answers.get((topic, lang)) or next(
            a for (t, _lang), a in sorted(store.answers.items()) if t == topic
        )
        message = _(
            "no training examples for '{topic}' in nlu/{lang}: the bot cannot "
            "recognise questions about it",
            topic=topic,
            lang=lang,
        )
        fix = _(
            "add '- intent: {topic}' with at least {count} examples to a file in nlu/{lang}/data/",
            topic=topic,
            count=MIN_EXAMPLES,
            lang=lang,
        )
        problems.append(Problem(answer.path, 1, message, fix, code="topic-without-intent"))
    return problems


def _without_answer(store: ContentStore, lang: str, data: NluData) -> list[Problem]:
    problems = []
    for topic in sorted(data.intents):
        block = data.first_block(topic)
        if block is None or topic in REQUIRED_TOPICS or topic in store.topics:
            continue  # a missing required answer is reported as such
        if topic in CALM_ONLY_INTENTS:
            continue  # no topic: it teaches only the danger-now classifier
        message = _("intent '{intent}' has no answer in content/", intent=topic)
        fix = _(
            "rename it to a topic id{hint}, or write the answer: {files} in every language",
            hint=did_you_mean(topic, store.topics),
            files=topic_files(topic),
        )
        problems.append(
            Problem(block.path, block.line, message, fix, code="intent-without-answer")
        )
    return problems


def _name(lang: str) -> Text:
    return LANGUAGE_NAMES.get(lang) or Text("'{lang}'", lang=lang)


def _relative(root: Path, lang: str, topic: str) -> str:
    return f"{root.name}/{lang}/{topic}.md"
