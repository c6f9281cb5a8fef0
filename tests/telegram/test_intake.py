"""The intake referral on Telegram: consent, where you are, the contact card, the hand-off."""

from __future__ import annotations

import re

import pytest

from tests.telegram.harness import INTAKE_CHAT_ID

pytestmark = pytest.mark.asyncio(loop_scope="module")
CODE = re.compile(r"TB-[A-Z0-9]{5}")


def notices(bot, since):
    return [c.result["text"] for c in bot.api.sent_to(INTAKE_CHAT_ID, since) if c.ok]


async def test_referral_with_hand_off_and_username(bot):
    amina = bot.person(language_code="en", username="amina_k")
    reply = await amina.say("i want to talk to someone from iom")
    assert "✅ Yes, continue" in reply.buttons and "No, thanks" in reply.buttons
    reply = await amina.press("Yes, continue")
    assert "Somewhere else" in reply.buttons and "✖ Cancel" in reply.buttons
    assert "Niger" in reply.buttons
    reply = await amina.press("Niger")
    [code] = set(CODE.findall(reply.text))
    assert "Niamey" in reply.text and "Yes, with my username" in reply.buttons
    since = len(bot.api.calls)
    reply = await amina.press("Yes, with my username")
    assert code in reply.text
    [notice] = notices(bot, since)
    assert code in notice and "Niger" in notice and "@amina_k" in notice and "English" in notice
    assert str(amina.id) not in notice and "Amina" not in notice
    assert any(e.name == "intake_handoff" and e.country == "NE" for e in bot.recorder.events)


async def test_referral_in_french_without_the_name(bot):
    moussa = bot.person(language_code="fr", username="moussa_d")
    await moussa.say("je veux parler à quelqu'un de l'oim")
    await moussa.press("Oui, on continue")
    reply = await moussa.press("Cameroun")
    assert "Ton code" in reply.text
    [code] = set(CODE.findall(reply.text))
    since = len(bot.api.calls)
    await moussa.press("Oui, sans mon nom")
    [notice] = notices(bot, since)
    assert code in notice and "Cameroun" in notice and "Français" in notice
    assert "@" not in notice


async def test_username_asked_for_but_there_is_none(bot):
    someone = bot.person(language_code="en")
    await someone.say("i want to talk to someone from iom")
    await someone.press("Yes, continue")
    await someone.press("Niger")
    since = len(bot.api.calls)
    reply = await someone.press("Yes, with my username")
    assert "no Telegram username" in reply.text
    [notice] = notices(bot, since)
    assert "@" not in notice


async def test_saying_no_sends_nothing(bot):
    someone = bot.person(language_code="fr")
    await someone.say("je veux parler à quelqu'un de l'oim")
    await someone.press("Oui, on continue")
    await someone.press("Cameroun")
    since = len(bot.api.calls)
    reply = await someone.press("Non, merci")
    assert "Rien n'a été envoyé" in reply.text
    assert notices(bot, since) == []


async def test_cancel_at_every_step(bot):
    someone = bot.person(language_code="en")
    await someone.say("i want to talk to someone from iom")
    reply = await someone.press("No, thanks")
    assert "Stopped. Nothing was kept." in reply.text
    await someone.say("i want to talk to someone from iom")
    await someone.press("Yes, continue")
    reply = await someone.press("Cancel")
    assert "Stopped. Nothing was kept." in reply.text


async def test_somewhere_else_is_not_a_dead_end(bot):
    someone = bot.person(language_code="en")
    await someone.say("i want to talk to someone from iom")
    await someone.press("Yes, continue")
    reply = await someone.press("Somewhere else")
    assert "embassy" in reply.text and "☰ Menu" in reply.buttons


async def test_the_person_is_told_when_the_office_cannot_be_reached(bot):
    someone = bot.person(language_code="en")
    await someone.say("i want to talk to someone from iom")
    await someone.press("Yes, continue")
    await someone.press("Niger")
    bot.api.fail("sendMessage", 403, description="Forbidden: bot was kicked from the group chat")
    reply = await someone.press("Yes, without my name")
    assert "could not reach the office" in reply.text
