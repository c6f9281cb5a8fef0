"""``python -m bot run`` as a process: clear errors for a missing or refused token, and a
SIGTERM that answers every update already fetched before exiting 0."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time

import httpx
import pytest
import pytest_asyncio

from tests.telegram.fakeapi import FakeTelegram
from tests.telegram.harness import Person

pytestmark = pytest.mark.asyncio(loop_scope="module")
TOKEN = "7300001:run-test-token"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def api_server():
    async with FakeTelegram() as server:
        server.add_bot(TOKEN)
        yield server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp_path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        DATA_DIR=str(tmp_path),
        HEALTH_PORT=str(free_port()),
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        PREFERENCE_KEY="k" * 32,
        LOG_LEVEL="INFO",
    )
    env.update(values)
    return env


async def bot_process(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def health(env: dict[str, str]) -> dict:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{env['HEALTH_PORT']}/healthz", timeout=5)
        return response.json()


async def understanding(env: dict[str, str], timeout: float = 180.0) -> None:
    """Wait until the bot's NLU process has loaded its models (its /healthz says so)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (await health(env))["nlu"] == "up":
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError("the NLU process was not up in time")


async def finished(process, timeout=60.0) -> tuple[int, str]:
    _, err = await asyncio.wait_for(process.communicate(), timeout)
    return process.returncode, err.decode()


async def test_a_missing_token_is_a_clear_error(tmp_path):
    code, err = await finished(await bot_process(environment(tmp_path)), 30)
    assert code == 2 and "TELEGRAM_BOT_TOKEN is not set" in err
    assert "Traceback" not in err


async def test_a_refused_token_is_a_clear_error(api_server, tmp_path):
    env = environment(
        tmp_path, TELEGRAM_BOT_TOKEN="1:refused", TELEGRAM_API_BASE_URL=api_server.base_url
    )
    started = time.monotonic()
    code, err = await finished(await bot_process(env), 30)
    assert code == 2 and "Telegram refused TELEGRAM_BOT_TOKEN" in err
    assert "1:refused" not in err, "the token never prints"
    assert time.monotonic() - started < 20, "before loading the models"


async def test_webhook_mode_needs_its_secret(api_server, tmp_path):
    env = environment(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api_server.base_url,
        WEBHOOK_URL="https://bot.example.org/hook",
    )
    code, err = await finished(await bot_process(env), 30)
    assert code == 2 and "WEBHOOK_SECRET is required" in err


async def test_sigterm_answers_everything_fetched_then_exits_0(api_server, tmp_path, nlu):
    api = api_server.bot(TOKEN)
    env = environment(
        tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api_server.base_url
    )
    process = await bot_process(env)
    try:
        await api.wait_for(lambda c: c.method == "getUpdates", timeout=120)
        await understanding(env)
        amina = Person(api, language_code="en", username="amina_secret_name")
        reply = await amina.say("my text is zanzibar-7731, is the return free?")
        assert "Is it free?" in reply.text

        people = [Person(api, language_code=code) for code in ("en", "fr", "fr")]
        gate = api.hold("sendMessage")
        since = len(api.calls)
        fetched = [api.push_message(p.chat, p.user, "/menu") for p in people]
        await api.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == people[-1].id)
        await _held(api, since, 3)
        process.send_signal(signal.SIGTERM)
        await asyncio.sleep(0.3)
        api.release("sendMessage")
        gate.set()
        code, err = await finished(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert code == 0, err[-2000:]
    assert all(u in api.account.confirmed for u in fetched), "confirmed after handling"
    for person in people:
        assert [c for c in api.sent_to(person.id, since) if c.method == "sendMessage" and c.ok]
    for secret in ("zanzibar", str(amina.id), "amina_secret_name", TOKEN.split(":")[1]):
        assert secret not in err, f"{secret!r} in the logs"


# Texts that start with "/" but are no command (Rasa's intent-trigger syntax), which made
# Rasa print the whole text in a warning; and the words that must never be printed.
SLASH_TEXTS = {
    "/ écris-moi à nadia.k77@mail.com": ("nadia", "mail.com", "écris"),
    "/مرحبا أريد العودة {": ("مرحبا", "العودة"),
    "/avr_cost@1.0{ mon numéro 0612345 }": ("0612345", "numéro"),
}
CAPTION = "/start mon nom est Kofi Mensah {"


async def test_no_message_text_reaches_any_stream(api_server, tmp_path, nlu):
    api = api_server.bot(TOKEN)
    env = environment(
        tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api_server.base_url
    )
    process = await bot_process(env)
    try:
        await api.wait_for(lambda c: c.method == "getUpdates", timeout=120)
        await understanding(env)
        person = Person(api, language_code="fr")
        for text in SLASH_TEXTS:
            reply = await person.say(text)
            assert reply.texts, f"no reply to {text!r}"
        photo = [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]
        reply = await person.send(photo=photo, caption=CAPTION)
        assert reply.texts
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    written = (out + err).decode("utf-8", "replace")
    for words in [*SLASH_TEXTS.values(), ("Kofi", "Mensah", "mon nom")]:
        for word in words:
            assert word not in written, f"{word!r} reached the output:\n{written[-3000:]}"
    assert "Failed to parse arguments" not in written


async def _held(api, since, count):
    for _ in range(500):
        if len([c for c in api.calls[since:] if c.method == "sendMessage"]) >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the replies never reached the server")
