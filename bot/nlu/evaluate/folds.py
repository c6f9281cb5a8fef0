"""Stratified folds of the training examples, written as Rasa training files."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import yaml

from bot.content.nludata import Example


def stratified_folds(
    examples: Sequence[Example], folds: int, seed: int
) -> list[tuple[list[Example], list[Example]]]:
    """``folds`` (train, test) pairs; each intent's examples are spread evenly over the folds.

    Every example is tested exactly once. The split depends only on ``seed``.
    """
    rng = random.Random(seed)
    fold_of: dict[int, int] = {}
    by_intent: dict[str, list[int]] = defaultdict(list)
    for index, example in enumerate(examples):
        by_intent[example.intent].append(index)
    offset = 0
    for intent in sorted(by_intent):
        indexes = by_intent[intent]
        rng.shuffle(indexes)
        for position, index in enumerate(indexes):
            fold_of[index] = (position + offset) % folds
        offset += len(indexes)  # small intents do not all start in fold 0
    return [
        (
            [e for i, e in enumerate(examples) if fold_of[i] != k],
            [e for i, e in enumerate(examples) if fold_of[i] == k],
        )
        for k in range(folds)
    ]


def write_training_file(examples: Sequence[Example], path: Path) -> Path:
    """Write ``examples`` as one Rasa NLU file (``version: "3.1"``, one block an intent)."""
    by_intent: dict[str, list[str]] = defaultdict(list)
    for example in examples:
        by_intent[example.intent].append(example.text)
    blocks = [
        {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
        for intent, texts in sorted(by_intent.items())
    ]
    path.write_text(
        yaml.dump(
            {"version": "3.1", "nlu": blocks},
            Dumper=_BlockDumper,
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    return path


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line strings as ``|`` blocks, as Rasa expects for examples."""


def _block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _block)
