"""Tests read as dialogues: ``await chat.say("…")``, ``await chat.press("Menu")``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.content.markup import strip_html
from bot.engine import Button, ChatState, Command, Engine, NonText, Press, Text, Turn
from bot.nlu import Parse
from bot.topics import URGENT_PAGES


class Dialogue:
    """One chat with the engine, remembering the buttons of the last turn."""

    def __init__(self, engine: Engine, language_code: str | None = None) -> None:
        self.engine = engine
        self.state = ChatState(language_code=language_code)
        self.last = Turn()

    async def say(self, text: str) -> Turn:
        """Type ``text`` (a leading slash makes it a command)."""
        if text.startswith("/"):
            return await self._send(Command(text[1:]))
        return await self._send(Text(text))

    async def press(self, label_part: str) -> Turn:
        """Press the first button of the last turn whose label contains ``label_part``."""
        return await self._send(Press(self.button(label_part).action))

    async def press_data(self, data: str) -> Turn:
        """Press a button with arbitrary callback data (forged, stale…)."""
        return await self._send(Press(data))

    async def send_other(self, kind: str) -> Turn:
        """Send a voice note, photo, sticker…"""
        return await self._send(NonText(kind))

    def button(self, label_part: str) -> Button:
        """The first button of the last turn whose label contains ``label_part``."""
        for button in self.buttons:
            if label_part.lower() in button.label.lower():
                return button
        labels = [b.label for b in self.buttons]
        raise AssertionError(f"no button with {label_part!r} in {labels}")

    def has_button(self, label_part: str) -> bool:
        """True when the last turn has a button whose label contains ``label_part``."""
        return any(label_part.lower() in b.label.lower() for b in self.buttons)

    @property
    def buttons(self) -> list[Button]:
        return [b for reply in self.last.replies for row in reply.buttons for b in row]

    @property
    def text(self) -> str:
        """All replies of the last turn as plain text."""
        return "\n\n".join(strip_html(r.html) for r in self.last.replies)

    @property
    def topics(self) -> list[str | None]:
        """The topics answered in the last turn."""
        return [e.topic for e in self.last.events if e.name == "answer"]

    @property
    def urgent_first(self) -> bool:
        """The first reply of the last turn is an urgent page (the numbers first)."""
        answers = [e for e in self.last.events if e.name == "answer"]
        return bool(answers) and answers[0].topic in URGENT_PAGES and answers[0].shows_numbers

    @property
    def alarmed(self) -> bool:
        """The last turn showed an urgent page with its numbers (not only its button)."""
        return any(e.topic in URGENT_PAGES and e.shows_numbers for e in self.last.events)

    async def _send(self, incoming: Text | Command | Press | NonText) -> Turn:
        self.last = await self.engine.handle(self.state, incoming)
        return self.last


async def first_message(engine: Engine, lang: str, text: str) -> Dialogue:
    """``text`` as the first message of a new conversation in ``lang``."""
    chat = Dialogue(engine, language_code=lang)
    await chat.say(text)
    return chat


def each_message(by_language: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """``{"en": [...], "fr": [...]}`` as ``(lang, text)`` pairs, for ``parametrize``."""
    return [(lang, text) for lang, texts in by_language.items() for text in texts]


class FixedReading:
    """The model's reading, fixed: to test what the engine does with a given ranking."""

    def __init__(self, parse: Parse) -> None:
        self.reading = parse

    async def parse(self, text: str, lang: str) -> Parse:
        return self.reading
