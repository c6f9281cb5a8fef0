"""The recorder: a conversation is counted, off the reply path, and written once."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.migrate import current_revision, head_revision
from bot.engine import Event
from bot.errors import ConfigError
from bot.stats.recorder import StatsRecorder, open_recorder
from tests.dialogue import Dialogue
from tests.stats.helpers import Clock, CountedChat, expected, people, stored


async def test_a_conversation_is_counted_by_event_topic_via_and_language(db, engine):
    recorder = StatsRecorder(db)
    chat = CountedChat(Dialogue(engine, language_code="en"), recorder, user_id=111)
    await chat.say("/start")
    await chat.say("Is it free to go back home?")
    await chat.press("Menu")
    await chat.send_other("voice")
    await recorder.stop()

    counts = stored(db)
    assert counts == expected(chat.events)
    assert counts[("conversation_started", "", "", "en", "")] == 1
    assert counts[("message", "", "command", "en", "")] == 1
    assert counts[("message", "", "text", "en", "")] == 1
    assert counts[("message", "", "button", "en", "")] == 1
    assert counts[("message", "", "other", "en", "")] == 1
    answered = [e for e in chat.events if e.name == "answer"]
    assert answered and all(counts[("answer", e.topic, e.via, "en", "")] for e in answered)


async def test_a_french_conversation_counts_the_language_chosen_and_the_feedback(db, engine):
    recorder = StatsRecorder(db)
    chat = CountedChat(Dialogue(engine, language_code=None), recorder, user_id=222)
    await chat.say("/start")
    await chat.press("Français")
    await chat.press("Aide pour rentrer")
    await chat.press("gratuit")
    assert chat.dialogue.topics == ["avr_cost"]
    await chat.press("👍")
    await recorder.stop()

    counts = stored(db)
    assert counts == expected(chat.events)
    assert counts[("conversation_started", "", "", "", "")] == 1  # before a language was known
    assert counts[("language_chosen", "", "", "fr", "")] == 1
    assert counts[("answer", "avr_cost", "button", "fr", "")] == 1
    assert counts[("feedback", "avr_cost", "up", "fr", "")] == 1
    assert counts[("message", "", "button", "fr", "")] == 4


async def test_the_same_person_is_one_person_a_day_and_a_new_one_the_next_day(db):
    clock = Clock()
    recorder = StatsRecorder(db, today=clock)
    for user in (1, 2, 1, 1, 3):
        recorder.record([Event("message", via="text", lang="en")], user)
    first = clock.day
    clock.next_day()
    for user in (1, 2):
        recorder.record([Event("message", via="text", lang="en")], user)
    await recorder.stop()

    assert people(db) == {first: 3, clock.day: 2}
    assert stored(db)[("message", "", "text", "en", "")] == 7


async def test_the_day_key_is_dropped_at_day_end_even_without_traffic(db):
    clock = Clock()
    recorder = StatsRecorder(db, today=clock)
    recorder.record([Event("message", via="text")], 5)
    key = recorder._people._key
    clock.next_day()
    await recorder.flush()
    assert recorder._people._key != key and len(recorder._people) == 0
    await recorder.stop()


async def test_events_with_a_text_or_an_id_in_a_field_are_not_counted(db, caplog):
    recorder = StatsRecorder(db)
    with caplog.at_level(logging.WARNING):
        recorder.record(
            [
                Event("answer", topic="I want to go to Italy", via="nlu", lang="en"),
                Event("intake_referral", country="123456789", lang="en"),
                Event("message", via="text", lang="en"),
                Event("answer", topic="avr_cost", via="nlu", lang="english please"),
            ],
            user_id=42,
        )
    await recorder.stop()
    assert stored(db) == {("message", "", "text", "en", ""): 1}
    assert "were not counted" in caplog.text
    assert "Italy" not in caplog.text and "123456789" not in caplog.text


async def test_record_never_raises_whatever_it_is_given(db):
    recorder = StatsRecorder(db)
    recorder.record(None, user_id=1)  # type: ignore[arg-type]
    recorder.record([object()], user_id=1)  # type: ignore[list-item]
    recorder.record([Event(None)], user_id="x")  # type: ignore[arg-type]
    recorder.record([Event("message", via="text")], user_id=1)
    await recorder.stop()
    assert stored(db) == {("message", "", "text", "", ""): 1}


async def test_the_recorder_writes_every_few_seconds_without_being_asked(db):
    recorder = StatsRecorder(db, interval=0.05)
    await recorder.start()
    recorder.record([Event("message", via="text", lang="fr")], 9)
    for _ in range(100):
        await asyncio.sleep(0.02)
        if stored(db):
            break
    assert stored(db) == {("message", "", "text", "fr", ""): 1}
    recorder.record([Event("message", via="text", lang="fr")], 9)
    await recorder.stop()
    assert stored(db) == {("message", "", "text", "fr", ""): 2}


async def test_the_buffer_is_bounded_and_says_so_once(db, caplog):
    recorder = StatsRecorder(db, max_keys=3)
    topics = ["avr_cost", "avr_process", "risks_sea", "risks_desert", "about"]
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            recorder.record([Event("answer", topic=t, via="nlu", lang="en") for t in topics])
    assert recorder.buffer.keys == 3 and recorder.buffer.dropped == 4
    assert caplog.text.count("buffer full") == 1
    await recorder.stop()
    assert sum(stored(db).values()) == 6


async def test_open_recorder_creates_the_data_folder_and_applies_the_migrations(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh' / 'data' / 'bot.sqlite3'}"
    recorder = open_recorder(Settings.from_env({"DATABASE_URL": url}))
    recorder.record([Event("conversation_started", lang="en")], 1)
    await recorder.stop()
    assert (tmp_path / "fresh" / "data" / "bot.sqlite3").is_file()
    engine = make_engine(url)
    assert current_revision(engine) == head_revision()
    assert stored(engine) == {("conversation_started", "", "", "en", ""): 1}
    engine.dispose()


def test_a_database_folder_that_cannot_be_made_stops_the_start_with_a_clear_error(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be")
    url = f"sqlite:///{tmp_path / 'data' / 'bot.sqlite3'}"
    with pytest.raises(ConfigError, match="cannot create the database folder"):
        open_recorder(Settings.from_env({"DATABASE_URL": url}))
