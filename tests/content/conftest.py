from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.content import load_content
from bot.engine import Engine
from bot.i18n import Catalogs
from bot.nlu.training import train
from bot.services import Services
from tests.content.project import FIXTURES, Project
from tests.nlu_process import ThreadedNlu

SMALL_NLU = FIXTURES / "nlu_small"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the valid fixture project, to break."""
    return Project(tmp_path / "project")


def train_small_nlu(root: Path) -> tuple[Path, Path]:
    """A copy of the small English NLU project under ``root``, trained: (nlu, models)."""
    nlu_root, models = root / "nlu", root / "models"
    shutil.copytree(SMALL_NLU, nlu_root)
    settings = Settings.from_env({})
    train("en", nlu_root, models, settings.spelling_file, settings.rasa_python)
    return nlu_root, models


def small_nlu_process(root: Path) -> ThreadedNlu:
    """The small English model, trained under ``root``, in an NLU process of its own."""
    nlu_root, models = train_small_nlu(root)
    settings = Settings.from_env({"NLU_DIR": str(nlu_root), "MODELS_DIR": str(models)})
    return ThreadedNlu.of(settings, ("en",))


@pytest.fixture(scope="session")
def small_nlu(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreadedNlu]:
    """The small English model (avr_cost, risks_sea, greeting, out_of_scope), started once."""
    process = small_nlu_process(tmp_path_factory.mktemp("small-nlu"))
    yield process
    process.shutdown()


def make_services(project: Project, nlu: ThreadedNlu, catalogs: Catalogs) -> Services:
    """The bot's services on the project's content and the given models."""
    settings = Settings.from_env(
        {
            "CONTENT_DIR": str(project.content),
            "NLU_DIR": str(nlu.nlu_dir),
            "MODELS_DIR": str(nlu.models_dir),
        }
    )
    content = load_content(settings.content_dir)
    engine = Engine(content, nlu, catalogs)
    return Services(settings, content, catalogs, nlu, engine)  # type: ignore[arg-type]


@pytest.fixture
def services(project: Project, small_nlu: ThreadedNlu, catalogs: Catalogs) -> Services:
    return make_services(project, small_nlu, catalogs)
