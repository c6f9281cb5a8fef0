"""The NLU process: Rasa with both models, started, watched and restarted by the bot.

The bot never waits for it. While it starts, restarts or after it crashed, ``parse``
raises ``NluUnavailable`` at once and the engine answers without it (the menu, danger
words, buttons: none of them need the model). The process is started again with
back-off (1 s, 2 s, 4 s … 30 s). Requests go over its stdin, answers come back on its
stdout (protocol in ``nlu_worker/serve.py``); nothing listens on any address.

A request that gets no answer within ``request_timeout`` fails (the person gets the
degraded reply); when the process has answered nothing for ``stuck_after`` seconds while
asked, it is stuck: it is killed and started again. Its stderr is relayed to the log,
line by line.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import ModelNotTrained, NluError, NluUnavailable
from bot.nlu.parse import Parse, model_text
from bot.nlu.training import trained_model, usable_model
from bot.nlu.worker import worker_command, worker_env
from bot.topics import LANGUAGES

log = logging.getLogger(__name__)
worker_log = logging.getLogger("bot.nlu.worker")

STARTING, UP, DOWN, STOPPED = "starting", "up", "down", "stopped"
MAX_RELAYED = 500  # characters of one stderr line of the NLU process kept in the log
LINE_LIMIT = 1 << 20  # an answer line is a few hundred bytes


@dataclass(frozen=True)
class NluTuning:
    """Deadlines and back-off of the NLU process (tests make them shorter)."""

    load_timeout: float = 180.0  # from start to "ready" (TensorFlow's import included)
    # A parse takes milliseconds; a burst of hundreds of messages queues them for a few
    # seconds. Past this, the person gets the menu.
    request_timeout: float = 10.0
    stuck_after: float = 15.0  # nothing answered for this long while asked: killed, restarted
    reload_timeout: float = 120.0
    first_backoff: float = 1.0
    max_backoff: float = 30.0
    stable_after: float = 60.0  # up this long: the next crash starts the back-off again


@dataclass
class NluStatus:
    """What operators see of the NLU process (``/healthz``, ``/metrics``)."""

    state: str = STOPPED
    models: dict[str, str] = field(default_factory=dict)
    stale: tuple[str, ...] = ()  # languages whose model is older than their data
    restarts: int = 0
    pid: int | None = None
    load_seconds: float | None = None


class NluProcess:
    """Understanding free text through the NLU process; ``await parse(text, lang)``."""

    def __init__(
        self,
        rasa_python: Path,
        nlu_dir: Path,
        models_dir: Path,
        spelling: Path,
        languages: tuple[str, ...] = LANGUAGES,
        tuning: NluTuning | None = None,
    ) -> None:
        self.rasa_python = rasa_python
        self.nlu_dir = nlu_dir
        self.models_dir = models_dir
        self.spelling = spelling  # content/spelling.yml, which the models are trained with
        self.languages = languages
        self.tuning = tuning or NluTuning()
        self.status = NluStatus()
        self._proc: asyncio.subprocess.Process | None = None
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        self._ready = asyncio.Event()
        self._closing = asyncio.Event()
        self._write_lock = asyncio.Lock()
        self._supervisor: asyncio.Task[None] | None = None
        self._answered_at = 0.0

    # --- the bot's side -------------------------------------------------------------

    @property
    def up(self) -> bool:
        """Whether free text can be understood now."""
        return self.status.state == UP

    def start(self) -> None:
        """Start the process and keep it running (returns at once; call in the loop)."""
        if self._supervisor is None:
            self.status.state = STARTING
            self._supervisor = asyncio.create_task(self._supervise(), name="nlu process")

    async def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the models are loaded (tools, tests); False after ``timeout``."""
        try:
            await asyncio.wait_for(self._ready.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def parse(self, text: str, lang: str) -> Parse:
        """Understand ``text`` in ``lang``; NluUnavailable when the process cannot answer."""
        words = model_text(text)
        if not words.strip():
            return Parse(())
        answer = await self._ask({"lang": lang, "text": words}, self.tuning.request_timeout)
        ranking = answer.get("ranking")
        if not isinstance(ranking, list):
            raise NluError(f"parse failed in '{lang}': {answer.get('error', 'no ranking')}")
        now = answer.get("now")
        return Parse(
            tuple((str(name), float(confidence)) for name, confidence in ranking),
            float(now) if isinstance(now, (int, float)) else None,
        )

    async def reload(self, languages: tuple[str, ...]) -> list[str]:
        """Load the models trained since they were loaded; return those languages.

        Raises:
            ModelNotTrained: a language's data changed and has no model yet.
        """
        changed = []
        for lang in languages:
            path = trained_model(lang, self.nlu_dir, self.models_dir, self.spelling)
            if path.name == self.status.models.get(lang):
                continue
            if not self.up:  # the next start loads the newest models anyway
                continue
            answer = await self._ask({"load": {lang: str(path)}}, self.tuning.reload_timeout)
            if "loaded" not in answer:
                raise NluError(f"the {lang} model did not load: {answer.get('error')}")
            self.status.models[lang] = path.name
            log.info("loaded %s model %s", lang, path.name)
            self.status.stale = tuple(s for s in self.status.stale if s != lang)
            changed.append(lang)
        return changed

    async def close(self) -> None:
        """Stop the process (end of input: it exits by itself; killed if it does not)."""
        self._closing.set()
        proc = self._proc
        if proc is not None and proc.returncode is None:
            if proc.stdin is not None:
                with contextlib.suppress(Exception):
                    proc.stdin.close()
            try:
                await asyncio.wait_for(proc.wait(), 3.0)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await proc.wait()
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        self.status.state = STOPPED

    def kill(self) -> None:
        """Kill the process now, as a crash would (tests, benchmarks)."""
        if self._proc is not None and self._proc.returncode is None:
            self._proc.kill()

    # --- requests -------------------------------------------------------------------

    async def _ask(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        proc = self._proc
        if not self.up or proc is None or proc.stdin is None:
            raise NluUnavailable(f"the NLU process is {self.status.state}")
        ident = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_retrieved)
        self._pending[ident] = future
        line = json.dumps({"id": ident, **request}, ensure_ascii=False) + "\n"
        try:
            async with asyncio.timeout(timeout):  # the write too: a full pipe blocks it
                async with self._write_lock:
                    proc.stdin.write(line.encode())
                    await proc.stdin.drain()
                return await future
        except TimeoutError:
            if time.monotonic() - self._answered_at >= self.tuning.stuck_after:
                log.warning("the NLU process stopped answering; restarting it")
                self.kill()
            raise NluUnavailable("the NLU process did not answer in time") from None
        except (ConnectionError, RuntimeError) as exc:
            raise NluUnavailable(f"the NLU process is gone ({type(exc).__name__})") from None
        finally:
            self._pending.pop(ident, None)

    def _fail_pending(self) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(NluUnavailable("the NLU process stopped"))
        self._pending.clear()

    # --- the process's life ---------------------------------------------------------

    async def _supervise(self) -> None:
        delay = self.tuning.first_backoff
        while not self._closing.is_set():
            started = time.monotonic()
            try:
                await self._run_once()
            except asyncio.CancelledError:
                raise
            except ModelNotTrained as exc:
                log.error("NLU: %s; free text is answered with the menu until then", exc)
            except Exception as exc:  # the supervisor must outlive anything
                log.error("NLU process failed (%s)", type(exc).__name__)
            self._ready.clear()
            if self._closing.is_set():
                break
            self.status.state = DOWN
            if time.monotonic() - started >= self.tuning.stable_after:
                delay = self.tuning.first_backoff
            log.warning("NLU process down; starting it again in %.0f s", delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), delay)
            delay = min(delay * 2, self.tuning.max_backoff)
            self.status.restarts += 1
            self.status.state = STARTING

    async def _run_once(self) -> None:
        """Start the process, wait until it is ready, answer until it ends."""
        paths = self._model_paths()
        args = [f"--model={lang}={path}" for lang, path in paths.items()]
        started = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            *worker_command(self.rasa_python, "serve", *args),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=worker_env(),
            limit=LINE_LIMIT,
        )
        self._proc, self.status.pid = proc, proc.pid
        assert proc.stdout is not None and proc.stderr is not None
        relay = asyncio.create_task(_relay(proc.stderr), name="nlu stderr")
        try:
            if await self._handshake(proc.stdout, started):
                await self._read_answers(proc.stdout)
        finally:
            self.status.state = DOWN if not self._closing.is_set() else STOPPED
            self._ready.clear()
            self._fail_pending()
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
            code = await proc.wait()
            await asyncio.wait_for(relay, 5.0)
            self.status.pid = None
            if not self._closing.is_set():
                log.warning("NLU process ended (exit code %s)", code)

    def _model_paths(self) -> dict[str, Path]:
        paths, stale = {}, []
        for lang in self.languages:
            paths[lang], current = usable_model(lang, self.nlu_dir, self.models_dir, self.spelling)
            if not current:
                stale.append(lang)
                log.warning(
                    "NLU: nlu/%s changed since its model was trained; the older model is used "
                    "until `make train`",
                    lang,
                )
        self.status.stale = tuple(stale)
        return paths

    async def _handshake(self, stdout: asyncio.StreamReader, started: float) -> bool:
        try:
            line = await asyncio.wait_for(stdout.readline(), self.tuning.load_timeout)
        except TimeoutError:
            log.error("NLU process not ready after %.0f s", self.tuning.load_timeout)
            return False
        hello = _message(line)
        if self._closing.is_set():  # stopped while it loaded: nothing to say
            return False
        if not hello.get("ready"):
            log.error(
                "NLU process could not load the %s model (%s)",
                hello.get("lang", "?"),
                hello.get("error", "no answer"),
            )
            return False
        self.status.models = {str(k): str(v) for k, v in dict(hello.get("models", {})).items()}
        self.status.load_seconds = round(time.monotonic() - started, 1)
        self.status.state = UP
        self._answered_at = time.monotonic()
        self._ready.set()
        log.info(
            "NLU process ready in %.1f s (%s)",
            self.status.load_seconds,
            ", ".join(sorted(self.status.models)),
        )
        return True

    async def _read_answers(self, stdout: asyncio.StreamReader) -> None:
        while line := await stdout.readline():
            answer = _message(line)
            self._answered_at = time.monotonic()
            future = self._pending.get(answer.get("id", -1))
            if future is not None and not future.done():
                future.set_result(answer)


def _retrieved(future: asyncio.Future[Any]) -> None:
    """Mark a failed request's error as seen (its asker may have given up already)."""
    if not future.cancelled():
        future.exception()


def _message(line: bytes) -> dict[str, Any]:
    try:
        message = json.loads(line)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}


async def _relay(stderr: asyncio.StreamReader) -> None:
    """The NLU process's own log lines, into the bot's log (it never writes a person's text)."""
    while True:
        try:
            line = await stderr.readline()
        except ValueError:  # a line longer than the limit: skip it
            continue
        if not line:
            return
        text = line.decode("utf-8", "replace").rstrip()
        if text:
            worker_log.warning("%s", text[:MAX_RELAYED])
