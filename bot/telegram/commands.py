"""The command list shown by Telegram clients, in English (default) and French.

Admins see ``/reload`` and ``/stats`` too, in their own chat only: registered when an
admin first writes (Telegram refuses a chat scope for a chat that does not exist yet).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.engine import COMMANDS
from bot.i18n import _
from bot.telegram.context import Deps
from bot.topics import LANGUAGES

log = logging.getLogger(__name__)

# The commands people can send come from the engine's table (``bot.engine.COMMANDS``);
# the admins' are handled here, by the Telegram front (``bot.telegram.admin``).
ADMIN_COMMANDS = (
    ("reload", _("Reload the content (admins)")),
    ("stats", _("Usage figures (admins)")),
)


async def set_commands(bot: Any, deps: Deps) -> None:
    """The command list in every language (English by default)."""
    for lang in LANGUAGES:
        t = deps.services.catalogs.for_lang(lang)
        commands = [BotCommand(c.name, t(c.help)) for c in COMMANDS]
        try:
            await bot.set_my_commands(commands, language_code=_code(lang))
        except TelegramError as exc:
            log.warning("could not register the command list (%s)", type(exc).__name__)


async def set_admin_commands(bot: Any, deps: Deps, chat_id: int) -> None:
    """The command list with the admin commands, in an admin's chat (once it exists)."""
    for lang in LANGUAGES:
        t = deps.services.catalogs.for_lang(lang)
        names = [(c.name, c.help) for c in COMMANDS] + list(ADMIN_COMMANDS)
        commands = [BotCommand(name, t(text)) for name, text in names]
        scope = BotCommandScopeChat(chat_id)
        try:
            await bot.set_my_commands(commands, scope=scope, language_code=_code(lang))
        except TelegramError as exc:
            log.warning("could not register the admin commands (%s)", type(exc).__name__)


def _code(lang: str) -> str | None:
    return None if lang == LANGUAGES[0] else lang
