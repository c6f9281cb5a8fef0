"""Cross-validation with the real pipeline: train on all folds but one, read the one left.

Each fold trains a model from the project's own ``config.yml`` with
``rasa.model_training.train_nlu`` and reads the held-out examples with that model.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content.nludata import Example, NluData, read_nlu_data
from bot.errors import NluError
from bot.nlu.evaluate.folds import stratified_folds, write_training_file
from bot.nlu.rasa_env import prepare_rasa

FALLBACK_INTENT = "nlu_fallback"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Prediction:
    """How one held-out example was read in one run."""

    example: Example
    predicted: str
    confidence: float
    run: int

    @property
    def correct(self) -> bool:
        """True when the model found the intent the example belongs to."""
        return self.predicted == self.example.intent


@dataclass(frozen=True)
class Evaluation:
    """Every prediction of a cross-validation, and how it was run."""

    lang: str
    folds: int
    runs: int
    predictions: tuple[Prediction, ...]

    @property
    def examples(self) -> int:
        """How many examples were read (each once a run)."""
        return len(self.predictions) // max(self.runs, 1)


def cross_validate(
    project: Path,
    lang: str,
    folds: int = 5,
    runs: int = 1,
    seed: int = 42,
    progress: Progress | None = None,
) -> Evaluation:
    """Cross-validate the NLU project ``project`` (``config.yml`` and ``data/``).

    Args:
        project: the language's NLU folder, e.g. ``nlu/en``.
        lang: its language, for the report.
        folds: how many parts the examples are split into (at least 2).
        runs: how many times to repeat with a different split.
        seed: the first split's seed (run ``r`` uses ``seed + r``).
        progress: called with a short line before each fold is trained.
    """
    data = _examples(project, lang)
    predictions: list[Prediction] = []
    with tempfile.TemporaryDirectory(prefix="nlu-eval-") as scratch:
        for run in range(runs):
            for k, (train, test) in enumerate(stratified_folds(data.examples, folds, seed + run)):
                if progress:
                    progress(f"{lang}: run {run + 1}/{runs}, fold {k + 1}/{folds}")
                model = _train(project / "config.yml", train, Path(scratch), f"r{run}f{k}")
                predictions += _read(model, test, run)
    return Evaluation(lang, folds, runs, tuple(predictions))


def _examples(project: Path, lang: str) -> NluData:
    data, problems = read_nlu_data(project / "data", lang)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise NluError(f"the {lang} training data has errors: run `python -m bot content check`")
    if len(data.intents) < 2:
        raise NluError(f"{project}: cross-validation needs at least two intents")
    return data


def _train(config: Path, examples: list[Example], scratch: Path, name: str) -> Path:
    prepare_rasa()
    from rasa.model_training import train_nlu

    data = write_training_file(examples, scratch / f"{name}.yml")
    with contextlib.redirect_stdout(sys.stderr):  # Rasa prints; stdout may be the report
        result = train_nlu(str(config), str(data), str(scratch), fixed_model_name=name)
    if not result:
        raise NluError(f"training fold {name} failed: see the messages above")
    return Path(result)


def _read(model: Path, examples: list[Example], run: int) -> list[Prediction]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    try:
        return [
            _prediction(example, loop.run_until_complete(agent.parse_message(example.text)), run)
            for example in examples
        ]
    finally:
        loop.close()


def _prediction(example: Example, result: dict[str, Any], run: int) -> Prediction:
    ranking = [
        item for item in result.get("intent_ranking") or () if item["name"] != FALLBACK_INTENT
    ]
    if not ranking:
        return Prediction(example, "", 0.0, run)
    return Prediction(example, str(ranking[0]["name"]), float(ranking[0]["confidence"]), run)
