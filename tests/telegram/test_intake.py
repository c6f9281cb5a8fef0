"""The intake referral on Telegram: consent, where you are, the contact card, a counsellor."""

from __future__ import annotations

import re

import pytest

from tests.telegram.harness import INTAKE_CHAT_ID, make_services, new_bot, serving

pytestmark = pytest.mark.asyncio(loop_scope="module")
CODE = re.compile(r"TB-[A-Z0-9]{5}")


def to_staff(bot, since):
    return [c for c in bot.api.calls[since:] if c.chat_id == INTAKE_CHAT_ID]


async def test_referral_with_the_city_and_the_office_card(bot):
    amina = bot.person(language_code="en", username="amina_k")
    reply = await amina.say("i want to talk to someone from iom")
    assert "✅ Yes, continue" in reply.buttons and "No, thanks" in reply.buttons
    reply = await amina.press("Yes, continue")
    assert "Somewhere else" in reply.buttons and "✖ Cancel" in reply.buttons
    assert {"Niger", "Libya", "The Gambia"} <= set(reply.buttons), "every country offered"
    reply = await amina.press("Côte d'Ivoire")
    [code] = set(CODE.findall(reply.text))
    assert "II Plateaux Vallon" in reply.text and "(IOM, 2023)" in reply.text
    assert "💬 Yes, write to a counsellor" in reply.buttons


async def test_saying_no_sends_nothing(bot):
    someone = bot.person(language_code="fr")
    await someone.say("je veux parler à quelqu'un de l'oim")
    await someone.press("Oui, on continue")
    await someone.press("Cameroun")
    since = len(bot.api.calls)
    reply = await someone.press("Non, merci")
    assert "Rien n'a été envoyé" in reply.text
    assert to_staff(bot, since) == []


async def test_cancel_at_every_step(bot):
    someone = bot.person(language_code="en")
    await someone.say("i want to talk to someone from iom")
    reply = await someone.press("No, thanks")
    assert "Stopped. Nothing was kept." in reply.text
    await someone.say("i want to talk to someone from iom")
    await someone.press("Yes, continue")
    reply = await someone.press("Cancel")
    assert "Stopped. Nothing was kept." in reply.text


async def test_typed_answers_in_french(bot):
    someone = bot.person(language_code="fr")
    await someone.say("je veux parler à quelqu'un de l'oim")
    reply = await someone.say("d'accord")
    assert "Cameroun" in reply.buttons
    reply = await someone.say("algerie")
    assert "cannot" not in reply.text and "je ne peux pas" not in reply.text.lower()
    assert "Algérie" in reply.text or "Algeria" in reply.text
    await someone.say("non")


async def test_somewhere_else_is_not_a_dead_end(bot):
    someone = bot.person(language_code="en")
    await someone.say("i want to talk to someone from iom")
    await someone.press("Yes, continue")
    reply = await someone.press("Somewhere else")
    assert "embassy" in reply.text and "☰ Menu" in reply.buttons
    assert "+221 33 869 62 00" in reply.text


async def test_without_any_staff_group_the_card_is_the_end(fake, settings, content, catalogs, nlu):
    alone = new_bot(fake, settings, intake_chat_id=None)
    from bot.engine import Engine, EngineSettings
    from bot.services import Services

    engine = Engine(content, nlu, catalogs, EngineSettings(handoff_enabled=False))
    services = Services(alone, content, catalogs, nlu, engine)
    async with serving(fake, services, alone) as running:
        person = running.person("en")
        await person.say("i want to talk to someone from iom")
        await person.press("Yes, continue")
        reply = await person.press("Côte d'Ivoire")
        assert CODE.search(reply.text) and not any("counsellor" in b for b in reply.buttons)
    assert make_services  # the default services offer counsellors (INTAKE_CHAT_ID set)
