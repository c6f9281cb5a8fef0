"""Long polling that confirms an update to Telegram only once it has been handled.

PTB's ``Updater`` confirms a batch as soon as it asks for the next one, so updates
fetched but not yet answered are lost if the process dies. Here the ``offset`` sent to
``getUpdates`` never passes the oldest update still being handled: Telegram keeps what
is unfinished and sends it again after a restart. The cost is that a crash may answer a
few updates twice; a clean stop (SIGTERM, SIGINT) finishes everything fetched first, then
confirms it, so nothing is answered twice and nothing is lost.

While updates are in flight, ``getUpdates`` returns them again at once, so the poller
asks again only when one finishes (or every ``RECHECK`` seconds, to see new chats while
one update is slow). Telegram returns at most 100 updates from the offset: that window
is the natural limit of work in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import logging
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.telegram.delivery import retried

log = logging.getLogger(__name__)

RECHECK = 0.5
MAX_BACKOFF = 30.0


class Poller:
    """Fetches updates and hands each to the application, confirming only finished ones."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        timeout: int = 30,
        allowed_updates: Sequence[str] | None = None,
    ) -> None:
        self.application = application
        self.timeout = timeout
        self.allowed_updates = list(allowed_updates) if allowed_updates else None
        self.highest = 0  # the highest update id handed over (in memory only)
        self.in_flight: dict[int, asyncio.Task[None]] = {}
        self.ready = asyncio.Event()  # set once the first getUpdates has been sent

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set; then finish what was fetched and confirm it."""
        await retried(lambda: self.application.bot.delete_webhook(drop_pending_updates=False), 5)
        backoff = 1.0
        while not stop.is_set():
            try:
                updates = await self._fetch(stop)
            except (InvalidToken, asyncio.CancelledError):
                raise
            except (NetworkError, Conflict, RetryAfter) as exc:
                backoff = await self._pause(exc, backoff, stop)
                continue
            backoff = 1.0
            if updates is None:
                break
            for update in updates:
                self._hand_over(update)
            if self.in_flight:
                await self._settle(stop)
        await self.finish()

    async def finish(self) -> None:
        """Wait for every update in flight, then confirm them all to Telegram."""
        if self.in_flight:
            await asyncio.gather(*self.in_flight.values(), return_exceptions=True)
        if self.highest:
            try:
                await self.application.bot.get_updates(offset=self.highest + 1, limit=1, timeout=0)
            except TelegramError as exc:
                log.warning("could not confirm the last updates (%s)", type(exc).__name__)

    async def _fetch(self, stop: asyncio.Event) -> tuple[Update, ...] | None:
        """One ``getUpdates``; None when ``stop`` was set while waiting."""
        offset = min(self.in_flight) if self.in_flight else self.highest + 1
        timeout = 0 if self.in_flight else self.timeout
        fetch = asyncio.ensure_future(
            self.application.bot.get_updates(
                offset=offset if self.highest else None,
                timeout=timeout,
                allowed_updates=self.allowed_updates,
            )
        )
        self.ready.set()
        stopping = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not fetch.done():
            fetch.cancel()
            with contextlib.suppress(asyncio.CancelledError, TelegramError):
                await fetch
            return None
        return fetch.result()

    def _hand_over(self, update: Update) -> None:
        if update.update_id <= self.highest:
            return  # already in flight (or done): Telegram sends it again until confirmed
        self.highest = update.update_id
        task = asyncio.create_task(self._process(update), name=f"update:{update.update_id}")
        self.in_flight[update.update_id] = task
        task.add_done_callback(functools.partial(self._done, update.update_id))

    def _done(self, update_id: int, task: asyncio.Task[None]) -> None:
        self.in_flight.pop(update_id, None)

    async def _process(self, update: Update) -> None:
        application = self.application
        try:
            await application.update_processor.process_update(
                update, application.process_update(update)
            )
        except Exception as exc:  # handler errors went to the error handler already
            log.error("an update could not be processed (%s)", type(exc).__name__)

    async def _settle(self, stop: asyncio.Event) -> None:
        """Wait until an update in flight finishes, ``stop`` is set, or RECHECK passes."""
        stopping = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait(
                {stopping, *self.in_flight.values()},
                timeout=RECHECK,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            stopping.cancel()

    async def _pause(self, exc: TelegramError, backoff: float, stop: asyncio.Event) -> float:
        if isinstance(exc, RetryAfter):
            wait = exc.retry_after
            delay = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
        elif isinstance(exc, Conflict):
            log.error("another instance is polling with this token, or a webhook is set")
            delay = backoff
        else:
            log.warning("network error while polling (%s); retrying", type(exc).__name__)
            delay = backoff
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        return min(backoff * 2, MAX_BACKOFF)
