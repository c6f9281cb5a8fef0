"""Rasa's side, tested in Rasa's own environment (``make test`` runs these after the bot's).

The models are the ones ``make setup`` trained (``models/<lang>-<hash>.tar.gz``, the
newest of each language), loaded once; the questions are the project's held-out ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from nlu_worker.models import Models

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "fr")


def newest_model(lang: str) -> Path:
    found = sorted((ROOT / "models").glob(f"{lang}-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    assert found, f"no trained {lang} model in models/: run `make setup` first"
    return found[-1]


def held_out(lang: str) -> list[str]:
    """The held-out questions of tests/nlu/<lang>.yml (never used for training)."""
    data = yaml.safe_load((ROOT / "tests" / "nlu" / f"{lang}.yml").read_text(encoding="utf-8"))
    return [
        line.strip()[2:].strip()
        for block in data["nlu"]
        for line in block["examples"].splitlines()
        if line.strip().startswith("- ")
    ]


@pytest.fixture(scope="session")
def models() -> Iterator[Models]:
    loaded = Models()
    for lang in LANGUAGES:
        loaded.load(lang, newest_model(lang))
    yield loaded
