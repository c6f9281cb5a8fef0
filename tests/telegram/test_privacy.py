"""Anonymity end to end: a whole Telegram conversation leaves no id, name or text in the
logs (INFO and above) or in the database; only counts."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from cryptography.fernet import Fernet

from bot.config import Secret
from bot.db.cases import open_case_store
from tests.privacy import holds_id
from tests.telegram.harness import INTAKE_CHAT_ID, Caseworker, make_services, new_bot, serving

pytestmark = pytest.mark.asyncio(loop_scope="module")

SECRET_TEXT = "my cousin Kwame-5521 in Tamanrasset"


async def converse_fully(person):
    await person.say("/start")
    await person.say(f"{SECRET_TEXT}, is the voluntary return free?")
    await person.press("👍")
    await person.say(f"help me, {SECRET_TEXT} they are beating me")
    await person.say("i want to talk to someone from iom")
    await person.press("Yes, continue")
    await person.press("Niger")
    await person.press("Niamey")
    await talk_to_a_counsellor(person, "write to a counsellor")
    await person.send(voice={"file_id": "AgAD", "file_unique_id": "u1", "duration": 3})
    await person.press_data("1:t:forged")
    await person.say("/privacy")
    await person.press("Clear this chat")


async def talk_to_a_counsellor(person, button):
    """Open a case, write in it both ways (the text is the secret one), and end it."""
    since = len(person.api.calls)
    await person.press(button)
    [topic] = [c for c in person.api.calls[since:] if c.method == "createForumTopic" and c.ok]
    thread = topic.result["message_thread_id"]
    await person.say(f"{SECRET_TEXT} is where I am")
    await Caseworker(person.api, INTAKE_CHAT_ID, "Mariama").say(thread, "Mariama here, stay safe")
    await person.say("/end")


async def test_logs_hold_no_id_name_or_text(bot, caplog):
    caplog.set_level(logging.DEBUG)
    person = bot.person(language_code="en", username="kwame_private", first_name="Kwame")
    await converse_fully(person)
    shown = [r for r in caplog.records if r.levelno >= logging.INFO]
    text = "\n".join(f"{r.name} {r.getMessage()}" for r in shown)
    for secret in (
        "Kwame",
        "kwame_private",
        "Tamanrasset",
        "beating",
        "Mariama",
        "stay safe",
    ):
        assert secret not in text, f"{secret!r} was logged"
    assert not holds_id(text, person.id), "the chat id was logged"


async def test_the_database_holds_counts_only(fake, settings, content, catalogs, nlu, tmp_path):
    from bot.db.preferences import open_preferences
    from bot.stats.recorder import open_recorder

    database = tmp_path / "stats.sqlite3"
    own = new_bot(
        fake,
        settings,
        database_url=f"sqlite:///{database}",
        preference_key=Secret("p" * 32),
        case_key=Secret(Fernet.generate_key().decode()),
    )
    recorder, prefs = open_recorder(own, interval=0.2), open_preferences(own)
    services = make_services(own, content, catalogs, nlu)
    store = open_case_store(own)
    try:
        async with serving(
            fake, services, own, recorder=recorder, preferences=prefs, case_store=store
        ) as bot:
            person = bot.person(language_code="fr", username="kwame_private", first_name="Kwame")
            await converse_fully_fr(person)
    finally:
        prefs.close()
    with sqlite3.connect(database) as db:
        counts = dict(db.execute("select event, sum(count) from event_counts group by event"))
        people = db.execute("select sum(people) from daily_people").fetchone()[0]
    assert counts["message"] >= 5 and counts["intake_referral"] == 1 and people == 1
    assert counts["case_opened"] == 1 and counts["case_closed"] == 1
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("stats.sqlite3*"))
    for secret in (
        b"Kwame",
        b"kwame_private",
        str(person.id).encode(),
        b"Tamanrasset",
        b"Mariama",
        b"stay safe",
        str(INTAKE_CHAT_ID).encode(),
    ):
        assert secret not in raw


async def converse_fully_fr(person):
    await person.say("/start")
    await person.say(f"{SECRET_TEXT}, le retour est gratuit ?")
    await person.say("je veux parler à quelqu'un de l'oim")
    await person.press("Oui, on continue")
    await person.press("Cameroun")
    await talk_to_a_counsellor(person, "écrire à un conseiller")
    await person.say("/language")
    await person.press("English")


async def test_an_id_is_found_as_a_number_of_its_own_not_inside_a_float():
    assert holds_id("chat 10054 said", 10054) and holds_id(b"id=10054", 10054)
    assert not holds_id("pathways_reply_seconds_sum 0.0100546369994845", 10054)
    assert not holds_id("update 110054", 10054)
