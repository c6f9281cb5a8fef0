"""``/healthz`` and ``/metrics`` in polling mode (the webhook server serves them too: see
test_webhook.py): what operators see, with the NLU process up and without it, and never
an id or a person's words."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from bot.engine import Engine, EngineSettings
from bot.nlu import NluProcess
from bot.services import Services
from bot.storage import MemoryPreferences
from bot.telegram.runner import serve
from tests.privacy import holds_id
from tests.telegram.harness import TEST_TUNING, ListRecorder, Person, make_services, new_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@asynccontextmanager
async def polling(fake, settings, services: Services, folder) -> AsyncIterator[tuple]:
    """``serve`` in polling mode, as ``bot run`` does, with its health server on a free port."""
    port = free_port()
    own = new_bot(fake, settings, health_port=port, data_dir=folder)
    api = fake.bot(own.telegram_token.reveal())
    stop = asyncio.Event()
    recorder = ListRecorder()
    task = asyncio.create_task(
        serve(own, services, recorder, MemoryPreferences(), stop, TEST_TUNING)
    )
    await api.wait_for(lambda c: c.method == "getUpdates")
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
        try:
            yield api, client
        finally:
            stop.set()
            await asyncio.wait_for(task, 10)


def metric(text: str, name: str, labels: str = "") -> float:
    pattern = rf"^{re.escape(name)}{re.escape(labels)} (\S+)$"
    found = re.search(pattern, text, re.M)
    assert found, f"{name}{labels} not in /metrics"
    return float(found.group(1))


async def test_health_and_metrics_with_the_nlu_up(
    fake, settings, content, catalogs, nlu, tmp_path
):
    services = make_services(settings, content, catalogs, nlu)
    async with polling(fake, settings, services, tmp_path) as (api, client):
        person = Person(api, language_code="en", username="kwame_private")
        await person.say("/start")
        reply = await person.say("is the return free? my number is 0612345678")
        assert "Is it free?" in reply.text

        health = (await client.get("/healthz")).json()
        assert health["ok"] is True and health["nlu"] == "up"
        assert set(health["models"]) == {"en", "fr"} and health["database"] == "up"
        assert health["content_version"] == content.version

        response = await client.get("/metrics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/plain")
        text = response.text
        assert metric(text, "pathways_nlu_up") == 1
        assert metric(text, "pathways_updates_total", '{kind="command"}') == 1
        assert metric(text, "pathways_updates_total", '{kind="text"}') == 1
        assert metric(text, "pathways_replies_total") >= 3
        assert metric(text, "pathways_reply_seconds_count") == 2
        assert metric(text, "pathways_degraded_replies_total") == 0
        assert metric(text, "pathways_nlu_resident_memory_bytes") > 50e6
        assert metric(text, "process_resident_memory_bytes") > 10e6
        assert not holds_id(text, person.id) and not holds_id(str(health), person.id)
        for private in ("kwame", "0612345678", "return free"):
            assert private not in text and private not in str(health)


async def test_health_and_metrics_say_when_free_text_is_not_understood(
    fake, settings, content, catalogs, tmp_path
):
    stopped = NluProcess(
        settings.rasa_python, settings.nlu_dir, settings.models_dir, settings.spelling_file
    )
    engine = Engine(content, stopped, catalogs, EngineSettings())
    services = Services(settings, content, catalogs, stopped, engine)
    async with polling(fake, settings, services, tmp_path) as (api, client):
        person = Person(api, language_code="fr")
        reply = await person.say("c'est gratuit le retour ?")
        assert reply.buttons, "the menu, with its buttons"
        reply = await person.say("au secours le bateau coule")
        assert "+" in reply.text or "112" in reply.text, "danger words never needed the NLU"

        response = await client.get("/healthz")
        assert response.status_code == 200, "people still get answers"
        assert response.json()["nlu"] != "up"
        text = (await client.get("/metrics")).text
        assert metric(text, "pathways_nlu_up") == 0
        assert metric(text, "pathways_degraded_replies_total") == 1
