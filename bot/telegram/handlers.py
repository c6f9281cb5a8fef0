"""The handlers: each turns one update into an engine call, and the turn into Bot API calls.

Private chats hold the conversation. In groups the bot only answers commands and
mentions, with a pointer to a private chat (what people ask stays between them and the
bot). Edited messages and channel posts are not handled; membership updates only free
the memory of a chat that blocked the bot.
"""

from __future__ import annotations

import logging
import traceback
from html import escape

from telegram import (
    CallbackQuery,
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.engine import Command, Incoming, NonText, Press, Text, Turn, actions
from bot.i18n import Translator, _, negotiate
from bot.telegram.commands import set_admin_commands
from bot.telegram.context import BotContext
from bot.telegram.delivery import Outbox, retried, typing_after
from bot.telegram.effects import apply_effects, load_language
from bot.telegram.flood import FloodGuard, Verdict
from bot.topics import LANGUAGES

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


# --- before every handler -----------------------------------------------------------


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
    """Slow a chat that sends too much: drop what is over its limit, kindly, once."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    if update.message is None and update.callback_query is None:
        return
    memory = context.memory
    tuning = context.deps.tuning
    memory.flood = memory.flood or FloodGuard(tuning.flood_burst, tuning.flood_rate)
    verdict = memory.flood.admit()
    if verdict is Verdict.PASS:
        return
    t = _translator(update, context)
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
        await _outbox(context, chat.id).send(escape(text))
    raise ApplicationHandlerStop


# --- the conversation (private chats) -----------------------------------------------


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
    async with typing_after(context.bot, chat.id, deps.tuning.typing_after, memory):
        turn = await deps.services.engine.handle(memory.state, incoming)
    _record(context, turn, user.id)
    if update.callback_query is not None:
        await answer_query(context, update.callback_query, turn.toast)
    extra = await apply_effects(context, update, turn)
    edit = _menu_message(update.callback_query, turn)
    await _outbox(context, chat.id).deliver([*turn.replies, *extra], edit=edit)
    return turn


def _menu_message(query: CallbackQuery | None, turn: Turn) -> Message | None:
    """The message to edit: the menu whose navigation button was pressed, else None."""
    if query is None or len(turn.replies) != 1 or not isinstance(query.message, Message):
        return None
    action = actions.decode(query.data)
    if action is None or action.kind != actions.MENU or not query.message.text:
        return None
    return query.message


def _record(context: BotContext, turn: Turn, user_id: int) -> None:
    try:
        context.deps.recorder.record(turn.events, user_id=user_id)
    except Exception as exc:  # counting must never cost a reply
        log.warning("recording events failed (%s)", type(exc).__name__)


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


# --- groups and membership ----------------------------------------------------------


async def point_to_private(update: Update, context: BotContext) -> None:
    """A command or a mention in a group: say the bot works in private chats."""
    chat = update.effective_chat
    assert chat is not None
    t = _translator(update, context)
    text = t(
        _(
            "I answer in private chats only, so that what you ask stays between us. "
            "Tap the button to write to me."
        )
    )
    button = InlineKeyboardButton(
        t(_("Write to me privately")), url=f"https://t.me/{context.bot.username}"
    )
    await retried(
        lambda: context.bot.send_message(
            chat.id, escape(text), parse_mode="HTML", reply_markup=InlineKeyboardMarkup([[button]])
        ),
        context.deps.tuning.send_attempts,
    )


async def forget_chat(update: Update, context: BotContext) -> None:
    """A person blocked the bot: drop that chat's memory now."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    if change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT):
        context.application.drop_chat_data(change.chat.id)


# --- errors -------------------------------------------------------------------------


async def report_error(update: object, context: BotContext) -> None:
    """Log the error without text or ids, and tell the person something kind."""
    error = context.error
    if isinstance(error, Forbidden):
        log.info("a person blocked the bot")
        return
    log.error("a handler failed with %s\n%s", type(error).__name__, where(error))
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await answer_query(context, update.callback_query, None)
        chat = update.effective_chat
        if chat is not None and chat.type == ChatType.PRIVATE:
            views = context.deps.services.engine.views(_lang(update, context))
            sorry = views.t(
                _(
                    "Sorry, something went wrong on my side. Please try again, or "
                    "choose from the menu."
                )
            )
            await _outbox(context, chat.id).deliver([views.menu(intro=sorry)])
    except Exception as exc:  # the error handler itself must never raise
        log.warning("could not tell the person about an error (%s)", type(exc).__name__)


# --- helpers ------------------------------------------------------------------------


def where(error: BaseException | None) -> str:
    """The frames of a traceback (file, line, function) without messages or source lines."""
    if error is None:
        return ""
    frames = traceback.extract_tb(error.__traceback__)
    return "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in frames)


def command_name(text: str) -> str:
    """``/Start@PathwaysBot payload`` → ``start``."""
    return text.split()[0].lstrip("/").split("@")[0].lower()


def _outbox(context: BotContext, chat_id: int) -> Outbox:
    return Outbox(context.bot, chat_id, context.memory.messages, context.deps.tuning.send_attempts)


def _lang(update: Update, context: BotContext) -> str:
    """The chat's language, else the person's client language, else English."""
    state_lang = context.chat_data.state.lang if context.chat_data is not None else None
    user = update.effective_user
    return state_lang or negotiate(user.language_code if user else None) or LANGUAGES[0]


def _translator(update: Update, context: BotContext) -> Translator:
    return context.deps.services.catalogs.for_lang(_lang(update, context))
