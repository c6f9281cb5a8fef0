"""Updates of one chat one at a time and in order; different chats side by side.

A chat's state is read and written by its handler, so two updates of the same chat
must not interleave; a slow chat (a long answer, a 429) must not hold up the others.
In a caseworkers' forum group, each topic is its own line: one case's relay never
waits on another's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# A chat, or one topic of a forum group (each case's topic keeps its own order).
Key = int | tuple[int, int]


class PerChatProcessor(BaseUpdateProcessor):
    """PTB update processor with one lock per chat (chat ids in memory only)."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[Key, asyncio.Lock] = {}
        self._users: dict[Key, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run ``coroutine`` once no other update of the same chat is running."""
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            try:
                await lock.acquire()
            except BaseException:
                _close(coroutine)
                raise
            try:
                await coroutine
            finally:
                lock.release()
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key], self._locks[key]

    @property
    def busy_chats(self) -> int:
        """How many chats have an update running or waiting."""
        return len(self._locks)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _chat_key(update: object) -> Key | None:
    if not isinstance(update, Update):
        return None
    message = update.message
    if message is not None and message.is_topic_message and message.message_thread_id:
        return (message.chat.id, message.message_thread_id)
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user else None


def _close(coroutine: Awaitable[Any]) -> None:
    close = getattr(coroutine, "close", None)
    if close is not None:
        close()
