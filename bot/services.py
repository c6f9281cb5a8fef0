"""The shared services: content, catalogs, the NLU process and the engine."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.config import Settings
from bot.content import ContentStore, load_content
from bot.content.problems import Problem
from bot.content.snapshot import load_or_last_good
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
    # The errors of the content on disk while the last good copy is served (else empty).
    content_refused: list[Problem] = field(default_factory=list)

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
    last_good: bool = False,
) -> Services:
    """Load and validate the content and catalogs; the NLU process starts with ``nlu.start()``.

    With ``last_good`` (the running bot), content with errors does not stop the start: the
    last content that passed the check is served, and ``content_refused`` says why.

    Raises:
        ContentError, CatalogError: what is wrong, with file and line.
    """
    catalogs = Catalogs.load()
    refused: list[Problem] = []
    if last_good:
        loaded = load_or_last_good(settings.content_dir, settings.data_dir)
        content, refused = loaded.store, loaded.refused
    else:
        content = load_content(settings.content_dir)
    rasa = settings.rasa_python
    nlu = NluProcess(
        rasa, settings.nlu_dir, settings.models_dir, settings.spelling_file, tuning=nlu_tuning
    )
    engine = Engine(content, nlu, catalogs, engine_settings)
    return Services(settings, content, catalogs, nlu, engine, refused)
