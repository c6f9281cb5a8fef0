"""The caseworkers' side: messages written in a case's topic go to the person.

Only the configured staff groups count (INTAKE_CHAT_ID and the offices' ``staff_chat``),
and in them only the topics of open cases: a message anywhere else goes nowhere. The
bot's own messages are never relayed back. ``/close`` in a topic ends its case.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import filters

from bot.cases import Case
from bot.engine import counsellor_label
from bot.i18n import _
from bot.telegram.cases import answered, close_topic, end_case, staff_groups, tell_person
from bot.telegram.context import BotContext, Deps
from bot.telegram.delivery import keyboard, retried

log = logging.getLogger(__name__)

CAPTIONED = ("photo", "video", "voice", "audio", "document", "animation")
CLOSE_COMMAND = "close"


class FromStaffGroup(filters.MessageFilter):
    """A message in one of the caseworkers' groups (the settings and the current content)."""

    def __init__(self, deps: Deps) -> None:
        super().__init__(name="FromStaffGroup")
        self.deps = deps

    def filter(self, message: Message) -> bool:
        """True in a staff group."""
        return message.chat.id in staff_groups(self.deps)


async def from_staff(update: Update, context: BotContext) -> None:
    """A caseworker wrote in a staff group: relay it if it is in an open case's topic."""
    message = update.message
    if message is None or not _written_by_staff(message):
        return
    deps = context.deps
    thread = message.message_thread_id if message.is_topic_message else None
    case = deps.cases.of_topic(message.chat.id, thread)
    if _is_close(message):
        await _close(context, message, case)
        return
    if case is None:
        return  # the General topic, or a topic that is no (longer a) case
    await relay_to_person(context, message, case)


async def relay_to_person(context: BotContext, message: Message, case: Case) -> None:
    """Deliver a caseworker's message to the person, shown as a counsellor's."""
    deps = context.deps
    views = deps.services.engine.views(case.lang)
    label = counsellor_label(views)
    markup = keyboard(((views.end_case_button(),),))
    try:
        await _deliver(context, message, case, label, markup)
    except Forbidden:
        await deps.cases.remove(case)
        await close_topic(context.bot, deps, case, "unreachable")
        return
    except TelegramError as exc:
        log.error("a caseworker's message could not be delivered (%s)", type(exc).__name__)
        await _tell_topic(
            context, case, _("⚠️ This message did not reach the person. Please send it again.")
        )
        return
    deps.cases.touch(case)
    answered(deps, case)


async def _deliver(
    context: BotContext,
    message: Message,
    case: Case,
    label: str,
    markup: InlineKeyboardMarkup | None,
) -> None:
    bot, attempts = context.bot, context.deps.tuning.send_attempts
    if message.text:
        html = f"{label}\n{message.text_html}"
        await retried(
            lambda: bot.send_message(
                case.chat_id, html, parse_mode=ParseMode.HTML, reply_markup=markup
            ),
            attempts,
        )
        return
    kind = next((k for k in CAPTIONED if getattr(message, k, None)), None)
    if kind is not None:
        caption = f"{label}\n{message.caption_html}" if message.caption else label
        await retried(
            lambda: bot.copy_message(
                case.chat_id,
                message.chat.id,
                message.message_id,
                caption=caption,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
            ),
            attempts,
        )
        return
    await retried(
        lambda: bot.send_message(case.chat_id, label, parse_mode=ParseMode.HTML), attempts
    )
    await retried(
        lambda: bot.copy_message(
            case.chat_id, message.chat.id, message.message_id, reply_markup=markup
        ),
        attempts,
    )


async def _close(context: BotContext, message: Message, case: Case | None) -> None:
    deps = context.deps
    if case is None:
        thread = message.message_thread_id if message.is_topic_message else None
        text = _("This topic is not an open case: there is nothing to close.")
        await _say(context, message.chat.id, thread, deps.services.catalogs.for_lang("en")(text))
        return
    for reply in await end_case(context, case, "staff"):
        await tell_person(context.bot, deps, case, reply)


async def _tell_topic(context: BotContext, case: Case, text: str) -> None:
    t = context.deps.services.catalogs.for_lang(case.lang)
    await _say(context, case.staff_chat, case.topic_id, t(text))


async def _say(context: BotContext, chat_id: int, thread: int | None, text: str) -> None:
    try:
        await context.bot.send_message(
            chat_id, escape(text), parse_mode=ParseMode.HTML, message_thread_id=thread
        )
    except (BadRequest, TelegramError) as exc:
        log.info("a notice to caseworkers was not sent (%s)", type(exc).__name__)


def _written_by_staff(message: Message) -> bool:
    """A person of the group (or the group itself, an anonymous admin), never a bot."""
    if message.sender_chat is not None:
        return message.sender_chat.id == message.chat.id
    return message.from_user is not None and not message.from_user.is_bot


def _is_close(message: Message) -> bool:
    text = (message.text or "").strip()
    if not text.startswith("/"):
        return False
    name = text.split()[0][1:].split("@")[0].lower()
    return name == CLOSE_COMMAND
