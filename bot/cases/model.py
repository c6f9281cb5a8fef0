"""One case: the link between a person's chat and a topic of a caseworkers' group."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Case:
    """An open case. It lives only while the case is open (then it is deleted).

    ``chat_id`` is the person's private chat; ``staff_chat`` and ``topic_id`` the topic
    where caseworkers read the copies. Times are Unix seconds.
    """

    reference: str
    chat_id: int
    staff_chat: int
    topic_id: int
    lang: str
    country: str = ""
    city: str = ""
    opened_at: float = field(default_factory=time.time)
    last_activity: float = field(default_factory=time.time)
    answered_at: float | None = None
    urgent: bool = False
    row_id: str = field(default_factory=lambda: secrets.token_hex(8))

    def to_json(self) -> bytes:
        """The case as JSON bytes (only ever written sealed)."""
        return json.dumps(asdict(self), separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Case:
        """The case back from ``to_json``; ValueError when it is not one."""
        data: dict[str, Any] = json.loads(raw)
        try:
            return cls(**data)
        except TypeError as exc:
            raise ValueError(f"not a case: {exc}") from None


def new_case(
    reference: str,
    chat_id: int,
    staff_chat: int,
    topic_id: int,
    lang: str,
    country: str = "",
    city: str = "",
) -> Case:
    """A case opened now."""
    return Case(reference, chat_id, staff_chat, topic_id, lang, country, city)
