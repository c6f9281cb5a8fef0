"""The real PTB application against the fake Bot API, and people who talk to it.

``await person.say("/start")`` pushes an update into the fake server and returns once
the bot has confirmed it (the poller confirms an update only after handling it), with
every call the bot made for that chat in the meantime.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.cases import CaseStore
from bot.config import Secret, Settings
from bot.engine import Engine, EngineSettings, Event
from bot.i18n import Catalogs
from bot.services import Services
from bot.storage import MemoryPreferences, Preferences, Recorder
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.handled import HandledLog
from bot.telegram.lifecycle import running
from bot.telegram.polling import Poller
from bot.telegram.tuning import Tuning
from tests.telegram.fakeapi import Call, FakeBot, FakeTelegram

TOKEN = "7000001:TEST-token_for-the-fake-server"
ADMIN_ID = 4242
INTAKE_CHAT_ID = -100777
_user_ids = itertools.count(10_001)
_bot_ids = itertools.count(7_100_001)

# Tests of the case mechanics do not wait on the group limit (bench/handoff.py measures it).
TEST_TUNING = Tuning(
    poll_timeout=10, watch_content=False, group_max_rate=100, group_time_period=1.0
)


_catalogs = Catalogs.load()


def tr(lang: str, message: str, **values: Any) -> str:
    """A UI string as the bot says it in ``lang`` (through the catalogs)."""
    return _catalogs.for_lang(lang)(message, **values)


def next_user_id() -> int:
    return next(_user_ids)


class ListRecorder:
    """A Recorder that keeps the events it was given (and whether an id came with them)."""

    database_up = True

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.with_user: int = 0
        self.started = False
        self.stopped = False

    def record(self, events: Iterable[Event], user_id: int | None = None) -> None:
        self.events.extend(events)
        self.with_user += user_id is not None

    async def start(self) -> None:
        self.started = True

    async def stop(self) -> None:
        self.stopped = True

    @property
    def buffered(self) -> int:
        return 0

    def names(self) -> list[str]:
        return [e.name for e in self.events]


def make_services(settings: Settings, content: Any, catalogs: Any, nlu: Any) -> Services:
    engine = Engine(content, nlu, catalogs, EngineSettings(handoff_enabled=True))
    return Services(settings, content, catalogs, nlu, engine)


def new_bot(fake: FakeTelegram, base: Settings, **changes: Any) -> Settings:
    """Settings for one more bot account on the fake server (its own token, its own chats)."""
    token = f"{next(_bot_ids)}:another-test-bot"
    api = fake.add_bot(token)
    api.forum(INTAKE_CHAT_ID, title="Intake staff")
    return bot_settings(base, fake, telegram_token=Secret(token), **changes)


def bot_settings(base: Settings, fake: FakeTelegram, **changes: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_token": Secret(TOKEN),
        "api_base_url": fake.base_url,
        "admin_ids": frozenset({ADMIN_ID}),
        "intake_chat_id": INTAKE_CHAT_ID,
        "health_port": 0,  # any free port: tests run side by side
    }
    values.update(changes)
    return dataclasses.replace(base, **values)


@dataclass
class RunningBot:
    """A bot serving the fake server, and what it was built with."""

    fake: FakeTelegram
    api: FakeBot
    application: Any
    poller: Poller
    stop: asyncio.Event
    task: asyncio.Task[None]
    recorder: Any
    preferences: Preferences
    services: Services

    def person(self, language_code: str | None = "en", **kwargs: Any) -> Person:
        return Person(self.api, language_code=language_code, **kwargs)

    @property
    def cases(self) -> CaseStore:
        return self.application.bot_data["deps"].cases

    async def shut_down(self) -> None:
        self.stop.set()
        await self.task


@contextlib.asynccontextmanager
async def serving(
    fake: FakeTelegram,
    services: Services,
    settings: Settings,
    recorder: Recorder | None = None,
    preferences: Preferences | None = None,
    tuning: Tuning = TEST_TUNING,
    case_store: CaseStore | None = None,
    handled: HandledLog | None = None,
) -> AsyncIterator[RunningBot]:
    """Build the application, start it and poll the fake server until the block ends."""
    api = fake.bot(settings.telegram_token.reveal())
    recorder = recorder or ListRecorder()
    preferences = preferences or MemoryPreferences()
    application = build_application(services, recorder, preferences, settings, tuning, case_store)
    poller = Poller(application, tuning.poll_timeout, ALLOWED_UPDATES, handled)
    stop = asyncio.Event()
    async with running(application):
        task = asyncio.create_task(poller.run(stop))
        await poller.ready.wait()
        bot = RunningBot(
            fake, api, application, poller, stop, task, recorder, preferences, services
        )
        try:
            yield bot
        finally:
            stop.set()
            await task


# --- people -----------------------------------------------------------------------------


@dataclass
class Exchange:
    """What the bot did for one chat while handling one update."""

    calls: list[Call] = field(default_factory=list)

    def ok(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.ok]

    @property
    def messages(self) -> list[dict]:
        return [c.result for c in self.ok("sendMessage")]

    @property
    def texts(self) -> list[str]:
        return [m["text"] for m in self.messages]

    @property
    def text(self) -> str:
        return "\n\n".join(self.texts + [m["text"] for m in self.edits])

    @property
    def edits(self) -> list[dict]:
        return [c.result for c in self.ok("editMessageText")]

    @property
    def buttons(self) -> list[str]:
        return [b["text"] for m in self.messages + self.edits for b in _buttons(m)]

    @property
    def data(self) -> list[str]:
        return [
            b.get("callback_data", "") for m in self.messages + self.edits for b in _buttons(m)
        ]

    @property
    def answers(self) -> list[Call]:
        return [c for c in self.calls if c.method == "answerCallbackQuery"]

    @property
    def toast(self) -> str | None:
        answers = self.ok("answerCallbackQuery")
        return answers[0].params.get("text") if answers else None

    @property
    def refused(self) -> list[Call]:
        return [c for c in self.calls if not c.ok]

    @property
    def typing(self) -> bool:
        return bool(self.ok("sendChatAction"))


def _buttons(message: dict) -> list[dict]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b for row in rows for b in row]


class Person:
    """Someone writing to the bot in a private chat."""

    def __init__(
        self,
        api: FakeBot,
        language_code: str | None = "en",
        username: str | None = None,
        first_name: str = "Amina",
        user_id: int | None = None,
    ) -> None:
        self.api = api
        self.user: dict[str, Any] = {
            "id": user_id or next_user_id(),
            "is_bot": False,
            "first_name": first_name,
        }
        if language_code:
            self.user["language_code"] = language_code
        if username:
            self.user["username"] = username
        self.chat = api.private_chat(self.user)
        self.last = Exchange()

    @property
    def id(self) -> int:
        return self.user["id"]

    async def say(self, text: str, **extra: Any) -> Exchange:
        since = len(self.api.calls)
        return await self._exchange(
            self.api.push_message(self.chat, self.user, text, **extra), since
        )

    async def send(self, **payload: Any) -> Exchange:
        """A message without text: ``send(voice={...})``, ``send(location={...})``."""
        since = len(self.api.calls)
        return await self._exchange(
            self.api.push_message(self.chat, self.user, None, **payload), since
        )

    async def press(self, label_part: str) -> Exchange:
        """Press the newest button whose label contains ``label_part``."""
        message_id, data = self.find_button(label_part)
        return await self.press_data(data, message_id)

    async def press_data(self, data: str, message_id: int | None = None) -> Exchange:
        since = len(self.api.calls)
        if message_id is None:
            mine = [m for m in self.api.chat_messages(self.chat["id"]) if m["from"]["is_bot"]]
            message_id = mine[-1]["message_id"] if mine else None
        update_id = self.api.push_callback(self.chat, self.user, data, message_id)
        return await self._exchange(update_id, since)

    def find_button(self, label_part: str) -> tuple[int, str]:
        for message in reversed(self.api.chat_messages(self.chat["id"])):
            for button in _buttons(message):
                if label_part.lower() in button["text"].lower() and "callback_data" in button:
                    return message["message_id"], button["callback_data"]
        raise AssertionError(f"no button with {label_part!r} in this chat")

    async def _exchange(self, update_id: int, since: int) -> Exchange:
        await self.api.confirmed(update_id)
        query_id = self.api.query_of.get(update_id)
        calls = [
            c
            for c in self.api.calls[since:]
            if c.chat_id == self.chat["id"]
            or (query_id and c.params.get("callback_query_id") == query_id)
        ]
        self.last = Exchange(calls)
        return self.last


class Caseworker:
    """A member of a caseworkers' forum group, writing in the topics of cases."""

    def __init__(self, api: FakeBot, group_id: int, first_name: str = "Fatou") -> None:
        self.api = api
        self.group = api.account.chats[group_id]
        self.user = {"id": next_user_id(), "is_bot": False, "first_name": first_name}

    async def say(self, thread: int | None, text: str | None = None, **extra: Any) -> list[Call]:
        """Write in topic ``thread`` (None: the General topic); the calls the bot made."""
        since = len(self.api.calls)
        if thread is None:
            update_id = self.api.push_message(self.group, self.user, text, **extra)
        else:
            update_id = self.api.push_topic_message(self.group, self.user, thread, text, **extra)
        await self.api.confirmed(update_id)
        return self.api.calls[since:]
