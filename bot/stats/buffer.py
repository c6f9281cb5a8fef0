"""Counts waiting to be written, aggregated by key, safe to use from two threads.

``add`` runs on the event loop (from ``record``); ``take`` and ``put_back`` run around a
write on a worker thread. A write takes everything, and puts it all back if it failed:
what was committed is never added again, and what was not is never dropped.

The buffer is bounded by the number of distinct keys (not of events: a count only grows).
When it is full, events with a new key are dropped and counted in ``dropped``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.stats.keys import CountKey

MAX_KEYS = 200_000


@dataclass
class Batch:
    """Counts taken from the buffer to be written in one transaction."""

    counts: Counter[CountKey] = field(default_factory=Counter)
    people: Counter[dt.date] = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.counts or self.people)

    @property
    def events(self) -> int:
        """How many events the batch holds."""
        return sum(self.counts.values())


class CountBuffer:
    """Aggregated counts and new-people counts, bounded."""

    def __init__(self, max_keys: int = MAX_KEYS) -> None:
        self.max_keys = max_keys
        self.dropped = 0
        self._lock = threading.Lock()
        self._batch = Batch()

    def add(self, keys: Iterable[CountKey], new_person_on: dt.date | None = None) -> bool:
        """Add one to each key (and to the day's people); False if something was dropped."""
        kept = True
        with self._lock:
            counts = self._batch.counts
            for key in keys:
                if key in counts or len(counts) < self.max_keys:
                    counts[key] += 1
                else:
                    self.dropped += 1
                    kept = False
            if new_person_on is not None:
                self._batch.people[new_person_on] += 1
        return kept

    def take(self) -> Batch:
        """Everything buffered; the buffer is left empty."""
        with self._lock:
            batch, self._batch = self._batch, Batch()
        return batch

    def put_back(self, batch: Batch) -> None:
        """Return a batch that could not be written (merged with what came meanwhile)."""
        with self._lock:
            self._batch.counts.update(batch.counts)
            self._batch.people.update(batch.people)

    @property
    def keys(self) -> int:
        """How many distinct keys are waiting."""
        with self._lock:
            return len(self._batch.counts)

    @property
    def events(self) -> int:
        """How many events are waiting."""
        with self._lock:
            return self._batch.events
