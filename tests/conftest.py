"""Shared fixtures: the real NLU process with the real trained models (trained once,
cached by the hash of their inputs in models/), the real content and catalogs, and
dialogue helpers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.content import ContentStore, load_content
from bot.engine import Engine, EngineSettings
from bot.i18n import Catalogs
from bot.topics import LANGUAGES
from tests.dialogue import Dialogue
from tests.nlu_process import ThreadedNlu


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
def nlu(settings: Settings) -> Iterator[ThreadedNlu]:
    """The NLU process with both real models, trained if their data changed, started once."""
    process = ThreadedNlu.of(settings, LANGUAGES)
    yield process
    process.shutdown()


@pytest.fixture
def engine(content: ContentStore, nlu: ThreadedNlu, catalogs: Catalogs) -> Engine:
    return Engine(content, nlu, catalogs, EngineSettings(handoff_enabled=True))


@pytest.fixture
def chat(engine: Engine) -> Dialogue:
    """A conversation in English (the client says ``en``)."""
    return Dialogue(engine, language_code="en")


@pytest.fixture
def chat_fr(engine: Engine) -> Dialogue:
    """A conversation in French (the client says ``fr-CM``)."""
    return Dialogue(engine, language_code="fr-CM")
