"""The conversation handlers (private chats).

Each turns one update into an engine call, and the turn into Bot API calls; see
``delivery`` for when a reply edits a message and when it is a new one.
"""

from __future__ import annotations

import logging
import time

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType

from bot.engine import INCOMING_KIND, Command, Incoming, NonText, Press, Text, Turn, actions
from bot.telegram.chat import answer_query, outbox
from bot.telegram.context import BotContext
from bot.telegram.delivery import typing_after
from bot.telegram.effects import apply_effects, relay

log = logging.getLogger(__name__)

# What a non-text message is, for the engine (first attribute found wins).
NON_TEXT_KINDS = (
    "voice",
    "audio",
    "video_note",
    "video",
    "animation",
    "photo",
    "sticker",
    "document",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
    "game",
    "story",
)


async def obey_command(update: Update, context: BotContext) -> None:
    """/start, /menu, /language, /help, /privacy, and any unknown command."""
    assert update.message and update.message.text
    await converse(update, context, Command(command_name(update.message.text)))


async def answer_text(update: Update, context: BotContext) -> None:
    """Free text (or the caption of a photo, a document…) goes to the engine."""
    message = update.message
    assert message is not None
    await converse(update, context, Text(message.text or message.caption or ""))


async def answer_other(update: Update, context: BotContext) -> None:
    """Voice, photo, sticker, location, contact…: a kind answer in the person's language."""
    message = update.message
    assert message is not None
    kind = next((k for k in NON_TEXT_KINDS if getattr(message, k, None)), "other")
    await converse(update, context, NonText(kind))


async def press_button(update: Update, context: BotContext) -> None:
    """A button: menu navigation edits the menu in place, everything else is a new message."""
    query = update.callback_query
    assert query is not None
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        await answer_query(context, query, None)
        return
    try:
        await converse(update, context, Press(query.data or ""))
    finally:
        await answer_query(context, query, None)  # a no-op when it was answered with the turn


async def converse(update: Update, context: BotContext, incoming: Incoming) -> Turn:
    """One engine turn: state in, replies out, events counted, effects carried out."""
    deps = context.deps
    memory = context.memory
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    started = time.perf_counter()
    memory.state.in_case = deps.cases.of_chat(chat.id) is not None
    async with typing_after(context.bot, chat.id, deps.tuning.typing_after, memory):
        turn = await deps.services.engine.handle(memory.state, incoming)
    _record(context, turn, user.id)
    if update.callback_query is not None:
        await answer_query(context, update.callback_query, turn.toast)
    extra = await apply_effects(context, update, turn)
    edit = _menu_message(update.callback_query, turn)
    box = outbox(context, chat.id)
    replies = [*turn.replies, *extra]
    await box.deliver(replies, edit=edit)
    failed = await relay(context, update, turn)  # the numbers first, then the copy
    if failed:
        await box.deliver(failed)
    _measure(context, incoming, turn, len(replies) + len(failed), started)
    return turn


def _menu_message(query: CallbackQuery | None, turn: Turn) -> Message | None:
    """The message to edit: the menu whose navigation button was pressed, else None."""
    if query is None or len(turn.replies) != 1 or not isinstance(query.message, Message):
        return None
    action = actions.decode(query.data)
    if action is None or action.kind != actions.MENU or not query.message.text:
        return None
    return query.message


def _measure(
    context: BotContext, incoming: Incoming, turn: Turn, replies: int, started: float
) -> None:
    metrics = context.deps.metrics
    metrics.updates.labels(INCOMING_KIND[type(incoming)]).inc()
    metrics.replies.inc(replies)
    metrics.latency.observe(time.perf_counter() - started)
    if any(event.name == "nlu_error" for event in turn.events):
        metrics.degraded.inc()


def _record(context: BotContext, turn: Turn, user_id: int) -> None:
    try:
        context.deps.recorder.record(turn.events, user_id=user_id)
    except Exception as exc:  # counting must never cost a reply
        log.warning("recording events failed (%s)", type(exc).__name__)


def command_name(text: str) -> str:
    """``/Start@PathwaysBot payload`` → ``start``."""
    return text.split()[0].lstrip("/").split("@")[0].lower()
