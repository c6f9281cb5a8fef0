"""First contact: /start with and without a language, the stored preference, commands."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_start_in_english_introduces_the_bot_and_shows_the_menu(bot):
    amina = bot.person(language_code="en")
    reply = await amina.say("/start")
    assert len(reply.messages) == 2
    assert "Welcome" in reply.texts[0] and "for free" in reply.texts[0]
    assert "Main menu" in reply.texts[1]
    assert "🧹 Clear this chat" in reply.buttons and "🏠 Help to go home" in reply.buttons
    assert not reply.refused
    assert "conversation_started" in bot.recorder.names()


async def test_start_in_french_from_the_client_language(bot):
    moussa = bot.person(language_code="fr-CM")
    reply = await moussa.say("/start")
    assert "Bienvenue" in reply.texts[0]
    assert "Menu principal" in reply.texts[1]
    assert "🧹 Effacer la discussion" in reply.buttons


async def test_start_without_language_code_offers_english_and_french(bot):
    someone = bot.person(language_code=None)
    reply = await someone.say("/start")
    assert reply.texts == ["🌐 Choose your language\n🌐 Choisis ta langue"]
    assert reply.buttons == ["English", "Français"]
    reply = await someone.press("Français")
    assert "Bienvenue" in reply.text and "Menu principal" in reply.text
    assert await bot.preferences.get(someone.id) == "fr"


async def test_an_unsupported_client_language_also_gets_the_choice(bot):
    reply = await bot.person(language_code="ar").say("/start")
    assert reply.buttons == ["English", "Français"]


async def test_a_clear_french_question_without_language_is_answered_in_french(bot):
    someone = bot.person(language_code=None)
    reply = await someone.say("le retour est-il payant ?")
    assert "C'est gratuit ?" in reply.text and "Source :" in reply.text


async def test_an_unclear_message_before_the_language_is_chosen_is_kept(bot):
    someone = bot.person(language_code=None)
    reply = await someone.say("Agadez ???")
    assert reply.buttons == ["English", "Français"]
    reply = await someone.press("Français")
    assert reply.texts and "English" not in reply.buttons


async def test_the_stored_language_wins_over_the_client_language(bot):
    fatou = bot.person(language_code="en")
    await bot.preferences.set(fatou.id, "fr")
    reply = await fatou.say("/start")
    assert "Bienvenue" in reply.text


async def test_changing_language_is_remembered(bot):
    john = bot.person(language_code="en")
    await john.say("/language")
    reply = await john.press("Français")
    assert "Menu principal" in reply.text
    assert await bot.preferences.get(john.id) == "fr"
    reply = await john.say("/language")
    reply = await john.press("English")
    assert "Main menu" in reply.text
    assert await bot.preferences.get(john.id) == "en"


@pytest.mark.parametrize(
    ("code", "command", "expected"),
    [
        ("en", "/help", "How to use this bot"),
        ("en", "/privacy", "Forget my language"),
        ("en", "/menu", "Main menu"),
        ("fr", "/aide", "Je ne connais pas cette commande"),
        ("fr", "/menu", "Menu principal"),
        ("fr", "/privacy", "Oublier ma langue"),
        ("en", "/start@PathwaysTestBot", "Welcome"),
        ("en", "/START", "Welcome"),
        ("en", "/frobnicate", "I do not know that command"),
    ],
)
async def test_commands(bot, code, command, expected):
    reply = await bot.person(language_code=code).say(command)
    assert expected in reply.text + " ".join(reply.buttons)
    assert reply.buttons, "never a dead end"


async def test_command_list_is_registered_in_english_and_french(bot):
    english = [c["command"] for c in bot.api.commands()]
    french = [c["command"] for c in bot.api.commands("fr")]
    assert english == french == ["start", "menu", "language", "help", "privacy", "end"]
    assert all(c["description"] for c in bot.api.commands("fr"))
