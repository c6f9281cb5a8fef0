"""The engine's replies as Bot API calls: send or edit, split, retried, never lost quietly.

Edit or send? Navigating the menu tree (a ``m:`` button) edits the menu message in
place: the person is choosing, not reading, and a pile of half-used menus would bury the
answers. Everything else (answers, emergency numbers, intake steps, the contact card)
is a new message, so the history stays readable and a phone number once shown is never
overwritten. When an edit is refused (the message is gone or too old), the reply is
sent as a new message.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.content.markup import strip_html
from bot.engine import Reply
from bot.engine.types import Keyboard
from bot.telegram.messages import MessageLog
from bot.telegram.split import split_html

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
TYPING_EVERY = 4.5  # Telegram shows "typing…" for 5 seconds


def keyboard(buttons: Keyboard) -> InlineKeyboardMarkup | None:
    """The engine's buttons as an inline keyboard (None when there are none)."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.action) for b in row] for row in buttons]
    )


async def retried[T](call: Callable[[], Awaitable[T]], attempts: int) -> T:
    """Await ``call()``, again after a network error or a 429, at most ``attempts`` times."""
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RetryAfter as exc:
            if attempt == attempts:
                raise
            await asyncio.sleep(retry_seconds(exc) + 0.1)
        except BadRequest:
            raise
        except NetworkError:
            if attempt == attempts:
                raise
            log.warning("network error talking to Telegram; retrying (attempt %d)", attempt)
            await asyncio.sleep(0.5 * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


class Outbox:
    """Sends one chat's replies and remembers their ids for quick exit."""

    def __init__(self, bot: Any, chat_id: int, messages: MessageLog, attempts: int) -> None:
        self.bot = bot
        self.chat_id = chat_id
        self.messages = messages
        self.attempts = attempts

    async def deliver(self, replies: Sequence[Reply], edit: Message | None = None) -> None:
        """Send ``replies`` in order; the first one edits ``edit`` when given."""
        for index, reply in enumerate(replies):
            parts = split_html(reply.html)
            for number, part in enumerate(parts):
                markup = keyboard(reply.buttons) if number == len(parts) - 1 else None
                first = index == 0 and number == 0 and len(parts) == 1
                if first and edit is not None and await self.edit(edit, part, markup):
                    continue
                await self.send(part, markup)

    async def send(self, html: str, markup: InlineKeyboardMarkup | None = None) -> Message | None:
        """Send one message; plain text if Telegram cannot parse the HTML; None if blocked."""
        try:
            message = await self._send(html, ParseMode.HTML, markup)
        except BadRequest as exc:
            if "parse entities" not in exc.message:
                raise
            log.error("Telegram refused the HTML of a reply (%s); sent as plain text", exc.message)
            message = await self._send(strip_html(html), None, markup)
        except Forbidden:
            log.info("a person blocked the bot; reply not sent")
            return None
        self.messages.add(message.message_id, message.date.timestamp())
        return message

    async def edit(self, message: Message, html: str, markup: InlineKeyboardMarkup | None) -> bool:
        """Edit ``message`` in place; False when Telegram refuses (then send a new one)."""
        try:
            await retried(
                lambda: self.bot.edit_message_text(
                    html,
                    chat_id=self.chat_id,
                    message_id=message.message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=NO_PREVIEW,
                ),
                self.attempts,
            )
        except BadRequest as exc:
            return "not modified" in exc.message
        return True

    async def _send(
        self, text: str, mode: str | None, markup: InlineKeyboardMarkup | None
    ) -> Message:
        message: Message = await retried(
            lambda: self.bot.send_message(
                self.chat_id,
                text,
                parse_mode=mode,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
            ),
            self.attempts,
        )
        return message


@contextlib.asynccontextmanager
async def typing_after(
    bot: Any, chat_id: int, delay: float, shown: TypingClock
) -> AsyncIterator[None]:
    """Show "typing…" in the chat if the work inside takes longer than ``delay`` seconds.

    At most one action per chat every ``TYPING_EVERY`` seconds (``shown`` keeps the time):
    in a burst, queued messages of one chat share it instead of adding requests when the
    bot is busiest. The helper task stops on a flag as well as on ``cancel()``: httpx can
    swallow a cancellation that lands while a connection closes, and a reply must never
    wait on it.
    """
    done = asyncio.Event()
    task = asyncio.create_task(_keep_typing(bot, chat_id, delay, done, shown))
    _helpers.add(task)
    task.add_done_callback(_helpers.discard)
    try:
        yield
    finally:
        done.set()
        task.cancel()


_helpers: set[asyncio.Task[None]] = set()  # strong references to running helper tasks


class TypingClock(Protocol):
    """Where a chat keeps the time of its last "typing…" (``time.monotonic()``)."""

    typing_at: float


async def _keep_typing(
    bot: Any, chat_id: int, delay: float, done: asyncio.Event, shown: TypingClock
) -> None:
    if await _wait(done, delay):
        return
    while not done.is_set():
        wait = shown.typing_at + TYPING_EVERY - time.monotonic()
        if wait <= 0:
            shown.typing_at = time.monotonic()
            try:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            except Exception:  # "typing…" is a courtesy: never let it fail a reply
                log.debug("typing action failed", exc_info=True)
            wait = TYPING_EVERY
        await _wait(done, wait)


async def _wait(event: asyncio.Event, seconds: float) -> bool:
    """True if ``event`` was set within ``seconds``."""
    try:
        await asyncio.wait_for(event.wait(), seconds)
    except TimeoutError:
        return False
    return True


def retry_seconds(exc: RetryAfter) -> float:
    """How long Telegram asked to wait (PTB 22 warns that the type will change)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
