"""Python warnings reach the log by kind and place only, never with their text."""

from __future__ import annotations

import logging
import warnings

from bot.logs import route_warnings


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
