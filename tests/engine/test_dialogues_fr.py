"""Conversations in French: the same behaviour, in natural French."""

from __future__ import annotations

import re

from bot.engine import ChatState, Engine, Press
from tests.dialogue import Dialogue


async def test_start_in_french_from_language_code(chat_fr: Dialogue) -> None:
    await chat_fr.say("/start")
    assert chat_fr.state.lang == "fr"
    assert chat_fr.button("Effacer la discussion")


async def test_no_language_code_but_clear_french_is_answered_in_french(engine: Engine) -> None:
    chat = Dialogue(engine, language_code=None)
    await chat.say("le retour est-il payant ?")
    assert chat.state.lang == "fr"
    assert chat.topics == ["avr_cost"]
    assert "Source :" in chat.text


async def test_no_language_at_all_asks_then_answers_the_pending_question(engine: Engine) -> None:
    chat = Dialogue(engine, language_code=None)
    await chat.say("Agadez ???")
    assert chat.button("Français") and chat.button("English")
    assert chat.state.pending_text == "Agadez ???"
    await chat.press("Français")
    assert chat.state.lang == "fr" and chat.state.pending_text is None
    assert chat.last.replies and "Agadez" not in chat.text


async def test_clarify_never_offers_small_talk(chat_fr: Dialogue) -> None:
    for text in ["bof", "hmm ok", "et alors"]:
        await chat_fr.say(text)
        for topic in chat_fr.last.suggestions:
            assert topic not in {"greeting", "thanks", "language", "out_of_scope"}


async def test_unsupported_client_language_asks(engine: Engine) -> None:
    chat = Dialogue(engine, language_code="ar")
    await chat.say("/start")
    assert chat.button("Français")


async def test_sms_french_is_understood(chat_fr: Dialogue) -> None:
    await chat_fr.say("slt kom on fait pr rentrer au pays avc loim")
    answered = bool(chat_fr.topics) and chat_fr.topics[0].startswith("avr_")
    asked = any(topic.startswith("avr_") for topic in chat_fr.last.suggestions)
    assert answered or asked, (chat_fr.topics, chat_fr.last.suggestions)


async def test_danger_in_french_brings_numbers_first(chat_fr: Dialogue) -> None:
    await chat_fr.say("au secours on m'a enlevé")
    assert chat_fr.urgent_first
    assert re.search(r"\b1\d{1,2}\b", chat_fr.last.replies[0].html)


async def test_danger_words_work_before_any_language_is_known(engine: Engine) -> None:
    chat = Dialogue(engine, language_code=None)
    await chat.say("je suis en danger")
    assert chat.state.lang == "fr"
    assert chat.urgent_first


async def test_intake_in_french(chat_fr: Dialogue) -> None:
    await chat_fr.say("je veux parler à quelqu'un de l'oim")
    assert chat_fr.topics == ["intake"]
    await chat_fr.press("Oui")
    await chat_fr.press("Cameroun")
    assert "Ton code" in chat_fr.text and "TB-" in chat_fr.text
    await chat_fr.press("Non")
    assert "Rien n'a été envoyé" in chat_fr.text


async def test_french_ui_strings_everywhere(chat_fr: Dialogue) -> None:
    await chat_fr.send_other("sticker")
    assert "Je peux seulement lire" in chat_fr.text
    await chat_fr.press_data("1:t:nimporte_quoi")
    assert "Ce bouton ne marche plus" in chat_fr.text


async def test_language_buttons_work_even_without_state(engine: Engine) -> None:
    state = ChatState()
    turn = await engine.handle(state, Press("1:l:en"))
    assert state.lang == "en" and turn.replies


async def test_french_typed_answers_and_a_place_we_do_not_list(chat_fr: Dialogue) -> None:
    await chat_fr.say("je veux parler à quelqu'un de l'oim")
    await chat_fr.say("d'accord")
    assert chat_fr.state.step == "intake:country"
    await chat_fr.say("je suis a sabha")
    assert "Libye" in chat_fr.text and "0917127644" in chat_fr.text
    assert "conseiller" in chat_fr.text
    await chat_fr.say("non merci")
    assert "Rien n'a été envoyé" in chat_fr.text


async def test_urgent_help_in_french_names_its_sources(chat_fr: Dialogue) -> None:
    await chat_fr.say("aidez moi ils nous enferment dans un entrepot a gharyan")
    assert chat_fr.urgent_first and chat_fr.state.country == "LY"
    assert chat_fr.topics[0] == "urgent_detention", "the page for people held comes first"
    first = chat_fr.last.replies[0].html
    assert "0917127644" in first and "(UNHCR)" in first and "00218 91 00 11 491" in first
    assert "80 000 migrants" in chat_fr.text
    assert chat_fr.button("Un autre pays") and chat_fr.button("Aide urgente")
