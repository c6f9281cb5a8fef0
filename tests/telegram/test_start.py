"""First contact: /start with and without a language, in English and in French."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_start_in_english_introduces_the_bot_and_shows_the_menu(bot):
    amina = bot.person(language_code="en")
    reply = await amina.say("/start")
    assert len(reply.messages) == 2, reply.text
    assert "Main menu" in reply.text
    assert any("Clear this chat" in b for b in reply.buttons)
    assert not reply.refused


async def test_start_in_french(bot):
    moussa = bot.person(language_code="fr-CM")
    reply = await moussa.say("/start")
    assert "Menu principal" in reply.text
    assert any("Effacer" in b for b in reply.buttons), reply.buttons
