"""Telegram's rate limits kept per chat: one chat's 429 never pauses the others.

PTB's ``AIORateLimiter`` stops every request of the bot when Telegram answers 429 to
one of them: one person's flood delays everyone's emergency numbers. Here the same
limits apply (about 30 messages a second overall, a leaky bucket per group) but a
``retry_after`` pauses only the chat it was about; that chat's requests wait their turn
in order, every other chat goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.telegram.delivery import retry_seconds

log = logging.getLogger(__name__)

Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]
ANY_CHAT = "*"  # requests that name no chat (answerCallbackQuery, getMe…)
MAX_KEPT = 1024  # forget pauses and group buckets past this many


class ChatRateLimiter(BaseRateLimiter[int]):
    """Overall and per-group limits like PTB's, with a 429 pausing one chat only."""

    def __init__(
        self,
        overall_max_rate: float = 30,
        overall_time_period: float = 1,
        group_max_rate: float = 5,
        group_time_period: float = 20,
        max_retries: int = 3,
    ) -> None:
        self._overall = AsyncLimiter(overall_max_rate, overall_time_period)
        self._group_rate = (group_max_rate, group_time_period)
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._paused_until: dict[int | str, float] = {}
        self._max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Send one request under the limits; on a 429, wait for that chat and retry."""
        chat = _chat_of(data)
        key: int | str = chat if chat is not None else ANY_CHAT
        retries = rate_limit_args if rate_limit_args is not None else self._max_retries
        for attempt in range(retries + 1):
            await self._wait_for(key)
            try:
                return await self._limited(chat, callback, args, kwargs)
            except RetryAfter as exc:
                if attempt == retries:
                    raise
                delay = retry_seconds(exc) + 0.1
                until = time.monotonic() + delay
                self._paused_until[key] = max(self._paused_until.get(key, 0.0), until)
                log.info("Telegram asked to wait %.0f s for one chat; the others go on", delay)
        raise AssertionError("unreachable")

    async def _wait_for(self, key: int | str) -> None:
        while (wait := self._paused_until.get(key, 0.0) - time.monotonic()) > 0:
            await asyncio.sleep(wait)
        self._paused_until.pop(key, None)

    async def _limited(
        self, chat: int | None, callback: Callback, args: Any, kwargs: dict[str, Any]
    ) -> bool | JSONDict | list[JSONDict]:
        group = self._group(chat) if chat is not None and chat < 0 else None
        overall = self._overall if chat is not None else contextlib.nullcontext()
        async with group or contextlib.nullcontext(), overall:
            return await callback(*args, **kwargs)

    def _group(self, chat: int) -> AsyncLimiter:
        if chat not in self._groups:
            if len(self._groups) > MAX_KEPT:
                for old in [
                    k for k, lim in self._groups.items() if lim.has_capacity(lim.max_rate)
                ]:
                    del self._groups[old]
            self._groups[chat] = AsyncLimiter(*self._group_rate)
        return self._groups[chat]


def _chat_of(data: dict[str, Any]) -> int | None:
    value = data.get("chat_id")
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # a @channel name: treated as a group
