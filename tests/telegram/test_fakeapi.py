"""The fake Bot API is as strict as Telegram: if it let bad calls through, the end-to-end
tests would prove nothing. Raw HTTP calls, as PTB makes them (form parameters)."""

from __future__ import annotations

import asyncio
import json
import socket

import httpx
import pytest

from tests.telegram.conftest import InternetBlocked
from tests.telegram.fakeapi import FakeTelegram
from tests.telegram.fakeapi.html import ParseError, parse_html

TOKEN = "5550001:fake-api-tests"


@pytest.fixture
async def api():
    async with FakeTelegram() as fake:
        bot = fake.add_bot(TOKEN)
        user = {"id": 77, "is_bot": False, "first_name": "Ali"}
        chat = bot.private_chat(user)
        async with httpx.AsyncClient(base_url=f"{fake.base_url}{TOKEN}/") as client:
            yield fake, bot, client, user, chat


async def call(client, method, **params):
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    response = await client.post(method, data=data)
    return response.status_code, response.json()


async def test_unknown_token_is_401(api):
    fake, *_ = api
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{fake.base_url}123:nope/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_html_is_checked_like_telegram(api):
    _, _, client, _, chat = api
    good = await call(
        client, "sendMessage", chat_id=chat["id"], text="<b>a</b> &lt;3", parse_mode="HTML"
    )
    assert good[0] == 200 and good[1]["result"]["text"] == "a <3"
    assert good[1]["result"]["entities"] == [{"type": "bold", "offset": 0, "length": 1}]
    for bad in ["<b>open", "a </b>", "<script>x</script>", "<b><i>x</b></i>", "a & b", "1 < 2"]:
        status, body = await call(
            client, "sendMessage", chat_id=chat["id"], text=bad, parse_mode="HTML"
        )
        assert status == 400, bad
        assert body["description"].startswith("Bad Request: can't parse entities"), body


async def test_text_over_4096_and_callback_data_over_64_bytes_are_refused(api):
    _, _, client, _, chat = api
    status, body = await call(client, "sendMessage", chat_id=chat["id"], text="x" * 4097)
    assert (status, body["description"]) == (400, "Bad Request: message is too long")
    ok, _ = await call(client, "sendMessage", chat_id=chat["id"], text="😀" * 2048)
    assert ok == 200  # 4096 UTF-16 units exactly
    status, _ = await call(client, "sendMessage", chat_id=chat["id"], text="😀" * 2049)
    assert status == 400
    markup = {"inline_keyboard": [[{"text": "b", "callback_data": "é" * 33}]]}
    status, body = await call(
        client, "sendMessage", chat_id=chat["id"], text="hi", reply_markup=markup
    )
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")


async def test_429_on_demand_with_retry_after(api):
    _, bot, client, _, chat = api
    bot.fail("sendMessage", 429, retry_after=3)
    status, body = await call(client, "sendMessage", chat_id=chat["id"], text="hi")
    assert status == 429 and body["parameters"] == {"retry_after": 3}
    status, _ = await call(client, "sendMessage", chat_id=chat["id"], text="hi")
    assert status == 200


async def test_get_updates_offset_confirms_and_long_polls(api):
    _, bot, client, user, chat = api
    first = bot.push_message(chat, user, "one")
    second = bot.push_message(chat, user, "two")
    _, body = await call(client, "getUpdates")
    assert [u["update_id"] for u in body["result"]] == [first, second]
    _, body = await call(client, "getUpdates", offset=second)  # confirms the first only
    assert [u["update_id"] for u in body["result"]] == [second]
    assert first in bot.account.confirmed and second not in bot.account.confirmed
    waiting = asyncio.ensure_future(call(client, "getUpdates", offset=second + 1, timeout=5))
    await asyncio.sleep(0.2)
    assert not waiting.done()  # long polling: nothing yet
    third = bot.push_message(chat, user, "three")
    _, body = await asyncio.wait_for(waiting, 2)
    assert [u["update_id"] for u in body["result"]] == [third]
    _, body = await call(client, "getUpdates", offset=third + 1, timeout=0)
    assert body["result"] == []


async def test_a_second_poller_terminates_the_first(api):
    _, _, client, _, _ = api
    older = asyncio.ensure_future(call(client, "getUpdates", timeout=5))
    await asyncio.sleep(0.1)
    newer = asyncio.ensure_future(call(client, "getUpdates", timeout=0))
    status, body = await asyncio.wait_for(older, 2)
    assert status == 409 and "terminated by other getUpdates" in body["description"]
    assert (await newer)[0] == 200


async def test_callback_queries_are_answered_once(api):
    _, bot, client, user, chat = api
    status, body = await call(client, "sendMessage", chat_id=chat["id"], text="menu")
    update_id = bot.push_callback(chat, user, "1:m:main", body["result"]["message_id"])
    query_id = bot.query_of[update_id]
    assert (await call(client, "answerCallbackQuery", callback_query_id=query_id))[0] == 200
    status, body = await call(client, "answerCallbackQuery", callback_query_id=query_id)
    assert status == 400 and "query is too old" in body["description"]


async def test_edit_needs_a_change_and_an_own_message(api):
    _, bot, client, user, chat = api
    _, body = await call(client, "sendMessage", chat_id=chat["id"], text="a")
    mid = body["result"]["message_id"]
    status, body = await call(
        client, "editMessageText", chat_id=chat["id"], message_id=mid, text="a"
    )
    assert status == 400 and "message is not modified" in body["description"]
    assert (await call(client, "editMessageText", chat_id=chat["id"], message_id=mid, text="b"))[
        0
    ] == 200
    theirs = bot.message(chat, user, "hello")["message_id"]
    status, body = await call(
        client, "editMessageText", chat_id=chat["id"], message_id=theirs, text="x"
    )
    assert status == 400


async def test_messages_older_than_48_hours_cannot_be_deleted(api):
    _, bot, client, user, chat = api
    old = bot.message(chat, user, "old", date=1)["message_id"]
    status, body = await call(client, "deleteMessage", chat_id=chat["id"], message_id=old)
    assert (status, body["description"]) == (400, "Bad Request: message can't be deleted")


def test_the_html_parser_counts_utf16_and_entities():
    parsed = parse_html("😀 <b>&amp;</b>")
    assert parsed.text == "😀 &" and parsed.entities == [
        {"type": "bold", "offset": 3, "length": 1}
    ]
    with pytest.raises(ParseError):
        parse_html("<a>x</a>&bogus;")


def test_no_test_can_reach_the_internet():
    with socket.socket() as sock, pytest.raises(InternetBlocked):
        sock.connect(("1.1.1.1", 443))


# --- forum topics and copies (the caseworkers' hand-off) --------------------------------


async def test_topics_exist_only_in_forums_and_refuse_messages_once_closed(api):
    _, bot, client, user, chat = api
    bot.group_chat(-100501, title="Plain group")
    forum = bot.forum(-100502)
    status, body = await call(client, "createForumTopic", chat_id=-100501, name="TB-1")
    assert (status, body["description"]) == (400, "Bad Request: the chat is not a forum")
    status, body = await call(client, "createForumTopic", chat_id=forum["id"], name="TB-1")
    assert status == 200
    thread = body["result"]["message_thread_id"]
    ok = await call(
        client, "sendMessage", chat_id=forum["id"], message_thread_id=thread, text="hi"
    )
    assert ok[0] == 200 and ok[1]["result"]["message_thread_id"] == thread
    assert ok[1]["result"]["is_topic_message"] is True
    status, body = await call(
        client, "sendMessage", chat_id=forum["id"], message_thread_id=thread + 99, text="x"
    )
    assert (status, body["description"]) == (400, "Bad Request: message thread not found")
    assert (
        await call(
            client, "editForumTopic", chat_id=forum["id"], message_thread_id=thread, name="🆘 TB-1"
        )
    )[0] == 200
    assert bot.topic(forum["id"], thread)["name"] == "🆘 TB-1"
    assert (await call(client, "closeForumTopic", chat_id=forum["id"], message_thread_id=thread))[
        0
    ] == 200
    status, body = await call(
        client, "sendMessage", chat_id=forum["id"], message_thread_id=thread, text="x"
    )
    assert (status, body["description"]) == (400, "Bad Request: TOPIC_CLOSED")
    status, body = await call(
        client, "closeForumTopic", chat_id=forum["id"], message_thread_id=thread
    )
    assert (status, body["description"]) == (400, "Bad Request: TOPIC_NOT_MODIFIED")


async def test_a_copy_carries_the_content_and_never_the_sender(api):
    _, bot, client, user, chat = api
    forum = bot.forum(-100503)
    _, body = await call(client, "createForumTopic", chat_id=forum["id"], name="TB-2")
    thread = body["result"]["message_thread_id"]
    voice = {"file_id": "v1", "file_unique_id": "uv1", "duration": 3}
    source = bot.message(chat, user, None, voice=voice)
    status, body = await call(
        client,
        "copyMessage",
        chat_id=forum["id"],
        from_chat_id=chat["id"],
        message_id=source["message_id"],
        message_thread_id=thread,
        caption="<b>From the person</b>",
        parse_mode="HTML",
    )
    assert status == 200
    copy = bot.account.message(forum["id"], body["result"]["message_id"])
    assert copy["voice"] == voice and copy["caption"] == "From the person"
    assert copy["from"]["id"] == bot.account.me["id"] and "forward_origin" not in copy
    assert copy["message_thread_id"] == thread
    status, body = await call(
        client, "copyMessage", chat_id=forum["id"], from_chat_id=chat["id"], message_id=999
    )
    assert (status, body["description"]) == (400, "Bad Request: message to copy not found")


async def test_the_group_limit_answers_429_with_retry_after(api):
    _, bot, client, _, _ = api
    forum = bot.forum(-100504)
    bot.limit_groups(per_minute=3, window=2.0)
    for _ in range(3):
        assert (await call(client, "sendMessage", chat_id=forum["id"], text="x"))[0] == 200
    status, body = await call(client, "sendMessage", chat_id=forum["id"], text="x")
    assert status == 429 and body["parameters"]["retry_after"] >= 1
