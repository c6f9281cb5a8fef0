"""The ids of a chat's recent messages, in memory only, so quick exit can delete them.

Telegram lets a bot delete both sides of a private chat for 48 hours. The log keeps
the ids (never the text) of the last ``LIMIT`` messages of that window.
"""

from __future__ import annotations

import time
from collections import deque

WINDOW = 48 * 3600.0
MARGIN = 300.0  # do not try a message that turns 48 hours old on the way
LIMIT = 500


class MessageLog:
    """Recent message ids of one chat (both the person's and the bot's)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._items: deque[tuple[int, float]] = deque(maxlen=limit)

    def add(self, message_id: int, sent_at: float) -> None:
        """Remember one message (``sent_at``: its Unix time)."""
        self._items.append((message_id, sent_at))

    def deletable(self, now: float | None = None) -> list[int]:
        """The ids still young enough to delete, oldest first, without duplicates."""
        now = time.time() if now is None else now
        young = {mid for mid, at in self._items if now - at < WINDOW - MARGIN}
        return sorted(young)

    def clear(self) -> None:
        """Forget every id."""
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
