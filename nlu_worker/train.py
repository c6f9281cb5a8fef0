"""Training with Rasa's own ``train_nlu``, and the training half of a cross-validation.

``python -m nlu_worker train --config C --data D --out FILE`` trains one model into
``FILE`` (a ``.tar.gz``). ``python -m nlu_worker crossval --config C --plan PLAN`` trains
one model per fold of ``PLAN`` (JSON: ``{"folds": [{"name", "train", "texts"}]}``, made
by the bot's ``nlu eval``) and prints JSON lines: ``{"fold": name}`` as each fold
starts, then ``{"folds": [{"name", "top"}]}``, each fold's top intent and confidence for
each of its held-out texts.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from pathlib import Path

from nlu_worker.models import Models
from nlu_worker.quiet import prepare_rasa
from nlu_worker.serve import _private_stdout

log = logging.getLogger("nlu_worker")


def train(config: Path, data: Path, out: Path) -> Path:
    """Train a model from ``config`` and ``data`` into the file ``out``."""
    prepare_rasa(logging.INFO)
    from rasa.model_training import train_nlu

    out.parent.mkdir(parents=True, exist_ok=True)
    result = train_nlu(
        config=str(config),
        nlu_data=str(data),
        output=str(out.parent),
        fixed_model_name=out.name.removesuffix(".tar.gz"),
    )
    if not result or not Path(result).is_file():
        raise RuntimeError(f"training from {config} failed: see the messages above")
    return Path(result)


def run_train(config: Path, data: Path, out: Path) -> int:
    """Train, keeping stdout for Rasa's messages; the last line says where the model is."""
    started = time.perf_counter()
    path = train(config, data, out)
    print(f"trained {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def run_crossval(config: Path, plan_file: Path) -> int:
    """Train each fold of the plan, read its held-out texts, print the results as JSON."""
    channel = _private_stdout()
    prepare_rasa()
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    results = []
    with tempfile.TemporaryDirectory(prefix="nlu-fold-") as scratch:
        for fold in plan["folds"]:
            channel.write(json.dumps({"fold": fold["name"]}) + "\n")
            channel.flush()
            model = train(config, Path(fold["train"]), Path(scratch) / f"{fold['name']}.tar.gz")
            models = Models()
            models.load("fold", model)
            tops = [_top(models, text) for text in fold["texts"]]
            results.append({"name": fold["name"], "top": tops})
            model.unlink()
    channel.write(json.dumps({"folds": results}, ensure_ascii=False) + "\n")
    channel.flush()
    return 0


def _top(models: Models, text: str) -> tuple[str, float]:
    ranking = models.parse("fold", text)
    return ranking[0] if ranking else ("", 0.0)
