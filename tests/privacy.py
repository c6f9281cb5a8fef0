"""Looking for a person's id in what the bot wrote, as a number of its own.

A chat id is digits: "10054" is also inside the float "0.0100546369994845" of a latency
histogram, which is no leak. An id counts when no digit or decimal point comes before it
and no digit after it.
"""

from __future__ import annotations

import re


def holds_id(text: str | bytes, ident: int) -> bool:
    """Whether ``text`` holds ``ident`` as a whole number."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return re.search(rf"(?<![\d.]){ident}(?!\d)", text) is not None
