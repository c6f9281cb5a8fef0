"""Conversations in English with the real engine, the real content and the real model."""

from __future__ import annotations

import re

from bot.engine import ClearChat, ForgetLanguage, Handoff, SaveLanguage
from tests.dialogue import Dialogue

PHONE = re.compile(r"\b\d{2,4}\b")


async def test_start_greets_and_shows_the_menu(chat: Dialogue) -> None:
    await chat.say("/start")
    assert "conversation_started" in [e.name for e in chat.last.events]
    assert len(chat.last.replies) == 2
    assert chat.button("Help to go home")
    assert chat.button("Clear this chat")


async def test_a_clear_question_gets_its_answer_with_source_and_ways_on(chat: Dialogue) -> None:
    await chat.say("is the voluntary return free? who pays the ticket")
    assert chat.topics == ["avr_cost"]
    assert "Source:" in chat.text
    assert chat.button("Menu") and chat.button("👍")
    assert len(chat.buttons) >= 4  # related topics, feedback, menu


async def test_danger_words_bring_phone_numbers_first(chat: Dialogue) -> None:
    await chat.say("/start")
    await chat.say("please help me they are beating me")
    first = chat.last.replies[0]
    assert chat.topics[0] == "urgent_help"
    assert PHONE.search(first.html), "the first reply must carry a phone number"
    assert [e.via for e in chat.last.events if e.name == "answer"][0] == "safety"


async def test_danger_overrides_an_unfinished_intake(chat: Dialogue) -> None:
    await chat.say("i want to talk to someone from iom")
    assert chat.topics == ["intake"]
    await chat.press("Yes")
    await chat.say("the boat is sinking")
    assert chat.topics[0] == "urgent_help"
    assert chat.state.step is None


async def test_urgent_numbers_for_one_country(chat: Dialogue) -> None:
    await chat.say("i am in danger")
    await chat.press("Numbers for my country")
    await chat.press("Morocco")
    assert "19" in chat.text and "Senegal" not in chat.text


async def test_unsure_guesses_ask_instead_of_answering(chat: Dialogue) -> None:
    await chat.say("papers")
    names = [e.name for e in chat.last.events]
    assert "clarify" in names or chat.topics == ["avr_documents"]
    if "clarify" in names:
        assert 2 <= len(chat.last.suggestions) <= 3
        assert chat.button("Menu")


async def test_out_of_scope_is_kind_and_offers_the_menu(chat: Dialogue) -> None:
    await chat.say("who won the football match yesterday between arsenal and chelsea")
    assert "out_of_scope" in [e.name for e in chat.last.events]
    assert chat.button("Menu")


async def test_menu_reaches_every_topic_in_three_taps(chat: Dialogue) -> None:
    content = chat.engine.content
    reached: set[str] = set()
    await chat.say("/menu")
    for label in [b.label for b in chat.buttons]:
        await chat.say("/menu")
        await chat.press(label)
        reached.update(t for t in chat.topics if t)
        for inner in [b for b in chat.buttons if b.action.startswith("1:t:")]:
            reached.add(inner.action.split(":")[2])
    expected = set(content.topics) - {"greeting", "thanks", "out_of_scope", "intake"}
    assert expected <= reached | {"intake"}


async def test_intake_referral_with_hand_off(chat: Dialogue) -> None:
    await chat.say("where is the iom office, i want to register")
    assert chat.topics == ["intake"]
    await chat.press("Yes")
    assert chat.button("Somewhere else") and chat.button("Cancel")
    await chat.press("Niger")
    assert "TB-" in chat.text and "Niamey" in chat.text
    referral = [e for e in chat.last.events if e.name == "intake_referral"]
    assert referral[0].country == "NE"
    await chat.press("without my name")
    [handoff] = [e for e in chat.last.effects if isinstance(e, Handoff)]
    assert handoff.country == "NE" and not handoff.share_username
    assert handoff.reference in chat.text


async def test_intake_can_be_cancelled_and_typed_country_works(chat: Dialogue) -> None:
    await chat.say("i want to talk to someone")
    await chat.press("No")
    assert chat.state.step is None
    await chat.say("i want to talk to someone")
    await chat.press("Yes")
    await chat.say("mali")
    assert [e.country for e in chat.last.events if e.name == "intake_referral"] == ["ML"]


async def test_intake_elsewhere_gives_advice_not_a_dead_end(chat: Dialogue) -> None:
    await chat.say("i want to talk to someone")
    await chat.press("Yes")
    await chat.press("Somewhere else")
    assert "embassy" in chat.text
    assert chat.button("Menu")


async def test_forged_stale_and_oversized_buttons_get_the_menu(chat: Dialogue) -> None:
    for data in ["1:t:no_such_topic", "0:t:avr_cost", "garbage", "1:m:../../etc", "x" * 300]:
        await chat.press_data(data)
        assert "bad_button" in [e.name for e in chat.last.events]
        assert chat.button("Help to go home")


async def test_old_topic_buttons_keep_working(chat: Dialogue) -> None:
    await chat.press_data("1:t:avr_documents")
    assert chat.topics == ["avr_documents"]


async def test_non_text_gets_a_kind_answer(chat: Dialogue) -> None:
    await chat.send_other("voice")
    assert "only read text" in chat.text
    assert chat.button("Help to go home")


async def test_unknown_command(chat: Dialogue) -> None:
    await chat.say("/frobnicate")
    assert "do not know that command" in chat.text
    assert chat.button("Help to go home")


async def test_privacy_offers_quick_exit_and_forget(chat: Dialogue) -> None:
    await chat.say("/privacy")
    assert chat.topics == ["privacy"]
    await chat.press("Forget my language")
    assert any(isinstance(e, ForgetLanguage) for e in chat.last.effects)
    await chat.say("/privacy")
    await chat.press("Clear this chat")
    assert any(isinstance(e, ClearChat) for e in chat.last.effects)
    assert chat.last.replies == []
    assert chat.state.lang is None and chat.state.language_code is None


async def test_feedback_is_counted_with_a_toast(chat: Dialogue) -> None:
    await chat.say("how long does the return take")
    await chat.press("👍")
    [event] = [e for e in chat.last.events if e.name == "feedback"]
    assert event.via == "up" and event.topic == chat.engine.content.answer(event.topic, "en").topic
    assert chat.last.toast and chat.last.replies == []


async def test_switching_language(chat: Dialogue) -> None:
    await chat.say("/language")
    await chat.press("Français")
    assert chat.state.lang == "fr"
    assert SaveLanguage("fr") in chat.last.effects
    assert "Menu principal" in chat.text


async def test_hostile_text_never_breaks(chat: Dialogue) -> None:
    for text in [
        "<b>bold</b> & <script>",
        "😀" * 50,
        "مرحبا كيف حالك",
        "**_`[x](y)`_**",
        "a" * 5000,
        "",
    ]:
        await chat.say(text)
        assert chat.last.replies, text
        assert chat.has_button("Menu") or chat.has_button("Help to go home")


async def test_a_country_without_confirmed_numbers_still_gets_numbers(chat: Dialogue) -> None:
    unconfirmed = [
        code
        for code, country in chat.engine.content.countries.items()
        if not any(n.confirmed for n in country.emergency)
    ]
    for code in unconfirmed:
        await chat.press_data(f"1:u:{code}")
        first = chat.last.replies[0].html
        assert "no confirmed emergency number" in first
        assert PHONE.search(first)
