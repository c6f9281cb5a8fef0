"""Admin commands (``BOT_ADMIN_IDS``): ``/reload`` the content, ``/stats`` in short.

Only admins reach these handlers (a ``filters.User`` on their ids); anyone else gets the
engine's kind "unknown command" answer, like any other command it does not know.
"""

from __future__ import annotations

import asyncio
import logging
from html import escape
from typing import Any

from telegram import Update
from telegram.constants import MessageLimit
from telegram.error import TelegramError

from bot.engine import Reply
from bot.i18n import Translator, _
from bot.telegram.chat import outbox, translator
from bot.telegram.context import BotContext, Deps
from bot.topics import LANGUAGES

log = logging.getLogger(__name__)
TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH


async def reload_content(update: Update, context: BotContext) -> None:
    """Validate and load the content (and changed models); report what happened."""
    t = translator(update, context)
    try:
        from bot.reloading import reload_all
    except ImportError:
        await _reply(update, context, t(_("Reloading is not available in this version.")))
        return
    try:
        result = await reload_all(context.deps.services)
    except Exception as exc:
        log.error("reload failed with %s", type(exc).__name__)
        text = t(
            _("The reload failed ({error}); the old content stays."), error=type(exc).__name__
        )
        await _reply(update, context, text)
        return
    await _reply(update, context, reload_report(t, result))


def reload_report(t: Translator, result: Any) -> str:
    """The outcome of a reload, in plain words (plain text, escaped later)."""
    if result.ok:
        models = ", ".join(result.models_reloaded) or t(_("none"))
        lines = [
            t(
                _("Content reloaded (version {version}). Models reloaded: {models}."),
                version=result.content_version,
                models=models,
            )
        ]
        if result.problems:
            lines.append(t(_("Some models were not reloaded:")))
    else:
        lines = [t(_("The new content was refused; the old content stays. Problems:"))]
    lines += [f"• {problem}" for problem in result.problems]
    return "\n".join(lines)


async def show_stats(update: Update, context: BotContext) -> None:
    """A short summary of the anonymous counts, from what the running bot holds."""
    from bot.stats.report import summary_text, titles_of

    t = translator(update, context)
    deps = context.deps
    engine = getattr(deps.recorder, "engine", None)  # the bot's one database
    if engine is None:
        await _reply(update, context, t(_("Statistics are not available right now.")))
        return
    services = deps.services
    titles = titles_of(services.content, t.lang)
    text = await asyncio.to_thread(summary_text, engine, services.catalogs, titles, t.lang)
    await _reply(update, context, text)


MAX_LISTED = 10  # problems listed in the message to the admins (the log has them all)


async def tell_admins_of_refused_content(bot: Any, deps: Deps) -> None:
    """At start, if the content on disk was refused, tell every admin what is wrong.

    An admin who never wrote to the bot cannot be written to (Telegram refuses): the log
    says it, and the error stays in the log and in ``/healthz``.
    """
    problems = deps.services.content_refused
    if not problems:
        return
    t = deps.services.catalogs.for_lang(LANGUAGES[0])
    lines = [
        t(
            _(
                "⚠️ The content files have {count} error(s). The bot answers with the last "
                "content that passed the check (version {version}) until they are fixed. "
                "Fix them, run `make check`, then /reload."
            ),
            count=len(problems),
            version=deps.services.content.version,
        ),
        *[f"• {problem}" for problem in problems[:MAX_LISTED]],
    ]
    for admin_id in sorted(deps.settings.admin_ids):
        try:
            await bot.send_message(admin_id, escape("\n".join(lines))[:TEXT_LIMIT])
        except TelegramError as exc:
            log.warning("could not tell an admin about the content (%s)", type(exc).__name__)


async def _reply(update: Update, context: BotContext, text: str) -> None:
    assert update.effective_chat is not None
    await outbox(context, update.effective_chat.id).deliver([Reply(escape(text))])
