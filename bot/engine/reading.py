"""How the engine reads a message before deciding: spelling, danger, subjects, language.

Pure helpers with no state of their own; the engine holds one ``Reader`` per content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content import ContentStore
from bot.engine.langguess import guess_language
from bot.engine.places import PlaceFinder
from bot.engine.safety import Danger, DangerMatcher
from bot.engine.spelling import Spelling
from bot.nlu import Parse
from bot.topics import DANGER_PAGES, URGENT_HELP

# "Help, they beat us in the prison": the model's second thought names the urgent page.
RISK_PAGES = {
    "risks_sea": "urgent_sea",
    "risks_desert": "urgent_desert",
    "risks_detention": "urgent_detention",
    "risks_trafficking": "urgent_trafficking",
}
RISK_HINT = 0.15  # how sure the model must be of the risk topic to pick its page
# Where one question ends and another begins: "c'est gratuit ? et si j'ai pas de passeport"
CLAUSE_BREAK = re.compile(r"[?!;.]+|,|\b(?:and|also|then|et|aussi|puis|mais|but)\b", re.I)
MIN_CLAUSE_WORDS = 2


@dataclass(frozen=True)
class Reader:
    """The content's ways of reading text: danger words, places, spellings."""

    danger: DangerMatcher
    places: PlaceFinder
    spelling: Spelling

    @classmethod
    def of(cls, content: ContentStore) -> Reader:
        """A reader for ``content``."""
        return cls(
            DangerMatcher(content.danger_phrases),
            PlaceFinder(content.countries),
            Spelling(content.spelling),
        )

    def standard(self, text: str, lang: str | None) -> str:
        """``text`` with its SMS spellings read as standard words."""
        return self.spelling.standard(text, lang)

    def danger_in(self, text: str, lang: str | None) -> Danger | None:
        """The danger words of ``text`` (read with the spellings of ``lang``)."""
        return self.danger.find(self.standard(text, lang))


def urgent_page(danger: Danger | None, parse: Parse) -> str:
    """The urgent page to show first: the danger's own kind, else the model's hint.

    "The boat is sinking" is the sea's page; "they beat us" is urgent help, unless the
    model also reads detention ("…in the prison in Gharyan"): then the page for people
    held.
    """
    if danger is not None:
        for kind, page in DANGER_PAGES.items():
            if kind in danger.kinds and page != URGENT_HELP:
                return page
    for topic, confidence in parse.ranking[:3]:
        if topic in RISK_PAGES and confidence >= RISK_HINT:
            return RISK_PAGES[topic]
    return URGENT_HELP


def clauses(text: str) -> list[str]:
    """The parts of a message that may each ask something, in order."""
    parts = [" ".join(p.split()) for p in CLAUSE_BREAK.split(text)]
    return [p for p in parts if len(p.split()) >= MIN_CLAUSE_WORDS]


def written_in(text: str, current: str) -> str | None:
    """The other language when ``text`` is clearly written in it (None otherwise)."""
    if len(text.split()) < 3:
        return None
    guess = guess_language(text, strict=True)
    return guess if guess and guess != current else None
