"""What the model understood of a text, and what of a person's text the model reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TEXT = 1000  # longer text is cut before parsing: the meaning is in the first lines
# Rasa reads a text that starts with "/" as an order ("/greet@0.9{...}" sets the intent)
# and warns with the whole text when the rest does not fit. A person's "/ écris-moi" is
# words: the leading slashes go before Rasa sees it.
LEADING_SLASHES = re.compile(r"^[\s/]+")


def model_text(text: str) -> str:
    """What the model reads of a person's text: its first ``MAX_TEXT`` characters, as words."""
    return LEADING_SLASHES.sub("", text[:MAX_TEXT])


@dataclass(frozen=True)
class Parse:
    """What the model understood: intents best first, with their confidence.

    ``now``: how likely the text tells of a danger now rather than asking about one (0 to
    1, from the model's second classifier); None when the model does not say.
    """

    ranking: tuple[tuple[str, float], ...]
    now: float | None = None

    @property
    def top(self) -> tuple[str, float]:
        """The best intent and its confidence (``("", 0.0)`` when there is none)."""
        return self.ranking[0] if self.ranking else ("", 0.0)
