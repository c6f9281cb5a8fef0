"""``build_application``: the one place where the Telegram handlers are wired.

The same function serves ``python -m bot run``, the end-to-end tests and the benchmark.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.cases import CaseStore
from bot.config import Settings
from bot.services import Services
from bot.storage import Preferences, Recorder
from bot.telegram import admin, cases, errors, groups, guards, handlers, staff
from bot.telegram.commands import set_commands
from bot.telegram.context import DEPS_KEY, App, BotContext, ChatMemory, Deps, deps_of
from bot.telegram.limiter import ChatRateLimiter
from bot.telegram.processor import PerChatProcessor
from bot.telegram.speedups import skip_missing_sniffio
from bot.telegram.tuning import Tuning

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "my_chat_member")


def build_application(
    services: Services,
    recorder: Recorder,
    preferences: Preferences,
    settings: Settings,
    tuning: Tuning | None = None,
    case_store: CaseStore | None = None,
) -> App:
    """The PTB application with every handler, ready to initialize and start.

    ``case_store`` holds the open cases with caseworkers (default: in memory only).
    """
    tuning = tuning or Tuning()
    skip_missing_sniffio()
    builder = (
        Application.builder()
        .token(settings.telegram_token.reveal())
        .base_url(settings.api_base_url)
        .base_file_url(file_url(settings.api_base_url))
        .context_types(ContextTypes(context=BotContext, chat_data=ChatMemory))
        .concurrent_updates(PerChatProcessor())
        .updater(None)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if tuning.rate_limiter:
        limiter = ChatRateLimiter(
            max_retries=tuning.max_retries,
            group_max_rate=tuning.group_max_rate,
            group_time_period=tuning.group_time_period,
        )
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    application: App = builder.build()  # type: ignore[assignment]
    store = case_store if case_store is not None else CaseStore()  # an empty store is falsy
    deps = Deps(services, recorder, preferences, settings, tuning, store)
    application.bot_data[DEPS_KEY] = deps
    add_handlers(application, deps)
    return application


def add_handlers(application: App, deps: Deps) -> None:
    """Every handler, in the order PTB tries them."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    in_groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
    admins = filters.User(user_id=deps.settings.admin_ids)
    application.add_handler(TypeHandler(Update, guards.open_chat), group=-3)
    application.add_handler(TypeHandler(Update, guards.remember_message), group=-2)
    application.add_handler(TypeHandler(Update, guards.guard_flood), group=-1)
    application.add_handlers(
        [
            CommandHandler("reload", admin.reload_content, filters=private & admins),
            CommandHandler("stats", admin.show_stats, filters=private & admins),
            MessageHandler(private & filters.COMMAND, handlers.obey_command),
            MessageHandler(private & (filters.TEXT | filters.CAPTION), handlers.answer_text),
            MessageHandler(private & ~filters.StatusUpdate.ALL, handlers.answer_other),
            CallbackQueryHandler(handlers.press_button),
            MessageHandler(in_groups & staff.FromStaffGroup(deps), staff.from_staff),
            MessageHandler(in_groups & groups.AddressedToBot(), groups.point_to_private),
            ChatMemberHandler(groups.forget_chat, ChatMemberHandler.MY_CHAT_MEMBER),
        ]
    )
    application.add_error_handler(errors.report_error)


def file_url(api_base_url: str) -> str:
    """The file URL that goes with a Bot API URL (``…/bot`` → ``…/file/bot``)."""
    head, found, tail = api_base_url.rpartition("/bot")
    return f"{head}/file/bot{tail}" if found else api_base_url


# --- start and stop -----------------------------------------------------------------


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    deps = deps_of(application)
    await set_commands(application.bot, deps)
    _background(deps, admin.tell_admins_of_refused_content(application.bot, deps), "tell admins")
    try:
        await deps.recorder.start()
    except Exception as exc:
        log.error("the stats recorder did not start (%s); counting is off", type(exc).__name__)
    try:
        opened = await deps.cases.load()
    except Exception as exc:  # a database down at start: cases are read when it is back
        log.error("open cases could not be read (%s)", type(exc).__name__)
    else:
        if opened:
            log.info("%d open case(s) with caseworkers resumed", opened)
    _background(deps, sweep_idle_chats(application, deps.tuning), "sweep idle chats")
    _background(deps, keep_storage(application, deps), "keep storage")
    if deps.tuning.watch_content:
        try:
            from bot.reloading import watch_content
        except ImportError:
            log.info("content watching is not available; use /reload")
        else:
            _background(deps, watch_content(deps.services), "watch content")


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    deps = deps_of(application)
    for task in list(deps.tasks):
        task.cancel()
    await asyncio.gather(*deps.tasks, return_exceptions=True)
    if not await _bounded(deps.cases.flush()):
        log.warning("cases: %d change(s) not written at shutdown", deps.cases.pending)
    if not await _bounded(_flush_preferences(deps)):
        log.warning("language preferences: some choices not written at shutdown")
    try:
        await deps.recorder.stop()
    except Exception as exc:
        log.error("the stats recorder did not flush (%s)", type(exc).__name__)


def _background(deps: Deps, coroutine: Any, name: str) -> None:
    task = asyncio.create_task(coroutine, name=name)
    deps.tasks.add(task)
    task.add_done_callback(deps.tasks.discard)


async def keep_storage(application: Application[Any, Any, Any, Any, Any, Any], deps: Deps) -> None:
    """Every few seconds: write what waits (cases, choices made during an outage).

    Now and then, close the cases idle for longer than CASE_TTL_DAYS.
    """
    last_sweep = 0.0
    while True:
        await asyncio.sleep(deps.tuning.case_flush_every)
        await deps.cases.flush()
        await _flush_preferences(deps)
        if time.monotonic() - last_sweep >= deps.tuning.case_sweep_every:
            last_sweep = time.monotonic()
            try:
                await cases.expire_idle(application.bot, deps)
            except Exception as exc:  # the next sweep tries again
                log.warning("closing idle cases failed (%s)", type(exc).__name__)


SHUTDOWN_WRITE = 2.0  # seconds each store may take to write at shutdown


async def _bounded(write: Any) -> bool:
    """A last write that never holds the stop for long (a database that does not answer)."""
    try:
        return bool(await asyncio.wait_for(write, SHUTDOWN_WRITE))
    except TimeoutError:
        return False


async def _flush_preferences(deps: Deps) -> bool:
    try:
        return await deps.preferences.flush()
    except Exception as exc:  # storage errors are logged by the store; never stop here
        log.warning("language preferences not flushed (%s)", type(exc).__name__)
        return False


async def sweep_idle_chats(
    application: Application[Any, Any, Any, Any, Any, Any], tuning: Tuning
) -> None:
    """Drop the memory of chats idle for longer than messages can be deleted (48 hours)."""
    while True:
        await asyncio.sleep(tuning.sweep_every)
        cutoff = time.monotonic() - tuning.forget_after
        for chat_id, memory in list(application.chat_data.items()):
            if memory.last_seen < cutoff:
                application.drop_chat_data(chat_id)
        for user_id, data in list(application.user_data.items()):
            if not data:
                application.drop_user_data(user_id)
