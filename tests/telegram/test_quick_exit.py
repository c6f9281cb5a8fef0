"""Quick exit: one tap deletes both sides of the private chat (within Telegram's 48 hours)."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_clear_from_privacy_deletes_everything_and_forgets_the_language(bot):
    amina = bot.person(language_code="en")
    await amina.say("/start")
    await amina.say("is the voluntary return free?")
    await amina.say("/privacy")
    assert len(bot.api.chat_messages(amina.id)) >= 6
    await bot.preferences.set(amina.id, "en")
    reply = await amina.press("Clear this chat")
    assert reply.answers[0].ok and not reply.messages
    assert reply.ok("deleteMessages") and not reply.refused
    assert bot.api.chat_messages(amina.id) == [], "nothing may be left on the phone"
    assert await bot.preferences.get(amina.id) is None
    assert "chat_cleared" in bot.recorder.names()


async def test_clear_from_the_menu_in_french_then_start_again(bot):
    moussa = bot.person(language_code="fr")
    await moussa.say("/menu")
    await moussa.say("c'est gratuit le retour ?")
    await moussa.say("/menu")
    await moussa.press("Effacer la discussion")
    assert bot.api.chat_messages(moussa.id) == []
    reply = await moussa.say("/start")
    assert "Bienvenue" in reply.text


async def test_messages_older_than_48_hours_are_left_alone(bot):
    someone = bot.person(language_code="en")
    two_days_ago = int(time.time()) - 49 * 3600
    await someone.say("an old message", date=two_days_ago)
    await someone.say("/menu")
    reply = await someone.press("Clear this chat")
    assert not reply.refused, "the bot must not ask Telegram for what it refuses"
    left = bot.api.chat_messages(someone.id)
    assert [m.get("text") for m in left] == ["an old message"]
