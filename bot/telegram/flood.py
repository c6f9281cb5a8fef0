"""A per-chat flood guard: a token bucket, so one sender cannot slow everyone else.

A chat may send ``burst`` messages at once, then ``rate`` a second. Past that, its
messages are dropped: the first one dropped gets a kind word, the others nothing, until
the chat is back under the limit. Other chats are never affected.
"""

from __future__ import annotations

import enum
import time


class Verdict(enum.Enum):
    """What to do with one incoming message."""

    PASS = "pass"
    WARN = "warn"  # drop it, and say kindly why (once per flood)
    DROP = "drop"


class FloodGuard:
    """The bucket of one chat (in its memory)."""

    def __init__(self, burst: int, rate: float) -> None:
        self.burst = burst
        self.rate = rate
        self.tokens = float(burst)
        self.updated = time.monotonic()
        self.warned = False

    def admit(self, now: float | None = None) -> Verdict:
        """Take a token for one message, if there is one."""
        now = time.monotonic() if now is None else now
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            self.warned = False
            return Verdict.PASS
        if self.warned:
            return Verdict.DROP
        self.warned = True
        return Verdict.WARN
