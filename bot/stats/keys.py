"""Turn an engine ``Event`` into the key of a count, refusing anything but short codes.

A key is (day, event, topic, via, lang, country). Each dimension must look like a code
(``message``, ``risks_sea``, ``fr``, ``CM``); ``None`` becomes ``''``. Anything else
(a text, an id, a stray value) makes the event invalid: it is not counted, so no id or
text can reach the database even through a bug upstream. The database checks the same
rules again (see ``bot.db.tables``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple

from bot.engine import Event


class CountKey(NamedTuple):
    """One row of ``event_counts``: what happened, on which day, in which context."""

    day: dt.date
    event: str
    topic: str
    via: str
    lang: str
    country: str


PATTERNS = {
    "event": re.compile(r"[a-z][a-z_]{0,31}"),
    "topic": re.compile(r"(?:[a-z][a-z0-9_]{0,39})?"),
    "via": re.compile(r"(?:[a-z][a-z_]{0,15})?"),
    "lang": re.compile(r"(?:[a-z]{2,8})?"),
    "country": re.compile(r"(?:[A-Z]{2})?"),
}
_ORDER = tuple(PATTERNS[name] for name in ("event", "topic", "via", "lang", "country"))


def count_key(day: dt.date, event: Event) -> CountKey | None:
    """The key ``event`` adds to on ``day``, or None when a field is not a valid code."""
    fields = _checked(event)
    return None if fields is None else CountKey(day, *fields)


@functools.lru_cache(maxsize=4096)
def _checked(event: Event) -> tuple[str, str, str, str, str] | None:
    """The five dimensions of ``event``, checked (events repeat: the answer is cached)."""
    values = (
        event.name,
        event.topic or "",
        event.via or "",
        event.lang or "",
        event.country or "",
    )
    for pattern, value in zip(_ORDER, values, strict=True):
        if not isinstance(value, str) or not pattern.fullmatch(value):
            return None
    return values
