"""Python warnings reach the log by kind and place only, never with their text."""

from __future__ import annotations

import json
import logging
import sys
import warnings

from bot.logs import JsonFormatter, route_warnings


def test_a_warning_is_logged_without_its_text(caplog):
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        route_warnings()
        with caplog.at_level(logging.WARNING):
            warnings.warn_explicit(
                "Failed to parse arguments in line '/ call me on 0612345'",
                UserWarning,
                "/x/site-packages/rasa/shared/core/reader.py",
                651,
            )
    assert "0612345" not in caplog.text and "call me" not in caplog.text
    assert "UserWarning in rasa/shared/core/reader.py:651" in caplog.text


def test_json_logs_are_one_object_a_line_and_never_an_exceptions_message():
    formatter = JsonFormatter()
    try:
        raise ValueError("I am Awa, call me on 0612345")
    except ValueError:
        record = logging.LogRecord(
            "bot.telegram.errors",
            logging.ERROR,
            __file__,
            1,
            "a handler failed with %s",
            ("ValueError",),
            sys.exc_info(),
        )
    line = formatter.format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "ERROR" and entry["logger"] == "bot.telegram.errors"
    assert entry["message"] == "a handler failed with ValueError"
    assert entry["exception"] == "ValueError" and entry["frames"]
    assert "0612345" not in line and "Awa" not in line
    assert entry["time"].endswith("+00:00")
