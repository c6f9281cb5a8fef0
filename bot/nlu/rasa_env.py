"""Quiet, offline Rasa: call ``prepare_rasa()`` before Rasa or TensorFlow is imported."""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping
from typing import Any

import structlog

from bot.logs import route_warnings

QUIET_LOGGERS = ("rasa", "tensorflow", "absl", "sanic", "matplotlib", "urllib3", "h5py")
# Keys of Rasa's structured log entries that can carry what a person wrote.
PRIVATE_KEY_PARTS = ("text", "message", "user", "sender", "entities", "intent", "tracker")


def prepare_rasa(cache_dir: str | None = None) -> None:
    """No telemetry, no training cache in the repo, and no user text in Rasa's logs.

    Rasa logs every parsed message with its text through structlog, which by default
    prints everything to stdout: route it to the standard logging at WARNING, without
    any key that could hold a user's words; Python warnings (Rasa quotes a message in
    some) are logged by kind and place only.
    """
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_CACHE_DIRECTORY", cache_dir or _default_cache())
    route_warnings()
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    structlog.configure(
        processors=[_drop_private_keys, structlog.processors.KeyValueRenderer()],
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )


def _drop_private_keys(
    _logger: Any, _method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for key in [k for k in event if k != "event"]:
        if any(part in key.lower() for part in PRIVATE_KEY_PARTS):
            del event[key]
    return event


def _default_cache() -> str:
    return os.path.join(os.path.expanduser("~"), ".cache", "pathways-bot", "rasa")
