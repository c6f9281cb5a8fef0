"""Danger words that would also fire on ordinary questions (the held-out ``tests/nlu``).

A danger word brings the emergency numbers first; on "can you help me go home" that is
noise, and people learn to skip it. The engine still answers the question after.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.content.nludata import Example
from bot.content.problems import Problem, shown, warning
from bot.content.wording import _
from bot.content.yamlfile import YamlFile
from bot.topics import CALLS, READING_KINDS, SAFETY_TOPICS


def check_danger_words(
    safety: YamlFile, questions: Mapping[str, list[Example]], base: Path
) -> list[Problem]:
    """A warning for each danger phrase that matches a question about a non-safety topic.

    Args:
        safety: the parsed ``safety.yml``.
        questions: the held-out questions of each language.
        base: the project folder, to name the questions' file.
    """
    from bot.engine.safety import DangerMatcher, normalize  # the engine's matching, exactly

    problems = []
    data = safety.data if isinstance(safety.data, dict) else {}
    for lang, items in questions.items():
        kinds = data.get(lang)
        ordinary = [(q, normalize(q.text)) for q in items if q.intent not in SAFETY_TOPICS]
        for kind, phrases in kinds.items() if isinstance(kinds, dict) else []:
            if kind == CALLS or kind in READING_KINDS or not isinstance(phrases, list):
                continue  # a cry for help gives way to a clear question; the rest is no danger
            for i, phrase in enumerate(phrases):
                matcher = DangerMatcher({lang: {kind: [str(phrase)]}})
                words = normalize(str(phrase))
                # A phrase can only match a text holding its words: the engine decides the rest.
                hits = [q for q, plain in ordinary if words in plain and matcher.matches(q.text)]
                if hits:
                    where = f"{shown(hits[0].path, base)}:{hits[0].line}"
                    problems.append(_problem(safety, (lang, kind, i), str(phrase), hits, where))
    return problems


def _problem(
    safety: YamlFile, keys: tuple[object, ...], phrase: str, hits: list[Example], where: str
) -> Problem:
    first = hits[0]
    if len(hits) > 1:
        message = _(
            "'{phrase}' also matches the ordinary question '{question}' ({intent}, {where}) "
            "and {more} more: it would get the emergency numbers first",
            phrase=phrase,
            question=first.text,
            intent=first.intent,
            where=where,
            more=len(hits) - 1,
        )
    else:
        message = _(
            "'{phrase}' also matches the ordinary question '{question}' ({intent}, {where}): "
            "it would get the emergency numbers first",
            phrase=phrase,
            question=first.text,
            intent=first.intent,
            where=where,
        )
    fix = _("make the phrase longer and more precise, or remove it")
    return warning(safety.path, safety.line(*keys), message, fix, "danger-word")
