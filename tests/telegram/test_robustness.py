"""A 429, a broken network, a flooder, a dead NLU or database, a bug: the reply still
goes out, other chats are not held up, and the bot keeps running."""

from __future__ import annotations

import asyncio
import dataclasses
import time

import pytest

from bot.engine import Engine, EngineSettings, Reply, Text
from bot.engine.types import Button
from bot.nlu import NluProcess
from bot.services import Services
from bot.telegram.delivery import Outbox
from bot.telegram.messages import MessageLog
from tests.telegram.harness import TEST_TUNING, make_services, new_bot, serving, tr

pytestmark = pytest.mark.asyncio(loop_scope="module")

FLOOD = "You are sending many messages at once. I will read your next messages in a few seconds."
SORRY = "Sorry, something went wrong on my side. Please try again, or choose from the menu."


async def test_a_429_is_waited_out_and_the_reply_arrives(bot):
    amina = bot.person(language_code="en")
    bot.api.fail("sendMessage", 429, retry_after=1)
    reply = await amina.say("/start")
    assert [c.status for c in reply.refused] == [429]
    assert len(reply.messages) == 2 and "Welcome" in reply.texts[0]


async def test_one_chats_429_pauses_that_chat_only(bot):
    """Telegram asks one chat to wait 5 s: that chat waits, every other chat goes on."""
    slow, other = bot.person(language_code="en"), bot.person(language_code="fr")
    api = bot.api
    api.fail("sendMessage", 429, retry_after=5)
    since = len(api.calls)
    waiting = api.push_message(slow.chat, slow.user, "/menu")
    await api.wait_for(lambda c: c.status == 429)
    started = time.monotonic()
    api.push_message(other.chat, other.user, "/menu")
    answer = await api.wait_for(lambda c: c.chat_id == other.id and c.ok, timeout=10)
    assert answer.at - started < 1.5, "the other chat is answered at once"
    assert not [c for c in api.sent_to(slow.id, since) if c.ok], "the paused chat waits"
    await api.confirmed(waiting, timeout=20)
    assert [c for c in api.sent_to(slow.id, since) if c.ok and c.method == "sendMessage"]


async def test_network_errors_are_retried(bot):
    moussa = bot.person(language_code="fr")
    bot.api.disconnect("sendMessage", times=2)
    reply = await moussa.say("/menu")
    assert reply.messages and "Menu principal" in reply.texts[0]


async def test_a_flooding_chat_is_slowed_and_the_others_are_not(bot):
    flooder, other = bot.person(language_code="en"), bot.person(language_code="fr")
    api = bot.api
    since = len(api.calls)
    flood = [api.push_message(flooder.chat, flooder.user, f"hello {i}") for i in range(20)]
    quiet = await other.say("/menu")
    assert "Menu principal" in quiet.text
    for update_id in flood:
        await api.confirmed(update_id)
    sent = [c.result["text"] for c in api.sent_to(flooder.id, since) if c.method == "sendMessage"]
    notices = [t for t in sent if t == tr("en", FLOOD)]
    assert len(notices) == 1, "one kind word, not twenty"
    assert 8 <= len(sent) - 1 <= 13, f"{len(sent)} replies to a flood of 20"
    await asyncio.sleep(1.5)
    reply = await flooder.say("/menu")
    assert "Main menu" in reply.text, "after a pause the flooder is answered again"


async def test_messages_written_calmly_while_the_bot_was_down_are_all_answered(bot):
    """The flood guard counts the time each message was written, not when it arrives."""
    person = bot.person(language_code="en")
    api = bot.api
    since = len(api.calls)
    written = int(time.time()) - 80
    backlog = [
        api.push_message(person.chat, person.user, "/menu", date=written + 6 * i)
        for i in range(12)
    ]
    for update_id in backlog:
        await api.confirmed(update_id)
    sent = [c.result["text"] for c in api.sent_to(person.id, since) if c.method == "sendMessage"]
    assert len(sent) == 12 and tr("en", FLOOD) not in sent


async def test_a_flooder_pressing_buttons_gets_every_press_answered(bot):
    flooder = bot.person(language_code="en")
    await flooder.say("/menu")
    message_id, data = flooder.find_button("Help to go home")
    presses = [
        flooder.api.push_callback(flooder.chat, flooder.user, data, message_id) for _ in range(20)
    ]
    for update_id in presses:
        await flooder.api.confirmed(update_id)
    assert all(bot.api.query(u)["answered"] for u in presses), "every spinner stops"


async def test_the_nlu_down_still_gets_a_reply_with_buttons(fake, settings, content, catalogs):
    unloaded = NluProcess(
        settings.rasa_python, settings.nlu_dir, settings.models_dir, settings.spelling_file
    )  # not started
    engine = Engine(content, unloaded, catalogs, EngineSettings())
    services = Services(settings, content, catalogs, unloaded, engine)
    try:
        async with serving(fake, services, new_bot(fake, settings)) as bot:
            reply = await bot.person(language_code="en").say("is the return free?")
            assert "cannot read messages right now" in reply.text
            assert "🏠 Help to go home" in reply.buttons
            reply = await bot.person(language_code="fr").say("c'est gratuit ?")
            assert reply.messages and reply.buttons
    finally:
        await unloaded.close()


class BrokenPreferences:
    """A language store whose database is gone (every call raises)."""

    async def get(self, user_id: int) -> str | None:
        raise ConnectionError("database is down")

    async def set(self, user_id: int, lang: str) -> None:
        raise ConnectionError("database is down")

    async def delete(self, user_id: int) -> None:
        raise ConnectionError("database is down")


async def test_the_database_down_still_gets_replies(fake, settings, content, catalogs, nlu):
    services = make_services(settings, content, catalogs, nlu)
    prefs = BrokenPreferences()
    async with serving(fake, services, new_bot(fake, settings), preferences=prefs) as bot:
        someone = bot.person(language_code=None)
        reply = await someone.say("/start")
        assert reply.buttons == ["English", "Français"]
        reply = await someone.press("Français")
        assert "Bienvenue" in reply.text
        reply = await someone.say("/privacy")
        reply = await someone.press("Oublier ma langue")
        assert reply.messages


async def test_the_real_preferences_on_an_unreachable_database(
    fake, settings, content, catalogs, nlu
):
    from bot.config import Secret
    from bot.db.preferences import open_preferences

    dead = dataclasses.replace(
        settings,
        database_url="postgresql://postgres@127.0.0.1:9/none?connect_timeout=1",
        preference_key=Secret("k" * 32),
    )
    prefs = open_preferences(dead)
    services = make_services(settings, content, catalogs, nlu)
    try:
        async with serving(fake, services, new_bot(fake, settings), preferences=prefs) as bot:
            someone = bot.person(language_code="en")
            assert "Welcome" in (await someone.say("/start")).text
            await someone.say("/language")
            assert "Menu principal" in (await someone.press("Français")).text
    finally:
        prefs.close()


class ExplodingEngine(Engine):
    """The real engine, with a bug on one input (to reach the error handler)."""

    async def handle(self, state, incoming):
        if incoming in (Text("boom"),) or getattr(incoming, "data", None) == "1:t:avr_cost":
            raise RuntimeError("a bug with the text 'boom' in its message")
        return await super().handle(state, incoming)


async def test_a_bug_is_logged_without_text_or_ids_and_the_person_gets_a_kind_word(
    fake, settings, content, catalogs, nlu, caplog
):
    engine = ExplodingEngine(content, nlu, catalogs, EngineSettings())
    services = Services(settings, content, catalogs, nlu, engine)
    async with serving(fake, services, new_bot(fake, settings)) as bot:
        amina = bot.person(language_code="en", username="amina_k")
        reply = await amina.say("boom")
        assert reply.texts[-1].endswith(tr("en", SORRY)) and "🏠 Help to go home" in reply.buttons
        reply = await amina.press_data("1:t:avr_cost")
        assert [c.ok for c in reply.answers] == [True]
        assert tr("en", SORRY) in reply.text
        assert "Welcome" in (await amina.say("/start")).text, "still running"
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert errors and all("RuntimeError" in r.getMessage() for r in errors)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "boom" not in logged and str(amina.id) not in logged and "amina_k" not in logged


class SlowUnderstanding:
    """The real models, answering 1.3 s late (a loaded server)."""

    def __init__(self, nlu):
        self.nlu = nlu

    async def parse(self, text, lang):
        await asyncio.sleep(1.3)
        return await self.nlu.parse(text, lang)


async def test_typing_is_shown_when_the_answer_takes_over_a_second(
    fake, settings, content, catalogs, nlu
):
    slow = SlowUnderstanding(nlu)
    engine = Engine(content, slow, catalogs, EngineSettings())
    services = Services(settings, content, catalogs, nlu, engine)
    async with serving(fake, services, new_bot(fake, settings)) as bot:
        someone = bot.person(language_code="en")
        quick = await someone.say("/menu")
        assert not quick.typing
        slow_reply = await someone.say("is the return free?")
        assert slow_reply.typing and slow_reply.messages
        [action] = slow_reply.ok("sendChatAction")
        assert action.params["action"] == "typing"
        assert action.at < slow_reply.ok("sendMessage")[0].at


async def test_a_reply_over_4096_characters_is_split_and_all_parts_accepted(bot):
    someone = bot.person(language_code="en")
    await someone.say("/start")
    paragraph = "<b>Step</b> " + "plain words &amp; more " * 40
    html = "\n\n".join([paragraph] * 30)
    since = len(bot.api.calls)
    outbox = Outbox(bot.application.bot, someone.id, MessageLog(), 3)
    await outbox.deliver([Reply(html, ((Button("☰ Menu", "1:m:main"),),))])
    calls = bot.api.sent_to(someone.id, since)
    assert len(calls) >= 3 and all(c.ok for c in calls)
    assert [bool(c.result.get("reply_markup")) for c in calls] == [False] * (len(calls) - 1) + [
        True
    ]


async def test_without_the_rate_limiter_a_429_is_still_retried(
    fake, settings, content, catalogs, nlu
):
    services = make_services(settings, content, catalogs, nlu)
    tuning = dataclasses.replace(TEST_TUNING, rate_limiter=False)
    async with serving(fake, services, new_bot(fake, settings), tuning=tuning) as bot:
        bot.api.fail("sendMessage", 429, retry_after=1)
        reply = await bot.person(language_code="en").say("/menu")
        assert [c.status for c in reply.refused] == [429] and reply.messages
