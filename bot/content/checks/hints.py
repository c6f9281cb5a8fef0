"""Small helpers that make a problem's fix easier to act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from bot.content.wording import _


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'avr_cost'?)`` when a choice is close to ``word``, else ``""``."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1)
    return _(" (did you mean '{choice}'?)", choice=close[0]) if close else ""
