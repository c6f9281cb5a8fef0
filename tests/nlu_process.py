"""The real NLU process for tests: started once, used from any test's event loop.

An ``NluProcess`` belongs to the event loop that started it (its pipes do). Tests run on
loops of their own (a test, a module), so ``ThreadedNlu`` runs the process on a loop in
a thread of its own and hands each call over to it: the same process, the same models,
the same protocol as in production.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from bot.config import Settings
from bot.nlu import NluProcess, NluStatus, NluTuning, Parse, train

T = TypeVar("T")
READY_TIMEOUT = 300.0


class ThreadedNlu:
    """An ``NluProcess`` on its own thread's loop; ``await parse(text, lang)`` from any loop."""

    def __init__(
        self,
        rasa_python: Path,
        nlu_dir: Path,
        models_dir: Path,
        spelling: Path,
        languages: tuple[str, ...] = ("en", "fr"),
        tuning: NluTuning | None = None,
    ) -> None:
        self.nlu_dir, self.models_dir = nlu_dir, models_dir
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.process = NluProcess(rasa_python, nlu_dir, models_dir, spelling, languages, tuning)

    @classmethod
    def of(cls, settings: Settings, languages: tuple[str, ...] = ("en", "fr")) -> ThreadedNlu:
        """Train what changed (cached by the hash of its inputs), start, wait until ready."""
        for lang in languages:
            train(
                lang,
                settings.nlu_dir,
                settings.models_dir,
                settings.spelling_file,
                settings.rasa_python,
            )
        nlu = cls(
            settings.rasa_python,
            settings.nlu_dir,
            settings.models_dir,
            settings.spelling_file,
            languages,
        )
        nlu.start()
        assert nlu.call(nlu.process.wait_ready(READY_TIMEOUT)), "the NLU process did not start"
        return nlu

    @property
    def status(self) -> NluStatus:
        """The process's status."""
        return self.process.status

    @property
    def up(self) -> bool:
        """Whether it understands now."""
        return self.process.up

    def call(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run ``coroutine`` on the process's loop and wait for it (from any thread)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _on_loop(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, self.loop))

    def start(self) -> None:
        """Start the process (on its loop)."""
        self.loop.call_soon_threadsafe(self.process.start)

    async def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the models are loaded."""
        return await self._on_loop(self.process.wait_ready(timeout))

    async def parse(self, text: str, lang: str) -> Parse:
        """The process's answer for ``text``."""
        return await self._on_loop(self.process.parse(text, lang))

    def parse_blocking(self, text: str, lang: str) -> Parse:
        """The same, waiting in this thread (plain functions, benchmarks)."""
        return self.call(self.process.parse(text, lang))

    async def reload(self, languages: tuple[str, ...]) -> list[str]:
        """Load the models trained since."""
        return await self._on_loop(self.process.reload(languages))

    def kill(self) -> None:
        """Kill the process, as a crash would."""
        self.loop.call_soon_threadsafe(self.process.kill)

    async def close(self) -> None:
        """Left running: the fixture that made it stops it (``shutdown``)."""

    def shutdown(self) -> None:
        """Stop the process and the thread."""
        self.call(self.process.close(), 30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
