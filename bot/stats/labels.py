"""Labels as plain words: the reports print no emoji.

Topic titles in ``content/`` may start with an emoji ("🆘 Urgent help") for the buttons
on Telegram. In a report, on a computer without an emoji font, they show as empty boxes,
and a spreadsheet sorts them apart: the report keeps the words only.
"""

from __future__ import annotations

import re
import unicodedata

# Joiners and selectors that go with emoji (zero width joiner, variation selectors,
# skin tones are symbols of their own: category Sk).
_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\u20e3]")


def plain(label: str) -> str:
    """``label`` without emoji or pictographs, its spaces tidied.

    "🆘 Urgent help" → "Urgent help". Letters, digits and punctuation of any script stay.
    """
    kept = [ch for ch in _JOINERS.sub("", label) if not _pictograph(ch)]
    return " ".join("".join(kept).split())


def _pictograph(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "So" and ord(ch) >= 0x2190:  # arrows, dingbats, emoji…
        return True
    return category == "Sk" and 0x1F3FB <= ord(ch) <= 0x1F3FF  # skin tones
