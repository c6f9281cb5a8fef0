"""Anonymity end to end: a whole Telegram conversation leaves no id, name or text in the
logs (INFO and above) or in the database; only counts."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from bot.config import Secret
from tests.telegram.harness import make_services, new_bot, serving

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
    await person.press("Yes, with my username")
    await person.send(voice={"file_id": "AgAD", "file_unique_id": "u1", "duration": 3})
    await person.press_data("1:t:forged")
    await person.say("/privacy")
    await person.press("Clear this chat")


async def test_logs_hold_no_id_name_or_text(bot, caplog):
    caplog.set_level(logging.DEBUG)
    person = bot.person(language_code="en", username="kwame_private", first_name="Kwame")
    await converse_fully(person)
    shown = [r for r in caplog.records if r.levelno >= logging.INFO]
    text = "\n".join(f"{r.name} {r.getMessage()}" for r in shown)
    for secret in ("Kwame", "kwame_private", str(person.id), "Tamanrasset", "beating"):
        assert secret not in text, f"{secret!r} was logged"


async def test_the_database_holds_counts_only(fake, settings, content, catalogs, nlu, tmp_path):
    from bot.db.preferences import open_preferences
    from bot.stats.recorder import open_recorder

    database = tmp_path / "stats.sqlite3"
    own = new_bot(
        fake, settings, database_url=f"sqlite:///{database}", preference_key=Secret("p" * 32)
    )
    recorder, prefs = open_recorder(own, interval=0.2), open_preferences(own)
    services = make_services(own, content, catalogs, nlu)
    try:
        async with serving(fake, services, own, recorder=recorder, preferences=prefs) as bot:
            person = bot.person(language_code="fr", username="kwame_private", first_name="Kwame")
            await converse_fully_fr(person)
    finally:
        prefs.close()
    with sqlite3.connect(database) as db:
        counts = dict(db.execute("select event, sum(count) from event_counts group by event"))
        people = db.execute("select sum(people) from daily_people").fetchone()[0]
    assert counts["message"] >= 5 and counts["intake_referral"] == 1 and people == 1
    raw = database.read_bytes()
    for secret in (b"Kwame", b"kwame_private", str(person.id).encode(), b"Tamanrasset"):
        assert secret not in raw


async def converse_fully_fr(person):
    await person.say("/start")
    await person.say(f"{SECRET_TEXT}, le retour est gratuit ?")
    await person.say("je veux parler à quelqu'un de l'oim")
    await person.press("Oui, on continue")
    await person.press("Cameroun")
    await person.press("Oui, avec mon nom")
    await person.say("/language")
    await person.press("English")
