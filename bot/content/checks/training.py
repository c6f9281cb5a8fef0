"""Checks on the training examples: no example twice, in one intent or across two."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bot.content.nludata import Example, NluData
from bot.content.problems import Problem, shown, warning
from bot.content.wording import _


def normalize(text: str) -> str:
    """Lower case, no accents, no punctuation: "Aidez-moi !" and "aidez moi" are the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain))


def check_duplicates(data: NluData, base: Path) -> list[Problem]:
    """An example written twice: a warning within an intent, an error across intents.

    Across intents the model cannot learn two answers to the same words. ``base`` is the
    project folder, to name the other file.
    """
    first: dict[str, Example] = {}
    problems = []
    for example in data.examples:
        key = normalize(example.text)
        if not key:
            continue
        earlier = first.setdefault(key, example)
        if earlier is not example:
            problems.append(_duplicate(example, earlier, base))
    return problems


def _duplicate(example: Example, earlier: Example, base: Path) -> Problem:
    where = where_is(earlier, example, base)
    if earlier.intent == example.intent:
        message = _(
            "'{text}' is already an example of '{intent}' ({where})",
            text=example.text,
            intent=example.intent,
            where=where,
        )
        fix = _("delete one of them")
        return warning(example.path, example.line, message, fix, "duplicate")
    message = _(
        "'{text}' is an example of '{intent}' and also of '{other}' ({where})",
        text=example.text,
        intent=example.intent,
        other=earlier.intent,
        where=where,
    )
    fix = _("keep it in the one intent whose answer fits it, and delete the other")
    return Problem(example.path, example.line, message, fix, code="duplicate-across")


def where_is(example: Example, seen_from: Example, base: Path) -> str:
    """``line 12`` in the same file, else ``nlu/en/data/avr.yml:12``."""
    if example.path == seen_from.path:
        return _("line {line}", line=example.line)
    return f"{shown(example.path, base)}:{example.line}"
