"""``python -m bot ask``: what the bot would answer, for staff and scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from bot.content.markup import strip_html
from bot.engine import ChatState, Engine, Text, Turn
from bot.topics import OUT_OF_SCOPE


async def ask_all(
    engine: Engine, lang: str, questions: Iterable[str], out: TextIO, as_json: bool
) -> None:
    """Answer each question (a fresh chat each time) and print one result a question."""
    for question in questions:
        question = question.rstrip("\n")
        if not question.strip():
            continue
        turn = await engine.handle(ChatState(lang=lang), Text(question))
        result = describe(turn, lang)
        if as_json:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            out.write(f"[{result['topic']} {result['confidence']:.2f}]\n{result['text']}\n\n")
        out.flush()


def describe(turn: Turn, lang: str) -> dict[str, object]:
    """The contract of DESIGN.md: text, lang, topic, confidence, suggestions.

    Also ``topics``: every topic answered, in order (``["urgent_sea",
    "avr_cost"]``), and ``urgent``: whether emergency numbers were shown.
    """
    names = [e.name for e in turn.events]
    answered = [e.topic for e in turn.events if e.name == "answer" and e.topic]
    if "clarify" in names:
        topic = "clarify"
    elif answered:
        topic = answered[0]
    else:
        topic = OUT_OF_SCOPE
    return {
        "text": "\n\n".join(strip_html(r.html) for r in turn.replies),
        "lang": lang,
        "topic": topic,
        "confidence": round(turn.confidence if turn.confidence is not None else 0.0, 4),
        "suggestions": list(turn.suggestions),
        "topics": answered,
        "urgent": any(e.shows_numbers for e in turn.events),
    }
