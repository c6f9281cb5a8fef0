"""What runs before the handlers (PTB groups -3 to -1), for every update of a private chat.

``open_chat`` loads the language preference at a chat's first update; ``remember_message``
keeps the person's message ids for quick exit; ``guard_flood`` stops a flood early.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.i18n import _
from bot.telegram.cases import staff_groups
from bot.telegram.chat import answer_query, outbox, translator
from bot.telegram.commands import set_admin_commands
from bot.telegram.context import BotContext
from bot.telegram.effects import load_language
from bot.telegram.flood import FloodGuard, Verdict
from bot.topics import LANGUAGES


async def open_chat(update: Update, context: BotContext) -> None:
    """The first update of a private chat: the stored language, else Telegram's."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE:
        return
    memory = context.memory
    if memory.started:
        return
    memory.started = True
    memory.state.language_code = user.language_code
    stored = await load_language(context, user.id)
    if stored in LANGUAGES:
        memory.state.lang = stored
    if user.id in context.deps.settings.admin_ids:
        await set_admin_commands(context.bot, context.deps, chat.id)


async def remember_message(update: Update, context: BotContext) -> None:
    """Note the id of a person's message (private chats), so quick exit can delete it."""
    message = update.message
    if message is not None and message.chat.type == ChatType.PRIVATE:
        context.memory.messages.add(message.message_id, message.date.timestamp())


async def guard_flood(update: Update, context: BotContext) -> None:
    """Slow a chat that sends too much: drop what is over its limit, kindly, once.

    Groups are held to the same limit, silently (the caseworkers' groups never are).
    """
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.CHANNEL:
        return
    if update.message is None and update.callback_query is None:
        return
    group = chat.type != ChatType.PRIVATE
    if group and chat.id in staff_groups(context.deps):
        return
    memory = context.memory
    tuning = context.deps.tuning
    memory.flood = memory.flood or FloodGuard(tuning.flood_burst, tuning.flood_rate)
    written = update.message.date.timestamp() if update.message is not None else None
    verdict = memory.flood.admit(written)
    if verdict is Verdict.PASS:
        return
    if group:
        raise ApplicationHandlerStop
    t = translator(update, context)
    if update.callback_query is not None:
        toast = t(_("One moment, please.")) if verdict is Verdict.WARN else None
        await answer_query(context, update.callback_query, toast)
    elif verdict is Verdict.WARN:
        text = t(
            _(
                "You are sending many messages at once. I will read your next "
                "messages in a few seconds."
            )
        )
        await outbox(context, chat.id).send(escape(text))
    raise ApplicationHandlerStop
