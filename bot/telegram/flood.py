"""A per-chat flood guard: a token bucket, so one sender cannot slow everyone else.

A chat may send ``burst`` messages at once, then ``rate`` a second. Past that, its
messages are dropped: the first one dropped gets a kind word, the others nothing, until
the chat is back under the limit. Other chats are never affected.

The clock is the time each message was **written** (its Telegram date), not the time it
is handled: twelve messages written calmly while the bot was down arrive together
afterwards, and are all answered.
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
        self.updated = 0.0  # the Unix time of the last message counted
        self.warned = False

    def admit(self, written: float | None = None) -> Verdict:
        """Take a token for one message written at ``written`` (Unix time), if there is one."""
        written = time.time() if written is None else written
        elapsed = max(0.0, written - self.updated) if self.updated else float(self.burst)
        self.tokens = min(self.burst, self.tokens + elapsed * self.rate)
        self.updated = max(self.updated, written)
        if self.tokens >= 1:
            self.tokens -= 1
            self.warned = False
            return Verdict.PASS
        if self.warned:
            return Verdict.DROP
        self.warned = True
        return Verdict.WARN
