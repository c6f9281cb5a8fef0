"""Logging for every process of the bot: never an id or a person's words (DESIGN.md, rule 1).

Libraries print warnings of their own, and some carry what a person wrote (Rasa's
"Failed to parse arguments in line '…'" quotes the whole message). Python's warnings
go to stderr past any log filter, so they are routed here and logged by kind and place
only: their text is never written, at any level.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import traceback
import warnings
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("bot.warnings")


def configure_logging(level: int | str, fmt: str = "text") -> None:
    """Log to stderr at ``level`` (``fmt``: text or json), warnings reduced to kind and place."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(FORMAT))
    logging.basicConfig(level=level, handlers=[handler])
    route_warnings()


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message (``LOG_FORMAT=json``).

    An exception is given by its class and frames (file, line, function), never its
    message: an exception's message can quote what a person wrote.
    """

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            frames = traceback.extract_tb(tb)
            entry["exception"] = kind.__name__
            entry["frames"] = [f"{f.filename}:{f.lineno} in {f.name}" for f in frames]
        return json.dumps(entry, ensure_ascii=False)


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
