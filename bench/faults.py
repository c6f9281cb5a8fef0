"""Fault benchmark: one user or one fault never stops the bot for everyone.

    .venv/bin/python bench/faults.py             # about 3 minutes (a 60 s partition)
    .venv/bin/python bench/faults.py --quick     # shorter waits (a 15 s partition)

The real application, engine and models against the fake Bot API, in this process;
PostgreSQL (TEST_DATABASE_URL, default the local server) behind a TCP proxy that can
drop every packet. Each scenario prints what it measured:

- group flood: 150 commands in a group while 10 private chats write at 2 msg/s;
- database partition: packets to PostgreSQL dropped, chats write meanwhile; then the
  time a clean stop takes while the partition lasts;
- one chat under a 30 s 429: the other chats' replies;
- 8 anonymous 95 MB bodies to the webhook: the process's memory growth;
- 1,100 idle connections to the webhook: /healthz and a real update meanwhile;
- a crash (every task killed) with 8 queued messages in each of 20 chats, then a
  restart: messages left unanswered, answered twice;
- 12 messages written calmly while the bot was down: how many are answered.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import httpx  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.config import Secret, Settings  # noqa: E402
from bot.db.preferences import open_preferences  # noqa: E402
from bot.engine import EngineSettings  # noqa: E402
from bot.services import load_services  # noqa: E402
from bot.stats.recorder import open_recorder  # noqa: E402
from bot.telegram.app import ALLOWED_UPDATES, build_application  # noqa: E402
from bot.telegram.handled import HandledLog  # noqa: E402
from bot.telegram.lifecycle import running  # noqa: E402
from bot.telegram.polling import Poller  # noqa: E402
from bot.telegram.runner import serve  # noqa: E402
from bot.telegram.tuning import Tuning  # noqa: E402
from tests.stats.proxy import Proxy  # noqa: E402
from tests.telegram.fakeapi import FakeTelegram  # noqa: E402
from tests.telegram.harness import (  # noqa: E402
    ListRecorder,
    Person,
    bot_settings,
    new_bot,
    serving,
)

TUNING = Tuning(poll_timeout=10, watch_content=False)
ROWS: list[tuple[str, str, str]] = []


def row(scenario: str, figure: str, target: str) -> None:
    ROWS.append((scenario, figure, target))
    print(f"  {scenario}: {figure}", flush=True)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def first_reply_after(api, person: Person, pushed: float, timeout: float = 60) -> float:
    call = await api.wait_for(
        lambda c: c.chat_id == person.id and c.method == "sendMessage" and c.ok and c.at >= pushed,
        timeout,
    )
    return call.at - pushed


async def private_latencies(api, people: list[Person], seconds: float, rate: float) -> list[float]:
    """Each person writes in turn (``rate`` messages a second in all); reply latencies."""
    waits: list[asyncio.Task[float]] = []
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        person = people[i % len(people)]
        pushed = time.monotonic()
        api.push_message(person.chat, person.user, "/menu")
        waits.append(asyncio.create_task(first_reply_after(api, person, pushed)))
        i += 1
        await asyncio.sleep(1 / rate)
    return list(await asyncio.gather(*waits))


async def group_flood(fake, base, services) -> None:
    settings = new_bot(fake, base)
    api = fake.bot(settings.telegram_token.reveal())
    group = api.group_chat(-300001)
    flooder = {"id": 40_001, "is_bot": False, "first_name": "F", "language_code": "en"}
    async with serving(fake, services, settings, tuning=TUNING):
        people = [Person(api, "en") for _ in range(10)]
        for _ in range(150):
            api.push_message(group, flooder, "/start@PathwaysTestBot")
        latencies = await private_latencies(api, people, 20, 2.0)
        pointers = [c for c in api.calls if c.chat_id == group["id"] and c.method == "sendMessage"]
    row(
        "group flood (150) + 10 private chats at 2 msg/s",
        f"private p99 {p99(latencies):.2f} s; {len(pointers)} pointer(s) to the group",
        "p99 ≤ 2 s",
    )


async def partition(fake, base, services, pg_url: str, seconds: float) -> None:
    target = make_url(pg_url)
    proxy = Proxy((target.host or "127.0.0.1", target.port or 5432))
    via = make_url(pg_url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    settings = new_bot(fake, base, database_url=via, preference_key=Secret("p" * 32))
    api = fake.bot(settings.telegram_token.reveal())
    recorder, prefs = open_recorder(settings, interval=1.0), open_preferences(settings)
    people = [Person(api, "en") for _ in range(10)]
    stop_took = float("nan")
    try:
        ctx = serving(
            fake, services, settings, recorder=recorder, preferences=prefs, tuning=TUNING
        )
        bot = await ctx.__aenter__()
        for person in people:
            await person.say("/start")
        proxy.partition()
        latencies = await private_latencies(api, people, seconds, 2.0)
        newcomer = Person(api, "fr")
        pushed = time.monotonic()
        api.push_message(newcomer.chat, newcomer.user, "/start")
        new_chat = await first_reply_after(api, newcomer, pushed)
        started = time.monotonic()
        await ctx.__aexit__(None, None, None)
        stop_took = time.monotonic() - started
        assert bot
    finally:
        proxy.heal()
        prefs.close()  # type: ignore[attr-defined]
        proxy.down()
    row(
        f"database partition ({seconds:.0f} s), chats not touching it",
        f"p99 {p99(latencies):.2f} s; a new chat's first reply {new_chat:.2f} s",
        "p99 ≤ 2 s",
    )
    row(
        "stop during the partition",
        f"{stop_took:.1f} s (in process; `bot run` exits after it)",
        "≤ 10 s",
    )


async def one_chat_429(fake, base, services) -> None:
    settings = new_bot(fake, base)
    api = fake.bot(settings.telegram_token.reveal())
    async with serving(fake, services, settings, tuning=TUNING):
        slow = Person(api, "en")
        people = [Person(api, "fr") for _ in range(20)]
        api.fail("sendMessage", 429, retry_after=30)
        api.push_message(slow.chat, slow.user, "/menu")
        await api.wait_for(lambda c: c.status == 429)
        latencies = await private_latencies(api, people, 10, 4.0)
    row(
        "one chat under a 30 s 429, 20 other chats",
        f"others p99 {p99(latencies):.2f} s",
        "p99 ≤ 2 s",
    )


SEND_BODIES = """
import sys, httpx
body = b"x" * (95 * 1024 * 1024)
with httpx.Client(base_url=f"http://127.0.0.1:{sys.argv[1]}", timeout=60) as client:
    for _ in range(8):
        try:
            client.post("/hook", content=body)
        except httpx.TransportError:
            pass
"""


async def webhook_attacks(fake, base, services) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = new_bot(
        fake,
        base,
        webhook_url="https://bot.example.org/hook",
        webhook_secret=Secret("s3cret"),
        webhook_port=port,
    )
    api = fake.bot(settings.telegram_token.reveal())
    stop = asyncio.Event()
    from bot.storage import MemoryPreferences

    task = asyncio.create_task(
        serve(settings, services, ListRecorder(), MemoryPreferences(), stop, TUNING)
    )
    await api.wait_for(lambda c: c.method == "setWebhook" and c.ok)
    before = rss_mb()
    # Sent from another process, so that only the server's memory is measured here.
    sender = await asyncio.create_subprocess_exec(sys.executable, "-c", SEND_BODIES, str(port))
    await sender.wait()
    growth = rss_mb() - before
    row("8 anonymous 95 MB bodies", f"RSS growth {growth:.0f} MB", "≤ 50 MB")
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        idle = []
        for _ in range(1100):
            with contextlib.suppress(OSError):
                idle.append(await asyncio.open_connection("127.0.0.1", port))
        started = time.monotonic()
        health = await client.get("/healthz")
        health_s = time.monotonic() - started
        person = Person(api, "en")
        message = api.message(person.chat, person.user, "/menu")
        started = time.monotonic()
        answer = await client.post(
            "/hook",
            json={"update_id": 777_001, "message": message},
            headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"},
        )
        update_s = time.monotonic() - started
        for _reader, writer in idle:
            writer.close()
    stop.set()
    await asyncio.wait_for(task, 30)
    row(
        "1,100 idle connections",
        f"/healthz {health.status_code} in {health_s:.2f} s; an update {answer.status_code} "
        f"in {update_s:.2f} s",
        "≤ 1 s",
    )


async def crash(fake, base, services, folder: Path) -> None:
    settings = new_bot(fake, base)
    api = fake.bot(settings.telegram_token.reveal())
    people = [Person(api, "en") for _ in range(20)]
    path = folder / "handled-updates"
    application = build_application(services, ListRecorder(), _memory(), settings, TUNING)
    poller = Poller(application, TUNING.poll_timeout, ALLOWED_UPDATES, HandledLog(path))
    pushed = []
    async with running(application):
        task = asyncio.create_task(poller.run(asyncio.Event()))
        await poller.ready.wait()
        for _ in range(8):
            pushed += [api.push_message(p.chat, p.user, "/menu") for p in people]
        await asyncio.sleep(1.5)  # part of it handled, the rest queued
        for work in [task, *poller.in_flight.values()]:  # SIGKILL
            work.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    async with serving(fake, services, settings, tuning=TUNING, handled=HandledLog(path)):
        for update_id in pushed:
            await api.confirmed(update_id, timeout=120)
    replies = [
        len([c for c in api.calls if c.chat_id == p.id and c.method == "sendMessage" and c.ok])
        for p in people
    ]
    unanswered = sum(max(0, 8 - n) for n in replies)
    doubled = sum(max(0, n - 8) for n in replies)
    row(
        "crash with 8 queued messages in 20 chats, then restart",
        f"{unanswered} unanswered, {doubled} answered twice ({doubled / 160:.1%})",
        "0 unanswered, ≤ 1 % twice",
    )


async def backlog(fake, base, services) -> None:
    settings = new_bot(fake, base)
    api = fake.bot(settings.telegram_token.reveal())
    person = Person(api, "en")
    written = int(time.time()) - 80
    pushed = [
        api.push_message(person.chat, person.user, "/menu", date=written + 6 * i)
        for i in range(12)
    ]
    async with serving(fake, services, settings, tuning=TUNING):
        for update_id in pushed:
            await api.confirmed(update_id, timeout=60)
    answered = [c for c in api.calls if c.chat_id == person.id and c.method == "sendMessage"]
    row("12 messages written while the bot was down", f"{len(answered)} answered", "12")


def _memory():
    from bot.storage import MemoryPreferences

    return MemoryPreferences()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    pg_url = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    folder = Path(tempfile.mkdtemp(prefix="faults-"))
    base = Settings.from_env({"DATA_DIR": str(folder)})
    print("loading the models…", flush=True)
    services = load_services(base, EngineSettings(handoff_enabled=True))
    await services.understand(300)  # the NLU process, with both models
    async with FakeTelegram() as fake:
        base = bot_settings(base, fake)
        await group_flood(fake, base, services)
        await partition(fake, base, services, pg_url, 15 if args.quick else 60)
        await one_chat_429(fake, base, services)
        await webhook_attacks(fake, base, services)
        await crash(fake, base, services, folder)
        await backlog(fake, base, services)
    await services.close()
    print("\n| scenario | measured | target |\n|---|---|---|")
    for scenario, figure, target in ROWS:
        print(f"| {scenario} | {figure} | {target} |")


if __name__ == "__main__":
    asyncio.run(main())
