"""Quiet, offline Rasa: call ``prepare_rasa()`` before Rasa or TensorFlow is imported.

The NLU process writes only to stderr, and never what a person wrote: Rasa logs every
parsed message with its text through structlog, and some of its Python warnings quote a
message ("Failed to parse arguments in line '…'"). Here structlog goes to the standard
logging at WARNING without any key that could hold a person's words, and warnings are
logged by kind and place only.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import MutableMapping
from typing import Any, TextIO

QUIET_LOGGERS = ("rasa", "tensorflow", "absl", "sanic", "matplotlib", "urllib3", "h5py")
# Keys of Rasa's structured log entries that can carry what a person wrote.
PRIVATE_KEY_PARTS = ("text", "message", "user", "sender", "entities", "intent", "tracker")
FORMAT = "%(levelname)s %(name)s: %(message)s"
log = logging.getLogger("nlu_worker.warnings")


def prepare_rasa(level: int | str = logging.WARNING) -> None:
    """No telemetry, no user text in any log, warnings reduced to their kind and place."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_CACHE_DIRECTORY", _default_cache())
    if not logging.getLogger().handlers:
        logging.basicConfig(level=level, format=FORMAT, stream=sys.stderr)
    warnings.showwarning = _log_without_text
    # Rasa's pinned libraries warn of their own deprecations at every import: noise that
    # hides what matters. Any other warning is still logged, by kind and place.
    for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
        warnings.filterwarnings("ignore", category=category)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    import structlog

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


# The bot's twin is bot/logs.py; this process runs in Rasa's own environment and imports
# nothing from the bot, so the few lines are kept in both.
def _log_without_text(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    log.warning(
        "%s in %s:%d (its text is not logged: it may quote what a person wrote)",
        category.__name__,
        _short(filename),
        lineno,
    )


def _short(filename: str) -> str:
    """``…/site-packages/rasa/shared/x.py`` → ``rasa/shared/x.py``."""
    return filename.rsplit("site-packages/", 1)[-1]


def _default_cache() -> str:
    return os.path.join(os.path.expanduser("~"), ".cache", "pathways-bot", "rasa")
