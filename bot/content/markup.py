"""The answers' small markup (paragraphs, ``**bold**``, ``- `` bullets) to Telegram HTML.

Everything is escaped first, so a ``<`` or ``&`` typed by staff can never break a message.
"""

from __future__ import annotations

import html
import re

BOLD = re.compile(r"\*\*(.+?)\*\*")
BULLET = "• "


def body_to_html(body: str) -> str:
    """Turn an answer's body into escaped Telegram HTML."""
    lines = [_bullet(line.rstrip()) for line in body.strip().splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return BOLD.sub(r"<b>\1</b>", html.escape(text, quote=False))


def _bullet(line: str) -> str:
    return BULLET + line[2:].lstrip() if line.startswith("- ") else line


def strip_html(text: str) -> str:
    """Telegram HTML to plain text, for the console and for measuring length."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))
