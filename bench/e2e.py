"""End-to-end benchmark: the Telegram bot through the fake Bot API, beside a bare PTB echo bot.

    .venv/bin/python bench/e2e.py             # 20 s of paced load per rate and configuration
    .venv/bin/python bench/e2e.py --seconds 10

The fake Bot API server runs in its own process (``tests.telegram.fakeapi.serve``) and
timestamps everything on its own clock: when a message was pushed, when each reply
arrived. For every configuration:

- paced: 100 chats, 10 and then 30 messages/s in all, real held-out questions in English
  and French; reply latency p50/p95/p99 (push → first reply);
- burst: 300 messages from 60 chats at once; replies/s, latency, and replies lost.

Configurations: the bare PTB echo bot (PTB's Updater, default settings: the floor), our
bot in this process (its NLU process beside it), each with the AIORateLimiter on and off;
then ``python -m bot run`` as its own process (as deployed): when it answers ``/start``
and when it first understands free text, the same loads, the memory of the bot and of its
NLU process, and a SIGKILL of the NLU process under load (every message still answered?).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import AIORateLimiter, Application, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.config import Secret, Settings  # noqa: E402
from bot.engine import ChatState, EngineSettings, Text  # noqa: E402
from bot.services import Services, load_services  # noqa: E402
from bot.storage import MemoryPreferences, NullRecorder  # noqa: E402
from bot.telegram.runner import serve  # noqa: E402
from bot.telegram.speedups import skip_missing_sniffio  # noqa: E402
from bot.telegram.tuning import Tuning  # noqa: E402
from tests.nlu_data import read_examples  # noqa: E402

CHATS, RATES = 100, (10.0, 30.0)
BURST, BURST_CHATS = 300, 60
BURST_WAIT = 90.0
DEGRADED = ("cannot read messages", "ne peux pas lire")


@dataclasses.dataclass
class Result:
    name: str
    paced: dict[float, dict[str, float]]  # by rate (messages a second)
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


Texts = dict[str, list[str]]  # one-reply questions by language


async def questions(services: Services) -> Texts:
    """Held-out questions that get exactly one reply (so replies match messages)."""
    found = []
    for lang in ("en", "fr"):
        examples = read_examples([ROOT / "tests" / "nlu" / f"{lang}.yml"])
        for texts in examples.values():
            found += [(lang, text) for text in texts]
    random.Random(7).shuffle(found)

    kept: Texts = {"en": [], "fr": []}
    for lang, text in found:
        turn = await services.engine.handle(ChatState(lang=lang), Text(text))
        if len(turn.replies) == 1:
            kept[lang].append(text)
    return kept


async def paced(
    client: httpx.AsyncClient,
    token: str,
    texts: Texts,
    seconds: float,
    base_chat: int,
    rate: float,
) -> None:
    total = int(seconds * rate)
    started = time.monotonic()
    for i in range(total):
        delay = started + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        chat = base_chat + i % CHATS
        lang, text = text_for(texts, chat, i)
        message = {"chat_id": chat, "text": text, "language_code": lang}
        await client.post(f"{token}/push", json={"messages": [message]})


def text_for(texts: dict[str, list[str]], chat: int, i: int) -> tuple[str, str]:
    """The ``i``-th question for ``chat``, always in the chat's own language.

    A chat that switched language mid-way would get a second reply ("switched to
    French"), and replies would no longer pair with messages.
    """
    lang = ("en", "fr")[chat % 2]
    return lang, texts[lang][i % len(texts[lang])]


async def burst(client: httpx.AsyncClient, token: str, texts: Texts, base_chat: int) -> None:
    messages = []
    for i in range(BURST):
        chat = base_chat + i % BURST_CHATS
        lang, text = text_for(texts, chat, i * 7)
        messages.append({"chat_id": chat, "text": text, "language_code": lang})
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
    client: httpx.AsyncClient, token: str, texts: Texts, seconds: float, base: int
) -> tuple[dict[float, dict[str, float]], dict[str, float]]:
    paced_result = {}
    for n, rate in enumerate(RATES):
        chats = range(base + n * 1000, base + n * 1000 + CHATS)
        await paced(client, token, texts, seconds, chats.start, rate)
        log = await wait_for_replies(client, token, chats, int(seconds * rate), 30)
        paced_result[rate] = measure(log, chats)
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


async def run_echo(server: FakeServer, texts: Texts, seconds: float, limiter: bool) -> Result:
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
    texts: Texts,
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
    name = f"our bot (this process + NLU), limiter {'on' if limiter else 'off'}"
    return Result(name, paced_result, burst_result)


@dataclasses.dataclass
class Deployed:
    """What ``python -m bot run`` did as its own process."""

    result: Result
    first_start_s: float
    understood_s: float
    bot_rss_mb: float
    bot_peak_mb: float
    nlu_rss_mb: float
    tensorflow_in_bot: bool
    crash: dict[str, float]


async def run_process(server: FakeServer, texts: Texts, seconds: float) -> Deployed:
    """``python -m bot run`` as deployed: start-up, loads, memory, the NLU process killed."""
    async with server.control() as client:
        token = await new_token(client)
        port = free_port()
        env = dict(
            os.environ,
            TELEGRAM_BOT_TOKEN=token,
            TELEGRAM_API_BASE_URL=server.base_url,
            DATABASE_URL="sqlite:///" + os.path.join(_tmp(), "bench.sqlite3"),
            DATA_DIR=_tmp(),
            HEALTH_PORT=str(port),
            LOG_LEVEL="WARNING",
        )
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env)
        try:
            start = {"chat_id": 1, "text": "/start", "language_code": "en"}
            await client.post(f"{token}/push", json={"messages": [start]})
            await wait_for_replies(client, token, range(1, 2), 1, 60)
            first_start = time.monotonic() - started
            understood = await first_understood(client, token, started)
            result = Result(
                "python -m bot run (own process, limiter on)",
                *await run_loads(client, token, texts, seconds, 300_000),
            )
            nlu_pid = child_of(process.pid)
            bot_rss, nlu_rss = _vm(process.pid, "VmRSS"), _vm(nlu_pid, "VmRSS")
            tensorflow = "tensorflow" in Path(f"/proc/{process.pid}/maps").read_text()
            crash = await nlu_crash(client, token, texts, port, nlu_pid)
            peak = _vm(process.pid, "VmHWM")
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(60)
    return Deployed(result, first_start, understood, bot_rss, peak, nlu_rss, tensorflow, crash)


async def first_understood(client: httpx.AsyncClient, token: str, started: float) -> float:
    """Seconds from start until a question gets its answer rather than the menu."""
    for chat in range(2, 2000):
        question = {"chat_id": chat, "text": "is the return free?", "language_code": "en"}
        await client.post(f"{token}/push", json={"messages": [question]})
        log = await wait_for_replies(client, token, range(chat, chat + 1), 1, 30)
        texts = [text for c, text in log.get("texts", []) if c == chat]
        if any("Is it free?" in text for text in texts):
            return time.monotonic() - started
        await asyncio.sleep(0.5)
    raise RuntimeError("free text was never understood")


async def nlu_crash(
    client: httpx.AsyncClient, token: str, texts: Texts, port: int, pid: int
) -> dict[str, float]:
    """10 messages/s for 15 s; the NLU process is killed after 3 s. Lost and degraded replies."""
    base, seconds, rate = 500_000, 15.0, 10.0
    chats = range(base, base + CHATS)
    load = asyncio.create_task(paced(client, token, texts, seconds, base, rate))
    await asyncio.sleep(3)
    killed = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as health:
        # First the bot notices the death (until then /healthz still says "up"), then
        # the restarted process loads its models.
        for wanted_up in (False, True):
            while ((await health.get("/healthz")).json()["nlu"] == "up") != wanted_up:
                await asyncio.sleep(0.05)
        back = time.monotonic() - killed
    await load
    log = await wait_for_replies(client, token, chats, int(seconds * rate), 30)
    stats = measure(log, chats)
    replies = [text for chat, text in log.get("texts", []) if chat in chats]
    degraded = sum(any(d in text for d in DEGRADED) for text in replies)
    return {
        "messages": stats["messages"],
        "lost": stats["lost"],
        "degraded": degraded,
        "back_s": back,
    }


def child_of(pid: int) -> int:
    """The pid of ``pid``'s child process (the NLU process)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                return int(entry.name)
    raise RuntimeError("the bot has no NLU process")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _vm(pid: int, field: str) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(rf"{field}:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else float("nan")


def _tmp() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="bench-e2e-")


# --- report ----------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    rates = " | ".join(f"{f'{r:.0f} msg/s p50':>13} {'p99':>6}" for r in RATES)
    head = (
        f"{'configuration':<46} | {rates} {'lost':>4} | "
        f"{'burst p50':>9} {'p99':>8} {'replies/s':>9} {'lost':>4}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        paced = " | ".join(
            f"{r.paced[rate]['p50']:>11.0f}ms {r.paced[rate]['p99']:>4.0f}ms" for rate in RATES
        )
        lost = sum(r.paced[rate]["lost"] for rate in RATES)
        lines.append(
            f"{r.name:<46} | {paced} {lost:>4.0f} | {r.burst['p50']:>7.0f}ms "
            f"{r.burst['p99']:>6.0f}ms {r.burst['per_s']:>9.1f} {r.burst['lost']:>4.0f}"
        )
    return "\n".join(lines)


async def run_all(args: argparse.Namespace) -> tuple[list[Result], Deployed | None]:
    skip_missing_sniffio()  # the echo floor gets the same HTTP fix as our bot
    started = time.monotonic()
    # A data folder of its own: update ids already answered are noted there.
    settings = Settings.from_env({"HEALTH_PORT": "0", "DATA_DIR": _tmp()})
    services = load_services(settings, EngineSettings())
    await services.understand(300)
    texts = await questions(services)
    print(
        f"NLU process ready in {time.monotonic() - started:.1f} s; "
        f"{len(texts['en'])} + {len(texts['fr'])} one-reply questions (en + fr)"
    )
    print(
        f"paced: {CHATS} chats at {', '.join(f'{r:.0f}' for r in RATES)} msg/s for "
        f"{args.seconds:.0f} s each; burst: {BURST} messages from {BURST_CHATS} chats at once\n"
    )
    results: list[Result] = []
    deployed = None
    with FakeServer() as server:
        for limiter in (False, True):
            results.append(await run_echo(server, texts, args.seconds, limiter))
            print(f"done: {results[-1].name}", flush=True)
            results.append(await run_ours(server, services, texts, args.seconds, limiter))
            print(f"done: {results[-1].name}", flush=True)
        await services.close()
        if not args.skip_process:
            deployed = await run_process(server, texts, args.seconds)
            results.append(deployed.result)
    return results, deployed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="paced load per rate")
    parser.add_argument("--skip-process", action="store_true", help="no `python -m bot run`")
    args = parser.parse_args()
    started = time.monotonic()
    results, deployed = asyncio.run(run_all(args))
    print(table(results))
    print()
    for limiter in ("off", "on"):
        floor = next(r for r in results if r.name.startswith("PTB echo") and limiter in r.name)
        ours = next(r for r in results if r.name.startswith("our bot") and limiter in r.name)
        ratios = ", ".join(
            f"{rate:.0f} msg/s {ours.paced[rate]['p50']:.0f} vs {floor.paced[rate]['p50']:.0f} ms "
            f"({ours.paced[rate]['p50'] / floor.paced[rate]['p50']:.2f}x)"
            for rate in RATES
        )
        print(f"reply p50, ours vs the echo floor, rate limiter {limiter}: {ratios}")
    if deployed:
        crash = deployed.crash
        print(
            f"python -m bot run: first /start answered {deployed.first_start_s:.1f} s after "
            f"start; free text understood {deployed.understood_s:.1f} s after start\n"
            f"memory: the bot {deployed.bot_rss_mb:.0f} MB (peak {deployed.bot_peak_mb:.0f} MB), "
            f"its NLU process {deployed.nlu_rss_mb:.0f} MB, together "
            f"{deployed.bot_rss_mb + deployed.nlu_rss_mb:.0f} MB; TensorFlow in the bot's "
            f"process: {'yes' if deployed.tensorflow_in_bot else 'no'}\n"
            f"NLU process killed under 10 msg/s: {crash['messages']:.0f} messages, "
            f"{crash['lost']:.0f} unanswered, {crash['degraded']:.0f} answered with the menu; "
            f"understanding again {crash['back_s']:.1f} s after the kill"
        )
    print(f"(benchmark took {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
