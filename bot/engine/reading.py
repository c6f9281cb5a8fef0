"""How the engine reads a message before deciding: spelling, danger, subjects, language.

Pure helpers with no state of their own; the engine holds one ``Reader`` per content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.content import ContentStore
from bot.engine.langguess import guess_language
from bot.engine.places import PlaceFinder
from bot.engine.safety import Danger, DangerMatcher, normalize
from bot.engine.spelling import Spelling
from bot.nlu import Parse
from bot.topics import (
    ASKING,
    DANGER_PAGES,
    NOT_NOW,
    NOW,
    NUMBERS,
    RISK_TOPICS,
    SELF,
    SEXUAL_VIOLENCE,
    URGENT_HELP,
    YOUNG,
)

# "Help, they beat us in the prison": the model's second thought names the urgent page.
RISK_PAGES = {
    "risks_sea": "urgent_sea",
    "risks_desert": "urgent_desert",
    "risks_detention": "urgent_detention",
    "risks_trafficking": "urgent_trafficking",
}
RISK_HINT = 0.15  # how sure the model must be of the risk topic to pick its page
# How sure the model must be of sexual violence to show its page when the words say less
# ("they did things to me, I am bleeding": hurt), and the kinds whose own page comes first
# anyway: at sea, in the desert, their numbers first; wanting to die, its page.
SEXUAL_VIOLENCE_HINT = 0.5
OWN_PAGE_FIRST = frozenset({"sea", "desert", "self_harm"})
# Where one question ends and another begins: "c'est gratuit ? et si j'ai pas de passeport"
CLAUSE_BREAK = re.compile(r"[?!;.]+|,|\b(?:and|also|then|or|et|aussi|puis|mais|but)\b", re.I)
MIN_CLAUSE_WORDS = 2
# Kinds of danger whose words also name a subject people ask about ("is rape common on
# the road?"); the others tell of a situation ("the boat is sinking", "we are dying").
SUBJECT_KINDS = frozenset({"sexual_violence", "held", "forced", "child", "violence"})
# Kinds of danger that are never over when told: wanting to die is now, whatever else the
# message says is past ("I came back last year and now I want to end my life").
ALWAYS_NOW = frozenset({"self_harm"})
# Kinds whose page comes first even in a question the model reads as calm ("je veux en
# finir, le retour c'est gratuit ?", "he raped me, can I still go home?").
NUMBERS_WHATEVER_ASKED = ALWAYS_NOW | {SEXUAL_VIOLENCE}
# "kidnapped in 2023, now I am safe in Niamey": a year gone by says it is over.
YEAR = re.compile(r"(?:\b(?:in|en)\s+|^\s*)((?:19|20)\d\d)\b", re.I)
# A time gone by a few days or weeks ago, in text as ``normalize`` leaves it ("last week",
# "il y a 3 jours", "le mois passé"): sexual violence that recent still calls for care.
RECENT = re.compile(
    r"\b(?:last (?:night|week|month)|yesterday|(?:\d+|a|one|two|three|four|few|some) "
    r"(?:days?|weeks?) ago|la semaine (?:passee|derniere)|le mois (?:passe|dernier)|"
    r"(?:avant )?hier|il y a (?:\d+|un|une|deux|trois|quatre|quelques) (?:jours?|semaines?))\b"
)
# An age under 18 in text as ``normalize`` leaves it: any number from 10 to 17 ("mon
# cousin 16 ans", "im 15"), or 5 to 9 beside years or "i am" ("9 years", "j ai 8").
UNDER_18 = re.compile(
    r"\b1[0-7]\b"
    r"|\b[5-9]\s*(?:years?|yrs?|yo|ans?)\b"
    r"|\b(?:i am|im|i m|i be|am|aged?|j ai|jai|il a|elle a)\s+[5-9]\b"
)
# A sentence, with the mark that ends it ("is it true? my sister wants to go").
SENTENCE_END = re.compile(r"[^?!.;]+[?!.;]*")


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

    def for_model(self, text: str, lang: str) -> str:
        """What the model reads of ``text`` (``Spelling.for_model``), on one line."""
        return self.spelling.for_model(" ".join(text.split()), lang)

    def danger_in(self, text: str, lang: str | None) -> Danger | None:
        """The danger words of ``text`` (read with the spellings of ``lang``)."""
        return self.danger.find(self.standard(text, lang))

    def over_or_general(self, text: str, lang: str | None, today: date) -> bool:
        """The danger words are not the writer's now: over, or a question in general.

        Over: "two years ago", "in 2023", "I survived…", never for wanting to die
        (``ALWAYS_NOW``). In general: a question with no
        word of the writer or their people ("do women face rape in the detention
        centres?", "where can a woman get care after rape?"), whose danger words are
        also the words of a question on the subject (rape, kidnapping, trafficking…):
        "the boat is sinking, is the return free?" tells of a danger now.
        """
        standard = self.standard(text, lang)
        danger = self.danger.find(standard)
        if danger is not None and ALWAYS_NOW & danger.kinds:
            return False  # "I survived the desert in 2022, but now I want to kill myself"
        reading_lang = danger.lang if danger else lang
        words = self.danger.reading_words(standard, reading_lang)
        if NOT_NOW in words or told_as_past(text, today):
            return not self._tells_of_now_beside(text, lang, reading_lang, today)
        if danger is not None and not danger.kinds <= SUBJECT_KINDS:
            return False
        # Read sentence by sentence: "Do women get raped on the road? My sister wants to
        # go" asks in general, whoever asks it. With danger words, their sentences must be
        # such questions; without, one sentence must be one and none tell of now.
        sentences = [s for s in SENTENCE_END.findall(text) if s.strip()] or [text]
        read = [
            (s, self.danger.reading_words(self.standard(s, lang), reading_lang)) for s in sentences
        ]
        general = [_in_general(s, said) for s, said in read]
        if danger is not None:
            held = [self.danger.find(self.standard(s, lang)) is not None for s, _ in read]
            return any(held) and all(g for g, h in zip(general, held, strict=True) if h)
        return any(general) and not any(NOW in said for _, said in read)

    def _tells_of_now_beside(
        self, text: str, lang: str | None, reading_lang: str | None, today: date
    ) -> bool:
        """A part of the message tells of a danger now, beside one gone by.

        "My friend died at sea in 2021, now my brother's boat is sinking": the part with
        danger words and words of now ("now", "we are"), and none of its own that say it
        is over, is a danger now whatever the rest of the message says.
        """
        for part in clauses(text):
            standard = self.standard(part, lang)
            if self.danger.find(standard) is None:
                continue
            said = self.danger.reading_words(standard, reading_lang)
            if NOW in said and NOT_NOW not in said and not told_as_past(part, today):
                return True
        return False

    def asks_for_numbers(self, text: str, lang: str | None) -> bool:
        """The writer asks for the emergency numbers ("police number in Tunis?").

        The numbers are then the answer: the calm page of numbers to keep, or the urgent
        page when the writer also tells of danger now (``Engine._numbers_asked``).
        """
        return NUMBERS in self._reading_words(text, lang)

    def asks_in_general(self, text: str, lang: str | None) -> bool:
        """A question about people in general: no word of the writer, their people or now.

        "Are children who travel alone protected in Italy?", not "my brother is 12 and
        alone in Sabha, who can help him?" nor "I am 16 and travel alone, can I go home?".
        """
        words = self._reading_words(text, lang)
        return _in_general(text, words) and not self.speaks_of_an_age(text, lang)

    def calm(self, text: str, lang: str | None) -> bool:
        """A question, a plan, or a danger that is over: "?", "I want to know", "last month"."""
        return "?" in text or bool(self._reading_words(text, lang) & {ASKING, NOT_NOW})

    def tells_of_danger(self, text: str, lang: str | None, parse: Parse) -> bool:
        """The writer tells of a danger of the journey they are in, rather than asking.

        The model reads "smugglers drop us for sand, nobody come back, night don reach"
        as the dangers of the desert: a statement ("…since two days", "we are…") with no
        question in it is a person in that danger now, and gets the numbers first. "Is
        the desert dangerous?", "I want to know about the sea", "…two years ago" do not.
        """
        return parse.top[0] in RISK_TOPICS and self.tells_of_now(text, lang)

    def tells_of_now(self, text: str, lang: str | None) -> bool:
        """A statement of the writer's situation ("we are…", "since two days"), no question.

        Not one told of a year gone by ("beaten by the guards in 2019, it comes back to me").
        """
        words = self._reading_words(text, lang)
        if words & {ASKING, NOT_NOW} or "?" in text or told_as_past(text, date.today()):
            return False
        return NOW in words

    def speaks_of_a_child(self, text: str, lang: str | None) -> bool:
        """The text names a child or a young person, or an age under 18 (``young:``)."""
        standard = self.standard(text, lang)
        young = YOUNG in self.danger.reading_words(standard, guess_language(text) or lang)
        return young or self.speaks_of_an_age(text, lang)

    def speaks_of_an_age(self, text: str, lang: str | None) -> bool:
        """The text names an age under 18 ("i am 15", "mon frère a 12 ans")."""
        return UNDER_18.search(normalize(self.standard(text, lang))) is not None

    def _reading_words(self, text: str, lang: str | None) -> frozenset[str]:
        return self.danger.reading_words(self.standard(text, lang), guess_language(text) or lang)


def _in_general(text: str, said: frozenset[str]) -> bool:
    """A question about people in general: no word of the writer, their people or now.

    ``said``: the reading words of ``text``.
    """
    return ("?" in text or ASKING in said) and not said & {NOW, SELF}


def told_as_past(text: str, today: date) -> bool:
    """The text names a year gone by ("in 2023", "en 2019")."""
    return any(int(year) < today.year for year in YEAR.findall(text))


def told_recently(text: str) -> bool:
    """The text names a time a few days or weeks ago ("last week", "il y a 3 jours")."""
    return RECENT.search(normalize(text)) is not None


def urgent_page(danger: Danger | None, parse: Parse) -> str:
    """The urgent page to show first: the danger's own kind, else the model's hint.

    "The boat is sinking" is the sea's page; "they beat us" is urgent help, unless the
    model also reads detention ("…in the prison in Gharyan"): then the page for people
    held. Sexual violence is often told without its words ("they used me, three of them,
    I am bleeding"): when the model reads it, its page comes first, unless the message
    tells of the sea, the desert or a wish to die.
    """
    kinds = danger.kinds if danger is not None else frozenset()
    read = dict(parse.ranking[:3])
    if read.get(SEXUAL_VIOLENCE, 0.0) >= SEXUAL_VIOLENCE_HINT and not kinds & OWN_PAGE_FIRST:
        return SEXUAL_VIOLENCE  # its care (within 72 hours, not their fault) comes first
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
