"""The NLU process, from the bot's side: started, understood, killed, stuck, restarted.

Real processes in Rasa's environment with the real trained English model (one language
keeps each start short). The engine's answers without it are in test_degraded.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.errors import NluUnavailable
from bot.nlu import NluProcess, NluTuning
from bot.nlu.process import DOWN, STARTING, UP
from bot.nlu.training import model_path

QUICK = NluTuning(request_timeout=1.0, stuck_after=2.0, first_backoff=0.2, max_backoff=1.0)
READY = 240.0


def process(settings: Settings, tuning: NluTuning = QUICK, **paths: Path) -> NluProcess:
    return NluProcess(
        settings.rasa_python,
        paths.get("nlu_dir", settings.nlu_dir),
        paths.get("models_dir", settings.models_dir),
        settings.spelling_file,
        ("en",),
        tuning,
    )


async def until(condition, timeout: float = READY) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        await asyncio.sleep(0.05)


def listening_sockets(pid: int) -> list[str]:
    """The internet sockets of ``pid`` (any), and its Unix sockets that accept connections."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        link = os.readlink(f"/proc/{pid}/fd/{fd}")
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    found = []
    for table in ("tcp", "tcp6", "udp", "udp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            if line.split()[9] in inodes:
                found.append(f"{table}: {line}")
    for line in Path(f"/proc/{pid}/net/unix").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[6] in inodes and int(fields[3], 16) & 0x10000:  # __SO_ACCEPTCON
            found.append(f"unix: {line}")
    return found


@pytest.fixture
async def started(settings, nlu):  # ``nlu``: the session's models are trained
    nlu_process = process(settings)
    nlu_process.start()
    assert nlu_process.status.state == STARTING
    assert await nlu_process.wait_ready(READY)
    yield nlu_process
    await nlu_process.close()


async def test_it_understands_once_ready_and_says_what_it_loaded(started, settings):
    assert started.status.state == UP and started.up
    assert started.status.models == {
        "en": model_path("en", settings.nlu_dir, settings.models_dir, settings.spelling_file).name
    }
    parse = await started.parse("is the return free?", "en")
    assert parse.top[0] == "avr_cost" and parse.top[1] > 0.5
    assert (await started.parse("   ", "en")).ranking == ()


async def test_while_it_starts_free_text_fails_at_once(settings, nlu):
    starting = process(settings)
    starting.start()
    began = time.monotonic()
    with pytest.raises(NluUnavailable):
        await starting.parse("is the return free?", "en")
    assert time.monotonic() - began < 0.1, "never waits for the models"
    await starting.close()


async def test_a_killed_process_fails_its_requests_and_comes_back(started):
    first_pid = started.status.pid
    os.kill(first_pid, signal.SIGKILL)
    with pytest.raises(NluUnavailable):
        for _ in range(200):  # asked until the bot notices
            await started.parse("is the return free?", "en")
            await asyncio.sleep(0.01)
    await until(lambda: started.status.state in (DOWN, STARTING))
    await until(lambda: started.up)
    assert started.status.restarts == 1 and started.status.pid != first_pid
    assert (await started.parse("is the return free?", "en")).top[0] == "avr_cost"


async def test_a_stuck_process_is_killed_and_started_again(started):
    stuck_pid = started.status.pid
    os.kill(stuck_pid, signal.SIGSTOP)
    try:
        began = time.monotonic()
        with pytest.raises(NluUnavailable):
            await started.parse("is the return free?", "en")
        assert time.monotonic() - began < 1.5, "the person gets the menu within the timeout"
        with pytest.raises(NluUnavailable):  # nothing answered for stuck_after: killed
            await asyncio.sleep(1.5)
            await started.parse("is the return free?", "en")
        await until(lambda: started.up and started.status.pid != stuck_pid)
    finally:
        if Path(f"/proc/{stuck_pid}").exists():
            os.kill(stuck_pid, signal.SIGKILL)
    assert (await started.parse("c'est gratuit ?", "en")).ranking


async def test_it_listens_nowhere_and_gets_none_of_the_bots_secrets(settings, nlu, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:very-secret-token")
    monkeypatch.setenv("CASE_KEY", "case-key-secret")
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:db-password@db/bot")
    nlu_process = process(settings)
    nlu_process.start()
    try:
        assert await nlu_process.wait_ready(READY)
        pid = nlu_process.status.pid
        environ = Path(f"/proc/{pid}/environ").read_bytes()
        for secret in (b"very-secret-token", b"case-key-secret", b"db-password"):
            assert secret not in environ
        assert not listening_sockets(pid)
    finally:
        await nlu_process.close()


async def test_without_any_model_it_stays_down_and_says_what_to_do(settings, tmp_path, caplog):
    empty = tmp_path / "models"
    empty.mkdir()
    nlu_process = process(settings, models_dir=empty)
    nlu_process.start()
    try:
        await until(lambda: nlu_process.status.state == DOWN, 10)
        with pytest.raises(NluUnavailable):
            await nlu_process.parse("is the return free?", "en")
        assert "python -m bot train en" in caplog.text
    finally:
        await nlu_process.close()


async def test_data_changed_since_training_uses_the_older_model(settings, nlu, tmp_path, caplog):
    nlu_dir = tmp_path / "nlu"
    (nlu_dir / "en").mkdir(parents=True)
    for item in (settings.nlu_dir / "en").rglob("*"):
        target = nlu_dir / "en" / item.relative_to(settings.nlu_dir / "en")
        if item.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.write_bytes(item.read_bytes())
    with (nlu_dir / "en" / "data" / "avr.yml").open("a", encoding="utf-8") as data:
        data.write("    - a new example nobody trained yet\n")
    nlu_process = process(settings, nlu_dir=nlu_dir)
    nlu_process.start()
    try:
        assert await nlu_process.wait_ready(READY)
        assert nlu_process.status.stale == ("en",)
        assert "older model is used until `make train`" in caplog.text
        assert (await nlu_process.parse("is the return free?", "en")).top[0] == "avr_cost"
    finally:
        await nlu_process.close()


def test_a_changed_classifier_retrains(tmp_path, monkeypatch) -> None:
    from bot.nlu import training

    project = tmp_path / "nlu" / "en"
    project.mkdir(parents=True)
    (project / "config.yml").write_text("language: en\n")
    classifier = tmp_path / "components.py"
    classifier.write_text("# one way\n")
    monkeypatch.setattr(training, "CLASSIFIER", classifier)
    spelling = tmp_path / "spelling.yml"
    before = training.inputs_hash(project, spelling)
    classifier.write_text("# another way\n")
    assert training.inputs_hash(project, spelling) != before
