"""Hand-off benchmark: 20 open cases, a caseworkers' group held to Telegram's limit.

    .venv/bin/python bench/handoff.py            # real limits: about 6 minutes
    .venv/bin/python bench/handoff.py --fast     # the group limit's minute shrunk to 6 s

The real bot (engine, models, application) against the fake Bot API, in this process.
The fake refuses more than 20 messages a minute to one group (429 with retry_after), and
the bot's rate limiter paces the group the same way. Twenty people open a case with the
buttons (the cards paced by the limit), then for ``--rounds`` rounds each person writes
once, spread under the group limit (12 a minute), and a caseworker answers each case.
Half-way, the bot stops (SIGTERM-like clean stop) and starts again with the same
CASE_KEY and database while both sides go on writing.

Printed: cases, messages each way, lost / duplicated / out of order (must be 0), relay
latency p50 / p95 each way (push to the fake's copy), and whether any chat id or message
text reached the database file or the log (must be no).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from cryptography.fernet import Fernet  # noqa: E402

from bot.config import Secret, Settings  # noqa: E402
from bot.db.cases import open_case_store  # noqa: E402
from bot.engine import EngineSettings  # noqa: E402
from bot.services import load_services  # noqa: E402
from bot.telegram.tuning import Tuning  # noqa: E402
from tests.privacy import holds_id  # noqa: E402
from tests.telegram.fakeapi import FakeTelegram  # noqa: E402
from tests.telegram.harness import (  # noqa: E402
    INTAKE_CHAT_ID,
    TOKEN,
    Caseworker,
    Person,
    bot_settings,
    serving,
)

CASES = 20


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def open_case(person: Person) -> int:
    await person.press_data("1:t:intake")
    await person.press_data("1:i:yes")
    await person.press_data("1:i:c:CI")
    since = len(person.api.calls)
    await person.press_data("1:i:k:yes")
    [topic] = [c for c in person.api.calls[since:] if c.method == "createForumTopic" and c.ok]
    return int(topic.result["message_thread_id"])


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fast", action="store_true", help="a 6-second group minute")
    parser.add_argument("--rounds", type=int, default=4, help="messages per person")
    args = parser.parse_args()
    minute = 6.0 if args.fast else 60.0
    spread = minute * CASES / 12  # each round: 20 copies over 1.7 group-minutes (12/min)

    log_stream = io.StringIO()
    handler = logging.StreamHandler(log_stream)
    handler.setLevel(logging.INFO)
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    folder = Path(tempfile.mkdtemp(prefix="handoff-"))
    database = folder / "bot.sqlite3"
    base = Settings.from_env({"DATA_DIR": str(folder)})
    engine_settings = EngineSettings(handoff_enabled=True)
    print("loading the models…", flush=True)
    services = load_services(base, engine_settings)
    await services.understand(300)  # the NLU process, with both models
    tuning = Tuning(poll_timeout=10, watch_content=False, group_time_period=minute / 3)

    async with FakeTelegram() as fake:
        api = fake.add_bot(TOKEN)
        api.forum(INTAKE_CHAT_ID, title="Caseworkers")
        api.limit_groups(per_minute=20, window=minute)
        settings = bot_settings(
            base,
            fake,
            case_key=Secret(Fernet.generate_key().decode()),
            database_url=f"sqlite:///{database}",
        )
        services.settings = settings
        people = [Person(api, language_code="en") for _ in range(CASES)]
        worker = Caseworker(api, INTAKE_CHAT_ID, "Fatou")
        sent_person: dict[int, list[str]] = {}
        sent_staff: dict[int, list[str]] = {}
        pushed: dict[str, float] = {}
        threads: dict[int, int] = {}

        async def round_of_messages(round_no: int, wait_each: bool) -> list[int]:
            updates = []
            for i, person in enumerate(people):
                text = f"person {i} message {round_no}"
                pushed[text] = time.monotonic()
                sent_person.setdefault(person.id, []).append(text)
                updates.append(api.push_message(person.chat, person.user, text))
                reply = f"counsellor to {i} message {round_no}"
                pushed[reply] = time.monotonic()
                sent_staff.setdefault(person.id, []).append(reply)
                updates.append(
                    api.push_topic_message(worker.group, worker.user, threads[person.id], reply)
                )
                await asyncio.sleep(spread / CASES)
            if wait_each:
                for update in updates:
                    await api.confirmed(update, timeout=600)
            return updates

        started = time.monotonic()
        first_store = open_case_store(settings)
        async with serving(fake, services, settings, tuning=tuning, case_store=first_store):
            for person in people:
                threads[person.id] = await open_case(person)
            opened = time.monotonic() - started
            print(f"{CASES} cases opened in {opened:.1f} s", flush=True)
            half = args.rounds // 2
            for round_no in range(half):
                await round_of_messages(round_no, wait_each=True)
        # The bot is down: both sides keep writing (not counted in the latency).
        before = set(pushed)
        during_downtime = await round_of_messages(half, wait_each=False)
        downtime = set(pushed) - before
        second_store = open_case_store(settings)
        async with serving(fake, services, settings, tuning=tuning, case_store=second_store):
            for update in during_downtime:
                await api.confirmed(update, timeout=600)
            resumed = len(second_store)
            for round_no in range(half + 1, args.rounds):
                await round_of_messages(round_no, wait_each=True)

        await services.close()

        # --- what arrived, and when -------------------------------------------------
        lost = dup = disorder = 0
        person_latency: list[float] = []
        for person in people:
            thread = threads[person.id]
            copies = [
                (copy.get("text"), at)
                for source, copy, at in api.account.copies
                if copy.get("message_thread_id") == thread and copy["chat"]["id"] == INTAKE_CHAT_ID
            ]
            got = [text for text, _ in copies]
            want = sent_person[person.id]
            lost += len(set(want) - set(got))
            dup += len(got) - len(set(got))
            disorder += [t for t in got if t in want] != want
            person_latency += [
                at - pushed[text] for text, at in copies if text in pushed and text not in downtime
            ]
        staff_latency: list[float] = []
        for person in people:
            calls = [
                c
                for c in api.calls
                if c.method == "sendMessage"
                and c.ok
                and c.chat_id == person.id
                and "counsellor to" in str(c.params.get("text", ""))
            ]
            got = [str(c.params["text"]).split("\n", 1)[1] for c in calls]
            want = sent_staff[person.id]
            lost += len(set(want) - set(got))
            dup += len(got) - len(set(got))
            disorder += got != want
            staff_latency += [
                c.at - pushed[text]
                for c, text in zip(calls, got, strict=True)
                if text in pushed and text not in downtime
            ]
        limited = sum(1 for c in api.calls if c.status == 429)

    raw = b"".join(p.read_bytes() for p in folder.glob("bot.sqlite3*"))
    secrets = ["person 0 message", "counsellor to", "Fatou"]
    logged = log_stream.getvalue()
    in_db = [s for s in secrets if s.encode() in raw] + [
        str(p.id) for p in people if holds_id(raw, p.id)
    ]
    in_log = [s for s in secrets if s in logged] + [
        str(p.id) for p in people if holds_id(logged, p.id)
    ]

    print()
    print("| figure | value |")
    print("|---|---|")
    print(f"| open cases (resumed after the restart) | {CASES} ({resumed}) |")
    print(f"| group limit | 20 per {minute:g} s (429s answered by the fake: {limited}) |")
    print(f"| messages person → topic | {sum(len(v) for v in sent_person.values())} |")
    print(f"| messages topic → person | {sum(len(v) for v in sent_staff.values())} |")
    print(f"| lost / duplicated / out of order | {lost} / {dup} / {disorder} |")
    for name, values in (("person → topic", person_latency), ("topic → person", staff_latency)):
        print(
            f"| latency {name} p50 / p95 / max | {statistics.median(values):.2f} / "
            f"{pct(values, 0.95):.2f} / {max(values):.2f} s |"
        )
    print(f"| chat ids or texts in the database | {in_db or 'none'} |")
    print(f"| chat ids or texts in the log (INFO+) | {in_log or 'none'} |")
    for line in logged.splitlines():  # where, so it can be fixed
        if any(s in line for s in in_log):
            print(f"    in the log: {line}")


if __name__ == "__main__":
    asyncio.run(main())
