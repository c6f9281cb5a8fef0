"""Shared fixtures: the real trained models (trained once, cached by the hash of their
inputs in models/), the real content and catalogs, and dialogue helpers."""

from __future__ import annotations

import os

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import pytest  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.content import ContentStore, load_content  # noqa: E402
from bot.engine import Engine, EngineSettings  # noqa: E402
from bot.i18n import Catalogs  # noqa: E402
from bot.nlu import NluModels  # noqa: E402
from bot.nlu.training import train  # noqa: E402
from bot.topics import LANGUAGES  # noqa: E402
from tests.dialogue import Dialogue  # noqa: E402


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The project's settings, from an empty environment (defaults)."""
    return Settings.from_env({})


@pytest.fixture(scope="session")
def content(settings: Settings) -> ContentStore:
    return load_content(settings.content_dir)


@pytest.fixture(scope="session")
def catalogs() -> Catalogs:
    return Catalogs.load()


@pytest.fixture(scope="session")
def nlu(settings: Settings) -> NluModels:
    """Both real models, trained if their data changed, loaded once per session."""
    for lang in LANGUAGES:
        train(lang, settings.nlu_dir, settings.models_dir)
    models = NluModels(settings.nlu_dir, settings.models_dir)
    models.load(LANGUAGES)
    yield models
    models.close()


@pytest.fixture
def engine(content: ContentStore, nlu: NluModels, catalogs: Catalogs) -> Engine:
    return Engine(content, nlu, catalogs, EngineSettings(handoff_enabled=True))


@pytest.fixture
def chat(engine: Engine) -> Dialogue:
    """A conversation in English (the client says ``en``)."""
    return Dialogue(engine, language_code="en")


@pytest.fixture
def chat_fr(engine: Engine) -> Dialogue:
    """A conversation in French (the client says ``fr-CM``)."""
    return Dialogue(engine, language_code="fr-CM")
