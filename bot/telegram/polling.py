"""Long polling that confirms an update to Telegram only once it has been handled.

PTB's ``Updater`` confirms a batch as soon as it asks for the next one, so updates
fetched but not yet answered are lost if the process dies. Here the ``offset`` sent to
``getUpdates`` never passes the oldest update still being handled: Telegram keeps what
is unfinished and sends it again after a restart. The cost is that a crash may answer a
few updates twice; a clean stop (SIGTERM, SIGINT) finishes everything fetched first, then
confirms it, so nothing is answered twice and nothing is lost. After a crash, the
updates already handled (noted in ``HandledLog``) are not answered again.

While updates are in flight, ``getUpdates`` returns them again at once, so the poller
asks again only when one finishes (or every ``RECHECK`` seconds, to see new chats while
one update is slow). Telegram returns at most 100 updates from the offset: that window
is the natural limit of work in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot.telegram.delivery import retried, retry_seconds
from bot.telegram.handled import HandledLog

log = logging.getLogger(__name__)

RECHECK = 0.5
READ_MARGIN = 10.0  # seconds on top of the long-poll timeout before a read times out
MAX_BACKOFF = 30.0
STUCK_AFTER = 10.0  # an update handled longer than this stops holding the others back


class Poller:
    """Fetches updates and hands each to the application, confirming only finished ones."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        timeout: int = 30,
        allowed_updates: Sequence[str] | None = None,
        handled: HandledLog | None = None,
    ) -> None:
        self.application = application
        self.handled = handled or HandledLog(None)
        self.timeout = timeout
        self.allowed_updates = list(allowed_updates) if allowed_updates else None
        self.highest = 0  # the highest update id handed over (in memory only)
        self.in_flight: dict[int, asyncio.Task[None]] = {}
        self.started: dict[int, float] = {}  # when each update in flight was handed over
        self.stuck_after = STUCK_AFTER
        self._said_stuck = False
        self.ready = asyncio.Event()  # set once the first getUpdates has been sent
        self._request = HTTPXRequest(connection_pool_size=1)

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set; then finish what was fetched and confirm it."""
        await retried(lambda: self.application.bot.delete_webhook(drop_pending_updates=False), 5)
        await self._request.initialize()
        try:
            await self._poll(stop)
        finally:
            await self._request.shutdown()
            self.handled.close()

    async def _poll(self, stop: asyncio.Event) -> None:
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
            for update_id, update in updates:
                self._hand_over(update_id, update)
            if self.in_flight:
                await self._settle(stop)
        await self.finish()

    async def finish(self) -> None:
        """Wait for every update in flight, then confirm them all to Telegram."""
        if self.in_flight:
            await asyncio.gather(*self.in_flight.values(), return_exceptions=True)
        if self.highest:
            try:
                await self._get_updates({"offset": self.highest + 1, "limit": 1, "timeout": 0})
            except TelegramError as exc:
                log.warning("could not confirm the last updates (%s)", type(exc).__name__)

    async def _fetch(self, stop: asyncio.Event) -> list[tuple[int, Update | None]] | None:
        """One ``getUpdates``; None when ``stop`` was set while waiting."""
        params: dict[str, Any] = {"timeout": 0 if self.in_flight else self.timeout, "limit": 100}
        if self.highest:
            params["offset"] = self._offset()
            self.handled.forget_below(params["offset"])
        if self.allowed_updates is not None:
            params["allowed_updates"] = json.dumps(self.allowed_updates)
        fetch = asyncio.ensure_future(self._get_updates(params))
        self.ready.set()
        stopping = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not fetch.done():
            fetch.cancel()  # not awaited long: httpx may swallow a cancellation
            await asyncio.wait({fetch}, timeout=1.0)
            fetch.add_done_callback(_quiet)
            return None
        fresh = [item for item in fetch.result() if _update_id(item) > self.highest]
        return [self._parse(item) for item in fresh]

    def _offset(self) -> int:
        """The oldest update still being handled, unless it is stuck.

        An update handled for longer than ``stuck_after`` seconds (a chat paused by a
        429, a slow database) stops holding the offset back: Telegram would otherwise
        send nothing past it, and every other chat would wait. It goes on in memory; only
        a crash before it ends could lose it.
        """
        now = asyncio.get_running_loop().time()
        fresh = [u for u in self.in_flight if now - self.started.get(u, now) < self.stuck_after]
        if len(fresh) < len(self.in_flight) and not self._said_stuck:
            log.info("an update is taking long; the updates after it go on meanwhile")
            self._said_stuck = True
        if not fresh:
            self._said_stuck = False
        return min(fresh) if fresh else self.highest + 1

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """``getUpdates`` as raw JSON, so one update PTB cannot read cannot stop polling.

        ``Bot.get_updates`` parses the whole batch at once: a single update from a newer
        Bot API would raise, forever, and PTB would log the batch (text and ids included).
        """
        url = f"{self.application.bot.base_url}/getUpdates?{urlencode(params)}"
        result = await self._request.post(url, read_timeout=params["timeout"] + READ_MARGIN)
        return result if isinstance(result, list) else []

    def _parse(self, item: dict[str, Any]) -> tuple[int, Update | None]:
        try:
            return item["update_id"], Update.de_json(item, self.application.bot)
        except Exception as exc:
            log.warning("skipped an update this version cannot read (%s)", type(exc).__name__)
            return item["update_id"], None

    def _hand_over(self, update_id: int, update: Update | None) -> None:
        if update_id <= self.highest:
            return  # already in flight (or done): Telegram sends it again until confirmed
        self.highest = update_id
        if update is None:
            return  # unreadable: skipped, so confirmed with the next offset
        if update_id in self.handled:
            return  # handled before a crash: Telegram sent it again, it is not answered twice
        task = asyncio.create_task(self._process(update), name=f"update:{update_id}")
        self.in_flight[update_id] = task
        self.started[update_id] = asyncio.get_running_loop().time()
        task.add_done_callback(functools.partial(self._done, update_id))

    def _done(self, update_id: int, task: asyncio.Task[None]) -> None:
        if not task.cancelled():
            self.handled.add(update_id)
        self.in_flight.pop(update_id, None)
        self.started.pop(update_id, None)

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
            delay = retry_seconds(exc)
        elif isinstance(exc, Conflict):
            log.error("another instance is polling with this token, or a webhook is set")
            delay = backoff
        else:
            log.warning("network error while polling (%s); retrying", type(exc).__name__)
            delay = backoff
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        return min(backoff * 2, MAX_BACKOFF)


def _update_id(item: Any) -> int:
    """The update's id, or 0 when it has none (then it is ignored)."""
    value = item.get("update_id") if isinstance(item, dict) else None
    return value if isinstance(value, int) else 0


def _quiet(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio does not log it
