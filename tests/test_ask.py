"""``python -m bot ask --json``: the contract of DESIGN.md, plus topics and urgent."""

from __future__ import annotations

import io
import json

from bot.ask import ask_all


async def ask(engine, lang, *questions):
    out = io.StringIO()
    await ask_all(engine, lang, [f"{q}\n" for q in questions], out, as_json=True)
    return [json.loads(line) for line in out.getvalue().splitlines()]


async def test_one_object_a_line_with_every_field(engine):
    [cost, danger, unsure] = await ask(
        engine,
        "fr",
        "le retour est payant ?",
        "au secours le bateau coule, et c gratuit le retour ?",
        "argent",
    )
    assert set(cost) == {"text", "lang", "topic", "confidence", "suggestions", "topics", "urgent"}
    assert cost["topic"] == "avr_cost" and cost["topics"] == ["avr_cost"]
    assert cost["urgent"] is False and cost["lang"] == "fr" and 0.5 <= cost["confidence"] <= 1
    assert danger["topic"] == "urgent_sea" and danger["urgent"] is True
    assert danger["topics"] == ["urgent_sea", "avr_cost"], "both answered, the numbers first"
    assert unsure["topic"] == "clarify" and unsure["suggestions"]


async def test_blank_lines_are_skipped(engine):
    assert await ask(engine, "en", "", "   ") == []


async def test_the_numbers_asked_for_calmly_count_as_numbers_shown(engine):
    [numbers] = await ask(engine, "en", "what is the police number in niger?")
    assert numbers["topic"] == "emergency_numbers" and numbers["urgent"] is True
    assert numbers["confidence"] == 1.0 and "Niger" in numbers["text"]


async def test_a_page_shown_without_its_numbers_is_not_urgent(engine):
    [calm] = await ask(
        engine, "en", "are children who travel alone protected by the law in Italy?"
    )
    assert calm["topic"] == "child_alone" and calm["urgent"] is False
