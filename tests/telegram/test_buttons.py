"""Menus, related topics, feedback, and buttons that are forged, stale or unknown."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_menu_navigation_edits_the_menu_in_place(bot):
    amina = bot.person(language_code="en")
    menu = (await amina.say("/menu")).messages[0]
    reply = await amina.press("Dangers of the road")
    assert not reply.messages, "navigation must not pile up menus"
    [edited] = reply.edits
    assert edited["message_id"] == menu["message_id"]
    assert "Dangers of the journey" in reply.buttons and "⬅️ Back" in reply.buttons
    reply = await amina.press("Back")
    assert reply.edits and "Main menu" in reply.edits[0]["text"]
    assert reply.answers and reply.answers[0].ok


async def test_a_topic_is_a_new_message_with_related_topics_and_the_menu(bot):
    amina = bot.person(language_code="en")
    await amina.say("/menu")
    await amina.press("Help to go home")
    reply = await amina.press("Is it free?")
    assert not reply.edits and len(reply.messages) == 1
    assert reply.texts[0].startswith("Is it free?")
    assert {"👍", "👎", "☰ Menu"} <= set(reply.buttons)
    related = [b for b in reply.buttons if b not in ("👍", "👎", "☰ Menu")]
    assert len(related) >= 2
    reply = await amina.press(related[0])
    assert reply.texts[0].startswith(related[0])


async def test_the_same_in_french(bot):
    moussa = bot.person(language_code="fr")
    await moussa.say("/menu")
    reply = await moussa.press("Aide pour rentrer")
    assert reply.edits and "⬅️ Retour" in reply.buttons
    reply = await moussa.press("C'est gratuit")
    assert reply.texts[0].startswith("C'est gratuit ?")
    reply = await moussa.press("👍")
    assert reply.toast == "Merci pour ton avis." and not reply.messages


async def test_feedback_is_a_toast_and_counted(bot):
    amina = bot.person(language_code="en")
    await amina.press_data("1:t:avr_cost")
    reply = await amina.press("👎")
    assert reply.toast == "Thank you for your feedback."
    assert not reply.messages and not reply.edits
    assert any(e.name == "feedback" and e.via == "down" for e in bot.recorder.events)


@pytest.mark.parametrize(
    "data",
    [
        "1:t:no_such_topic",
        "0:t:avr_cost",
        "garbage",
        "1:m:../../etc",
        "9" * 64,
        "",
        "1:t:" + "a" * 70,
    ],
)
async def test_forged_or_stale_buttons_get_a_kind_answer_and_the_menu(bot, data):
    for code, words, clear in (
        ("en", "This button does not work any more", "🧹 Clear this chat"),
        ("fr", "Ce bouton ne marche plus", "🧹 Effacer la discussion"),
    ):
        someone = bot.person(language_code=code)
        await someone.say("/menu")
        reply = await someone.press_data(data)
        assert [c.ok for c in reply.answers] == [True], "the spinner must stop"
        assert words in reply.text and clear in reply.buttons
        assert not reply.refused


async def test_an_intake_button_out_of_its_flow_stops_kindly(bot):
    reply = await bot.person(language_code="en").press_data("1:i:h:name")
    assert "Stopped. Nothing was kept." in reply.text and "🧹 Clear this chat" in reply.buttons


async def test_a_button_on_a_message_gone_from_the_chat_still_works(bot):
    amina = bot.person(language_code="en")
    reply = await amina.press_data("1:m:avr", message_id=99_999)
    assert reply.messages and "Is it free?" in reply.buttons
    assert [c.ok for c in reply.answers] == [True]


async def test_old_topic_buttons_keep_working_after_content_changes(bot):
    reply = await bot.person(language_code="en").press_data("1:t:avr_documents")
    assert reply.messages and reply.answers[0].ok


async def test_every_button_sent_is_within_telegram_limits(bot):
    assert not [c for c in bot.api.calls if c.status == 400], "the fake refused a call"
    for call in bot.api.calls:
        for row in (
            (call.result or {}).get("reply_markup", {}).get("inline_keyboard", [])
            if isinstance(call.result, dict)
            else []
        ):
            for button in row:
                assert len(button.get("callback_data", "").encode()) <= 64
