"""``python -m bot run``: check the token, start the NLU process, serve until SIGTERM or SIGINT.

Polling by default; webhook mode when ``WEBHOOK_URL`` is set (``WEBHOOK_SECRET`` then
required). The token is checked with ``getMe`` first, so a missing or refused token
fails in a second with a clear message (exit code 2). The bot answers at once; free
text is understood as soon as the NLU process has loaded its models.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import resource
import signal
import threading
import time
from typing import Any

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, RetryAfter

from bot.cases import CaseStore, sealer_from_key
from bot.config import Settings
from bot.db.cases import open_case_store
from bot.db.database import Database, open_database
from bot.engine import EngineSettings
from bot.errors import ConfigError
from bot.services import Services, load_services
from bot.storage import Preferences, Recorder
from bot.telegram.app import ALLOWED_UPDATES, build_application, file_url
from bot.telegram.handled import HandledLog
from bot.telegram.health import HealthServer
from bot.telegram.lifecycle import running
from bot.telegram.polling import Poller
from bot.telegram.tuning import Tuning
from bot.telegram.webhook import WebhookServer

log = logging.getLogger(__name__)

SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
START_ATTEMPTS = 6  # about a minute of retries when the Bot API cannot be reached
# Update ids only (see bot.telegram.handled), one file per bot: ids count per bot.
HANDLED_FILE = "handled-updates-{bot_id}"
THREADS_GRACE = 1.0  # seconds for worker threads to end after a stop


class ApiUnreachable(ConfigError):
    """The Bot API could not be reached at start."""


def check_settings(settings: Settings) -> None:
    """Fail early, with what to do, when a setting the bot needs is missing or wrong."""
    if not settings.telegram_token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it "
            "(or use `make chat` for the console)"
        )
    if settings.webhook_url:
        if not settings.webhook_url.startswith("https://"):
            raise ConfigError("WEBHOOK_URL must start with https:// (Telegram requires it)")
        if not SECRET.match(settings.webhook_secret.reveal()):
            raise ConfigError(
                "WEBHOOK_SECRET is required in webhook mode: 1-256 characters among "
                "A-Z, a-z, 0-9, _ and -"
            )
    if settings.case_key:
        sealer_from_key(settings.case_key.reveal())  # a malformed key fails now, clearly


async def check_token(settings: Settings) -> str:
    """``getMe`` with the token; its username, or ConfigError when Telegram refuses it."""
    bot = Bot(
        settings.telegram_token.reveal(),
        base_url=settings.api_base_url,
        base_file_url=file_url(settings.api_base_url),
    )
    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            async with bot:
                return bot.username
        except InvalidToken:
            raise ConfigError(
                "Telegram refused TELEGRAM_BOT_TOKEN (getMe: 401 Unauthorized): check the "
                "token with @BotFather"
            ) from None
        except NetworkError as exc:
            if attempt == START_ATTEMPTS:
                raise ApiUnreachable(
                    f"cannot reach the Bot API at {_host(settings.api_base_url)} "
                    f"({type(exc).__name__}): check TELEGRAM_API_BASE_URL and the network"
                ) from None
            log.warning("cannot reach the Bot API yet (%s); retrying", type(exc).__name__)
            await asyncio.sleep(2**attempt)
    raise AssertionError("unreachable")


async def serve(
    settings: Settings,
    services: Services,
    recorder: Recorder,
    preferences: Preferences,
    stop: asyncio.Event,
    tuning: Tuning | None = None,
    case_store: CaseStore | None = None,
) -> None:
    """Answer updates until ``stop`` is set; everything fetched is answered before return."""
    tuning = tuning or Tuning()
    application = build_application(services, recorder, preferences, settings, tuning, case_store)
    async with running(application):
        health = HealthServer(application, settings.health_listen, settings.health_port)
        await health.start()
        try:
            if settings.webhook_url:
                await _serve_webhook(application, settings, stop)
            else:
                name = HANDLED_FILE.format(bot_id=application.bot.id)
                handled = HandledLog(settings.data_dir / name)
                poller = Poller(application, tuning.poll_timeout, ALLOWED_UPDATES, handled)
                log.info("polling for updates")
                await poller.run(stop)
        finally:
            await health.stop()
    log.info("stopped cleanly")


async def _serve_webhook(application: Any, settings: Settings, stop: asyncio.Event) -> None:
    secret = settings.webhook_secret.reveal()
    server = WebhookServer(
        application, settings.webhook_url, secret, settings.webhook_listen, settings.webhook_port
    )
    await server.start()
    try:
        await _set_webhook(application, settings.webhook_url, secret, stop)
        await stop.wait()
    finally:
        # The webhook stays set: Telegram keeps new updates until the bot is back.
        await server.stop()


async def _set_webhook(application: Any, url: str, secret: str, stop: asyncio.Event) -> None:
    """``setWebhook``, again with back-off while Telegram cannot be reached (not on refusal)."""
    delay = 1.0
    while not stop.is_set():
        try:
            await application.bot.set_webhook(
                url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES)
            )
        except (NetworkError, RetryAfter) as exc:
            log.warning(
                "setWebhook failed (%s); trying again in %.0f s", type(exc).__name__, delay
            )
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            delay = min(delay * 2, 60.0)
            continue
        log.info("webhook set; waiting for updates")
        return


async def main(settings: Settings) -> int:
    """The whole run: token, models, storage, serve, clean stop."""
    started = time.perf_counter()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    log.info("starting (%s mode)", "webhook" if settings.webhook_url else "polling")
    database = open_database(settings)
    # Migrations run beside the start (stores wait for them before their first write).
    migrating = asyncio.create_task(asyncio.to_thread(database.try_migrate), name="migrate")
    await check_token(settings)
    engine_settings = EngineSettings(handoff_enabled=settings.intake_chat_id is not None)
    services = await asyncio.to_thread(load_services, settings, engine_settings, last_good=True)
    services.nlu.start()  # free text is understood once it is ready; the rest works now
    recorder, preferences = open_storage(settings, database)
    case_store = open_case_store(settings, database)
    try:
        if not stop.is_set():
            log.info("ready to answer in %.1f s", time.perf_counter() - started)
            await serve(settings, services, recorder, preferences, stop, case_store=case_store)
    finally:
        await services.close()
        if migrating.done():
            database.dispose()
    return 0


def open_storage(settings: Settings, database: Database) -> tuple[Recorder, Preferences]:
    """The stats recorder and the language preferences, on the bot's one database."""
    from bot.db.preferences import open_preferences
    from bot.stats.recorder import open_recorder

    return open_recorder(settings, database=database), open_preferences(settings, database)


def run(settings: Settings) -> int:
    """Run the bot until SIGTERM or SIGINT; 0 after a clean stop.

    A clean stop never hangs on a database that stopped answering: its worker threads
    are left behind (everything that could be written was, within its deadline).
    """
    check_settings(settings)
    _more_open_files()
    for noisy in ("httpx", "httpcore"):  # they log every URL, and the URL holds the token
        logging.getLogger(noisy).setLevel(logging.WARNING)
    code = asyncio.run(_without_waiting_for_stuck_threads(main(settings)))
    deadline = time.monotonic() + THREADS_GRACE
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    for thread in [t for t in others if not t.daemon]:
        thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [t for t in others if t.is_alive() and not t.daemon]
    if stuck:
        log.warning("%d database call(s) never answered; exiting without them", len(stuck))
        logging.shutdown()
        os._exit(code)
    return code


def _more_open_files() -> None:
    """Raise the open-file limit to what the system allows (webhook connections need it)."""
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = hard if hard != resource.RLIM_INFINITY else 65536
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(wanted, 65536)), hard))


async def _without_waiting_for_stuck_threads(work: Any) -> int:
    """``work``, then a short wait for the worker threads (asyncio.run waits forever)."""
    try:
        return int(await work)
    finally:
        loop = asyncio.get_running_loop()
        executor = getattr(loop, "_default_executor", None)
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
            loop._default_executor = None  # type: ignore[attr-defined]


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or "?"
