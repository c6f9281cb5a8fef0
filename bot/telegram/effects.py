"""The engine's effects, carried out on Telegram and in storage.

A failing database never stops a reply: preference errors are logged (without ids)
and the conversation goes on in the language already in use.
"""

from __future__ import annotations

import functools
import logging
import time
from html import escape
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.engine import ClearChat, ForgetLanguage, Handoff, Reply, SaveLanguage, Turn
from bot.engine.types import Effect
from bot.engine.views import LANGUAGE_NAMES
from bot.i18n import _
from bot.telegram.context import BotContext
from bot.telegram.delivery import retried

log = logging.getLogger(__name__)

DELETE_BATCH = 100  # deleteMessages takes at most 100 ids


async def apply_effects(context: BotContext, update: Update, turn: Turn) -> list[Reply]:
    """Carry out ``turn.effects``; return any reply the person should get about them."""
    extra: list[Reply] = []
    for effect in turn.effects:
        extra += await _apply(context, update, effect)
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
    elif isinstance(effect, Handoff):
        return await hand_off(context, user, effect)
    return []


async def load_language(context: BotContext, user_id: int) -> str | None:
    """The stored language of a person, or None (also when the database fails)."""
    try:
        return await context.deps.preferences.get(user_id)
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


async def hand_off(context: BotContext, user: Any, effect: Handoff) -> list[Reply]:
    """Tell the intake staff chat about a referral the person agreed to."""
    deps = context.deps
    t = deps.services.catalogs.for_lang(effect.lang)
    username = getattr(user, "username", None) if effect.share_username else None
    extra: list[Reply] = []
    if effect.share_username and not username:
        note = _(
            "You have no Telegram username, so the office cannot write to you first. "
            "Keep your reference code."
        )
        extra.append(Reply(escape(t(note))))
    chat_id = deps.settings.intake_chat_id
    if chat_id is None:
        log.info("a hand-off was agreed but INTAKE_CHAT_ID is not set")
        return extra
    try:
        await retried(
            lambda: context.bot.send_message(
                chat_id, referral_notice(context, effect, username), parse_mode=ParseMode.HTML
            ),
            deps.tuning.send_attempts,
        )
    except TelegramError as exc:
        log.error("the referral notice could not be sent to intake (%s)", type(exc).__name__)
        failed = _(
            "Sorry, I could not reach the office. Please contact them yourself and "
            "give them your reference code."
        )
        extra.append(Reply(escape(t(failed))))
    return extra


def referral_notice(context: BotContext, effect: Handoff, username: str | None) -> str:
    """The escaped HTML notice for intake staff, in the person's language."""
    services = context.deps.services
    t = services.catalogs.for_lang(effect.lang)
    country = services.content.countries.get(effect.country)
    country_name = country.names.get(effect.lang, effect.country) if country else effect.country
    rows = [
        (t(_("Country:")), escape(country_name)),
        (t(_("Language:")), escape(LANGUAGE_NAMES.get(effect.lang, effect.lang))),
        (t(_("Reference code:")), f"<b>{escape(effect.reference)}</b>"),
    ]
    if username:
        rows.append((t(_("Telegram:")), f"@{escape(username)}"))
    title = t(_("New referral from the Telegram bot"))
    return "\n".join([f"<b>{escape(title)}</b>"] + [f"{escape(k)} {v}" for k, v in rows])
