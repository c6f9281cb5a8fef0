"""Which updates were already handled, kept in a small file so a crash replays few.

The poller confirms an update to Telegram only when every older one is done (Telegram's
offset counts in order). After a SIGKILL, Telegram sends again everything after the
oldest unfinished update, finished or not. This file remembers the ids handled since
the last confirmed offset, so those are not answered twice.

It holds update ids only: Telegram numbers every update of the bot in sequence; an id
says nothing about who wrote or what. Ids below the confirmed offset are forgotten.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

REWRITE_AFTER = 2000  # lines appended before the file is rewritten without the old ids


class HandledLog:
    """An append-only list of update ids, read once at start."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.ids: set[int] = set()
        self._appended = 0
        self._file = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_file():
                self.ids = {int(line) for line in path.read_text().split() if line.isdigit()}
            self._file = path.open("a", encoding="ascii")
        except OSError as exc:
            log.warning("the list of handled updates is not kept (%s)", type(exc).__name__)
            self._file = None

    def __contains__(self, update_id: int) -> bool:
        return update_id in self.ids

    def add(self, update_id: int) -> None:
        """Note one handled update (written at once: a crash may come any moment)."""
        self.ids.add(update_id)
        if self._file is None:
            return
        try:
            self._file.write(f"{update_id}\n")
            self._file.flush()
            self._appended += 1
        except OSError as exc:
            log.warning("a handled update was not noted (%s)", type(exc).__name__)

    def forget_below(self, offset: int) -> None:
        """Telegram confirmed everything below ``offset``: those ids are not needed."""
        self.ids = {i for i in self.ids if i >= offset}
        if self._file is None or self._appended < REWRITE_AFTER or self.path is None:
            return
        temporary = self.path.with_suffix(".new")
        try:
            temporary.write_text("".join(f"{i}\n" for i in sorted(self.ids)), encoding="ascii")
            self._file.close()
            os.replace(temporary, self.path)
            self._file = self.path.open("a", encoding="ascii")
            self._appended = 0
        except OSError as exc:
            log.warning("the list of handled updates was not trimmed (%s)", type(exc).__name__)

    def close(self) -> None:
        """Close the file."""
        if self._file is not None:
            self._file.close()
            self._file = None
