"""A person and caseworkers talk through the bot: a forum topic per case, copies both ways.

Dialogues against the fake Bot API (forum topics, copies, closed topics as Telegram
answers them), with the real application, engine and models.
"""

from __future__ import annotations

import logging
import re
import time

import pytest
from cryptography.fernet import Fernet

from bot.config import Secret
from bot.db.cases import open_case_store
from bot.telegram import cases as telegram_cases
from tests.telegram.harness import (
    INTAKE_CHAT_ID,
    Caseworker,
    ListRecorder,
    make_services,
    new_bot,
    serving,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")
CODE = re.compile(r"TB-[A-Z0-9]{5}")
VOICE = {"file_id": "voice-1", "file_unique_id": "uv-1", "duration": 4}
PHONE = re.compile(r"\b\d{2,4}\b")


def created_topics(api, since=0):
    return [c for c in api.calls[since:] if c.method == "createForumTopic" and c.ok]


async def open_a_case(
    person, country_button, city=None, yes="Yes, continue", write="write to a counsellor"
):
    await person.say(
        "i want to talk to someone from iom"
        if yes.startswith("Yes")
        else "je veux parler à quelqu'un de l'oim"
    )
    await person.press(yes)
    reply = await person.press(country_button)
    if city:
        reply = await person.say(city)
    code = CODE.search(reply.text).group()
    since = len(person.api.calls)
    reply = await person.press(write)
    [topic] = created_topics(person.api, since)
    return code, topic.result["message_thread_id"], reply


def events(bot, name):
    return [e for e in bot.recorder.events if e.name == name]


async def test_a_whole_case_in_english(bot, caplog):
    caplog.set_level(logging.INFO)
    amina = bot.person("en", username="amina_secret", first_name="Amina")
    await amina.say("i want to talk to someone from iom")
    await amina.press("Yes, continue")
    reply = await amina.press("Niger")
    assert "Agadez" in reply.buttons and "Niamey" in reply.buttons, "the city is asked"
    reply = await amina.say("agadez")
    assert "Agadez" in reply.text and CODE.search(reply.text)
    assert "💬 Yes, write to a counsellor" in reply.buttons
    code = CODE.search(reply.text).group()
    since = len(bot.api.calls)
    reply = await amina.press("Yes, write to a counsellor")
    [topic] = created_topics(bot.api, since)
    thread = topic.result["message_thread_id"]
    assert topic.params["name"] == f"{code} · Niger · en"
    assert "You are connected" in reply.text and "✖ End the conversation" in reply.buttons
    [card] = bot.api.thread_messages(INTAKE_CHAT_ID, thread)
    assert code in card["text"] and "Agadez" in card["text"] and "English" in card["text"]
    for secret in ("Amina", "amina_secret", str(amina.id)):
        assert secret not in card["text"]

    await amina.say("Hello, I want to go home to Niamey")
    await amina.send(voice=VOICE)
    text_copy, voice_copy = bot.api.thread_messages(INTAKE_CHAT_ID, thread)[1:]
    assert text_copy["text"] == "Hello, I want to go home to Niamey"
    assert voice_copy["voice"] == VOICE
    for copy in (text_copy, voice_copy):
        assert copy["from"]["is_bot"] and "forward_origin" not in copy
    assert not amina.last.texts, "a relayed message gets no bot answer"

    fatou = Caseworker(bot.api, INTAKE_CHAT_ID)
    await fatou.say(thread, "Hello, I am Fatou from IOM. Are you safe where you are?")
    [answer] = [m for m in bot.api.chat_messages(amina.id) if "Fatou" in m.get("text", "")]
    assert answer["text"].startswith("💬 Counsellor\n")
    assert "End the conversation" in str(answer["reply_markup"])
    await fatou.say(thread, None, voice={"file_id": "v2", "file_unique_id": "u2", "duration": 9})
    voice_back = bot.api.chat_messages(amina.id)[-1]
    assert voice_back["voice"]["file_id"] == "v2" and voice_back["caption"] == "💬 Counsellor"
    assert [e.via for e in events(bot, "case_answered")][-1] == "in_hour"

    reply = await amina.say("/end")
    assert "has ended" in reply.text
    assert bot.api.topic(INTAKE_CHAT_ID, thread)["closed"]
    assert (
        "The person ended the conversation."
        in bot.api.thread_messages(INTAKE_CHAT_ID, thread)[-1]["text"]
    )
    assert bot.cases.of_chat(amina.id) is None
    in_topic = len(bot.api.thread_messages(INTAKE_CHAT_ID, thread))
    reply = await amina.say("is the return free?")
    assert "Is it free?" in reply.text, "after the end, the bot answers again"
    assert len(bot.api.thread_messages(INTAKE_CHAT_ID, thread)) == in_topic
    assert events(bot, "case_closed")[-1].via == "person"
    for secret in ("Amina", "amina_secret", str(amina.id), "Niamey", "Fatou", "safe where"):
        assert secret not in caplog.text, f"{secret!r} in the logs"


async def test_a_case_in_french_closed_by_the_caseworker(bot):
    moussa = bot.person("fr")
    await moussa.say("je veux parler à quelqu'un de l'oim")
    reply = await moussa.say("oui")
    assert "Cameroun" in reply.buttons, "a typed yes continues"
    reply = await moussa.say("cameroun")
    code = CODE.search(reply.text).group()
    since = len(bot.api.calls)
    reply = await moussa.say("d'accord")
    [topic] = created_topics(bot.api, since)
    thread = topic.result["message_thread_id"]
    assert topic.params["name"] == f"{code} · Cameroun · fr"
    assert "Tu es en contact" in reply.text
    card = bot.api.thread_messages(INTAKE_CHAT_ID, thread)[0]["text"]
    assert "Français" in card and "Code de référence" in card

    awa = Caseworker(bot.api, INTAKE_CHAT_ID, "Awa")
    await awa.say(thread, "Bonjour, je suis Awa. Tu es à Yaoundé ?")
    assert bot.api.chat_messages(moussa.id)[-1]["text"].startswith("💬 Conseiller")
    await awa.say(thread, "/close")
    assert bot.api.topic(INTAKE_CHAT_ID, thread)["closed"]
    told = bot.api.chat_messages(moussa.id)[-1]["text"]
    assert "Le conseiller a terminé" in told
    assert bot.cases.of_chat(moussa.id) is None
    assert events(bot, "case_closed")[-1].via == "staff"


async def test_danger_inside_a_case_brings_the_numbers_first_and_marks_the_topic(bot):
    person = bot.person("fr")
    code, thread, _ = await open_a_case(
        person, "Cameroun", yes="Oui, on continue", write="écrire à un conseiller"
    )
    reply = await person.say("aidez moi ils me frappent")
    assert reply.texts and PHONE.search(reply.texts[0]), "numbers in the first reply"
    messages = bot.api.thread_messages(INTAKE_CHAT_ID, thread)
    assert messages[-2]["text"] == "aidez moi ils me frappent"
    assert messages[-1]["text"].startswith("🆘")
    assert bot.api.topic(INTAKE_CHAT_ID, thread)["name"].startswith(f"🆘 {code}")
    await person.say("ils sont encore là, ils me frappent")
    assert bot.api.topic(INTAKE_CHAT_ID, thread)["name"].count("🆘") == 1
    assert len(events(bot, "case_urgent")) >= 1
    await person.say("/end")


async def test_nothing_goes_anywhere_from_a_topic_that_is_no_case(bot):
    person = bot.person("en")
    _, thread, _ = await open_a_case(person, "Côte d'Ivoire")
    worker = Caseworker(bot.api, INTAKE_CHAT_ID)
    for target in (thread + 1000, None):
        calls = await worker.say(target, "this should reach nobody")
        assert not [
            c for c in calls if c.method in ("sendMessage", "copyMessage") and (c.chat_id or 0) > 0
        ]
    calls = await worker.say(thread + 1000, "/close")
    [notice] = [c for c in calls if c.method == "sendMessage"]
    assert "not an open case" in notice.params["text"]
    stranger_group = bot.api.forum(-100999, title="Not a staff group")
    stranger = Caseworker(bot.api, stranger_group["id"])
    calls = await stranger.say(thread, "from a group nobody configured")
    assert not [c for c in calls if c.method in ("sendMessage", "copyMessage")]
    bot_echo = Caseworker(bot.api, INTAKE_CHAT_ID)
    bot_echo.user = dict(bot.api.account.me)
    calls = await bot_echo.say(thread, "the bot's own message")
    assert not [c for c in calls if (c.chat_id or 0) > 0]
    await person.say("/end")


async def test_another_person_can_never_reach_a_case(bot):
    first = bot.person("en")
    _, thread, _ = await open_a_case(first, "Côte d'Ivoire")
    before = len(bot.api.thread_messages(INTAKE_CHAT_ID, thread))
    second = bot.person("en")
    reply = await second.say("is the return free?")
    assert "Is it free?" in reply.text
    reply = await second.press_data("1:c:end")
    assert "not talking to a counsellor" in reply.text
    assert bot.cases.of_chat(first.id) is not None
    assert len(bot.api.thread_messages(INTAKE_CHAT_ID, thread)) == before
    await first.say("/end")


async def test_a_topic_closed_by_hand_tells_the_person(bot):
    person = bot.person("en")
    _, thread, _ = await open_a_case(person, "Côte d'Ivoire")
    bot.api.topic(INTAKE_CHAT_ID, thread)["closed"] = True
    reply = await person.say("are you there?")
    assert "was not delivered" in reply.text
    assert bot.cases.of_chat(person.id) is None


async def test_quick_exit_ends_the_case(bot):
    person = bot.person("en")
    _, thread, _ = await open_a_case(person, "Côte d'Ivoire")
    await person.say("/privacy")
    await person.press("Clear this chat")
    assert bot.api.topic(INTAKE_CHAT_ID, thread)["closed"]
    assert "quick exit" in bot.api.thread_messages(INTAKE_CHAT_ID, thread)[-1]["text"]
    assert events(bot, "case_closed")[-1].via == "quick_exit"


async def test_an_idle_case_expires(bot):
    person = bot.person("en")
    _, thread, _ = await open_a_case(person, "Côte d'Ivoire")
    case = bot.cases.of_chat(person.id)
    case.last_activity = time.time() - 15 * 86400
    deps = bot.application.bot_data["deps"]
    assert await telegram_cases.expire_idle(bot.application.bot, deps) == 1
    assert bot.api.topic(INTAKE_CHAT_ID, thread)["closed"]
    assert "long time" in bot.api.chat_messages(person.id)[-1]["text"]
    assert [e.via for e in events(bot, "case_closed")][-1] == "expired"
    assert events(bot, "case_answered")[-1].via == "never"


async def test_a_group_without_topics_gets_a_kind_failure(fake, settings, content, catalogs, nlu):
    plain = new_bot(fake, settings)
    api = fake.bot(plain.telegram_token.reveal())
    api.account.chats[INTAKE_CHAT_ID].pop("is_forum")
    services = make_services(plain, content, catalogs, nlu)
    async with serving(fake, services, plain) as running:
        person = running.person("en")
        await person.say("i want to talk to someone from iom")
        await person.press("Yes, continue")
        await person.press("Mali")
        reply = await person.press("write to a counsellor")
        assert "could not reach a counsellor" in reply.text
        assert running.cases.of_chat(person.id) is None


async def test_a_restart_in_the_middle_loses_nothing(
    fake, settings, content, catalogs, nlu, tmp_path
):
    keyed = new_bot(
        fake,
        settings,
        case_key=Secret(Fernet.generate_key().decode()),
        database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
    )
    api = fake.bot(keyed.telegram_token.reveal())
    services = make_services(keyed, content, catalogs, nlu)
    async with serving(fake, services, keyed, case_store=open_case_store(keyed)) as running:
        person = running.person("en")
        _, thread, _ = await open_a_case(person, "Côte d'Ivoire")
    worker = Caseworker(api, INTAKE_CHAT_ID)
    # While the bot is down, both sides write.
    staff_update = api.push_topic_message(worker.group, worker.user, thread, "We are here.")
    person_update = api.push_message(person.chat, person.user, "I waited, hello?")
    recorder = ListRecorder()
    store = open_case_store(keyed)
    async with serving(fake, services, keyed, recorder=recorder, case_store=store):
        await api.confirmed(staff_update)
        await api.confirmed(person_update)
        assert "We are here." in api.chat_messages(person.id)[-1]["text"]
        assert api.thread_messages(INTAKE_CHAT_ID, thread)[-1]["text"] == "I waited, hello?"
    raw = (tmp_path / "bot.sqlite3").read_bytes()
    assert str(person.id).encode() not in raw
