"""The loaded models, queried off the event loop on one worker thread.

Rasa's ``parse_message`` is a coroutine that computes synchronously, so it runs on a
single worker thread with an event loop of its own: the bot's loop never stalls, and
the models are never used by two threads at once.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import NluError
from bot.nlu.rasa_env import prepare_rasa
from bot.nlu.training import trained_model

log = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"
MAX_TEXT = 1000  # longer text is cut before parsing: the meaning is in the first lines
# Rasa reads a text that starts with "/" as an order ("/greet@0.9{...}" sets the intent)
# and warns with the whole text when the rest does not fit. A person's "/ écris-moi" is
# words: the leading slashes go before Rasa sees it.
LEADING_SLASHES = re.compile(r"^[\s/]+")


def model_text(text: str) -> str:
    """What the model reads of a person's text: its first ``MAX_TEXT`` characters, as words."""
    return LEADING_SLASHES.sub("", text[:MAX_TEXT])


@dataclass(frozen=True)
class Parse:
    """What the model understood: intents best first, with their confidence."""

    ranking: tuple[tuple[str, float], ...]

    @property
    def top(self) -> tuple[str, float]:
        """The best intent and its confidence (``("", 0.0)`` when there is none)."""
        return self.ranking[0] if self.ranking else ("", 0.0)


class NluModels:
    """One Rasa agent per language, loaded once; ``await parse(text, lang)``."""

    def __init__(self, nlu_root: Path, models_dir: Path) -> None:
        self.nlu_root = nlu_root
        self.models_dir = models_dir
        self._agents: dict[str, Any] = {}
        self._paths: dict[str, Path] = {}
        self._local = threading.local()
        self._executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="nlu")

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages with a loaded model."""
        return tuple(self._agents)

    def load(self, languages: tuple[str, ...]) -> None:
        """Load (blocking) the current model of each language and warm it with one parse."""
        for lang in languages:
            self._executor.submit(self._load_one, lang).result()

    async def reload(self, languages: tuple[str, ...]) -> list[str]:
        """Load models whose data changed since they were loaded; return those languages."""
        loop = asyncio.get_running_loop()
        changed = []
        for lang in languages:
            path = trained_model(lang, self.nlu_root, self.models_dir)
            if path != self._paths.get(lang):
                # Loaded on the worker thread, so a parse never meets a half-loaded agent.
                await loop.run_in_executor(self._executor, self._load_one, lang)
                changed.append(lang)
        return changed

    async def parse(self, text: str, lang: str) -> Parse:
        """Understand ``text`` in ``lang`` without blocking the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._parse_here, text, lang)

    def parse_blocking(self, text: str, lang: str) -> Parse:
        """Understand ``text`` in ``lang``, waiting for the answer (benchmarks, tools)."""
        return self._executor.submit(self._parse_here, text, lang).result()

    def _parse_here(self, text: str, lang: str) -> Parse:
        agent = self._agents.get(lang)
        if agent is None:
            raise NluError(f"no model loaded for '{lang}'")
        words = model_text(text)
        if not words.strip():
            return Parse(())
        try:
            result = self._thread_loop().run_until_complete(agent.parse_message(words))
        except Exception as exc:  # Rasa raises many kinds; the caller needs one.
            raise NluError(f"parse failed in '{lang}': {type(exc).__name__}") from None
        ranking = tuple(
            (str(item["name"]), float(item["confidence"]))
            for item in result.get("intent_ranking") or ()
            if item.get("name") != FALLBACK_INTENT
        )
        return Parse(ranking)

    def close(self) -> None:
        """Stop the worker thread."""
        self._executor.shutdown(wait=True)

    def _load_one(self, lang: str) -> None:
        prepare_rasa()
        from rasa.core.agent import Agent

        from bot.nlu.runner import SequentialGraphRunner

        path = trained_model(lang, self.nlu_root, self.models_dir)
        started = time.perf_counter()
        agent = Agent.load(str(path))
        agent.processor.graph_runner = SequentialGraphRunner.taking_over(
            agent.processor.graph_runner
        )
        self._thread_loop().run_until_complete(agent.parse_message("hello"))
        self._agents[lang] = agent
        self._paths[lang] = path
        log.info("loaded %s model in %.1f s", lang, time.perf_counter() - started)

    def _thread_loop(self) -> asyncio.AbstractEventLoop:
        loop = getattr(self._local, "loop", None)
        if loop is None:
            loop = self._local.loop = asyncio.new_event_loop()
        return loop
