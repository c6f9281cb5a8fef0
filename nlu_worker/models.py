"""Trained Rasa models, loaded once and read one message at a time.

Rasa's ``parse_message`` is a coroutine that computes synchronously; it runs here on the
process's one event loop. The graph runs node after node (``SequentialGraphRunner``),
not through dask, and our classifier predicts with numpy (``components``): the same
rankings as Rasa's own code, in about a millisecond.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlu_worker.quiet import prepare_rasa

FALLBACK_INTENT = "nlu_fallback"
NOW_KEY = "danger_now"  # set by components.DangerNowClassifier
MAX_TEXT = 1000  # longer text is cut before parsing: the meaning is in the first lines
# Rasa reads a text that starts with "/" as an order ("/greet@0.9{...}" sets the intent)
# and warns with the whole text when the rest does not fit. A person's "/ écris-moi" is
# words: the leading slashes go before Rasa sees it (the bot strips them too).
LEADING_SLASHES = re.compile(r"^[\s/]+")

Ranking = list[tuple[str, float]]


def model_text(text: str) -> str:
    """What the model reads of a person's text: its first ``MAX_TEXT`` characters, as words."""
    return LEADING_SLASHES.sub("", text[:MAX_TEXT])


@dataclass
class LoadedModel:
    """One language's Rasa agent and the file it came from."""

    path: Path
    agent: Any
    seconds: float


class Models:
    """One loaded model per language; ``parse(lang, text)`` gives the intent ranking."""

    def __init__(self) -> None:
        self.loaded: dict[str, LoadedModel] = {}
        self._loop = asyncio.new_event_loop()

    def load(self, lang: str, path: Path) -> LoadedModel:
        """Load ``path`` for ``lang`` and warm it with one parse; replaces the old one."""
        prepare_rasa()
        from rasa.core.agent import Agent

        from nlu_worker.runner import SequentialGraphRunner

        started = time.perf_counter()
        agent = Agent.load(str(path))
        agent.processor.graph_runner = SequentialGraphRunner.taking_over(
            agent.processor.graph_runner
        )
        self._loop.run_until_complete(agent.parse_message("hello"))
        model = LoadedModel(path, agent, time.perf_counter() - started)
        self.loaded[lang] = model
        return model

    def parse(self, lang: str, text: str) -> Ranking:
        """The intents of ``text`` in ``lang``, best first (KeyError: no model for it)."""
        return self.read(lang, text)[0]

    def read(self, lang: str, text: str) -> tuple[Ranking, float | None]:
        """The intents of ``text``, and how likely it tells of a danger now (None: not known).

        The second is ``DangerNowClassifier``'s; a model trained without it gives None.
        """
        agent = self.loaded[lang].agent
        words = model_text(text)
        if not words.strip():
            return [], None
        result = self._loop.run_until_complete(agent.parse_message(words))
        ranking = [
            (str(item["name"]), float(item["confidence"]))
            for item in result.get("intent_ranking") or ()
            if item.get("name") != FALLBACK_INTENT
        ]
        now = result.get(NOW_KEY)
        return ranking, float(now) if isinstance(now, (int, float)) else None
