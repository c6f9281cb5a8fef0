"""What goes into the engine (a chat's state and one incoming message) and what comes out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.topics import NUMBERS_PAGES

# --- incoming -------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Free text typed by the person."""

    text: str


@dataclass(frozen=True)
class Press:
    """A button pressed: its callback data, as sent (it may be stale or forged)."""

    data: str


@dataclass(frozen=True)
class Command:
    """A slash command, without the slash and without any @botname."""

    name: str


@dataclass(frozen=True)
class NonText:
    """Anything that is not text: a voice note, photo, sticker, document, location."""

    kind: str


Incoming = Text | Press | Command | NonText


@dataclass(frozen=True)
class CommandSpec:
    """A command people can send: its name, its help line (translated later), its handler.

    ``handler(engine, state, turn)``; the table is ``bot.engine.engine.COMMANDS``.
    """

    name: str
    help: str
    handler: Callable[..., None]


# What each kind of incoming message is called in counts and metrics.
INCOMING_KIND: dict[type, str] = {
    Text: "text",
    Press: "button",
    Command: "command",
    NonText: "other",
}

# --- outgoing -------------------------------------------------------------------------


@dataclass(frozen=True)
class Button:
    """An inline button: a label and the action it sends back (≤ 64 bytes)."""

    label: str
    action: str


Keyboard = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class Reply:
    """One message: escaped Telegram HTML and its buttons."""

    html: str
    buttons: Keyboard = ()


# How a page that holds the emergency numbers was answered when it was shown without them,
# to a question asked calmly ("are children who travel alone protected in Italy?").
CALMLY = "calm"


@dataclass(frozen=True)
class Event:
    """Something to count (anonymous: never an id or a text)."""

    name: str
    lang: str | None = None
    topic: str | None = None
    via: str | None = None
    country: str | None = None

    @property
    def shows_numbers(self) -> bool:
        """An answer that showed the emergency numbers (an urgent page, or the numbers)."""
        return self.name == "answer" and self.topic in NUMBERS_PAGES and self.via != CALMLY


@dataclass(frozen=True)
class SaveLanguage:
    """Remember the person's language choice (under a keyed hash, never their id)."""

    lang: str


@dataclass(frozen=True)
class ForgetLanguage:
    """Delete the remembered language choice."""


@dataclass(frozen=True)
class ClearChat:
    """Delete every message of this chat that the bot still can (quick exit)."""


@dataclass(frozen=True)
class OpenCase:
    """Open a case with caseworkers (the person agreed): a topic in their group.

    ``office`` is the index of the chosen intake point in its country (None: the
    default group, for someone whose country has no office listed).
    """

    reference: str
    country: str
    city: str
    office: int | None


@dataclass(frozen=True)
class EndCase:
    """Close the person's case (``by``: ``person`` or ``quick_exit``)."""

    by: str


@dataclass(frozen=True)
class Relay:
    """Copy the person's message into their case's topic (``urgent``: danger words)."""

    urgent: bool = False


Effect = SaveLanguage | ForgetLanguage | ClearChat | OpenCase | EndCase | Relay

# --- state and result -----------------------------------------------------------------


@dataclass
class ChatState:
    """The small state of one chat, in memory only (never written to disk).

    ``lang`` is the language in use; ``language_code`` the client's, as Telegram sends it.
    ``step`` names where the chat is in a flow (see ``bot.engine.intake``); ``country``
    and ``city`` where the person said they are. ``in_case`` is set by the front before
    each message: the chat has an open case with caseworkers. ``urgent_seen`` lists the
    urgent-help pages whose advice was given (later, their numbers come without it).
    """

    lang: str | None = None
    language_code: str | None = None
    step: str | None = None
    country: str | None = None
    city: str | None = None
    office: int | None = None  # the intake point chosen, in its country's list
    reference: str | None = None
    pending_text: str | None = None
    in_case: bool = False
    urgent_seen: tuple[str, ...] = ()


@dataclass
class Turn:
    """The engine's answer to one incoming message."""

    replies: list[Reply] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    toast: str | None = None  # a short acknowledgement, shown without a new message
    confidence: float | None = None  # how sure the NLU (or the danger words: 1.0) was
    suggestions: list[str] = field(default_factory=list)  # the topics offered by a clarify
