"""Webhook mode: a small tornado server with the webhook route, ``/healthz`` and ``/metrics``.

Why not PTB's own webhook server: it answers Telegram before the update is handled
(an update in its queue is lost if the process dies), it has no health route, and on a
malformed update it logs the whole payload, text and ids included. Here:

- ``POST <path>`` checks ``X-Telegram-Bot-Api-Secret-Token`` (403 without it or when it
  is wrong) **before reading the body**, handles the update, and only then answers 200:
  Telegram sends again whatever was not answered, so a restart loses nothing.
- ``GET /healthz`` and ``GET /metrics``: see ``bot.telegram.health``.

Limits, so that nobody on the internet can exhaust the server:

- a body is at most ``MAX_BODY`` (256 KB): an update is a few KB (a message is at most
  4,096 characters, a caption 1,024, plus their entities); larger is refused (413)
  before it is read into memory;
- headers must arrive within ``IDLE_TIMEOUT`` and a body within ``BODY_TIMEOUT``; an
  idle connection is closed after ``IDLE_TIMEOUT`` (slow or idle clients free their slot);
- at most ``MAX_CONNECTIONS`` connections at once (Telegram itself opens at most 40):
  past that the oldest connection is closed to serve the new one, so the process never
  runs out of file descriptors and Telegram and ``/healthz`` are always answered;
- JSON that cannot be read (or nested too deep) is a 400, logged once, without content.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any
from urllib.parse import urlsplit

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.telegram.health import health_routes

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 256 * 1024
BODY_TIMEOUT = 10.0
IDLE_TIMEOUT = 10.0  # also the time headers have to arrive
MAX_CONNECTIONS = 256

AnyApp = Application[Any, Any, Any, Any, Any, Any]


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """Receives one update from Telegram and answers once it is handled."""

    def initialize(self, bot_app: AnyApp, secret: str, tracker: InFlight) -> None:
        """Tornado's per-request setup."""
        self.bot_app = bot_app
        self.secret = secret
        self.tracker = tracker
        self.chunks: list[bytes] = []
        self.size = 0

    def prepare(self) -> None:
        """The secret first: a stranger's body is never read."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if self.request.method != "POST":
            raise tornado.web.HTTPError(405)
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(403)

    def data_received(self, chunk: bytes) -> None:
        """Keep the body, up to its limit."""
        self.size += len(chunk)
        if self.size > MAX_BODY:
            raise tornado.web.HTTPError(413)
        self.chunks.append(chunk)

    async def post(self) -> None:
        """Parse, handle, answer."""
        try:
            data = json.loads(b"".join(self.chunks))
        except (ValueError, RecursionError):
            log.warning("a webhook request held no JSON it could read")
            raise tornado.web.HTTPError(400) from None
        try:
            update = Update.de_json(data, self.bot_app.bot)
        except Exception as exc:  # e.g. a newer Bot API: skip it, or Telegram resends forever
            log.warning("skipped an update this version cannot read (%s)", type(exc).__name__)
            update = None
        if update is not None:
            async with self.tracker:
                app = self.bot_app
                await app.update_processor.process_update(update, app.process_update(update))
        self.set_header("Content-Type", "application/json")
        self.finish(b"{}")

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """Never log a request (it holds text and ids)."""
        if not isinstance(value, tornado.web.HTTPError):
            log.error("the webhook handler failed with %s", typ.__name__ if typ else "?")


class InFlight:
    """Counts requests being handled, so a stop can wait for them."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __aenter__(self) -> None:
        self.count += 1
        self._idle.clear()

    async def __aexit__(self, *exc: object) -> None:
        self.count -= 1
        if not self.count:
            self._idle.set()

    async def idle(self) -> None:
        """Return once no request is being handled."""
        await self._idle.wait()


class LimitedServer(HTTPServer):
    """Tornado's HTTP server with a cap on open connections.

    Headers must arrive within the idle timeout (tornado uses it as the header timeout).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._streams: dict[Any, None] = {}  # open connections, oldest first
        self._said_full = False

    @property
    def open_streams(self) -> int:
        """Connections open now."""
        self._streams = {s: None for s in self._streams if not s.closed()}
        return len(self._streams)

    def handle_stream(self, stream: Any, address: Any) -> None:
        """Serve a new connection; at the cap, the oldest one makes room for it.

        Idle connections opened to exhaust the server are the oldest: a new one (Telegram
        with an update, a health check) is always served at once.
        """
        if self.open_streams >= MAX_CONNECTIONS:
            oldest = next(iter(self._streams))
            del self._streams[oldest]
            oldest.close()
            if not self._said_full:
                log.warning("too many open connections: the oldest are closed for new ones")
                self._said_full = True
        else:
            self._said_full = False
        self._streams[stream] = None
        super().handle_stream(stream, address)


class WebhookServer:
    """The HTTP server of webhook mode."""

    def __init__(self, application: AnyApp, url: str, secret: str, listen: str, port: int) -> None:
        self.path = urlsplit(url).path or "/"
        self.tracker = InFlight()
        routes: list[Any] = [
            *health_routes(application),
            (
                self.path,
                UpdateHandler,
                {"bot_app": application, "secret": secret, "tracker": self.tracker},
            ),
        ]
        self.app = tornado.web.Application(routes, log_function=lambda handler: None)
        self.listen = listen
        self.port = port
        self._server: HTTPServer | None = None

    async def start(self) -> int:
        """Listen; return the port (useful when ``port`` was 0)."""
        sockets = bind_sockets(self.port, self.listen)
        self._server = LimitedServer(
            self.app,
            max_body_size=MAX_BODY,
            body_timeout=BODY_TIMEOUT,
            idle_connection_timeout=IDLE_TIMEOUT,
            max_header_size=16 * 1024,
        )
        self._server.add_sockets(sockets)
        port: int = sockets[0].getsockname()[1]
        log.info("webhook server listening on %s:%d", self.listen, port)
        return port

    async def stop(self) -> None:
        """Stop accepting, then wait for the updates being handled."""
        if self._server is not None:
            self._server.stop()
            await self.tracker.idle()
            await self._server.close_all_connections()
