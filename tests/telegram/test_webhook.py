"""Webhook mode: the secret is checked (403 without it), an update is answered before
Telegram gets its 200, and /healthz says whether the bot runs."""

from __future__ import annotations

import asyncio
import json
import socket

import httpx
import pytest
import pytest_asyncio

from bot.config import Secret
from bot.storage import MemoryPreferences
from bot.telegram.runner import serve
from tests.telegram.harness import TEST_TUNING, ListRecorder, Person, make_services, new_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")
SECRET = "s3cret-Token_1"
HOOK = "https://bot.example.org/tg/hook"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def hook(fake, settings, content, catalogs, nlu):
    port = free_port()
    own = new_bot(
        fake, settings, webhook_url=HOOK, webhook_secret=Secret(SECRET), webhook_port=port
    )
    api = fake.bot(own.telegram_token.reveal())
    services = make_services(own, content, catalogs, nlu)
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(own, services, ListRecorder(), MemoryPreferences(), stop, TEST_TUNING)
    )
    await api.wait_for(lambda c: c.method == "setWebhook" and c.ok)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        yield api, client, stop, task
    stop.set()
    await asyncio.wait_for(task, 10)


def update(api, person: Person, text: str) -> dict:
    message = api.message(person.chat, person.user, text)
    return {"update_id": 900_000 + message["message_id"], "message": message}


async def test_the_webhook_is_registered_with_its_secret(hook):
    api, *_ = hook
    assert api.account.webhook["url"] == HOOK
    assert api.account.webhook["secret_token"] == SECRET
    assert set(api.account.webhook["allowed_updates"]) >= {"message", "callback_query"}


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}])
async def test_a_request_without_the_secret_is_refused_403(hook, headers):
    api, client, *_ = hook
    person = Person(api, language_code="en")
    since = len(api.calls)
    response = await client.post("/tg/hook", json=update(api, person, "/start"), headers=headers)
    assert response.status_code == 403
    await asyncio.sleep(0.1)
    assert not api.sent_to(person.id, since), "nothing handled"


async def test_an_update_is_answered_before_telegram_gets_its_200(hook):
    api, client, *_ = hook
    person = Person(api, language_code="fr")
    since = len(api.calls)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    response = await client.post("/tg/hook", json=update(api, person, "/start"), headers=headers)
    assert response.status_code == 200
    texts = [c.result["text"] for c in api.sent_to(person.id, since) if c.ok]
    assert any("Bienvenue" in t for t in texts), "handled before the answer"


async def test_garbage_with_the_secret_is_a_400_not_a_crash(hook):
    _, client, *_ = hook
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    response = await client.post("/tg/hook", content=b"{not json", headers=headers)
    assert response.status_code == 400
    health = await client.get("/healthz")
    assert health.status_code == 200


async def test_json_nested_too_deep_is_a_400(hook):
    _, client, *_ = hook
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    deep = b"[" * 100_000 + b"]" * 100_000
    response = await client.post("/tg/hook", content=deep, headers=headers)
    assert response.status_code in (400, 413)


async def test_a_huge_body_is_refused_and_never_read_without_the_secret(hook):
    _, client, *_ = hook
    big = b"x" * (5 * 1024 * 1024)
    try:  # refused before its body is read: the server may close while it still sends
        anonymous = await client.post("/tg/hook", content=big)
        assert anonymous.status_code in (403, 413)
    except httpx.TransportError:
        pass
    try:
        with_secret = await client.post(
            "/tg/hook", content=big, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        )
        assert with_secret.status_code == 413
    except httpx.TransportError:
        pass
    assert (await client.get("/healthz")).status_code == 200


async def test_idle_connections_do_not_block_telegram_or_health(hook):
    from bot.telegram import webhook

    _, client, *_ = hook
    port = client.base_url.port
    idle = []
    for _ in range(webhook.MAX_CONNECTIONS + 20):  # more than the cap: the oldest are closed
        idle.append(await asyncio.open_connection("127.0.0.1", port))
    await asyncio.sleep(0.3)
    try:
        started = asyncio.get_running_loop().time()
        health = await client.get("/healthz", timeout=5)
        assert health.status_code == 200
        assert asyncio.get_running_loop().time() - started < 1.0, "answered at once"
    finally:
        for _reader, writer in idle:
            writer.close()


async def test_an_update_from_a_newer_bot_api_is_skipped_not_resent_forever(hook):
    _, client, *_ = hook
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    poll = {"id": "p1", "question": "?", "options": [], "total_voter_count": 0}
    response = await client.post("/tg/hook", json={"update_id": 5, "poll": poll}, headers=headers)
    assert response.status_code == 200


async def test_health_and_metrics_are_on_the_webhook_server_too(hook):
    api, client, *_ = hook
    response = await client.get("/healthz")
    health = json.loads(response.text)
    assert response.status_code == 200 and health["ok"] is True and health["nlu"] == "up"
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200 and "pathways_nlu_up 1.0" in metrics.text
    assert not [c for c in api.calls if c.method == "getUpdates"], "no polling in webhook mode"


async def test_stopping_closes_the_server(hook):
    _, client, stop, task = hook
    stop.set()
    await asyncio.wait_for(task, 10)
    with pytest.raises(httpx.ConnectError):
        await client.get("/healthz")


async def test_set_webhook_is_tried_again_while_telegram_cannot_be_reached(fake, settings):
    from telegram import Bot

    from bot.telegram.runner import _set_webhook

    own = new_bot(fake, settings)
    api = fake.bot(own.telegram_token.reveal())
    api.fail("setWebhook", 502, times=2)
    bot = Bot(own.telegram_token.reveal(), base_url=own.api_base_url)

    class App:
        pass

    app = App()
    app.bot = bot
    async with bot:
        await asyncio.wait_for(_set_webhook(app, HOOK, SECRET, asyncio.Event()), 15)
    assert [c.status for c in api.calls if c.method == "setWebhook"] == [502, 502, 200]
