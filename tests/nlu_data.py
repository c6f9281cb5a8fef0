"""Read Rasa NLU files (training data and the held-out questions) as {intent: [examples]}."""

from __future__ import annotations

from pathlib import Path

import yaml


def read_examples(paths: list[Path]) -> dict[str, list[str]]:
    """Every intent's examples across ``paths``."""
    examples: dict[str, list[str]] = {}
    for path in paths:
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" in block:
                lines = block["examples"].splitlines()
                items = [
                    line.strip()[2:].strip() for line in lines if line.strip().startswith("- ")
                ]
                examples.setdefault(block["intent"], []).extend(items)
    return examples
