"""The one error handler: log without text or ids, and tell the person something kind."""

from __future__ import annotations

import logging
import traceback

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden

from bot.i18n import _
from bot.telegram.chat import answer_query, language, outbox
from bot.telegram.context import BotContext

log = logging.getLogger(__name__)


async def report_error(update: object, context: BotContext) -> None:
    """Log the error without text or ids, and tell the person something kind."""
    error = context.error
    if isinstance(error, Forbidden):
        log.info("a person blocked the bot")
        return
    log.error("a handler failed with %s\n%s", type(error).__name__, where(error))
    context.deps.metrics.errors.labels(type(error).__name__).inc()
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await answer_query(context, update.callback_query, None)
        chat = update.effective_chat
        if chat is not None and chat.type == ChatType.PRIVATE:
            views = context.deps.services.engine.views(language(update, context))
            sorry = views.t(
                _(
                    "Sorry, something went wrong on my side. Please try again, or "
                    "choose from the menu."
                )
            )
            await outbox(context, chat.id).deliver([views.menu(intro=sorry)])
    except Exception as exc:  # the error handler itself must never raise
        log.warning("could not tell the person about an error (%s)", type(exc).__name__)


def where(error: BaseException | None) -> str:
    """The frames of a traceback (file, line, function) without messages or source lines."""
    if error is None:
        return ""
    frames = traceback.extract_tb(error.__traceback__)
    return "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in frames)
