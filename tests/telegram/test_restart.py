"""A restart loses nothing: a clean stop answers every update already fetched and
confirms it; updates sent meanwhile are answered once after the restart; a crash leaves
unfinished updates with Telegram, which sends them again."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.config import Secret
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.lifecycle import running
from bot.telegram.polling import Poller
from tests.telegram.harness import (
    TEST_TUNING,
    ListRecorder,
    Person,
    make_services,
    new_bot,
    serving,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def wait_until(condition, timeout=10.0):
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition never met")


def replies_to(api, chat_id):
    return [c for c in api.calls if c.chat_id == chat_id and c.method == "sendMessage" and c.ok]


async def test_a_clean_stop_answers_what_was_fetched_and_a_restart_answers_the_rest_once(
    fake, settings, content, catalogs, nlu
):
    own = new_bot(fake, settings)
    services = make_services(own, content, catalogs, nlu)
    api = fake.bot(own.telegram_token.reveal())
    people = [Person(api, language_code=code) for code in ("en", "fr", "en", "fr", "en")]
    async with serving(fake, services, own) as bot:
        gate = api.hold("sendMessage")
        fetched = [api.push_message(p.chat, p.user, "/menu") for p in people]
        await wait_until(lambda: len([c for c in api.calls if c.method == "sendMessage"]) == 5)
        assert not any(u in api.account.confirmed for u in fetched), "confirmed before handled"
        bot.stop.set()  # SIGTERM arrives while five replies are on their way
        await asyncio.sleep(0.2)
        api.release("sendMessage")
        gate.set()
        await asyncio.wait_for(bot.task, 10)
    assert all(u in api.account.confirmed for u in fetched)
    assert [len(replies_to(api, p.id)) for p in people] == [1] * 5

    later = [api.push_message(p.chat, p.user, "/help") for p in people[:3]]  # bot is down
    async with serving(fake, services, own):
        for update_id in later:
            await api.confirmed(update_id)
    assert [len(replies_to(api, p.id)) for p in people] == [2, 2, 2, 1, 1], "each once"


async def test_a_crash_leaves_unfinished_updates_to_be_sent_again(
    fake, settings, content, catalogs, nlu
):
    own = new_bot(fake, settings)
    services = make_services(own, content, catalogs, nlu)
    api = fake.bot(own.telegram_token.reveal())
    amina, moussa = Person(api, "en"), Person(api, "fr")
    application = build_application(services, ListRecorder(), _memory(), own, TEST_TUNING)
    poller = Poller(application, TEST_TUNING.poll_timeout, ALLOWED_UPDATES)
    async with running(application):
        task = asyncio.create_task(poller.run(asyncio.Event()))
        gate = api.hold("sendMessage")
        updates = [api.push_message(p.chat, p.user, "/start") for p in (amina, moussa)]
        await wait_until(lambda: len(poller.in_flight) == 2)
        for work in [task, *poller.in_flight.values()]:  # the process dies here
            work.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        api.release("sendMessage")
        gate.set()
    assert not any(u in api.account.confirmed for u in updates), "nothing was confirmed"
    await asyncio.sleep(0.2)
    since = len(api.calls)
    async with serving(fake, services, own):
        for update_id in updates:
            await api.confirmed(update_id)
    for person, words in ((amina, "Welcome"), (moussa, "Bienvenue")):
        texts = [c.result["text"] for c in api.sent_to(person.id, since) if c.ok]
        assert any(words in t for t in texts), "answered again after the restart"


async def test_the_language_choice_survives_a_restart_without_storing_the_id(
    fake, settings, content, catalogs, nlu, tmp_path
):
    from bot.db.preferences import open_preferences

    database = tmp_path / "bot.sqlite3"
    own = new_bot(
        fake, settings, database_url=f"sqlite:///{database}", preference_key=Secret("s" * 32)
    )
    services = make_services(own, content, catalogs, nlu)
    api = fake.bot(own.telegram_token.reveal())
    someone = Person(api, language_code="en", user_id=987_654_321)
    for _ in range(2):
        prefs = open_preferences(own)
        try:
            async with serving(fake, services, own, preferences=prefs):
                if not _chose(api, someone):
                    await someone.say("/language")
                    await someone.press("Français")
                else:
                    reply = await someone.say("/start")
                    assert "Bienvenue" in reply.text, "remembered across the restart"
        finally:
            prefs.close()
    assert b"987654321" not in database.read_bytes()


def _chose(api, person) -> bool:
    return any("Menu principal" in c.result["text"] for c in replies_to(api, person.id))


def _memory():
    from bot.storage import MemoryPreferences

    return MemoryPreferences()


async def test_after_a_crash_what_was_handled_is_not_answered_twice(
    fake, settings, content, catalogs, nlu, tmp_path
):
    """One update stuck (its chat paused by a 429), the next ones handled, then SIGKILL:
    after the restart the stuck one is answered, the handled ones are not answered again."""
    from bot.telegram.handled import HandledLog

    own = new_bot(fake, settings)
    services = make_services(own, content, catalogs, nlu)
    api = fake.bot(own.telegram_token.reveal())
    stuck, others = Person(api, "en"), [Person(api, "fr") for _ in range(3)]
    path = tmp_path / "handled-updates"
    application = build_application(services, ListRecorder(), _memory(), own, TEST_TUNING)
    poller = Poller(application, TEST_TUNING.poll_timeout, ALLOWED_UPDATES, HandledLog(path))
    async with running(application):
        task = asyncio.create_task(poller.run(asyncio.Event()))
        await poller.ready.wait()
        api.fail("sendMessage", 429, retry_after=30)
        first = api.push_message(stuck.chat, stuck.user, "/menu")
        await api.wait_for(lambda c: c.status == 429)
        later = [api.push_message(p.chat, p.user, "/menu") for p in others]
        await wait_until(lambda: all(replies_to(api, p.id) for p in others))
        await wait_until(lambda: len(poller.handled.ids) >= 3)
        for work in [task, *poller.in_flight.values()]:  # the process dies here
            work.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert first not in api.account.confirmed and not any(
        u in api.account.confirmed for u in later
    )
    async with serving(fake, services, own, handled=HandledLog(path)):
        for update_id in [first, *later]:
            await api.confirmed(update_id)
    assert replies_to(api, stuck.id), "the stuck one is answered after the restart"
    assert [len(replies_to(api, p.id)) for p in others] == [1, 1, 1], "no reply twice"
