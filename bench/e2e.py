"""End-to-end benchmark: the Telegram bot through the fake Bot API, beside a bare PTB echo bot.

    .venv/bin/python bench/e2e.py             # 30 s of paced load per configuration
    .venv/bin/python bench/e2e.py --seconds 10

The fake Bot API server runs in its own process (``tests.telegram.fakeapi.serve``) and
timestamps everything on its own clock: when a message was pushed, when each reply
arrived. For every configuration:

- paced: 100 chats, 10 messages/s in all (each chat writes every 10 s), real held-out
  questions in English and French; reply latency p50/p95/p99 (push → first reply);
- burst: 300 messages from 60 chats at once; replies/s, latency, and replies lost.

Configurations: the bare PTB echo bot (PTB's Updater, default settings: the floor), our
bot in this process, each with the AIORateLimiter on and off; then ``python -m bot run``
as its own process (as deployed): time until it answers, the same loads, peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import httpx  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import AIORateLimiter, Application, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.config import Secret, Settings  # noqa: E402
from bot.engine import ChatState, EngineSettings, Text  # noqa: E402
from bot.services import Services, load_services  # noqa: E402
from bot.stats.base import MemoryPreferences, NullRecorder  # noqa: E402
from bot.telegram.runner import serve  # noqa: E402
from bot.telegram.speedups import skip_missing_sniffio  # noqa: E402
from bot.telegram.tuning import Tuning  # noqa: E402
from tests.nlu_data import read_examples  # noqa: E402

CHATS, RATE = 100, 10.0
BURST, BURST_CHATS = 300, 60
BURST_WAIT = 90.0


@dataclasses.dataclass
class Result:
    name: str
    paced: dict[str, float]
    burst: dict[str, float]


# --- the fake server, in its own process ---------------------------------------------


class FakeServer:
    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.port = 0

    def __enter__(self) -> FakeServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.telegram.fakeapi.serve"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline().split()[1])
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(10)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def control(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=f"http://127.0.0.1:{self.port}/_control/", timeout=30)


_tokens = iter(range(8_000_001, 9_000_000))


async def new_token(client: httpx.AsyncClient) -> str:
    token = f"{next(_tokens)}:bench"
    (await client.post("bots", json={"token": token})).raise_for_status()
    return token


# --- load ------------------------------------------------------------------------------


def questions(services: Services) -> list[tuple[str, str]]:
    """Held-out questions that get exactly one reply (so replies match messages)."""
    found = []
    for lang in ("en", "fr"):
        examples = read_examples([ROOT / "tests" / "nlu" / f"{lang}.yml"])
        for texts in examples.values():
            found += [(lang, text) for text in texts]
    random.Random(7).shuffle(found)

    async def single_reply() -> list[tuple[str, str]]:
        kept = []
        for lang, text in found:
            turn = await services.engine.handle(ChatState(lang=lang), Text(text))
            if len(turn.replies) == 1:
                kept.append((lang, text))
        return kept

    return asyncio.run(single_reply())


async def paced(
    client: httpx.AsyncClient,
    token: str,
    texts: list[tuple[str, str]],
    seconds: float,
    base_chat: int,
) -> None:
    total = int(seconds * RATE)
    started = time.monotonic()
    for i in range(total):
        delay = started + i / RATE - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        lang, text = texts[i % len(texts)]
        message = {"chat_id": base_chat + i % CHATS, "text": text, "language_code": lang}
        await client.post(f"{token}/push", json={"messages": [message]})


async def burst(
    client: httpx.AsyncClient, token: str, texts: list[tuple[str, str]], base_chat: int
) -> None:
    messages = []
    for i in range(BURST):
        lang, text = texts[(i * 7) % len(texts)]
        messages.append(
            {"chat_id": base_chat + i % BURST_CHATS, "text": text, "language_code": lang}
        )
    await client.post(f"{token}/push", json={"messages": messages})


async def wait_for_replies(
    client: httpx.AsyncClient, token: str, chats: range, expected: int, timeout: float
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        log = (await client.get(f"{token}/log")).json()
        got = sum(1 for chat, _, status in log["replies"] if chat in chats and status == 200)
        if got >= expected or time.monotonic() > deadline:
            return log
        await asyncio.sleep(0.25)


def measure(log: dict[str, Any], chats: range) -> dict[str, float]:
    """Latency of the k-th reply of a chat against its k-th message; lost ones counted."""
    pushes: dict[int, list[float]] = {}
    replies: dict[int, list[float]] = {}
    for chat, at in log["pushes"]:
        if chat in chats:
            pushes.setdefault(chat, []).append(at)
    for chat, at, status in log["replies"]:
        if chat in chats and status == 200:
            replies.setdefault(chat, []).append(at)
    latencies, lost = [], 0
    for chat, sent in pushes.items():
        got = sorted(replies.get(chat, []))
        for i, at in enumerate(sorted(sent)):
            if i < len(got):
                latencies.append((got[i] - at) * 1000)
            else:
                lost += 1
    first = min(at for sent in pushes.values() for at in sent)
    last = max((at for got in replies.values() for at in got), default=first)
    count = len(latencies)
    return {
        "messages": sum(len(s) for s in pushes.values()),
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "per_s": count / (last - first) if last > first else 0.0,
        "lost": lost,
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def run_loads(
    client: httpx.AsyncClient, token: str, texts: list[tuple[str, str]], seconds: float, base: int
) -> tuple[dict[str, float], dict[str, float]]:
    paced_chats = range(base, base + CHATS)
    await paced(client, token, texts, seconds, base)
    log = await wait_for_replies(client, token, paced_chats, int(seconds * RATE), 30)
    paced_result = measure(log, paced_chats)
    burst_base = base + 10_000
    burst_chats = range(burst_base, burst_base + BURST_CHATS)
    await burst(client, token, texts, burst_base)
    log = await wait_for_replies(client, token, burst_chats, BURST, BURST_WAIT)
    return paced_result, measure(log, burst_chats)


async def wait_until_polling(client: httpx.AsyncClient, token: str) -> None:
    for _ in range(600):
        if (await client.get(f"{token}/log")).json()["polls"]:
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("the bot never polled")


# --- the bots --------------------------------------------------------------------------


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message and update.message.text
    await update.message.reply_text(update.message.text)


async def run_echo(
    server: FakeServer, texts: list[tuple[str, str]], seconds: float, limiter: bool
) -> Result:
    async with server.control() as client:
        token = await new_token(client)
        builder = Application.builder().token(token).base_url(server.base_url)
        if limiter:
            builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
        app = builder.build()
        app.add_handler(MessageHandler(filters.TEXT, echo))
        async with app:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=10)
            paced_result, burst_result = await run_loads(client, token, texts, seconds, 100_000)
            await app.updater.stop()
            await app.stop()
    name = f"PTB echo bot, rate limiter {'on' if limiter else 'off'}"
    return Result(name, paced_result, burst_result)


async def run_ours(
    server: FakeServer,
    services: Services,
    texts: list[tuple[str, str]],
    seconds: float,
    limiter: bool,
) -> Result:
    async with server.control() as client:
        token = await new_token(client)
        settings = dataclasses.replace(
            services.settings, telegram_token=Secret(token), api_base_url=server.base_url
        )
        tuning = Tuning(rate_limiter=limiter, poll_timeout=10, watch_content=False)
        stop = asyncio.Event()
        task = asyncio.create_task(
            serve(settings, services, NullRecorder(), MemoryPreferences(), stop, tuning)
        )
        await wait_until_polling(client, token)
        paced_result, burst_result = await run_loads(client, token, texts, seconds, 200_000)
        stop.set()
        await task
    name = f"our bot (in process), rate limiter {'on' if limiter else 'off'}"
    return Result(name, paced_result, burst_result)


async def run_process(
    server: FakeServer, texts: list[tuple[str, str]], seconds: float
) -> tuple[Result, float, float]:
    """``python -m bot run`` as deployed: ready time, loads, peak RSS (VmHWM)."""
    async with server.control() as client:
        token = await new_token(client)
        env = dict(
            os.environ,
            TELEGRAM_BOT_TOKEN=token,
            TELEGRAM_API_BASE_URL=server.base_url,
            DATABASE_URL="sqlite:///" + os.path.join(_tmp(), "bench.sqlite3"),
            LOG_LEVEL="WARNING",
        )
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env)
        try:
            await client.post(
                f"{token}/push",
                json={"messages": [{"chat_id": 1, "text": "/start", "language_code": "en"}]},
            )
            await wait_for_replies(client, token, range(1, 2), 1, 180)
            ready = time.monotonic() - started
            paced_result, burst_result = await run_loads(client, token, texts, seconds, 300_000)
            peak = _vm_hwm(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(60)
    return (
        Result("python -m bot run (own process, limiter on)", paced_result, burst_result),
        ready,
        peak,
    )


def _vm_hwm(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def _tmp() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="bench-e2e-")


# --- report ----------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    head = (
        f"{'configuration':<46} | {'paced p50':>9} {'p95':>7} {'p99':>7} {'lost':>4} | "
        f"{'burst p50':>9} {'p99':>8} {'replies/s':>9} {'lost':>4}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.name:<46} | {r.paced['p50']:>7.0f}ms {r.paced['p95']:>5.0f}ms "
            f"{r.paced['p99']:>5.0f}ms {r.paced['lost']:>4.0f} | {r.burst['p50']:>7.0f}ms "
            f"{r.burst['p99']:>6.0f}ms {r.burst['per_s']:>9.1f} {r.burst['lost']:>4.0f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="paced load per run")
    parser.add_argument("--skip-process", action="store_true", help="no `python -m bot run`")
    args = parser.parse_args()

    started = time.monotonic()
    skip_missing_sniffio()  # the echo floor gets the same HTTP fix as our bot
    settings = Settings.from_env({})
    services = load_services(settings, EngineSettings())
    load_seconds = time.monotonic() - started
    texts = questions(services)
    print(f"models loaded in {load_seconds:.1f} s; {len(texts)} one-reply questions (en+fr)")
    print(
        f"paced: {CHATS} chats, {RATE:.0f} msg/s for {args.seconds:.0f} s; "
        f"burst: {BURST} messages from {BURST_CHATS} chats at once\n"
    )

    results: list[Result] = []
    extra = ""
    with FakeServer() as server:
        for limiter in (False, True):
            results.append(asyncio.run(run_echo(server, texts, args.seconds, limiter)))
            print(f"done: {results[-1].name}", flush=True)
            results.append(asyncio.run(run_ours(server, services, texts, args.seconds, limiter)))
            print(f"done: {results[-1].name}", flush=True)
        if not args.skip_process:
            result, ready, peak = asyncio.run(run_process(server, texts, args.seconds))
            results.append(result)
            extra = (
                f"python -m bot run: answered its first /start {ready:.1f} s after start; "
                f"peak RSS (VmHWM) {peak:.0f} MB with both models loaded"
            )
    services.close()
    print(table(results))
    print()
    if extra:
        print(extra)
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"this benchmark process (both models, fake clients): peak RSS {own_peak:.0f} MB")
    floor = next(r for r in results if r.name.startswith("PTB echo") and "off" in r.name)
    ours = next(r for r in results if r.name.startswith("our bot") and "off" in r.name)
    print(
        f"paced p50: ours {ours.paced['p50']:.0f} ms vs echo floor {floor.paced['p50']:.0f} ms "
        f"({ours.paced['p50'] / floor.paced['p50']:.1f}x)"
    )
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
