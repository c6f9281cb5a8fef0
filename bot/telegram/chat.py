"""Small helpers every handler shares: this chat's outbox, language and button answers."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Update
from telegram.error import TelegramError

from bot.i18n import Translator, negotiate
from bot.telegram.context import BotContext
from bot.telegram.delivery import Outbox
from bot.topics import LANGUAGES

log = logging.getLogger(__name__)


def outbox(context: BotContext, chat_id: int) -> Outbox:
    """Where this chat's replies go (their ids are kept for quick exit)."""
    return Outbox(context.bot, chat_id, context.memory.messages, context.deps.tuning.send_attempts)


def language(update: Update, context: BotContext) -> str:
    """The chat's language, else the person's client language, else English."""
    state_lang = context.chat_data.state.lang if context.chat_data is not None else None
    user = update.effective_user
    return state_lang or negotiate(user.language_code if user else None) or LANGUAGES[0]


def translator(update: Update, context: BotContext) -> Translator:
    """UI strings in this chat's language."""
    return context.deps.services.catalogs.for_lang(language(update, context))


async def answer_query(context: BotContext, query: CallbackQuery, toast: str | None) -> None:
    """Answer a button press (it stops the spinner); only the first answer counts."""
    memory = context.chat_data
    if memory is not None and memory.answered == query.id:
        return
    if memory is not None:
        memory.answered = query.id
    try:
        await query.answer(toast)
    except TelegramError as exc:
        log.info("a button press could not be answered (%s)", type(exc).__name__)
