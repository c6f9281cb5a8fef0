"""The shared services: content, catalogs, the NLU process and the engine."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.config import Settings
from bot.content import ContentStore, load_content
from bot.engine import Engine, EngineSettings
from bot.errors import NluError
from bot.i18n import Catalogs
from bot.nlu import NluProcess, NluTuning

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What every front (console, Telegram, `bot ask`) needs, loaded once."""

    settings: Settings
    content: ContentStore
    catalogs: Catalogs
    nlu: NluProcess
    engine: Engine

    async def understand(self, timeout: float) -> None:
        """Start the NLU process and wait for its models (tools that need them at once).

        Raises:
            NluError: the models were not ready within ``timeout`` seconds.
        """
        self.nlu.start()
        if not await self.nlu.wait_ready(timeout):
            raise NluError(
                f"the NLU process was not ready within {timeout:.0f} s: see the messages "
                "above (`make setup` builds Rasa's environment and trains the models)"
            )

    async def close(self) -> None:
        """Stop the NLU process."""
        await self.nlu.close()


def load_services(
    settings: Settings,
    engine_settings: EngineSettings | None = None,
    nlu_tuning: NluTuning | None = None,
) -> Services:
    """Load and validate the content and catalogs; the NLU process starts with ``nlu.start()``.

    Raises:
        ContentError, CatalogError: what is wrong, with file and line.
    """
    catalogs = Catalogs.load()
    content = load_content(settings.content_dir)
    nlu = NluProcess(
        settings.rasa_python, settings.nlu_dir, settings.models_dir, tuning=nlu_tuning
    )
    engine = Engine(content, nlu, catalogs, engine_settings)
    return Services(settings, content, catalogs, nlu, engine)
