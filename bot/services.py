"""Load the shared services once: content, catalogs, NLU models and the engine."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from bot.config import Settings
from bot.content import ContentStore, load_content
from bot.engine import Engine, EngineSettings
from bot.i18n import Catalogs
from bot.nlu import NluModels
from bot.topics import LANGUAGES

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What every front (console, Telegram, `bot ask`) needs, loaded once."""

    settings: Settings
    content: ContentStore
    catalogs: Catalogs
    nlu: NluModels
    engine: Engine

    def close(self) -> None:
        """Release the NLU worker thread."""
        self.nlu.close()


def load_services(settings: Settings, engine_settings: EngineSettings | None = None) -> Services:
    """Load and validate everything; fail early with a clear error if anything is wrong."""
    started = time.perf_counter()
    catalogs = Catalogs.load()
    content = load_content(settings.content_dir)
    nlu = NluModels(settings.nlu_dir, settings.models_dir)
    nlu.load(LANGUAGES)
    engine = Engine(content, nlu, catalogs, engine_settings)
    log.info("ready in %.1f s", time.perf_counter() - started)
    return Services(settings, content, catalogs, nlu, engine)
