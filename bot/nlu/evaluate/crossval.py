"""Cross-validation with the real pipeline: train on all folds but one, read the one left.

The folds are made here; Rasa's environment trains one model per fold from the project's
own ``config.yml`` and reads the held-out examples with it (``python -m nlu_worker
crossval``, one process for all the folds of a language).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.content.nludata import Example, NluData
from bot.errors import NluError
from bot.nlu.evaluate.folds import stratified_folds, write_training_file
from bot.nlu.taught import ModelReading, taught, training_data
from bot.nlu.worker import worker_command, worker_env

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
    # intents the intent model does not learn (``ignored_intents`` in config.yml): their
    # examples are taught, but not tested as topics ("everyday")
    untested: tuple[str, ...] = ()

    @property
    def examples(self) -> int:
        """How many examples were read (each once a run)."""
        return len(self.predictions) // max(self.runs, 1)


def cross_validate(
    project: Path,
    lang: str,
    spelling: Path,
    rasa_python: Path,
    folds: int = 5,
    runs: int = 1,
    seed: int = 42,
    progress: Progress | None = None,
) -> Evaluation:
    """Cross-validate the NLU project ``project`` (``config.yml`` and ``data/``).

    Args:
        project: the language's NLU folder, e.g. ``nlu/en``.
        lang: its language, for the report.
        spelling: the spelling list (``content/spelling.yml``): each fold is taught as the
            real models are, and reads its held-out examples as the engine sends them.
        rasa_python: the python of Rasa's environment.
        folds: how many parts the examples are split into (at least 2).
        runs: how many times to repeat with a different split.
        seed: the first split's seed (run ``r`` uses ``seed + r``).
        progress: called with a short line before each fold is trained.
    """
    data = _examples(project, lang)
    reading = ModelReading(spelling)
    untested = not_learnt(project / "config.yml")
    with tempfile.TemporaryDirectory(prefix="nlu-eval-") as scratch:
        plan: list[dict[str, object]] = []
        tested: list[tuple[int, list[Example]]] = []
        for run in range(runs):
            for k, (train, test) in enumerate(stratified_folds(data.examples, folds, seed + run)):
                name = f"r{run}f{k}"
                taught_file = Path(scratch) / f"{name}.yml"
                training = write_training_file(taught(train, reading, lang), taught_file)
                test = [e for e in test if e.intent not in untested]
                texts = [reading.read(e.text, lang) for e in test]
                plan.append({"name": name, "train": str(training), "texts": texts})
                tested.append((run, test))
        names = {
            f"r{run}f{k}": f"{lang}: run {run + 1}/{runs}, fold {k + 1}/{folds}"
            for run in range(runs)
            for k in range(folds)
        }
        results = _train_and_read(
            project / "config.yml", plan, Path(scratch), rasa_python, progress, names
        )
    predictions = [
        Prediction(example, str(top[0]), float(top[1]), run)
        for (run, test), result in zip(tested, results, strict=True)
        for example, top in zip(test, result["top"], strict=True)
    ]
    return Evaluation(lang, folds, runs, tuple(predictions), tuple(sorted(untested)))


def not_learnt(config: Path) -> frozenset[str]:
    """The intents the intent model of ``config`` does not learn (its ``ignored_intents``).

    Only our ``LinearIntentClassifier`` has them; the danger-now classifier's own
    ``ignored_intents`` say something else (what it does not learn from).
    """
    pipeline = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("pipeline") or []
    return frozenset(
        str(intent)
        for component in pipeline
        if str(component.get("name", "")).endswith("LinearIntentClassifier")
        for intent in component.get("ignored_intents") or ()
    )


def _examples(project: Path, lang: str) -> NluData:
    data = training_data(project, lang)
    if len(data.intents) < 2:
        raise NluError(f"{project}: cross-validation needs at least two intents")
    return data


def _train_and_read(
    config: Path,
    plan: list[dict[str, object]],
    scratch: Path,
    rasa_python: Path,
    progress: Progress | None,
    names: dict[str, str],
) -> list[dict[str, Any]]:
    """Each fold's top intent and confidence for each of its texts, in the plan's order."""
    plan_file = scratch / "plan.json"
    plan_file.write_text(json.dumps({"folds": plan}, ensure_ascii=False), encoding="utf-8")
    args = ("crossval", "--config", str(config), "--plan", str(plan_file))
    folds: list[dict[str, Any]] = []
    with subprocess.Popen(
        worker_command(rasa_python, *args), env=worker_env(), stdout=subprocess.PIPE, text=True
    ) as worker:
        assert worker.stdout is not None
        for line in worker.stdout:
            message = json.loads(line)
            if "fold" in message and progress:
                progress(names.get(message["fold"], message["fold"]))
            folds = message.get("folds", folds)
    if worker.returncode != 0 or len(folds) != len(plan):
        raise NluError("training the folds failed: see the messages above")
    return folds
