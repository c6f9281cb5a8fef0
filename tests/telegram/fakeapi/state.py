"""What one fake bot account holds: its updates, the chats' messages, the calls it got."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

DAY = 24 * 3600


class ApiError(Exception):
    """An error answer of the Bot API: ``{"ok": false, "error_code", "description"}``."""

    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class Call:
    """One request the bot made, and what the fake answered."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    result: Any = None
    description: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None


@dataclass
class Fault:
    """An error to answer to the next ``times`` calls of ``method`` (``"*"``: any)."""

    method: str
    status: int
    description: str
    retry_after: int | None = None
    times: int = 1
    disconnect: bool = False


@dataclass
class Pending:
    """An update waiting to be confirmed, with when it was pushed and first delivered."""

    update: dict
    pushed_at: float
    delivered_at: float | None = None


@dataclass
class BotAccount:
    """The server-side state of one bot (one token)."""

    token: str
    me: dict
    pending: list[Pending] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    chats: dict[int, dict] = field(default_factory=dict)
    messages: dict[tuple[int, int], dict] = field(default_factory=dict)
    queries: dict[str, dict] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict]] = field(default_factory=dict)
    webhook: dict | None = None
    faults: list[Fault] = field(default_factory=list)
    holds: dict[str, asyncio.Event] = field(default_factory=dict)
    confirmed: dict[int, float] = field(default_factory=dict)
    pushed_at: dict[int, float] = field(default_factory=dict)
    allowed_updates: list[str] | None = None
    polls: int = 0
    query_of: dict[int, str] = field(default_factory=dict)
    pushed_log: list[Pending] = field(default_factory=list)
    topics: dict[tuple[int, int], dict] = field(default_factory=dict)  # (chat, thread)
    copies: list[tuple[dict, dict, float]] = field(default_factory=list)  # (source, copy, at)
    group_limit: Any = None  # a forums.GroupLimit when a test turns it on

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = {}
        self._query_ids = itertools.count(1)
        self._changed = asyncio.Event()

    # --- updates ----------------------------------------------------------------------

    def push(self, kind: str, payload: dict) -> int:
        """Queue an update; long polls waiting for one return at once."""
        update_id = next(self._update_ids)
        now = time.monotonic()
        item = Pending({"update_id": update_id, kind: payload}, now)
        self.pending.append(item)
        self.pushed_log.append(item)
        self.pushed_at[update_id] = now
        self.notify()
        return update_id

    def notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def changed(self) -> asyncio.Event:
        return self._changed

    def confirm_below(self, offset: int) -> None:
        """Telegram's rule: a getUpdates with ``offset`` confirms every update below it."""
        now = time.monotonic()
        keep = []
        for item in self.pending:
            if item.update["update_id"] < offset:
                self.confirmed[item.update["update_id"]] = now
            else:
                keep.append(item)
        self.pending = keep
        self.notify()

    def forget_all_but(self, last: int) -> None:
        """A negative offset: keep only the last ``last`` updates."""
        for item in self.pending[:-last] if last else self.pending:
            self.confirmed[item.update["update_id"]] = time.monotonic()
        self.pending = self.pending[-last:] if last else []

    # --- chats and messages -----------------------------------------------------------

    def next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def next_query_id(self) -> str:
        return f"q{next(self._query_ids)}"

    def chat(self, chat_id: int) -> dict:
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def message(self, chat_id: int, message_id: int) -> dict | None:
        return self.messages.get((chat_id, message_id))

    def chat_messages(self, chat_id: int) -> list[dict]:
        """The messages still in a chat, oldest first (both sides)."""
        found = [m for (c, _), m in self.messages.items() if c == chat_id]
        return sorted(found, key=lambda m: m["message_id"])

    def take_fault(self, method: str) -> Fault | None:
        for fault in self.faults:
            if fault.method in (method, "*"):
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault
        return None
