"""Danger words: phrases that bring the emergency numbers before anything else."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces ("Aidez-moi!" → "aidez moi")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


class DangerMatcher:
    """Finds danger phrases of any language in a message, as whole words."""

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        self._regexes = {
            lang: regex for lang, items in phrases.items() if (regex := _compile(items))
        }

    def language_of(self, text: str) -> str | None:
        """The language of the first danger phrase found in ``text``, or None."""
        plain = normalize(text)
        for lang, regex in self._regexes.items():
            if regex.search(plain):
                return lang
        return None

    def matches(self, text: str) -> bool:
        """True when ``text`` contains a danger phrase of any language."""
        return self.language_of(text) is not None


def _compile(items: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({normalize(p) for p in items} - {""}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?:^| )(?:" + "|".join(map(re.escape, words)) + r")(?: |$)")
