"""Groups and membership: the bot talks in private chats only.

In a group it answers a command or a mention with a pointer to a private chat (what
people ask stays between them and the bot), and ignores everything else. When a person
blocks the bot, the memory of that chat is dropped at once.
"""

from __future__ import annotations

import time
from html import escape

from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageEntityType
from telegram.ext import filters

from bot.i18n import _
from bot.telegram.chat import translator
from bot.telegram.context import BotContext
from bot.telegram.delivery import retried

POINT_EVERY = 120.0  # seconds: in one group, one pointer at most this often


async def point_to_private(update: Update, context: BotContext) -> None:
    """A command or a mention in a group: say the bot works in private chats.

    Once every couple of minutes at most in one group: 150 ``/start`` in a row get one
    pointer, not 150 (a group may receive only about 20 messages a minute).
    """
    chat = update.effective_chat
    assert chat is not None
    memory = context.memory
    now = time.monotonic()
    if memory.pointed_at and now - memory.pointed_at < POINT_EVERY:
        return
    memory.pointed_at = now
    t = translator(update, context)
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


class AddressedToBot(filters.MessageFilter):
    """A group message for this bot: a command (not for another bot), a mention, a reply."""

    def filter(self, message: Message) -> bool:
        """True when the message is addressed to this bot."""
        bot = message.get_bot()
        me = f"@{bot.username}".lower()
        for entity, value in message.parse_entities().items():
            value = value.lower()
            if entity.type == MessageEntityType.BOT_COMMAND and entity.offset == 0:
                return "@" not in value or value.endswith(me)
            if entity.type == MessageEntityType.MENTION and value == me:
                return True
        reply = message.reply_to_message
        return bool(reply and reply.from_user and reply.from_user.id == bot.id)
