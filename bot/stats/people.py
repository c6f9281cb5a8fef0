"""How many different people wrote today, without keeping who.

Method: each user id is passed through HMAC-SHA256 under a random 32-byte key that lives
only in this process's memory; the first 16 bytes of the result go into a set. A digest
not yet in the set is a new person today, and only the fact "one more person" leaves
this module. When the day changes (UTC), the key and the set are dropped and a new key
is drawn, so yesterday's digests cannot be linked to today's, and nothing that could
recognise a person ever reaches the disk.

Limits (documented in docs/stats.md):

- a restart during the day draws a new key: people who write before and after it are
  counted twice that day (an over-count, never an under-count);
- several bot processes each keep their own set: a person served by two of them is
  counted by both;
- the key is in ordinary process memory until the day ends: someone able to read that
  memory could test whether a given id wrote today. Python cannot wipe it for sure;
- a 16-byte digest collision would merge two people: with 2**128 values, negligible.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets


class DailyPeople:
    """Tells whether a user id is new today; forgets everything at day end."""

    def __init__(self) -> None:
        self._day: dt.date | None = None
        self._key = b""
        self._seen: set[bytes] = set()

    def first_today(self, day: dt.date, user_id: int) -> bool:
        """True the first time ``user_id`` is seen on ``day``."""
        self.roll(day)
        digest = hmac.digest(self._key, str(user_id).encode(), "sha256")[:16]
        if digest in self._seen:
            return False
        self._seen.add(digest)
        return True

    def roll(self, day: dt.date) -> None:
        """Start ``day``: when it is a new day, drop the key and the set, draw a new key."""
        if day != self._day:
            self._day = day
            self._key = secrets.token_bytes(32)
            self._seen = set()

    def __len__(self) -> int:
        return len(self._seen)
