"""The conversation: one incoming message and a chat's state in, replies and events out.

It knows nothing of Telegram. Safety comes first: danger words bring the emergency
numbers before anything else, whatever the chat was doing.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Protocol

from bot.content import ContentStore
from bot.engine import actions, intake, reading
from bot.engine.actions import Action
from bot.engine.intake import Referral
from bot.engine.langguess import guess_language
from bot.engine.reading import Reader
from bot.engine.safety import Danger
from bot.engine.types import (
    CALMLY,
    INCOMING_KIND,
    ChatState,
    ClearChat,
    Command,
    CommandSpec,
    EndCase,
    Event,
    ForgetLanguage,
    Incoming,
    NonText,
    Press,
    Relay,
    SaveLanguage,
    Text,
    Turn,
)
from bot.engine.views import Views
from bot.errors import NluError
from bot.i18n import Catalogs, _, negotiate
from bot.nlu import Parse
from bot.topics import (
    CHILD_ALONE,
    CONVERSATION_TOPICS,
    EMERGENCY_NUMBERS,
    GREETING,
    HELP,
    INTAKE,
    LANGUAGE,
    LANGUAGES,
    OUT_OF_SCOPE,
    PRIVACY,
    RISK_TOPICS,
    SAFETY_TOPICS,
    SELF_HARM,
    SEXUAL_VIOLENCE,
    URGENT_HELP,
    URGENT_KINDS,
    URGENT_PAGES,
)

log = logging.getLogger(__name__)

MAX_TEXT = 4096
# Offering these as "did you mean…?" would not help anyone.
CLARIFY_NEVER = frozenset({OUT_OF_SCOPE, GREETING, "thanks", LANGUAGE})
# Pages for a danger now; a calm question is never answered with one ("child_alone" also
# answers questions on children who travel alone, so it is not among them).
NOW_PAGES = URGENT_PAGES - {CHILD_ALONE}
# Two subjects in one message: below this weight in the whole message's reading, a
# part's subject is the context of the other ("my brother left for Libya, …").
SEEN_IN_WHOLE = 0.02
# Two parts each this sure of its own subject are both answered, even when the whole
# message reads as a third ("how to find my friend lost in the desert and how dangerous
# is that road": the family, and the road).
EACH_SURE = 0.9
# Below the safety threshold, the model's guess of sexual violence names its page only
# when its second classifier reads a danger this sure (measured on 2026-12-07: the
# guesses for heat, a cold, a thin mattress read 0.2-0.25; those for people hurt 0.41-1).
SEXUAL_VIOLENCE_NOW = 0.3
# Sexual violence told as a few days or weeks ago ("last week") is still lived when the
# model is sure of it and its second classifier reads a danger now at least this sure.
LIVED = 0.5
# Said around a question ("thanks a lot, and…"), never instead of its answer.
POLITENESS = frozenset({GREETING, "thanks"})


class Understanding(Protocol):
    """What the engine needs from the NLU: a ranking of topics for a text."""

    async def parse(self, text: str, lang: str) -> Parse:
        """Rank the intents of ``text`` in ``lang``."""


@dataclass(frozen=True)
class EngineSettings:
    """When to answer, when to ask, when to say it is out of scope.

    Calibrated on the held-out questions in tests/nlu/ (see tests/test_nlu_quality.py).
    """

    answer_threshold: float = 0.5
    safety_threshold: float = 0.7
    clarify_floor: float = 0.1
    # Below this, the model's second classifier reads a question about a danger, not a
    # danger now: with no danger word, it is answered calmly, urgent help one tap away.
    # Measured on 2026-12-07 (README): 0.1 removed a third of the false alarms.
    calm_below: float = 0.1
    handoff_enabled: bool = False  # a default caseworkers' group (INTAKE_CHAT_ID) is set


class Engine:
    """Answers one chat's message at a time; shared by every chat (no per-chat data)."""

    def __init__(
        self,
        content: ContentStore,
        nlu: Understanding,
        catalogs: Catalogs,
        settings: EngineSettings | None = None,
    ) -> None:
        self.nlu = nlu
        self.catalogs = catalogs
        self.settings = settings or EngineSettings()
        self.use_content(content)

    def use_content(self, content: ContentStore) -> None:
        """Switch to new (validated) content; takes effect from the next message."""
        self.content = content
        self.reader = Reader.of(content)

    async def handle(self, state: ChatState, incoming: Incoming) -> Turn:
        """The replies, events and effects for one incoming message."""
        turn = Turn(events=[Event("message", via=INCOMING_KIND[type(incoming)])])
        if state.lang is None:
            state.lang = negotiate(state.language_code)
        await self._dispatch(state, incoming, turn)
        turn.events = [dataclasses.replace(e, lang=e.lang or state.lang) for e in turn.events]
        return turn

    def views(self, lang: str) -> Views:
        """The reply builder for ``lang``."""
        return Views(self.content, self.catalogs.for_lang(lang))

    def _referral(self, lang: str) -> Referral:
        return Referral(self.views(lang), self.reader.places, self.settings.handoff_enabled)

    async def _dispatch(self, state: ChatState, incoming: Incoming, turn: Turn) -> None:
        if state.in_case and state.lang and isinstance(incoming, (Text, NonText)):
            self._in_case(state, incoming, turn)
            return
        if isinstance(incoming, Text) and await self._danger_first(state, incoming.text, turn):
            return
        if isinstance(incoming, Press):
            await self._on_press(state, incoming.data, turn)
        elif state.lang is None:
            await self._ask_language(state, incoming, turn)
        elif isinstance(incoming, Text):
            await self._on_text(state, incoming.text, turn)
        elif isinstance(incoming, Command):
            self._on_command(state, incoming.name, turn)
        else:
            views = self.views(state.lang)
            text = views.t(
                _(
                    "I can only read text. Please write your question in a few words, "
                    "or use the buttons."
                )
            )
            turn.replies.append(views.menu(intro=text))

    # --- safety ---------------------------------------------------------------------

    async def _danger_first(self, state: ChatState, text: str, turn: Turn) -> bool:
        """Emergency numbers first; a clear question beside a mere cry for help, first.

        "The boat is sinking": the page for the sea, its numbers first. "Can IOM help me
        go home?" only mentions help: the answer on going home comes first, with urgent
        help one tap away. Beside real danger, a clear question is answered after the
        numbers, unless it is about the dangers of the journey (the person is in them).
        """
        text = text[:MAX_TEXT]
        danger = self.reader.danger_in(text, state.lang)
        if danger is None:
            return False
        state.lang = state.lang or danger.lang
        state.step = None
        parse = await self._parse_or_nothing(text, state.lang)
        if danger.only_calls and self.reader.asks_for_numbers(text, state.lang):
            await self._numbers_asked(state, text, parse, turn)  # "a number to call for help?"
            return True
        if (
            danger.only_calls
            and self._reads_a_question(parse)
            and not self._cries_now(text, state.lang, parse)
        ):
            # "can IOM help me go home?", "aide-moi à comprendre": the question first
            self._decide(state, parse, turn)
            self._offer_urgent(state, turn)
            return True
        over = self.reader.over_or_general(text, state.lang, date.today())
        if over and not self._lived_sexual_violence(text, danger, parse):
            # "I was beaten two years ago, is there a doctor…?", "do women face rape on
            # the road?": the question first, urgent help one tap away
            topic = await self._question_beside(text, state.lang, parse, risks=True)
            if topic:
                self._show_topic(state, topic, "nlu", turn)
                self._offer_urgent(state, turn)
                return True
            if self._answer_calmly(state, parse, turn):
                return True
        if self._asked_calmly(text, state.lang, danger, parse):
            # "j'ai été enlevé à Sabha, je peux avoir l'aide à la réintégration ?"
            self._show_topic(state, parse.top[0], "nlu", turn)
            self._offer_urgent(state, turn)
            return True
        # Beside a wish to die, nothing else: "this is my last message" is no question
        # about privacy, and the page offers mental health and a counsellor.
        wants_to_die = reading.ALWAYS_NOW & danger.kinds
        topic = None if wants_to_die else await self._question_beside(text, state.lang, parse)
        self._urgent_first(state, text, danger, parse, turn)
        if topic:
            self._show_topic(state, topic, "nlu", turn)
        return True

    def _lived_sexual_violence(self, text: str, danger: Danger, parse: Parse) -> bool:
        """Sexual violence told as a few days or weeks ago, yet lived: its page comes first.

        "He raped me last week and I still have pain", "le gardien m'a violée le mois
        dernier, maintenant je suis enceinte": a recent time (``reading.told_recently``),
        no question mark, the model sure of sexual violence and its second classifier
        reading a danger now (``LIVED``). Care still matters weeks later (pregnancy,
        infections, a counsellor). "I was raped in 2020, is there support for women like
        me?" asks, and "ma sœur a été violée il y a des années, elle va bien" is long
        over: their question is answered first.
        """
        topic, confidence = parse.top
        sure = topic == SEXUAL_VIOLENCE and confidence >= self.settings.safety_threshold
        lived = parse.now is not None and parse.now >= LIVED and reading.told_recently(text)
        return SEXUAL_VIOLENCE in danger.kinds and sure and lived and "?" not in text

    def _asked_calmly(self, text: str, lang: str, danger: Danger, parse: Parse) -> bool:
        """A clear question with danger words, which the model reads as no danger now.

        "i was kidnapped in Sabha and my family paid, can i get reintegration support?",
        "notre pirogue a chaviré et on nous a ramenés en Libye, je peux demander le
        retour ?": the words of a danger, in a question (``calm``) that the model answers
        surely with a topic beyond the danger itself (going home, care, family), and that
        its second classifier reads as asked, not lived (``_told_calmly``).
        Not when the model reads the danger itself ("mon ami est perdu dans le désert sans
        eau, qui peut l'aider ?" reads as the desert's dangers, and calm), nor for a wish
        to die or sexual violence (``reading.NUMBERS_WHATEVER_ASKED``): their page first.
        """
        if danger.kinds & reading.NUMBERS_WHATEVER_ASKED or not self._told_calmly(parse):
            return False
        topic, confidence = parse.top
        informative = topic not in SAFETY_TOPICS | RISK_TOPICS | CONVERSATION_TOPICS
        sure = confidence >= self._needed(topic) and self.content.has_topic(topic)
        return informative and sure and self.reader.calm(text, lang)

    def _cries_now(self, text: str, lang: str, parse: Parse) -> bool:
        """A cry for help told, not asked, that the model reads as a danger now.

        "jsui malade du palu ya pas de medicament ici": "je suis malade" is a mere cry, and
        the model's first topic is health care, but nothing is asked and its second
        classifier reads a danger now (``LIVED``) with urgent help among its likely topics.
        """
        if self.reader.calm(text, lang) or parse.now is None or parse.now < LIVED:
            return False
        floor = self.settings.clarify_floor
        return any(i in URGENT_PAGES and c >= floor for i, c in parse.ranking[:3])

    def _reads_a_question(self, parse: Parse) -> bool:
        """The model reads a subject to answer, not a cry for help.

        Not an urgent page, and not only "help with this chat", small talk or nothing:
        "À l'aide !" alone reads as the bot's own help.
        """
        topic = parse.top[0]
        return bool(parse.ranking) and topic not in URGENT_PAGES | CONVERSATION_TOPICS

    async def _numbers_asked(self, state: ChatState, text: str, parse: Parse, turn: Turn) -> None:
        """The emergency numbers asked for: calmly, unless the writer tells of danger now.

        "The police number in Tunis, just in case" gets the numbers to save, the person's
        country first; "we are stuck since two days, which number do we call" gets the
        urgent page the model's reading points to. A clear question beside ("is there a
        free doctor in Tunis, and the emergency number?") is answered after the numbers.
        """
        assert state.lang
        if self.reader.tells_of_now(text, state.lang) and not self._told_calmly(parse):
            self._urgent_first(state, text, None, parse, turn)
            return
        self._note_place(state, text)
        self._show_topic(state, EMERGENCY_NUMBERS, "nlu", turn)
        turn.confidence = 1.0  # read from the words, not guessed by the model
        beside = await self._question_beside(text, state.lang, parse)
        if beside and beside != EMERGENCY_NUMBERS:
            self._show_topic(state, beside, "nlu", turn)

    def _answer_calmly(self, state: ChatState, parse: Parse, turn: Turn) -> bool:
        """The danger is not the writer's now: answer as if no safety topic were read.

        "I survived the sea in 2022, now I want to go back to Senegal": the model's
        choice among the other topics (its answer, or "did you mean…"), with urgent help
        one tap away. False when the model sees nothing else in the message.
        """
        never = URGENT_PAGES | CONVERSATION_TOPICS
        rest = [(i, c) for i, c in parse.ranking if i not in never and self.content.has_topic(i)]
        total = sum(c for _, c in rest)
        if total <= 0:
            return False
        self._decide(state, Parse(tuple((i, c / total) for i, c in rest)), turn)
        if not turn.replies:
            return False
        self._offer_urgent(state, turn)
        return True

    def _offer_urgent(self, state: ChatState, turn: Turn) -> None:
        """Urgent help one tap away, on the first reply (a button, not a wall)."""
        assert state.lang
        if turn.replies:
            turn.replies[0] = self.views(state.lang).with_urgent_button(turn.replies[0])
        turn.events.append(Event("urgent_offered"))

    async def _question_beside(
        self, text: str, lang: str, whole: Parse, risks: bool = False
    ) -> str | None:
        """A clear question asked beside danger words ("…, is the return free?"), if any.

        Never a safety or conversation topic; one on the dangers of the journey only
        when the danger is not the writer's now (``risks``). A part of the message counts
        when it asks (``Reader.calm``: "is there a doctor?") or when the whole message
        gives its subject some weight (``SEEN_IN_WHOLE``): "he raped me tonight and he is
        still outside the door" has no question about the cost of the return in it.
        """
        never = SAFETY_TOPICS | CONVERSATION_TOPICS | (frozenset() if risks else RISK_TOPICS)
        weight = dict(whole.ranking)
        parts = [(p, await self._parse_or_nothing(p, lang)) for p in _rest(text)]
        for part, parse in [(text, whole), *parts]:
            topic, confidence = parse.top
            informative = topic not in never and self.content.has_topic(topic)
            sure = confidence >= self.settings.answer_threshold
            seen = weight.get(topic, 0.0) >= SEEN_IN_WHOLE or self.reader.calm(part, lang)
            if informative and sure and (part is text or seen):
                return topic
        return None

    def _urgent_first(
        self, state: ChatState, text: str, danger: Danger | None, parse: Parse, turn: Turn
    ) -> None:
        """The urgent page this danger calls for, the person's country first."""
        self._note_place(state, text)
        self._show_topic(state, reading.urgent_page(danger, parse), "safety", turn)
        turn.confidence = 1.0

    async def _parse_or_nothing(self, text: str, lang: str) -> Parse:
        try:
            return await self._model_reading(text, lang)
        except NluError:
            return Parse(())

    async def _model_reading(self, text: str, lang: str) -> Parse:
        """The model's ranking of ``text``, with its guesses of two urgent pages checked.

        Both pages speak to a person in one situation, so a guess must be backed: a child
        alone by a child named in the text (``_child_named``), a wish to die by a sure
        model that also reads a danger now (``_self_harm_sure``).
        """
        parse = await self.nlu.parse(self.reader.for_model(text, lang), lang)
        return self._sexual_violence_now(
            self._self_harm_sure(self._child_named(text, lang, parse))
        )

    def _self_harm_sure(self, parse: Parse) -> Parse:
        """The model's guess of self-harm, kept only when sure; else it is urgent help.

        The page for someone who wants to end their life speaks to them directly: shown on
        a guess, it would hurt someone who only wrote "I'm afraid of dying before I see my
        children again". The model must be sure of it, and its second classifier read a
        danger now; else the guess counts as urgent help (the numbers, or a calm answer
        with urgent help one tap away). Danger words ("I want to end my life") bring the
        page whatever the model says.
        """
        harm = dict(parse.ranking).get(SELF_HARM, 0.0)
        sure = harm >= self.settings.safety_threshold and not self._told_calmly(parse)
        return parse if harm == 0.0 or sure else _as_urgent_help(parse, SELF_HARM)

    def _sexual_violence_now(self, parse: Parse) -> Parse:
        """The model's guess of sexual violence, kept when sure or told as lived.

        Its page speaks to a survivor (care within 72 hours, it is not your fault): the
        model guessed it for "il fait trop chaud dans la chambre" and "the mattress too
        thin my back dey pain me". Below the safety threshold, the guess stands only when
        the second classifier reads a danger now (``SEXUAL_VIOLENCE_NOW``); else it counts
        as urgent help. Danger words of sexual violence bring the page whatever the model
        says.
        """
        guess = dict(parse.ranking).get(SEXUAL_VIOLENCE, 0.0)
        sure = guess >= self.settings.safety_threshold
        lived = parse.now is None or parse.now >= SEXUAL_VIOLENCE_NOW
        return parse if guess == 0.0 or sure or lived else _as_urgent_help(parse, SEXUAL_VIOLENCE)

    def _child_named(self, text: str, lang: str, parse: Parse) -> Parse:
        """The model's guess of a child alone, kept only when the text names a young person.

        The page for a child alone shows the numbers first; the model guessed it for "i was
        detained in zawiya in 2023 and lost my passport, can i travel without it". Without
        a word of a child or an age under 18 (``Reader.speaks_of_a_child``), the guess is
        taken out and the other topics share its weight. Danger words of a child alone
        ("no parents", "je suis mineur") bring the page whatever the model says.
        """
        if parse.top[0] != CHILD_ALONE or self.reader.speaks_of_a_child(text, lang):
            return parse
        rest = [(i, c) for i, c in parse.ranking if i != CHILD_ALONE]
        total = sum(c for _, c in rest)
        if total <= 0:
            return parse
        return Parse(tuple((i, c / total) for i, c in rest), parse.now)

    def _note_place(self, state: ChatState, text: str) -> None:
        """Note the country a text names ("a warehouse in Sabha": Libya's numbers first)."""
        place = self.reader.places.find(text[:MAX_TEXT])
        if place is not None:
            state.country = place.country

    # --- a case with caseworkers --------------------------------------------------

    def _in_case(self, state: ChatState, incoming: Text | NonText, turn: Turn) -> None:
        """Everything the person sends goes to the counsellor; danger still comes first."""
        danger = None
        if isinstance(incoming, Text):
            danger = self.reader.danger_in(incoming.text[:MAX_TEXT], state.lang)
            if danger is not None:
                self._urgent_first(state, incoming.text, danger, Parse(()), turn)
        turn.effects.append(Relay(danger is not None))
        turn.events.append(Event("case_message", via="person"))

    def _end_case(self, state: ChatState, turn: Turn) -> None:
        assert state.lang
        views = self.views(state.lang)
        if not state.in_case:
            intro = views.t(_("You are not talking to a counsellor now. Here is the menu."))
            turn.replies.append(views.menu(intro=intro))
            return
        turn.effects.append(EndCase("person"))

    # --- text -----------------------------------------------------------------------

    async def _on_text(self, state: ChatState, text: str, turn: Turn) -> None:
        assert state.lang
        views = self.views(state.lang)
        text = " ".join(text[:MAX_TEXT].split())
        step, flow = state.step, self._referral(state.lang)
        if step in intake.STEPS and text and intake.on_text(flow, state, text, turn):
            return
        state.step = None
        if not text:
            turn.replies.append(views.menu())
            return
        switched = self._switch_language(state, text)
        try:
            parse, subjects = await self._read(text, state.lang)
        except NluError as exc:
            self._without_understanding(state, step, exc, turn)
            return
        if step in (intake.COUNTRY, intake.CITY) and not self._sure_of_topic(parse):
            state.step = step  # "je suis à Gao": not a topic, so a place we do not list
            intake.not_understood(flow, state, turn)
            return
        # wanting to die is never over ("I came back in 2023, now I want to end it all")
        over = parse.top[0] in NOW_PAGES - {SELF_HARM} and self.reader.over_or_general(
            text, state.lang, date.today()
        )
        if self.reader.asks_for_numbers(text, state.lang):
            await self._numbers_asked(state, text, parse, turn)
        elif over and self._answer_calmly(state, parse, turn):
            pass  # "I was kidnapped in 2023, now I am safe": not an emergency now
        # the model reads the dangers of the journey and its second classifier a question
        # ("is tunisia safe for black migrants now or still attacks"): both say calm
        elif self.reader.tells_of_danger(text, state.lang, parse) and not self._told_calmly(parse):
            self._urgent_first(state, text, None, parse, turn)
        elif subjects:
            for topic in subjects:  # two questions in one message: both answered
                self._show_topic(state, topic, "nlu", turn)
            turn.confidence = parse.top[1]
        else:
            calm = self.reader.calm(text, state.lang)
            general = self.reader.asks_in_general(text, state.lang)
            self._decide(state, parse, turn, calm=calm, general=general)
        if switched:
            turn.replies.append(self.views(state.lang).switched_language(switched))

    def _without_understanding(
        self, state: ChatState, step: str | None, error: NluError, turn: Turn
    ) -> None:
        """The model cannot answer (starting, restarting): the menu, or the flow's question.

        Buttons, commands and danger words never needed the model; a person in the middle
        of a referral is asked the same question again, with its buttons.
        """
        assert state.lang
        log.info("free text answered without the NLU (%s)", type(error).__name__)
        turn.events.append(Event("nlu_error"))
        if step in (intake.COUNTRY, intake.CITY):
            state.step = step
            intake.not_understood(self._referral(state.lang), state, turn)
            return
        views = self.views(state.lang)
        intro = views.t(_("Sorry, I cannot read messages right now. Please use the buttons."))
        turn.replies.append(views.menu(intro=intro))

    def _switch_language(self, state: ChatState, text: str) -> str | None:
        """Answer in the language written, and offer the way back.

        French typed in an English chat (or the reverse) switches the chat; returns the
        language it had, or None.
        """
        assert state.lang
        other = reading.written_in(text, state.lang)
        if other is None:
            return None
        previous, state.lang = state.lang, other
        return previous

    async def _read(self, text: str, lang: str) -> tuple[Parse, list[str]]:
        """The model's reading of the whole message, and the subjects it asks about.

        The whole and its parts are sent to the model together: it answers them one
        after the other, without a round trip between each.
        """
        parts = reading.clauses(text)
        texts = [text, *parts] if len(parts) > 1 else [text]
        parses = await asyncio.gather(*(self._model_reading(t, lang) for t in texts))
        return parses[0], self._subjects(parses[0], parses[1:])

    def _subjects(self, whole: Parse, parts: list[Parse]) -> list[str]:
        """The informative topics a message asks about clearly, in order (two at most).

        One, when the whole message reads as thanks or a greeting around a clear question;
        with the choice of language after it when the message also asks for another
        language ("pls speak french, and who pays for the ticket home").

        Each part must be clear on its own (as sure as ``_decide`` needs to answer it),
        never an urgent page (those have their own path), and the message as a whole must
        not point elsewhere, unless each part is very sure of its own (``EACH_SURE``). In
        the order written, unless the whole message reads as one subject and gives the
        other part's next to no weight: "my little brother wants to leave for Europe, what
        dangers will he meet?" is about the dangers, the brother is their context,
        answered second.
        """
        found: list[str] = []
        sure, other_language = True, False
        for part in parts:
            topic, confidence = part.top
            clear = confidence >= self._needed(topic) and self.content.has_topic(topic)
            plain = topic not in CLARIFY_NEVER | URGENT_PAGES | {HELP}
            other_language = other_language or (clear and topic == LANGUAGE)
            if clear and plain and topic not in found:
                found.append(topic)
                sure = sure and confidence >= EACH_SURE
        top, confidence = whole.top
        if top in POLITENESS and len(found) == 1:
            return found  # "merci bcp, et après le retour ya un psy ?": the question
        if (top == LANGUAGE or other_language) and len(found) == 1:
            return [*found, LANGUAGE]  # "pls speak french, and who pays the ticket": both
        coherent = top in found or confidence < self.settings.answer_threshold or sure
        weight = dict(whole.ranking)
        if top in found and any(weight.get(t, 0.0) < SEEN_IN_WHOLE for t in found):
            found.insert(0, found.pop(found.index(top)))  # the other part is its context
        return found[:2] if len(found) > 1 and coherent else []

    def _told_calmly(self, parse: Parse) -> bool:
        """The model's second classifier reads a question about a danger, not a danger now.

        Only ever asked where no danger word was found, or a mere cry for help: the danger
        words always bring the numbers first.
        """
        return parse.now is not None and parse.now < self.settings.calm_below

    def _sure_of_topic(self, parse: Parse) -> bool:
        topic, confidence = parse.top
        known = self.content.has_topic(topic) and topic not in CONVERSATION_TOPICS
        return known and confidence >= self.settings.answer_threshold

    def _needed(self, topic: str) -> float:
        """How sure the model must be to answer ``topic``: more where a wrong guess hurts."""
        if topic in SAFETY_TOPICS:
            return self.settings.safety_threshold
        return self.settings.answer_threshold

    def _decide(
        self, state: ChatState, parse: Parse, turn: Turn, calm: bool = True, general: bool = False
    ) -> None:
        """Answer, ask "did you mean…?", or say it is out of scope, from the model's ranking.

        Unsure with an emergency among the likely topics, the numbers come briefly first
        when it ranks first, or when the message is no question and tells of nothing over
        ("mon ami vient de mourir devant moi dans le desert"): better the numbers once too
        often than once too few. Not when the model's second classifier reads no danger now
        (``_told_calmly``) in a question, or in a statement where urgent help is not the
        likeliest reading ("j'ai peur de rater le rdv à l'OIM demain"): then urgent help is
        one of the choices offered. ``general``: a question about people in general
        (``Reader.asks_in_general``), which the page on a child alone answers calmly.
        """
        assert state.lang
        settings = self.settings
        ranking = [(i, c) for i, c in parse.ranking if self.content.has_topic(i)]
        top, confidence = ranking[0] if ranking else (OUT_OF_SCOPE, 1.0)
        turn.confidence = confidence
        needed = self._needed(top)
        if top == OUT_OF_SCOPE and confidence >= settings.answer_threshold:
            self._show_topic(state, OUT_OF_SCOPE, "nlu", turn)
        elif top == CHILD_ALONE and confidence >= needed and general and self._told_calmly(parse):
            self._show_calmly(state, top, turn)  # "les enfants seuls sont protégés en Italie ?"
        elif top == URGENT_HELP and confidence >= needed:
            if self._told_calmly(parse) and self._answer_calmly(state, parse, turn):
                return  # "if the coast guard catch us, where do they take us?"
            self._show_topic(state, reading.urgent_page(None, parse), "nlu", turn)
        elif confidence >= needed:
            self._show_topic(state, top, "nlu", turn)
        else:
            likely = [
                i for i, c in ranking[:3] if i not in CLARIFY_NEVER and c >= settings.clarify_floor
            ]
            if not likely:
                self._show_topic(state, OUT_OF_SCOPE, "nlu", turn)
                return
            urgent = [i for i in likely if i in URGENT_PAGES]
            # a question, or a statement read as something else first, and read as no danger
            asked_calmly = self._told_calmly(parse) and (calm or urgent[:1] != likely[:1])
            if urgent and (urgent[0] == likely[0] or not calm) and not asked_calmly:
                page = urgent[0] if urgent[0] != URGENT_HELP else reading.urgent_page(None, parse)
                turn.replies.append(self.views(state.lang).urgent(page, state.country, False))
                turn.events.append(Event("answer", topic=page, via="unsure"))
                likely.remove(urgent[0])
                if not likely:
                    return
            turn.suggestions = likely
            turn.replies.append(self.views(state.lang).clarify(likely))
            turn.events.append(Event("clarify", topic=likely[0]))

    # --- topics ---------------------------------------------------------------------

    def _show_calmly(self, state: ChatState, topic: str, turn: Turn) -> None:
        """A page that holds the emergency numbers, to a question asked calmly.

        "Are children who travel alone protected by law in Italy?" is answered by the page
        on a child alone (their rights, who helps them), the numbers one tap away rather
        than a wall of them. Only for a question about children in general, which the
        model is sure of and its second classifier reads as asked: "my brother is 12 and
        alone in Sabha, who can help him?" and a child who writes get the numbers first.
        """
        assert state.lang
        turn.events.append(Event("answer", topic=topic, via=CALMLY))
        turn.replies.append(self.views(state.lang).answer(topic, numbers=False))
        self._offer_urgent(state, turn)

    def _show_topic(self, state: ChatState, topic: str, via: str, turn: Turn) -> None:
        assert state.lang
        views = self.views(state.lang)
        if topic == INTAKE:
            intake.start(views, state, turn, via)
            return
        turn.events.append(Event("answer", topic=topic, via=via))
        if topic == URGENT_HELP or topic in URGENT_KINDS:
            advice = topic not in state.urgent_seen
            if advice:
                state.urgent_seen = (*state.urgent_seen, topic)
            turn.replies.append(views.urgent(topic, state.country, advice))
            turn.events.append(Event("urgent_help", topic=topic, country=state.country))
        elif topic == EMERGENCY_NUMBERS:  # the numbers to save, the person's country first
            turn.replies.append(views.urgent(topic, state.country))
        elif topic == LANGUAGE:
            answer = views.content.answer(LANGUAGE, state.lang)
            turn.replies.append(views.language_choice(lead=_plain(answer.html)))
        elif topic == OUT_OF_SCOPE:
            turn.replies.append(views.answer(OUT_OF_SCOPE))
            turn.events.append(Event("out_of_scope"))
        elif topic == HELP:  # the page, then every command with its help line
            reply = views.answer(HELP)
            lines = "\n".join(escape(f"/{c.name} — {views.t(c.help)}") for c in COMMANDS)
            turn.replies.append(dataclasses.replace(reply, html=f"{reply.html}\n\n{lines}"))
        elif topic == PRIVACY:
            reply = views.answer(PRIVACY, feedback=False)
            turn.replies.append(
                dataclasses.replace(reply, buttons=(*views.privacy_rows(), *reply.buttons))
            )
        else:
            turn.replies.append(views.answer(topic))

    # --- commands -------------------------------------------------------------------

    def _on_command(self, state: ChatState, name: str, turn: Turn) -> None:
        assert state.lang
        command = COMMANDS_BY_NAME.get(name)
        if command is not None:
            command.handler(self, state, turn)
            return
        views = self.views(state.lang)
        intro = views.t(_("I do not know that command. Here is the menu."))
        turn.replies.append(views.menu(intro=intro))

    def _start(self, state: ChatState, turn: Turn) -> None:
        turn.events.append(Event("conversation_started"))
        self._welcome(state, turn)

    def _menu(self, state: ChatState, turn: Turn) -> None:
        assert state.lang
        turn.replies.append(self.views(state.lang).menu(in_case=state.in_case))

    def _help(self, state: ChatState, turn: Turn) -> None:
        self._show_topic(state, HELP, "command", turn)

    def _privacy(self, state: ChatState, turn: Turn) -> None:
        self._show_topic(state, PRIVACY, "command", turn)

    def _language(self, state: ChatState, turn: Turn) -> None:
        self._show_topic(state, LANGUAGE, "command", turn)

    def _welcome(self, state: ChatState, turn: Turn) -> None:
        assert state.lang
        views = self.views(state.lang)
        turn.replies.append(views.answer(GREETING, feedback=False))
        turn.replies.append(views.menu(in_case=state.in_case))

    async def _ask_language(self, state: ChatState, incoming: Incoming, turn: Turn) -> None:
        """No language known: answer in the message's language when it is clear, else ask."""
        if isinstance(incoming, Text) and (guess := guess_language(incoming.text)):
            state.lang = guess
            await self._on_text(state, incoming.text, turn)
            return
        if isinstance(incoming, Text) and incoming.text.strip():
            state.pending_text = incoming.text[:MAX_TEXT]
        if isinstance(incoming, Command) and incoming.name == "start":
            turn.events.append(Event("conversation_started"))
        turn.replies.append(self.views(LANGUAGES[0]).language_choice())

    # --- buttons --------------------------------------------------------------------

    async def _on_press(self, state: ChatState, data: str, turn: Turn) -> None:
        action = actions.decode(data)
        if action is not None and action.kind == actions.LANGUAGE and action.arg(0) in LANGUAGES:
            await self._choose_language(state, action.arg(0), turn)
            return
        if state.lang is None:
            await self._ask_language(state, Press(data), turn)
            return
        if action is None or not self._on_action(state, action, turn):
            views = self.views(state.lang)
            turn.events.append(Event("bad_button"))
            intro = views.t(_("This button does not work any more. Here is the menu."))
            turn.replies.append(views.menu(intro=intro))

    def _on_action(self, state: ChatState, action: Action, turn: Turn) -> bool:
        """Carry out a decoded action; False when it names nothing that exists."""
        assert state.lang
        press = BUTTONS.get(action.kind)
        return press is not None and press(self, state, action, turn)

    def _press_topic(self, state: ChatState, action: Action, turn: Turn) -> bool:
        if not self.content.has_topic(action.arg(0)):
            return False
        self._show_topic(state, action.arg(0), "button", turn)
        return True

    def _press_menu(self, state: ChatState, action: Action, turn: Turn) -> bool:
        assert state.lang
        if action.arg(0) not in self.content.menus:
            return False
        state.step = None
        turn.replies.append(self.views(state.lang).menu(action.arg(0), in_case=state.in_case))
        return True

    def _press_intake(self, state: ChatState, action: Action, turn: Turn) -> bool:
        assert state.lang
        intake.on_press(self._referral(state.lang), state, action, turn)
        return True

    def _press_case(self, state: ChatState, action: Action, turn: Turn) -> bool:
        if action.arg(0) != "end":
            return False
        self._end_case(state, turn)
        return True

    def _press_urgent(self, state: ChatState, action: Action, turn: Turn) -> bool:
        assert state.lang
        views, first = self.views(state.lang), action.arg(0)
        if first == "pick":
            prompt = views.t(_("Where are you now? I will show the numbers for that country."))
            page = _urgent_page(action.arg(1))
            countries = self.content.countries.values()
            turn.replies.append(views.country_picker(prompt, "u", countries, page))
            return True
        if first not in self.content.countries:
            return False
        state.country = first
        self._show_topic(state, _urgent_page(action.arg(1)), "button", turn)
        return True

    def _press_clear(self, state: ChatState, action: Action, turn: Turn) -> bool:
        self._clear(state, turn)
        return True

    def _press_forget(self, state: ChatState, action: Action, turn: Turn) -> bool:
        assert state.lang
        views = self.views(state.lang)
        turn.effects.append(ForgetLanguage())
        turn.replies.append(views.notice(views.t(_("Done: your language choice is deleted."))))
        return True

    def _press_feedback(self, state: ChatState, action: Action, turn: Turn) -> bool:
        assert state.lang
        verdict, topic = action.arg(0), action.arg(1)
        if verdict not in ("up", "down") or not self.content.has_topic(topic):
            return False
        turn.events.append(Event("feedback", topic=topic, via=verdict))
        turn.toast = self.views(state.lang).t(_("Thank you for your feedback."))
        return True

    async def _choose_language(self, state: ChatState, lang: str, turn: Turn) -> None:
        state.lang = lang
        turn.effects.append(SaveLanguage(lang))
        turn.events.append(Event("language_chosen", lang=lang))
        pending, state.pending_text = state.pending_text, None
        if pending:
            await self._on_text(state, pending, turn)
        else:
            self._welcome(state, turn)

    def _clear(self, state: ChatState, turn: Turn) -> None:
        """Quick exit: forget everything and delete the chat; no message is left behind."""
        if state.in_case:
            turn.effects.append(EndCase("quick_exit"))
        turn.effects += [ClearChat(), ForgetLanguage()]
        turn.events.append(Event("chat_cleared"))
        fresh = ChatState()
        for f in dataclasses.fields(state):
            setattr(state, f.name, getattr(fresh, f.name))


ButtonHandler = Callable[[Engine, ChatState, Action, Turn], bool]

# What each kind of button does (the language buttons are handled before: they work
# even in a chat that has no language yet).
BUTTONS: dict[str, ButtonHandler] = {
    actions.TOPIC: Engine._press_topic,
    actions.MENU: Engine._press_menu,
    actions.INTAKE: Engine._press_intake,
    actions.CASE: Engine._press_case,
    actions.URGENT: Engine._press_urgent,
    actions.CLEAR: Engine._press_clear,
    actions.FORGET: Engine._press_forget,
    actions.FEEDBACK: Engine._press_feedback,
}

# The commands people can send: Telegram's command list, /help and the console's hint
# are made from this table.
COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", _("What this bot is, and the menu"), Engine._start),
    CommandSpec("menu", _("The main menu"), Engine._menu),
    CommandSpec("language", _("Choose English or French"), Engine._language),
    CommandSpec("help", _("How to use this bot"), Engine._help),
    CommandSpec("privacy", _("What is kept, and how to clear this chat"), Engine._privacy),
    CommandSpec("end", _("End the conversation with a counsellor"), Engine._end_case),
)
COMMANDS_BY_NAME = {command.name: command for command in COMMANDS}


def _as_urgent_help(parse: Parse, topic: str) -> Parse:
    """``parse`` with the model's weight for ``topic`` counted as urgent help."""
    weights = dict(parse.ranking)
    weights[URGENT_HELP] = weights.get(URGENT_HELP, 0.0) + weights.pop(topic)
    return Parse(tuple(sorted(weights.items(), key=lambda item: -item[1])), parse.now)


def _rest(text: str) -> list[str]:
    """The parts of a message, when it has more than one."""
    parts = reading.clauses(text)
    return parts if len(parts) > 1 else []


def _urgent_page(topic: str) -> str:
    """The urgent-help page a button names (urgent help itself when it names none)."""
    return topic if topic in URGENT_KINDS else URGENT_HELP


def _plain(html: str) -> str:
    from bot.content.markup import strip_html

    return strip_html(html)
