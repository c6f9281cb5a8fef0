"""The engine's effects, carried out on Telegram and in storage.

A failing database never stops a reply: preference errors are logged (without ids)
and the conversation goes on in the language already in use.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from typing import Any

from telegram import Update
from telegram.error import TelegramError

from bot.engine import (
    ClearChat,
    EndCase,
    ForgetLanguage,
    OpenCase,
    Relay,
    Reply,
    SaveLanguage,
    Turn,
)
from bot.engine.types import Effect
from bot.telegram import cases
from bot.telegram.context import BotContext
from bot.telegram.delivery import retried

log = logging.getLogger(__name__)

DELETE_BATCH = 100  # deleteMessages takes at most 100 ids


async def apply_effects(context: BotContext, update: Update, turn: Turn) -> list[Reply]:
    """Carry out ``turn.effects`` but relays; return the replies the person gets about them."""
    extra: list[Reply] = []
    for effect in turn.effects:
        if not isinstance(effect, Relay):
            extra += await _apply(context, update, effect)
    return extra


async def relay(context: BotContext, update: Update, turn: Turn) -> list[Reply]:
    """Copy the person's message to their counsellor (after the person's own replies)."""
    chat = update.effective_chat
    case = context.deps.cases.of_chat(chat.id) if chat else None
    extra: list[Reply] = []
    for effect in turn.effects:
        if isinstance(effect, Relay) and case is not None:
            extra += await cases.relay_to_topic(context, update, case, effect.urgent)
    return extra


async def _apply(context: BotContext, update: Update, effect: Effect) -> list[Reply]:
    deps = context.deps
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if isinstance(effect, SaveLanguage):
        await _storage("save", deps.preferences.set(user.id, effect.lang))
    elif isinstance(effect, ForgetLanguage):
        await _storage("delete", deps.preferences.delete(user.id))
    elif isinstance(effect, ClearChat):
        await clear_chat(context, chat.id)
    elif isinstance(effect, OpenCase):
        return await cases.open_case(context, chat.id, effect)
    elif isinstance(effect, EndCase):
        case = deps.cases.of_chat(chat.id)
        return await cases.end_case(context, case, effect.by) if case else []
    return []


PREFERENCE_DEADLINE = 1.5  # seconds: past this, the client's language is used instead


async def load_language(context: BotContext, user_id: int) -> str | None:
    """The stored language of a person, or None (the database fails or is slow).

    A new chat's first message never waits long on the database: after
    ``PREFERENCE_DEADLINE`` the bot answers in the client's language.
    """
    try:
        return await asyncio.wait_for(context.deps.preferences.get(user_id), PREFERENCE_DEADLINE)
    except TimeoutError:
        log.warning("the language preference was slow to read; the client's language is used")
        return None
    except Exception as exc:  # a database down must not cost the person a reply
        log.warning("could not read a language preference (%s)", type(exc).__name__)
        return None


async def _storage(action: str, operation: Any) -> None:
    try:
        await operation
    except Exception as exc:  # a database down must not cost the person a reply
        log.warning("could not %s a language preference (%s)", action, type(exc).__name__)


async def clear_chat(context: BotContext, chat_id: int) -> None:
    """Quick exit: delete the bot's and the person's messages Telegram still allows."""
    memory = context.memory
    ids = memory.messages.deletable(time.time())
    memory.messages.clear()
    memory.started = False
    for start in range(0, len(ids), DELETE_BATCH):
        batch = ids[start : start + DELETE_BATCH]
        try:
            await retried(functools.partial(context.bot.delete_messages, chat_id, batch), 3)
        except TelegramError as exc:
            log.warning("deleting messages failed (%s); trying one by one", type(exc).__name__)
            await _delete_each(context, chat_id, batch)


async def _delete_each(context: BotContext, chat_id: int, ids: list[int]) -> None:
    for message_id in ids:
        try:
            await context.bot.delete_message(chat_id, message_id)
        except TelegramError:
            continue
