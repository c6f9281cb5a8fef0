"""Quiet, offline Rasa: set before Rasa or TensorFlow is imported."""

from __future__ import annotations

import logging
import os

QUIET_LOGGERS = ("rasa", "tensorflow", "absl", "sanic", "matplotlib", "urllib3", "h5py")


def prepare_rasa(cache_dir: str | None = None) -> None:
    """No telemetry, no training cache in the repo, and no user text in Rasa's logs."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_CACHE_DIRECTORY", cache_dir or _default_cache())
    # Rasa logs the parsed message (the user's text) at DEBUG: keep its loggers above that.
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def _default_cache() -> str:
    return os.path.join(os.path.expanduser("~"), ".cache", "pathways-bot", "rasa")
