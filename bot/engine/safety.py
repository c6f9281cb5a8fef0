"""Danger words: phrases that bring the emergency numbers before anything else."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.topics import CALLS, FIGURES, IF, READING_KINDS

# How many words before danger words an "if" makes them a supposition. Measured on
# 2026-12-07: 3 lost a blind French emergency (a threat told with "si" further back).
IF_REACH = 2


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces ("Aidez-moi!" → "aidez moi")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain))


@dataclass(frozen=True)
class Danger:
    """What the danger words of a message say: its language, and the kinds of danger."""

    lang: str
    kinds: frozenset[str]

    @property
    def only_calls(self) -> bool:
        """Only a plain cry for help ("help me"): a clear question may come first."""
        return self.kinds <= {CALLS}


class DangerMatcher:
    """Finds danger phrases of any language in a message, as whole words, by kind.

    ``phrases`` is ``{lang: {kind: [phrase, …]}}`` (content/safety.yml); a flat list per
    language counts as one kind, ``danger``.
    """

    def __init__(self, phrases: Mapping[str, Mapping[str, Iterable[str]] | Iterable[str]]):
        self._regexes: dict[str, dict[str, re.Pattern[str]]] = {}
        for lang, kinds in phrases.items():
            by_kind = kinds if isinstance(kinds, Mapping) else {"danger": kinds}
            compiled = {kind: r for kind, items in by_kind.items() if (r := _compile(items))}
            if compiled:
                self._regexes[lang] = compiled

    def find(self, text: str) -> Danger | None:
        """The danger found in ``text`` (the first language with a match), or None.

        Danger words just after an "if" of their language (``IF_REACH`` words or fewer
        before them: "if the boat sinks, who comes?", "si le bato coule") are a
        supposition and do not count, nor those inside a figure of speech ("my phone is
        dying"); the same words elsewhere in the text do. The longer phrase says what
        the words mean: words of one kind inside a longer phrase of another kind do not
        count ("m'a forcé" inside "on m'a forcé à travailler": forced work, not sexual
        violence; "wan die" inside "e wan die": someone dying, not a wish to die).
        """
        plain = normalize(text)
        for lang, kinds in self._regexes.items():
            suppose = kinds.get(IF)
            figures = _spans(kinds.get(FIGURES), plain)
            said = {
                kind: _said(regex, plain, suppose, figures)
                for kind, regex in kinds.items()
                if kind not in READING_KINDS
            }
            found = frozenset(
                kind
                for kind, spans in said.items()
                if any(not _inside_another(span, kind, said) for span in spans)
            )
            if found:
                return Danger(lang, found)
        return None

    def reading_words(self, text: str, lang: str | None = None) -> frozenset[str]:
        """The kinds of reading words in ``text`` (``READING_KINDS``), in ``lang``.

        Only the words of the text's own language: the French "on" ("on est perdus", we)
        is no word of "on the road". Without ``lang``, every language's.
        """
        plain = normalize(text)
        languages = [lang] if lang in self._regexes else list(self._regexes)
        return frozenset(
            kind
            for language in languages
            for kind, regex in self._regexes[language].items()
            if kind in READING_KINDS and regex.search(plain)
        )

    def language_of(self, text: str) -> str | None:
        """The language of the first danger phrase found in ``text``, or None."""
        danger = self.find(text)
        return danger.lang if danger else None

    def matches(self, text: str) -> bool:
        """True when ``text`` contains a danger phrase of any language."""
        return self.find(text) is not None


def _said(
    regex: re.Pattern[str],
    plain: str,
    suppose: re.Pattern[str] | None,
    figures: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Where ``regex`` matches ``plain`` with no "if" (``suppose``) just before it.

    A match that shares words with a figure of speech (``figures``, spans of words:
    "i am dying" in "i am dying to see my mother") does not count.
    """
    spans = []
    for match in _overlapping(regex, plain):
        start, end = _words(match)
        if any(s < end and start < e for s, e in figures):
            continue
        before = plain[: match.start()].split()[-IF_REACH:]
        # the "if" may take the phrase's first word: "si le" + "le bateau coule"
        window = " ".join([*before, *match.group().split()[:1]])
        supposed = suppose is not None and any(
            m.start() < len(" ".join(before)) for m in _overlapping(suppose, window)
        )
        if not supposed:
            spans.append((start, end))
    return spans


def _inside_another(
    span: tuple[int, int], kind: str, said: Mapping[str, list[tuple[int, int]]]
) -> bool:
    """``span`` lies inside a longer match of another kind."""
    start, end = span
    return any(
        s <= start and end <= e and e - s > end - start
        for other, spans in said.items()
        if other != kind
        for s, e in spans
    )


def _spans(regex: re.Pattern[str] | None, plain: str) -> list[tuple[int, int]]:
    """Where each match of ``regex`` (if any) lies in ``plain``, as spans of words."""
    return [_words(m) for m in _overlapping(regex, plain)] if regex else []


def _words(match: re.Match[str]) -> tuple[int, int]:
    """Where the words of a match start and end (without the spaces around them)."""
    text = match.group()
    return match.start() + len(text) - len(text.lstrip()), match.end() - len(text) + len(
        text.rstrip()
    )


def _overlapping(regex: re.Pattern[str], plain: str) -> list[re.Match[str]]:
    """Every match of ``regex`` in ``plain``, the spaces around words shared."""
    found, at = [], 0
    while (match := regex.search(plain, at)) is not None:
        found.append(match)
        at = match.start() + 1
    return found


def _compile(items: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({normalize(p) for p in items} - {""}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?:^| )(?:" + "|".join(map(re.escape, words)) + r")(?: |$)")
