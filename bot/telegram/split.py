"""Split Telegram HTML longer than one message, at paragraph boundaries, tags balanced.

Telegram refuses a message over 4096 characters. ``split_html`` cuts at the coarsest
boundary that fits (a blank line, then a line break, then a space, then anywhere but
inside a tag or an entity), closes the tags still open at the end of a part and opens
them again at the start of the next. Lengths are counted on the HTML itself in UTF-16
units, which is never less than what Telegram counts.
"""

from __future__ import annotations

import re

LIMIT = 4096
TAG_ROOM = 100  # room for the tags carried over from one part to the next
SEPARATORS = ("\n\n", "\n", " ")
ATOM = re.compile(r"<[^>]*>|&#?\w+;|[\s\S]")
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>")


def utf16_len(text: str) -> int:
    """The length Telegram counts (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_html(html: str, limit: int = LIMIT) -> list[str]:
    """``html`` as one or more messages, each at most ``limit`` long."""
    if utf16_len(html) <= limit:
        return [html]
    room = max(limit - TAG_ROOM, limit // 2)
    parts = _pack(_pieces(html, room, 0), room)
    return [part for part in _balance(parts) if _visible(part)]


def _pieces(text: str, limit: int, level: int) -> list[str]:
    """Pieces no longer than ``limit``, cut at the coarsest separator that works."""
    if utf16_len(text) <= limit:
        return [text]
    if level == len(SEPARATORS):
        return _hard_cut(text, limit)
    separator = SEPARATORS[level]
    parts = text.split(separator)
    pieces: list[str] = []
    for index, part in enumerate(parts):
        piece = part + (separator if index < len(parts) - 1 else "")
        pieces.extend(_pieces(piece, limit, level + 1))
    return pieces


def _hard_cut(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for atom in ATOM.findall(text):
        length = utf16_len(atom)
        if size + length > limit and current:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(atom)
        size += length
    if current:
        pieces.append("".join(current))
    return pieces


def _pack(pieces: list[str], limit: int) -> list[str]:
    """Join pieces greedily into parts of at most ``limit``."""
    parts, current, size = [], "", 0
    for piece in pieces:
        length = utf16_len(piece)
        if current and size + length > limit:
            parts.append(current)
            current, size = "", 0
        current += piece
        size += length
    if current:
        parts.append(current)
    return [part.strip() for part in parts]


def _balance(parts: list[str]) -> list[str]:
    """Close the tags left open at the end of a part and reopen them in the next."""
    balanced: list[str] = []
    carried: list[str] = []
    for part in parts:
        stack = list(carried)
        for match in TAG.finditer(part):
            if match.group(1):
                if stack and _name(stack[-1]) == match.group(2).lower():
                    stack.pop()
            else:
                stack.append(match.group(0))
        closing = "".join(f"</{_name(tag)}>" for tag in reversed(stack))
        balanced.append("".join(carried) + part + closing)
        carried = stack
    return balanced


def _name(tag: str) -> str:
    match = TAG.match(tag)
    return match.group(2).lower() if match else ""


def _visible(part: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", part).strip())
