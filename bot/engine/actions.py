"""Button actions as compact, versioned callback data: ``"1:t:avr_cost"``.

The leading version lets buttons on old messages keep working after a change of format
(or fail kindly); topic ids are stable, so an old topic button still opens its topic.
Telegram allows 64 bytes; ``encode`` refuses anything longer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "1"
MAX_BYTES = 64
SAFE = re.compile(r"^[A-Za-z0-9_+\-]{1,40}$")

# kinds
TOPIC = "t"  # t:<topic>
MENU = "m"  # m:<menu id>
LANGUAGE = "l"  # l:<lang>
# i:yes | i:no | i:c:<country or 'other'> | i:y:<office index or 'all'> | i:k:<yes|no>
INTAKE = "i"
URGENT = "u"  # u:<country>[:<topic>] (numbers of one country) | u:pick[:<topic>]
CLEAR = "x"  # quick exit: delete the chat
FORGET = "f"  # forget the language choice
FEEDBACK = "fb"  # fb:<up|down>:<topic>
CASE = "c"  # c:end (end the conversation with a counsellor)

KINDS = {TOPIC, MENU, LANGUAGE, INTAKE, URGENT, CLEAR, FORGET, FEEDBACK, CASE}


@dataclass(frozen=True)
class Action:
    """A decoded button: its kind and arguments."""

    kind: str
    args: tuple[str, ...] = ()

    def arg(self, index: int) -> str:
        """The argument at ``index``, or '' when there is none."""
        return self.args[index] if index < len(self.args) else ""


def encode(kind: str, *args: str) -> str:
    """Callback data for an action; raises ValueError if it would be invalid."""
    if kind not in KINDS or not all(SAFE.match(a) for a in args):
        raise ValueError(f"invalid action {kind}:{args}")
    data = ":".join((VERSION, kind, *args))
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data}")
    return data


def decode(data: str | None) -> Action | None:
    """The action in ``data``, or None when it is forged, stale or malformed."""
    if not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    version, _, rest = data.partition(":")
    if version != VERSION:
        return None
    kind, *args = rest.split(":")
    if kind not in KINDS or not all(SAFE.match(a) for a in args):
        return None
    return Action(kind, tuple(args))
