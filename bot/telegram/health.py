"""``/healthz`` and ``/metrics``, for the people who run the bot (never an id or a text).

Served on ``HEALTH_LISTEN``:``HEALTH_PORT`` (default 127.0.0.1:8080) in both modes, and
on the webhook server too in webhook mode.

``GET /healthz`` answers 200 while the bot answers people, even in degraded mode, and 503
once it stopped; the body says what works::

    {"ok": true, "nlu": "up", "models": {"en": "en-….tar.gz", "fr": "…"},
     "stale_models": [], "nlu_restarts": 0, "database": "up", "counts_buffered": 0,
     "content_version": "3f2a…", "content_errors": 0}

``nlu`` is ``starting``, ``up`` or ``down`` (free text gets the menu until it is up);
``database`` is ``down`` while counts cannot be written (they wait in memory);
``content_errors`` is more than 0 while the content on disk has errors and the last good
copy is served.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import tornado.web
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.errors import ConfigError
from bot.metrics import CONTENT_TYPE
from bot.telegram.context import deps_of

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"

AnyApp = Application[Any, Any, Any, Any, Any, Any]


def health(application: AnyApp) -> tuple[int, dict[str, Any]]:
    """The health status and body of ``application``."""
    deps = deps_of(application)
    nlu = deps.services.nlu.status
    running = bool(application.running)
    body = {
        "ok": running,
        "nlu": nlu.state,
        "models": dict(nlu.models),
        "stale_models": list(nlu.stale),
        "nlu_restarts": nlu.restarts,
        "database": "up" if deps.recorder.database_up else "down",
        "counts_buffered": deps.recorder.buffered,
        "content_version": deps.services.content.version,
        "content_errors": len(deps.services.content_refused),
    }
    return (200 if running else 503), body


class HealthHandler(tornado.web.RequestHandler):
    """``GET /healthz``."""

    def initialize(self, bot_app: AnyApp) -> None:
        """Tornado's per-request setup."""
        self.bot_app = bot_app

    def get(self) -> None:
        """200 while the bot answers people, 503 once it stopped; what works in the body."""
        status, body = health(self.bot_app)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class MetricsHandler(tornado.web.RequestHandler):
    """``GET /metrics``: Prometheus's text format."""

    def initialize(self, bot_app: AnyApp) -> None:
        """Tornado's per-request setup."""
        self.bot_app = bot_app

    def get(self) -> None:
        """The bot's metrics."""
        self.set_header("Content-Type", CONTENT_TYPE)
        self.finish(deps_of(self.bot_app).metrics.render())


def health_routes(application: AnyApp) -> list[Any]:
    """The routes of ``/healthz`` and ``/metrics``, for any tornado application."""
    return [
        (HEALTH_PATH, HealthHandler, {"bot_app": application}),
        (METRICS_PATH, MetricsHandler, {"bot_app": application}),
    ]


class HealthServer:
    """A small HTTP server with ``/healthz`` and ``/metrics`` only."""

    def __init__(self, application: AnyApp, listen: str, port: int) -> None:
        self.app = tornado.web.Application(
            health_routes(application), log_function=lambda handler: None
        )
        self.listen = listen
        self.port = port
        self._server: HTTPServer | None = None

    async def start(self) -> int:
        """Listen; return the port (useful when ``port`` was 0).

        Raises:
            ConfigError: the address cannot be used (taken, or not this machine's).
        """
        try:
            sockets = bind_sockets(self.port, self.listen)
        except OSError as exc:
            raise ConfigError(
                f"cannot serve /healthz on {self.listen}:{self.port} ({exc.strerror}): set "
                "HEALTH_PORT to a free port, or HEALTH_LISTEN to an address of this machine"
            ) from None
        self._server = HTTPServer(self.app, idle_connection_timeout=10.0)
        self._server.add_sockets(sockets)
        port: int = sockets[0].getsockname()[1]
        log.info("health and metrics on http://%s:%d/healthz and /metrics", self.listen, port)
        return port

    async def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
