"""What handlers reach through their context: the shared services and the chat's memory.

``BotContext`` is the application's ``CallbackContext`` (PTB ``ContextTypes``): handlers
read ``context.deps`` (engine, recorder, preferences, cases, settings) and ``context.memory``
(this chat's state), never module globals.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.cases import CaseStore
from bot.config import Settings
from bot.engine import ChatState
from bot.metrics import LiveState, Metrics
from bot.services import Services
from bot.storage import Preferences, Recorder
from bot.telegram.flood import FloodGuard
from bot.telegram.messages import MessageLog
from bot.telegram.tuning import Tuning

DEPS_KEY = "deps"


@dataclass
class ChatMemory:
    """What the bot keeps about one chat, in memory only (never written anywhere).

    ``started`` says the language preference was already looked up for this chat;
    ``messages`` holds recent message ids for quick exit; ``flood`` paces a flooder;
    ``answered`` lets a press be answered once, by its handler or the error handler.
    """

    state: ChatState = field(default_factory=ChatState)
    started: bool = False
    messages: MessageLog = field(default_factory=MessageLog)
    flood: FloodGuard | None = None
    answered: str | None = None  # the id of the last button press answered
    typing_at: float = 0.0  # when "typing…" was last shown (time.monotonic())
    pointed_at: float = 0.0  # a group: when it was last told to write privately
    last_seen: float = field(default_factory=time.monotonic)


@dataclass
class Deps:
    """The shared services of every handler, set once by ``build_application``."""

    services: Services
    recorder: Recorder
    preferences: Preferences
    settings: Settings
    tuning: Tuning
    cases: CaseStore = field(default_factory=CaseStore)
    metrics: Metrics = field(init=False)
    tasks: set[asyncio.Task[Any]] = field(default_factory=set)

    def __post_init__(self) -> None:
        recorder, cases = self.recorder, self.cases
        self.metrics = Metrics(
            LiveState(
                nlu=lambda: self.services.nlu.status,
                database_up=lambda: recorder.database_up,
                buffered=lambda: recorder.buffered,
                open_cases=lambda: len(cases),
            )
        )


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], ChatMemory, dict[Any, Any]]):
    """The context every handler gets, with typed access to the shared services."""

    @property
    def deps(self) -> Deps:
        """The shared services."""
        return deps_of(self.application)

    @property
    def memory(self) -> ChatMemory:
        """This chat's memory (created on first use); handlers only run for chats."""
        memory = self.chat_data
        if memory is None:
            raise LookupError("this update has no chat")
        memory.last_seen = time.monotonic()
        return memory


App = Application[ExtBot[None], BotContext, dict[Any, Any], ChatMemory, dict[Any, Any], None]


def deps_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Deps:
    """The shared services stored on ``application`` by ``build_application``."""
    deps = application.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    return deps
