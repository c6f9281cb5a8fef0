"""Conversations in English with the real engine, the real content and the real model."""

from __future__ import annotations

import re

from bot.engine import ClearChat, ForgetLanguage, OpenCase, SaveLanguage
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
    assert chat.urgent_first
    assert PHONE.search(first.html), "the first reply must carry a phone number"
    assert [e.via for e in chat.last.events if e.name == "answer"][0] == "safety"


async def test_danger_overrides_an_unfinished_intake(chat: Dialogue) -> None:
    await chat.say("i want to talk to someone from iom")
    assert chat.topics == ["intake"]
    await chat.press("Yes")
    await chat.say("the boat is sinking")
    assert chat.urgent_first
    assert chat.state.step is None


async def test_urgent_numbers_for_one_country(chat: Dialogue) -> None:
    await chat.say("i am in danger")
    await chat.press("Numbers for my country")
    await chat.press("Senegal")
    assert "17" in chat.text and "1515" in chat.text and "Nigeria" not in chat.text
    assert "(Seneweb, 2022)" in chat.text, "who publishes a number, and when"
    assert chat.button("Another country"), "all countries stay one tap away"


async def test_the_country_named_in_a_cry_for_help_comes_first(chat: Dialogue) -> None:
    await chat.say("/start")
    await chat.say("they beat me in a house in Kano, help")
    assert chat.urgent_first and chat.state.country == "NG"
    assert "112" in chat.last.replies[0].html and "Senegal" not in chat.text
    assert chat.button("Another country")


async def test_urgent_help_gives_its_advice_once_and_its_numbers_always(chat: Dialogue) -> None:
    await chat.say("help me please")
    assert "Tap what is happening" in chat.text
    for label in ("At sea", "Held", "Sexual violence", "Forced to work", "A child alone"):
        assert chat.button(label)
    await chat.say("i am in danger")
    assert "Tap what is happening" not in chat.text
    assert re.search(r"\d{3}", chat.last.replies[0].html)


async def test_each_kind_of_emergency_puts_its_own_numbers_first(chat: Dialogue) -> None:
    await chat.press_data("1:u:SN:urgent_sea")
    first = chat.last.replies[0].html
    assert first.index("119") < first.index("17"), "sea rescue before the police"
    assert "Alarm Phone" in first and "life jackets" in chat.text
    await chat.press_data("1:u:GM:urgent_trafficking")
    assert "1123" in chat.text and "you are the victim" in chat.text


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


async def test_intake_asks_the_city_then_offers_a_counsellor(chat: Dialogue) -> None:
    await chat.say("where is the iom office, i want to register")
    assert chat.topics == ["intake"]
    await chat.press("Yes")
    assert chat.button("Somewhere else") and chat.button("Cancel")
    await chat.press("Niger")
    assert chat.button("Agadez") and chat.button("Niamey") and chat.button("Another place")
    await chat.press("Agadez")
    assert "TB-" in chat.text and "Agadez" in chat.text and "Niamey" not in chat.text
    referral = [e for e in chat.last.events if e.name == "intake_referral"]
    assert referral[0].country == "NE"
    assert "will not see your name" in chat.text
    await chat.press("write to a counsellor")
    [case] = [e for e in chat.last.effects if isinstance(e, OpenCase)]
    assert (case.country, case.city) == ("NE", "Agadez") and case.reference.startswith("TB-")


async def test_typed_answers_work_at_every_step(chat: Dialogue) -> None:
    await chat.say("i want to talk to someone")
    await chat.say("ok")
    assert chat.state.step == "intake:country"
    await chat.say("I am in Abidjan")
    assert [e.country for e in chat.last.events if e.name == "intake_referral"] == ["CI"]
    await chat.say("yes")
    assert [e for e in chat.last.effects if isinstance(e, OpenCase)]
    await chat.say("i want to talk to someone")
    await chat.say("no")
    assert chat.state.step is None


async def test_a_country_the_bot_does_not_know_gets_real_contacts(chat: Dialogue) -> None:
    for typed in ("ghana", "je suis au Togo"):
        await chat.say("i want to talk to someone")
        await chat.press("Yes")
        await chat.say(typed)
        assert "cannot answer" not in chat.text
        assert "+221 33 869 62 00" in chat.text and "(IOM, 2020)" in chat.text
        assert chat.button("Urgent help") and chat.button("Menu")


async def test_a_country_without_an_office_gives_its_helplines(chat: Dialogue) -> None:
    await chat.say("i want to talk to someone")
    await chat.press("Yes")
    await chat.press("The Gambia")
    assert "1123" in chat.text and "No office is listed for The Gambia" in chat.text


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


async def test_a_country_without_published_numbers_still_gets_numbers(chat: Dialogue) -> None:
    unpublished = [
        code
        for code, country in chat.engine.content.countries.items()
        if not any(n.shown for n in country.emergency)
    ]
    for code in unpublished:
        await chat.press_data(f"1:u:{code}")
        first = chat.last.replies[0].html
        assert "no published emergency number" in first
        assert PHONE.search(first)
