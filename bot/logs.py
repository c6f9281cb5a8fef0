"""Logging for every process of the bot: never an id or a person's words (DESIGN.md, rule 1).

Libraries print warnings of their own, and some carry what a person wrote (Rasa's
"Failed to parse arguments in line '…'" quotes the whole message). Python's warnings
go to stderr past any log filter, so they are routed here and logged by kind and place
only: their text is never written, at any level.
"""

from __future__ import annotations

import logging
import sys
import warnings
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("bot.warnings")


def configure_logging(level: int | str) -> None:
    """Log to stderr at ``level``, with warnings reduced to their kind and place."""
    logging.basicConfig(level=level, format=FORMAT, stream=sys.stderr)
    route_warnings()


def route_warnings() -> None:
    """Send every Python warning to the log without its text."""
    warnings.showwarning = _log_without_text


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
    for marker in ("site-packages/", "/bot/"):
        if marker in filename:
            head = "bot/" if marker == "/bot/" else ""
            return head + filename.rsplit(marker, 1)[1]
    return filename
