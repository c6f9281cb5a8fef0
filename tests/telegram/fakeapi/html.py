"""Telegram's HTML parse mode, strictly: allowed tags only, balanced, entities escaped.

``parse_html`` returns the plain text and its entities as Telegram would, or raises
``ParseError`` with Telegram's wording ("can't parse entities: …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# tag -> entity type; attributes allowed per tag
TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
ATTRIBUTES = {
    "a": {"href"},
    "span": {"class"},
    "pre": set(),
    "code": {"class"},
    "tg-emoji": {"emoji-id"},
    "blockquote": {"expandable"},
}
ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
ATTRIBUTE = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
ENTITY = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);")


class ParseError(ValueError):
    """The text is not valid Telegram HTML."""


@dataclass
class Parsed:
    """Plain text (what the person sees) and its entities."""

    text: str
    entities: list[dict] = field(default_factory=list)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> Parsed:
    """Parse ``source`` as Telegram does in parse_mode HTML."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # tag, utf-16 offset where it opened
    entities: list[dict] = []
    offset = 0  # utf-16 offset in the output
    i = 0
    while i < len(source):
        char = source[i]
        if char == "<":
            match = TAG.match(source, i)
            if not match:
                raise _error("unsupported start tag", source, i)
            closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
            if name not in TAGS:
                raise _error(f'unsupported start tag "{name}"', source, i)
            if closing:
                if not stack or stack[-1][0] != name:
                    raise _error("unexpected end tag", source, i)
                opened, start = stack.pop()
                if offset > start:
                    entities.append(
                        {"type": TAGS[opened], "offset": start, "length": offset - start}
                    )
            else:
                _check_attributes(name, attrs, source, i)
                stack.append((name, offset))
            i = match.end()
        elif char == "&":
            match = ENTITY.match(source, i)
            if not match or not _entity_value(match.group(1)):
                raise _error("unsupported HTML entity", source, i)
            value = _entity_value(match.group(1))
            out.append(value)
            offset += utf16_len(value)
            i = match.end()
        elif char == ">":
            # Telegram tolerates a bare '>' but the project promises escaped HTML.
            raise ParseError(
                f"can't parse entities: unescaped '>' at byte offset {_byte(source, i)}"
            )
        else:
            out.append(char)
            offset += utf16_len(char)
            i += 1
    if stack:
        opened = stack[-1][0]
        raise ParseError(
            f"can't parse entities: can't find end tag corresponding to start tag \"{opened}\""
        )
    return Parsed("".join(out), sorted(entities, key=lambda e: e["offset"]))


def _check_attributes(name: str, attrs: str, source: str, at: int) -> None:
    allowed = ATTRIBUTES.get(name, set())
    for attr, _value in ATTRIBUTE.findall(attrs):
        if attr.lower() not in allowed:
            raise _error(f'unsupported attribute "{attr}"', source, at)


def _entity_value(name: str) -> str:
    if name.startswith("#x"):
        return _codepoint(int(name[2:], 16))
    if name.startswith("#"):
        return _codepoint(int(name[1:]))
    return ENTITIES.get(name, "")


def _codepoint(number: int) -> str:
    return chr(number) if 0 < number <= 0x10FFFF else ""


def _error(what: str, source: str, index: int) -> ParseError:
    return ParseError(f"can't parse entities: {what} at byte offset {_byte(source, index)}")


def _byte(source: str, index: int) -> int:
    return len(source[:index].encode())
